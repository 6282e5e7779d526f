"""Build the 横浜 DX 戦略 ダッシュボード (2023) sample PDF: a short report, one page per dashboard tab.

Why a report: the original is a web dashboard; its numbers (headline figures with units and as-of
dates) and its two tables (チーム数, 標準化の対象事務 with merged 所管局 cells) are what a parser must
find, so they are drawn as ruled tables in an embedded, subsetted IPAexGothic font.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, Spacer, Table, TableStyle

from sample_docs.data.yokohama_dashboard import PAGE_TITLE, TABS
from sample_docs.pdfkit import EMBEDDED_GOTHIC, build_pdf, register_fonts

STEM = "yokohama_dx_dashboard_2023"
MARGIN = 36.0
WIDTH = A4[0] - 2 * MARGIN
FONT = EMBEDDED_GOTHIC


def style(size: float, align: int = 0) -> ParagraphStyle:
    """A paragraph style in the report font at `size` points (align: 0 left, 1 centre, 2 right)."""
    return ParagraphStyle(
        f"dash-{size}-{align}",
        fontName=FONT,
        fontSize=size,
        leading=size * 1.35,
        alignment=align,
        wordWrap="CJK",
    )


def para(text: str, size: float = 9, align: int = 0) -> Paragraph:
    """Text as printed (escaped, so `<` and `&` stay literal)."""
    return Paragraph(escape(text), style(size, align))


def ruled(data: list[list], col_widths: list[float], extra: list[tuple] = ()) -> Table:
    """A ruled table in the report font with the given extra style commands."""
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6")),
        *extra,
    ]
    return Table(data, colWidths=col_widths, style=TableStyle(commands))


def kpi_table(rows: list[tuple[str, str, str]]) -> Table:
    """Headline figures: label, the figure as printed (large), and its note or as-of date."""
    data = [[para("指標"), para("数値"), para("時点・注")]]
    data += [[para(label), para(figure, 12), para(note, 8)] for label, figure, note in rows]
    return ruled(data, [WIDTH * 0.36, WIDTH * 0.40, WIDTH * 0.24])


def grid_table(rows: list[list[str]]) -> Table:
    """A printed table; an empty body cell is merged into the non-empty cell above it."""
    ncols = len(rows[0])
    spans = []
    for col in range(ncols):
        top = None
        for r in range(1, len(rows) + 1):
            if r < len(rows) and rows[r][col] == "" and top is not None:
                continue
            if top is not None and r - 1 > top:
                spans.append(("SPAN", (col, top), (col, r - 1)))
            top = r if r < len(rows) and rows[r][col] else None
    widths = [WIDTH / ncols] * ncols if ncols > 2 else [WIDTH * 0.4, WIDTH * 0.6]
    numbers = [("ALIGN", (1, 1), (-1, -1), "RIGHT")] if ncols > 2 else []
    table = ruled([list(row) for row in rows], widths, spans + numbers)
    table.repeatRows = 1
    return table


def tab_flowables(name: str, updated: str | None, items: list[tuple]) -> list:
    """One dashboard tab: the page header, the tab name, then its items in order."""
    out = [para(PAGE_TITLE, 16, 1)]
    if updated:
        out.append(para(updated, 8, 2))
    out += [Spacer(0, 4), para(name, 13), Spacer(0, 6)]
    for kind, content in items:
        if kind == "h":
            out += [Spacer(0, 4), para(content, 11)]
        elif kind == "p":
            out.append(para(content))
        elif kind == "kpi":
            out.append(kpi_table(content))
        elif kind == "table":
            out.append(grid_table(content))
        elif kind == "notes":
            out += [Spacer(0, 6)] + [para(f"{marker} {text}", 7.5) for marker, text in content]
        out.append(Spacer(0, 3))
    return out


def build(out_dir: Path) -> list[Path]:
    """Write the dashboard report into `out_dir`; return its path."""
    register_fonts()
    story: list = []
    for index, (name, updated, items) in enumerate(TABS):
        if index:
            story.append(PageBreak())
        story += tab_flowables(name, updated, items)
    path = out_dir / f"{STEM}.pdf"
    return [build_pdf(path, story, pagesize=A4, title=PAGE_TITLE, margins_pt=MARGIN)]
