"""A page printed as an image (a scan holding at most a stray space of text) in a document that has text
is flagged, never dropped in silence: the document is partial, its text layer partial, the pages named."""

from __future__ import annotations

import hashlib

import pypdfium2 as pdfium
from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from parsers.parse import parse_pdf
from parsers.pdf.health import describe_textless_pages
from sample_docs.pdfkit import EMBEDDED_GOTHIC, register_fonts
from tests.documents.budget_book.render import PORTRAIT, render


def _page_without_text(path, *, scanned: bool):
    """One A4 page holding one space character and either a bitmap (a scan, as the 南国市 特別会計 book's
    条文) or only a coloured background (as its divider pages: nothing printed to read, so blank)."""
    register_fonts()
    c = canvas.Canvas(str(path), pagesize=A4)
    if scanned:
        image = Image.new("L", (600, 300), 255)
        ImageDraw.Draw(image).rectangle((40, 40, 560, 260), outline=0, width=4)
        image.save(path.with_suffix(".png"))
        c.drawImage(str(path.with_suffix(".png")), 50, 400, width=500, height=250)
    else:
        c.setFillColorRGB(1.0, 0.987, 0.819)
        c.rect(0, 0, *A4, fill=1, stroke=0)
    c.setFont(EMBEDDED_GOTHIC, 10)
    c.drawString(100, 100, " ")
    c.showPage()
    c.save()
    return path


def _parse(path):
    return parse_pdf(path, hashlib.sha256(path.read_bytes()).hexdigest())


def test_an_image_only_page_makes_the_document_partial_and_is_named(tmp_path):
    book = pdfium.PdfDocument(render(tmp_path / "book.pdf", PORTRAIT))
    book.import_pages(pdfium.PdfDocument(_page_without_text(tmp_path / "scan.pdf", scanned=True)))
    book.import_pages(pdfium.PdfDocument(_page_without_text(tmp_path / "divider.pdf", scanned=False)))
    book.save(tmp_path / "with_scan.pdf")
    clean, scanned = _parse(tmp_path / "book.pdf"), _parse(tmp_path / "with_scan.pdf")
    assert (clean.status, clean.text_layer) == ("loaded", "ok")
    assert (scanned.status, scanned.text_layer, scanned.pages) == ("partial", "partial", 3)
    assert scanned.error == "1 page(s) have no text layer (drawn as images or outlines) and were not read: p. 2"
    assert len(scanned.records.rows["budget_lines"]) == len(clean.records.rows["budget_lines"]) > 0


def test_the_reason_lists_the_pages():
    assert describe_textless_pages([]) is None
    assert describe_textless_pages(list(range(1, 13))).endswith("p. 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 …")


def test_the_kokuho_book_says_its_scanned_page(real_dir):
    path = real_dir / "nankoku" / "nankoku_r8_kokuho_yosan.pdf"
    parsed = _parse(path)
    # p. 3 is 33 images and one space; pp. 2 and 8 are blank (no graphics), which is no fault
    assert (parsed.status, parsed.text_layer, parsed.family) == ("partial", "partial", "budget_book")
    assert parsed.error == "1 page(s) have no text layer (drawn as images or outlines) and were not read: p. 3"


def test_the_general_account_book_says_its_scanned_page_only(real_dir):
    parsed = _parse(real_dir / "nankoku" / "nankoku_r4_ippan_yosan.pdf")
    # p. 8 is 43 images; pp. 7 and 21 are divider pages (a pale background fill, no text): blank
    assert (parsed.status, parsed.text_layer) == ("partial", "partial")
    assert parsed.error == "1 page(s) have no text layer (drawn as images or outlines) and were not read: p. 8"
