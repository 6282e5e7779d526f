"""Build the 横浜 DX 戦略 ダッシュボード (2023) sample PDFs: a short report, one page per dashboard tab.

Why a report: the original is a web dashboard; its numbers (headline figures with units and as-of
dates) and its two tables (チーム数, 標準化の対象事務 with merged 所管局 cells) are what a parser must
find. The main rendering draws the figures as ruled label/figure/note tables in an embedded,
subsetted IPAexGothic font. `variant_a` lays the same data out the way the web page does: A4
landscape, the non-embedded CID font HeiseiKakuGo-W5, other heading sizes, each figure as a card
(label line, the figure in large type, a small note line) with no rules, the チーム数 grid
transposed (periods as columns) and the 対象事務 table with every 所管局 printed (no merged cells).
Both print the web page's navigation (the six tab names) on every page: the main rendering as a
running header, the variant as a running footer.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, Spacer, Table, TableStyle

from sample_docs.data.yokohama_dashboard import PAGE_TITLE, TABS
from sample_docs.pdfkit import CID_GOTHIC, EMBEDDED_GOTHIC, build_pdf, in_column_order, register_fonts, table_rules

STEM = "yokohama_dx_dashboard_2023"
MARGIN = 36.0
WIDTH = A4[0] - 2 * MARGIN
FONT = EMBEDDED_GOTHIC
CARD_WIDTH = landscape(A4)[0] - 2 * MARGIN
ITEM_GAP = 8.0  # points between items: tables closer than pdfplumber's snap tolerance read as one grid
NAV = [name for name, _, _ in TABS]
NAV_SIZE = 6.0  # the running header fits the page (at 6.5 pt it ran 9 pt past the right edge)


KPI_COLUMN_ORDER = [0, 2, 1]  # rendering (d): the note before the figure (`pdfkit.in_column_order`)


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
        *table_rules(shading=(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6")),)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        *extra,
    ]
    return Table(data, colWidths=col_widths, style=TableStyle(commands))


def kpi_table(rows: list[tuple[str, str, str]]) -> Table:
    """Headline figures: label, the figure as printed (large), and its note or as-of date."""
    data = [[para("指標"), para("数値"), para("時点・注")]]
    data += [[para(label), para(figure, 12), para(note, 8)] for label, figure, note in rows]
    [widths, *data] = in_column_order([[WIDTH * 0.36, WIDTH * 0.40, WIDTH * 0.24], *data], KPI_COLUMN_ORDER)
    return ruled(data, widths)


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
        elif kind == "chart":
            out.append(chart_box([para(line, 8) for line in content], WIDTH * 0.6))
        out.append(Spacer(0, ITEM_GAP))
    return out


def chart_box(lines: list[Paragraph], width: float) -> Table:
    """A chart the seed has no image of: a frame with its caption (and as-of line) over an empty plot area."""
    data = [[line] for line in lines] + [[""]]
    heights = [None] * len(lines) + [60.0]
    return Table(
        data, colWidths=[width], rowHeights=heights, style=TableStyle(table_rules(0.5, colors.grey, frame="BOX"))
    )


def nav_header(canvas, doc) -> None:
    """The main rendering's running header: the tab names in a row above the page title."""
    canvas.saveState()
    canvas.setFont(FONT, NAV_SIZE)
    canvas.drawString(MARGIN, A4[1] - MARGIN / 2, " ｜ ".join(NAV))
    canvas.restoreState()


def nav_footer(canvas, doc) -> None:
    """The variant's running footer: the tab names in a row at the foot of the page."""
    canvas.saveState()
    canvas.setFont(CID_GOTHIC, NAV_SIZE + 0.5)
    canvas.drawCentredString(landscape(A4)[0] / 2, MARGIN / 2, " / ".join(NAV))
    canvas.restoreState()


def card_para(text: str, size: float, align: int = 0) -> Paragraph:
    """Text in the variant's CID font (escaped, so `<` and `&` stay literal)."""
    card_style = ParagraphStyle(
        f"card-{size}-{align}", fontName=CID_GOTHIC, fontSize=size, leading=size * 1.3, alignment=align, wordWrap="CJK"
    )
    return Paragraph(escape(text), card_style)


def card_table(rows: list[list[str]]) -> Table:
    """The variant's grids: periods on columns (a grid whose first column holds them is transposed), every
    cell printed (a blank cell repeats the one above instead of being merged)."""
    if len(rows[0]) > 2:
        rows = [list(col) for col in zip(*rows, strict=True)]
    filled = [rows[0]]
    for row in rows[1:]:
        filled.append([cell or filled[-1][k] for k, cell in enumerate(row)])
    data = [[card_para(cell, 8.5) for cell in row] for row in filled]
    widths = [CARD_WIDTH * 0.3] + [CARD_WIDTH * 0.7 / (len(rows[0]) - 1)] * (len(rows[0]) - 1)
    style = [*table_rules(0.4, colors.grey), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    table = Table(data, colWidths=widths, style=TableStyle(style))
    table.repeatRows = 1
    return table


def card_flowables(name: str, updated: str | None, items: list[tuple]) -> list:
    """One dashboard tab as the web page shows it: figures as cards (label, large figure, small note)."""
    out = [card_para(name, 14), card_para(PAGE_TITLE, 18)]
    if updated:
        out.append(card_para(updated, 7, 2))
    out.append(Spacer(0, 6))
    for kind, content in items:
        if kind == "h":
            out += [Spacer(0, 6), card_para(content, 10.5)]
        elif kind == "p":
            out.append(card_para(content, 9))
        elif kind == "kpi":
            for label, figure, note in content:
                out += [Spacer(0, 4), card_para(label, 9), card_para(figure, 16)]
                out += [card_para(note, 7)] if note else []
        elif kind == "table":
            out.append(card_table(content))
        elif kind == "notes":
            out += [Spacer(0, 6)] + [card_para(f"{marker} {text}", 7) for marker, text in content]
        elif kind == "chart":
            out.append(chart_box([card_para(line, 8.5) for line in content], CARD_WIDTH * 0.5))
        out.append(Spacer(0, ITEM_GAP))
    return out


def build(out_dir: Path) -> list[Path]:
    """Write the dashboard report and its card variant into `out_dir`; return their paths."""
    register_fonts()
    story: list = []
    cards: list = []
    for index, (name, updated, items) in enumerate(TABS):
        if index:
            story.append(PageBreak())
            cards.append(PageBreak())
        story += tab_flowables(name, updated, items)
        cards += card_flowables(name, updated, items)
    main = build_pdf(
        out_dir / f"{STEM}.pdf", story, pagesize=A4, title=PAGE_TITLE, margins_pt=MARGIN, on_page=nav_header
    )
    variant = build_pdf(
        out_dir / f"{STEM}_variant_a.pdf",
        cards,
        pagesize=landscape(A4),
        title=PAGE_TITLE,
        margins_pt=MARGIN,
        on_page=nav_footer,
    )
    return [main, variant]
