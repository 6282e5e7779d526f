"""Small PDFs for tests, built with reportlab (placed by hand, so tests know every cell)."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from reportlab.platypus import Table, TableStyle

from sample_docs.pdfkit import EMBEDDED_GOTHIC, build_pdf, register_fonts

RULINGS = {  # how a table is ruled: a full grid, a rule above and below each row, or none
    "grid": [("GRID", (0, 0), (-1, -1), 0.5, "black")],
    "horizontal": [("LINEBELOW", (0, 0), (-1, -1), 0.5, "black"), ("LINEABOVE", (0, 0), (-1, 0), 0.5, "black")],
    "none": [],
}


def ruled_table_pdf(
    path: Path,
    rows: list[list[str]],
    *,
    spans=(),
    pages: int = 1,
    tables: int = 1,
    ruling: str = "grid",
    style=(),
    col_widths=None,
) -> Path:
    """Write `pages` pages, each holding `tables` tables of `rows` (a line of white space apart) ruled as
    RULINGS[ruling]; `spans` are ((c0, r0), (c1, r1)); `style` adds reportlab table commands
    (`("ALIGN", …, "RIGHT")`)."""
    style = [("FONT", (0, 0), (-1, -1), EMBEDDED_GOTHIC, 9), *RULINGS[ruling], *style]
    style += [("SPAN", start, end) for start, end in spans]
    from reportlab.platypus import PageBreak, Spacer

    flowables: list = []
    for n in range(pages):
        if n:
            flowables.append(PageBreak())
        for k in range(tables):
            flowables += [Spacer(0, 12)] if k else []
            flowables.append(Table(rows, colWidths=col_widths, style=TableStyle(style)))
    return build_pdf(path, flowables, pagesize=A4, title="test table")


def encrypted_pdf(path: Path) -> Path:
    """Write a one-page PDF that needs a user password to open."""
    register_fonts()
    c = canvas.Canvas(str(path), pagesize=A4, encrypt="secret")
    c.setFont(EMBEDDED_GOTHIC, 12)
    c.drawString(72, 720, "非公開")
    c.save()
    return path


def text_pdf(path: Path, pages: list[list[str]]) -> Path:
    """Write one page per item of `pages`, each its lines of text and nothing else (no rule, no table)."""
    register_fonts()
    c = canvas.Canvas(str(path), pagesize=A4)
    for lines in pages:
        c.setFont(EMBEDDED_GOTHIC, 12)
        for i, line in enumerate(lines):
            c.drawString(72, 760 - 20 * i, line)
        c.showPage()
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


def inflation_bomb_pdf(path: Path, inflated_bytes: int, chunk: int = 1 << 24) -> Path:
    """Write a one-page PDF whose content stream inflates to `inflated_bytes` (a line of text, then zero
    bytes): a small file that costs a naive reader time and memory in proportion to the inflated size.
    Compressed in chunks, so even a 1 GiB bomb is built in little memory."""
    import zlib

    head = b"BT /F1 12 Tf 72 720 Td (inflation bomb) Tj ET\n"
    packer = zlib.compressobj(9)
    parts, left = [packer.compress(head)], inflated_bytes - len(head)
    zeros = bytes(min(chunk, max(left, 0)))
    while left > 0:
        parts.append(packer.compress(zeros[: min(chunk, left)]))
        left -= chunk
    stream = b"".join(parts) + packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path
