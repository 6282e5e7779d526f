"""OCR of pages without text (#18): the real outlined chapter, and a fuji_r8 page turned into a scan.

Truth: what the pages print (the outlined chapter's 5款 労働費 page 1, as its image shows) and the text
layer of the page the scan was made from. Needs Tesseract with its Japanese model (`.ci/run` installs
tesseract-ocr and tesseract-ocr-jpn); skipped with the reason where it is missing.
"""

from __future__ import annotations

import shutil

import pytest

from bench.ocr_fuji import scanned
from parsers.parse import parse_pdf
from parsers.pdf.ocr import ocr_page
from parsers.pdf.reading import readable_lines
from parsers.pdf.scans import read_scanned_page

pytestmark = [
    pytest.mark.real,
    pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed (tesseract-ocr-jpn)"),
]


def amounts(page) -> set[str]:
    return {w.text for w in page.words if any(ch.isdigit() for ch in w.text)}


def test_outlined_page_is_read_with_its_amounts_rules_and_confidences(real_dir):
    page = ocr_page(real_dir / "broken" / "outlined_text_no_text_layer.pdf", 1)
    assert {"256,499千円", "114,424", "111,568", "2,856", "114,149"} <= amounts(page)
    assert {"労働費", "労政費"} <= {w.text for w in page.words}
    assert all(w.confidence is not None and 0 <= w.confidence <= 1 for w in page.words)
    assert {r.orientation for r in page.rules} == {"h", "v"}


def test_a_scanned_page_reads_the_amounts_its_text_layer_holds(real_dir, tmp_path):
    scan = scanned(real_dir / "fuji_r8" / "歳入_02款_地方譲与税.pdf", tmp_path / "scan.pdf")
    page = ocr_page(scan, 1)
    assert {"685,000千円", "480,000", "450,000", "30,000", "78,000", "80,000", "120,000", "140,000"} <= amounts(page)


def test_ocr_is_off_unless_asked_and_a_scan_then_says_ocr(real_dir, tmp_path, monkeypatch):
    scan = scanned(real_dir / "fuji_r8" / "歳出_14款_予備費.pdf", tmp_path / "scan.pdf")
    monkeypatch.delenv("GYOSEI_OCR", raising=False)
    unread = parse_pdf(scan, "c" * 64)
    assert (unread.status, unread.text_layer) == ("failed", "none")
    monkeypatch.setenv("GYOSEI_OCR", "on")
    parsed = parse_pdf(scan, "d" * 64)
    assert (parsed.text_layer, parsed.family, parsed.status) == ("ocr", "budget_book", "partial")
    assert parsed.error == "1 page(s) had no text and were read by OCR: their values are unverified"


def test_without_the_reference_fonts_tesseract_reads_a_scan(real_dir, tmp_path, monkeypatch):
    scan = scanned(real_dir / "fuji_r8" / "歳出_14款_予備費.pdf", tmp_path / "scan.pdf")
    monkeypatch.setenv("GYOSEI_OCR", "on")
    monkeypatch.setenv("GYOSEI_REFERENCE_FONTS", str(tmp_path))  # holds no font
    parsed = parse_pdf(scan, "e" * 64)
    assert (parsed.text_layer, parsed.family, parsed.status) == ("ocr", None, "failed")  # no budget book read
    assert parsed.records.warnings == [
        "pages without text read by Tesseract instead: reference font ipaexm.ttf not found: "
        "install the Debian package fonts-ipaexfont-mincho"
    ]


@pytest.mark.usefixtures("shapes")
def test_a_real_scan_keeps_its_text_and_drops_the_specks_of_its_paper(real_dir):
    """南国市 国保 p.3 is another city's print, scanned with its seal: the specks of the paper between its
    lines are no text (they read as lone `・`, `、´`, `‐` before), its article and total still are."""
    path = real_dir / "nankoku" / "nankoku_r8_kokuho_yosan.pdf"
    if not path.exists():
        pytest.skip(f"{path} is not present")
    page = read_scanned_page(path, 3)
    specks = [w.text for w in page.words if all(ch in "・･、､´`‐-'’.," for ch in w.text)]
    assert specks == []
    lines = [line.text.replace(" ", "") for line in readable_lines(page.words)]
    assert "第1条歳入歳出予算の総額は､歳入歳出それぞれ5,503,210千円と定める｡" in lines
