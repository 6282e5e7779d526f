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


def mismapped_pdf(path: Path, lines: list[str], wrong: dict[str, str], missing: str = "") -> Path:
    """Write one page of `lines` in embedded IPAexGothic, then break its ToUnicode map the way real files are.

    `wrong` maps printed characters to the ones the map will claim (報酬 extracting as 報郸); the
    characters of `missing` lose their map entry altogether. The map is patched in place with entries of
    the same length, so the file stays valid.
    """
    register_fonts()
    c = canvas.Canvas(str(path), pagesize=A4, pageCompression=0)
    c.setFont(EMBEDDED_GOTHIC, 12)
    for i, line in enumerate(lines):
        c.drawString(72, 760 - 20 * i, line)
    c.save()
    data = path.read_bytes()
    for printed, claimed in wrong.items():
        old, new = f"<{ord(printed):04X}>".encode(), f"<{ord(claimed):04X}>".encode()
        assert data.count(b"> " + old) == 1, printed
        data = data.replace(b"> " + old, b"> " + new)
    for printed in missing:
        entry = f"> <{ord(printed):04X}>".encode()
        start = data.index(entry) - 3  # `<NN> <XXXX>` becomes a comment of the same length
        data = data[:start] + b"%" + b" " * (len(entry) + 2) + data[start + 3 + len(entry) :]
    path.write_bytes(data)
    return path
