"""Small PDFs for tests, built with reportlab (placed by hand, so tests know every cell)."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from reportlab.platypus import Table, TableStyle

from sample_docs.pdfkit import EMBEDDED_GOTHIC, build_pdf, register_fonts


def ruled_table_pdf(path: Path, rows: list[list[str]], *, spans=(), pages: int = 1) -> Path:
    """Write `pages` pages, each holding one ruled table of `rows`; `spans` are ((c0, r0), (c1, r1))."""
    style = [("FONT", (0, 0), (-1, -1), EMBEDDED_GOTHIC, 9), ("GRID", (0, 0), (-1, -1), 0.5, "black")]
    style += [("SPAN", start, end) for start, end in spans]
    from reportlab.platypus import PageBreak

    flowables: list = []
    for n in range(pages):
        if n:
            flowables.append(PageBreak())
        flowables.append(Table(rows, style=TableStyle(style)))
    return build_pdf(path, flowables, pagesize=A4, title="test table")


def encrypted_pdf(path: Path) -> Path:
    """Write a one-page PDF that needs a user password to open."""
    register_fonts()
    c = canvas.Canvas(str(path), pagesize=A4, encrypt="secret")
    c.setFont(EMBEDDED_GOTHIC, 12)
    c.drawString(72, 720, "非公開")
    c.save()
    return path
