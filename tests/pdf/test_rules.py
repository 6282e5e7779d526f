"""Rules are ruling lines: a page's lines and rectangle sides, a rounded frame's straight sides; never the
pieces of a glyph, logo or dot drawn as a path (fuji_r8's 歳出 pages draw ~30,000 a page). Both readers
agree, and the ruled table is still found."""

from __future__ import annotations

import pypdfium2 as pdfium
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from parsers.pdf.open import open_pdf
from parsers.pdf.page import page_to_model
from parsers.pdf.pdfium_page import read_pdfium_page
from sample_docs.pdfkit import EMBEDDED_GOTHIC, register_fonts

PAGE_HEIGHT = A4[1]


def _page(path):
    """A 2 × 2 grid of lines with a word in each cell, a rounded frame, a tick of two stroked strokes,
    a filled glyph-like outline (curves, 6 pt) and a row of 1-pt dots."""
    register_fonts()
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(EMBEDDED_GOTHIC, 10)
    for x in (100, 200, 300):
        c.line(x, 700, x, 760)
    for y in (700, 730, 760):
        c.line(100, y, 300, y)
    cells = [(110, 740), (210, 740), (110, 710), (210, 710)]
    for (x, y), text in zip(cells, ["code", "amount", "total", "1,234"], strict=True):
        c.drawString(x, y, text)
    c.roundRect(100, 500, 200, 100, radius=10)
    c.lines([(400, 520, 404, 515), (404, 515, 412, 528)])
    glyph = c.beginPath()
    glyph.moveTo(400, 600)
    glyph.curveTo(402, 606, 404, 606, 406, 600)
    glyph.lineTo(406, 604)
    glyph.lineTo(400, 604)
    glyph.close()
    c.drawPath(glyph, stroke=0, fill=1)
    for x in range(400, 460, 3):
        c.rect(x, 450, 1, 1, stroke=0, fill=1)
    c.showPage()
    c.save()
    return path


def _spans(model):
    """Each rule as (orientation, x0, top, x1, bottom) rounded to the point, in PDF's bottom-up y."""
    return sorted(
        (r.orientation, *(round(v) for v in (r.bbox[0], PAGE_HEIGHT - r.bbox[3], r.bbox[2], PAGE_HEIGHT - r.bbox[1])))
        for r in model.rules
    )


def test_rules_are_ruling_lines_not_outlines_or_dots(tmp_path):
    path = _page(tmp_path / "shapes.pdf")
    with open_pdf(path) as pdf:
        reference = page_to_model(pdf.pages[0])
    document = pdfium.PdfDocument(path)
    models = [reference, read_pdfium_page(document, 0)]
    document.close()
    for model in models:
        spans = _spans(model)
        grid = [s for s in spans if s[1] >= 100 and s[2] >= 700 and s[3] <= 300]
        assert grid == [("h", 100, 700, 300, 700), ("h", 100, 730, 300, 730), ("h", 100, 760, 300, 760)] + [
            ("v", x, 700, x, 760) for x in (100, 200, 300)
        ], model.reader
        frame = [s for s in spans if 500 <= s[2] and s[4] <= 600 and s[3] <= 300]
        sides = [("h", 110, 500, 290, 500), ("h", 110, 600, 290, 600)]
        sides += [("v", 100, 510, 100, 590), ("v", 300, 510, 300, 590)]
        assert frame == sides  # a rounded frame's straight sides, not its corners' curves
        tick = [s[1:] for s in spans if s[1] >= 400 and s[4] <= 530]  # pdfplumber calls a slanted line "v"
        assert tick == [(400, 515, 404, 520), (404, 515, 412, 528)]
        assert not [s for s in spans if s[4] < 460 or (s[1] >= 400 and s[2] >= 590)]  # no dot, no glyph piece
        (table,) = model.tables
        assert [c.text for c in table.cells] == ["code", "amount", "total", "1,234"]
