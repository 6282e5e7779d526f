"""Build the Yokohama 令和6年度 事業計画書 (デジタル統括本部) sample PDFs: main rendering and two variants.

Why three renderings: parsers must read the structure of these sheets (ruled tables, merged cells,
labels), not coordinates, so the same cells from `data.yokohama_budget_sheets` are drawn with a
different page size, orientation, font, column widths, block order and page breaks.

- main: A4 portrait, embedded IPAexGothic, the 目次 on page 1 and one sheet per page after it
  (pdf page = 計画書頁 + 1), blocks in the order of the original.
- variant_a: A4 landscape, non-embedded CID font HeiseiMin-W3, other column widths, the 細事業 table
  moved up next to the 財源内訳; each sheet starts a page and runs over as it needs.
- variant_b: B5 portrait, embedded IPAexGothic at a larger size, labels without the spaces
  (`区分`, `予算`), the sheets flowing on without page breaks, so tables split across pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4, B5, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Paragraph, Spacer, Table, TableStyle

from sample_docs.data.yokohama_budget_sheets import SHEETS, TOC_HEADING, TOC_ROWS, Block
from sample_docs.pdfkit import CID_MINCHO, EMBEDDED_GOTHIC, build_pdf, in_column_order, register_fonts, table_rules

STEM = "yokohama_2024_jigyo_keikakusho_digital"
TITLE = "令和6年度 事業計画書 デジタル統括本部"

# A printed value that must not wrap or merge: amounts, ▲/△ negatives, ■■■, 43/100, 99～100, 50%以上.
VALUE_RE = re.compile(r"^[▲△]?\s?[\d,. ]*\d(/\d+|～[\d.]+|%以上)?$|^■+$")
# Labels that open a row of the lower grid (事業概要, 事業指標 headers, narrative fields).
GRID_LABELS = {
    "事業概要 (アクティビティ)",
    "事業指標① (アウトプット)",
    "事業指標② (アウトカム)",
    "事業目的",
    "背景・課題",
    "根拠法令・方針決裁等",
    "根拠・データ等",
    "事業スケジュール",
    "事業開始年度",
}
# Rendering (d), columns in another order where the form leaves it free (`pdfkit.in_column_order`): the
# 財源内訳 sources from 一般財源 to 国 (under their 財源内訳 heading), the 目次's year pairs 令和5年度 first.
COLUMN_ORDER = {"funding": ([0, 1, 6, 5, 4, 3, 2], 1), "toc": ([0, 1, 4, 5, 2, 3, 6, 7, 8], 0)}
HTML_BREAK_RE = re.compile(r'</?p>|<ul style="list-style-type: none">')
CHECKBOX_RE = re.compile(r'<input (checked="" )?type="checkbox"/> (新規|拡充)')


@dataclass(frozen=True)
class Layout:
    """How one rendering draws the shared cells; weights are relative column widths per block kind."""

    suffix: str
    pagesize: tuple[float, float]
    font: str
    font_size: float
    block_rank: dict[str, int]
    weights: dict[str, list[float]]
    one_page_per_sheet: bool = True
    break_between_sheets: bool = True
    span_subproject_label: bool = True
    relabel: dict[str, str] = field(default_factory=dict)


MAIN = Layout(
    suffix="",
    pagesize=A4,
    font=EMBEDDED_GOTHIC,
    font_size=7.0,
    block_rank={},
    weights={
        "toc": [0.7, 3.4, 1, 1, 1, 1, 1, 1, 0.8],
        "header": [1.3, 1.5, 1.5],
        "funding": [1.2, 1.3, 1, 1, 1, 1, 1.2],
        "spending": [0.8, 1.6],
        "grid": [2.2, 0.6, 0.6],
        "subprojects": [1.3, 0.4, 3.4, 1, 1, 1, 3.2],
        "signoff": [5.0],
    },
)
VARIANT_A = Layout(
    suffix="_variant_a",
    pagesize=landscape(A4),
    font=CID_MINCHO,
    font_size=7.0,
    block_rank={"title": 0, "header": 1, "funding": 2, "subprojects": 3, "spending": 4, "grid": 5},
    weights={
        "toc": [0.5, 2.6, 1.2, 1.2, 1.2, 1.2, 1.3, 1.3, 0.6],
        "header": [1.0, 1.2, 1.6],
        "funding": [0.9, 1.6, 1.3, 0.8, 1.0, 0.8, 1.6],
        "spending": [0.6, 1.2, 1.3, 1.3],
        "grid": [1.6, 0.5, 0.5, 0.9, 0.9],
        "subprojects": [0.9, 0.3, 2.6, 1.2, 1.2, 1.2, 3.8],
        "signoff": [3.0],
    },
    one_page_per_sheet=False,
)
VARIANT_B = Layout(
    suffix="_variant_b",
    pagesize=B5,
    font=EMBEDDED_GOTHIC,
    font_size=7.5,
    block_rank={},
    weights={
        "toc": [0.8, 3.0, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 0.9],
        "header": [1.6, 1.4],
        "funding": [1.4, 1.4, 0.9, 0.7, 1.0, 0.7, 1.3],
        "spending": [0.7, 1.9, 1.1],
        "grid": [2.6, 0.7, 0.7],
        "subprojects": [0.9, 0.5, 2.8, 1.1, 1.1, 1.1, 2.4],
        "signoff": [3.5],
    },
    one_page_per_sheet=False,
    break_between_sheets=False,
    span_subproject_label=False,
    relabel={"区 分": "区分", "金 額": "金額", "財 源 内 訳": "財源内訳", "予 算": "予算", "決 算": "決算"},
)
LAYOUTS = [MAIN, VARIANT_A, VARIANT_B]


class CheckboxPair(Flowable):
    """The `<input type="checkbox"/> 新規 <input checked="" ...> 拡充` cell drawn as two ruled boxes
    (a tick in the checked one), since the original prints boxes, not the glyphs □/■."""

    def __init__(self, marks: list[tuple[bool, str]], font: str, size: float):
        super().__init__()
        self.marks, self.font, self.size = marks, font, size

    def wrap(self, avail_width, avail_height):
        return (self.size * 3.6 * len(self.marks), self.size * 1.3)

    def draw(self):
        c, s, x = self.canv, self.size, 0.0
        c.setLineWidth(0.5)
        for checked, label in self.marks:
            c.rect(x, 0.5, s, s)
            if checked:
                c.lines([(x + 0.2 * s, 0.5 + 0.5 * s, x + 0.45 * s, 0.7), (x + 0.45 * s, 0.7, x + s, s + 0.8)])
            c.setFont(self.font, s)
            c.drawString(x + 1.3 * s, 1.0, label)
            x += 3.6 * s


def is_value(text: str) -> bool:
    """True for a cell printed as one value (drawn unwrapped, right-aligned, never merged)."""
    return bool(VALUE_RE.match(text))


def cell_flowable(text: str, layout: Layout, style: ParagraphStyle):
    """Given a printed cell, return what the table draws: a string, a check-box pair or a paragraph."""
    text = layout.relabel.get(text, text)
    if not text or is_value(text):
        return text
    if "<input" in text:
        marks = [(bool(m.group(1)), m.group(2)) for m in CHECKBOX_RE.finditer(text)]
        return CheckboxPair(marks, layout.font, layout.font_size)
    # Only the seed's <p>/<ul> fragments become line breaks; `<背景>` and `<令和5年度>` stay as text.
    parts = [escape(part).strip() for part in HTML_BREAK_RE.split(text)]
    return Paragraph("<br/>".join(p for p in parts if p), style)


def absorb_spans(rows: list[list[str]], row_indexes) -> list[tuple]:
    """SPAN commands merging each label cell with the empty cells after it, as the form prints them."""
    spans = []
    for r in row_indexes:
        row = rows[r]
        for c, text in enumerate(row):
            if not text or is_value(text):
                continue
            end = c
            while end + 1 < len(row) and row[end + 1] == "":
                end += 1
            if end > c:
                spans.append(("SPAN", (c, r), (end, r)))
    return spans


def down_spans(rows: list[list[str]], col: int, starts) -> list[tuple]:
    """SPAN commands merging cell (col, r) with the empty cells below it, for each start row r."""
    spans = []
    for r in starts:
        end = r
        while end + 1 < len(rows) and rows[end + 1][col] == "":
            end += 1
        if end > r:
            spans.append(("SPAN", (col, r), (col, end)))
    return spans


def block_spans(kind: str, rows: list[list[str]], layout: Layout) -> list[tuple]:
    """The merged cells of one block, by kind, where the original sheet merges them."""
    every = range(len(rows))
    if kind == "toc":
        return [
            ("SPAN", (0, 0), (0, 1)),
            ("SPAN", (1, 0), (1, 1)),
            ("SPAN", (2, 0), (3, 0)),
            ("SPAN", (4, 0), (5, 0)),
            ("SPAN", (6, 0), (7, 0)),
            ("SPAN", (8, 0), (8, 1)),
        ]
    if kind == "header":
        return absorb_spans(rows, [r for r in every if rows[r][0] != "歳出予算科目"])
    if kind == "funding":
        return [("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)), ("SPAN", (2, 0), (len(rows[0]) - 1, 0))]
    if kind == "spending":
        return down_spans(rows, 0, [r for r in every if r > 0 and rows[r][0]])
    if kind == "grid":
        labels = [r for r in every if rows[r][0] in GRID_LABELS]
        names = [r for r in every if "目標" in rows[r][1:3]]
        return absorb_spans(rows, labels) + down_spans(rows, 0, names)
    if kind == "subprojects":
        spans = absorb_spans(rows, every)
        if layout.span_subproject_label:
            spans += down_spans(rows, 0, [r for r in every if rows[r][0].startswith("細事業(")])
        return spans
    return absorb_spans(rows, every)


def block_table(kind: str, rows: list[list[str]], layout: Layout, width: float) -> Table:
    """Given one block's printed rows, return it as a ruled reportlab Table."""
    ncols = max(len(row) for row in rows)
    grid = in_column_order([row + [""] * (ncols - len(row)) for row in rows], *COLUMN_ORDER.get(kind, (None,)))
    prefix = layout.weights.get(kind, [])[:ncols]
    weights = prefix + [1.0] * (ncols - len(prefix))
    col_widths = [width * w / sum(weights) for w in weights]
    style = ParagraphStyle(
        f"cell-{layout.font}",
        fontName=layout.font,
        fontSize=layout.font_size,
        leading=layout.font_size * 1.25,
        wordWrap="CJK",
    )
    data = [[cell_flowable(text, layout, style) for text in row] for row in grid]
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), layout.font),
        ("FONTSIZE", (0, 0), (-1, -1), layout.font_size),
        *table_rules(),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]
    commands += [
        ("ALIGN", (c, r), (c, r), "RIGHT") for r, row in enumerate(grid) for c, t in enumerate(row) if t and is_value(t)
    ]
    commands += block_spans(kind, grid, layout)
    repeat = 1 if kind == "subprojects" and grid[0][1] == "細事業名称" else 0
    return Table(data, colWidths=col_widths, style=TableStyle(commands), repeatRows=repeat)


def order_blocks(blocks: list[Block], layout: Layout) -> list[list[Block]]:
    """Group each `(単位：千円)` line with the block it heads, then order the groups for the layout."""
    groups: list[list[Block]] = []
    pending: list[Block] = []
    for block in blocks:
        pending.append(block)
        if block.kind != "unit":
            groups.append(pending)
            pending = []
    if not layout.block_rank:
        return groups
    last = max(layout.block_rank.values()) + 1
    return sorted(groups, key=lambda group: layout.block_rank.get(group[-1].kind, last))


def text_line(text: str, layout: Layout, size: float, align: int) -> Paragraph:
    """A line printed outside the tables (title, `(単位：千円)`, the 目次 heading)."""
    style = ParagraphStyle(
        f"line-{size}-{align}", fontName=layout.font, fontSize=size, leading=size * 1.3, alignment=align
    )
    return Paragraph(escape(text), style)


def sheet_flowables(blocks: list[Block], layout: Layout, width: float) -> list:
    """Given one sheet's blocks, return its title, unit lines and tables in the layout's order."""
    out: list = []
    for group in order_blocks(blocks, layout):
        for block in group:
            if block.kind == "title":
                out.append(text_line(block.rows[0][0], layout, layout.font_size * 2, 1))
            elif block.kind == "unit":
                out.append(text_line(block.rows[0][0], layout, layout.font_size, 2))
            else:
                out.append(block_table(block.kind, block.rows, layout, width))
                out.append(Spacer(0, layout.font_size * 0.8))
    return out


def toc_flowables(layout: Layout, width: float) -> list:
    """The 目次 page: its heading lines and the 目次 table."""
    title, bureau, account, unit = TOC_HEADING
    return [
        text_line(title, layout, layout.font_size * 2.2, 1),
        Spacer(0, 6),
        text_line(bureau, layout, layout.font_size * 1.4, 0),
        text_line(account, layout, layout.font_size * 1.4, 0),
        text_line(unit, layout, layout.font_size * 1.2, 2),
        block_table("toc", TOC_ROWS, layout, width),
    ]


def document_flowables(layout: Layout, margin: float) -> list:
    """All flowables of one rendering: the 目次, then the 17 sheets."""
    width = layout.pagesize[0] - 2 * margin
    height = layout.pagesize[1] - 2 * margin
    story = toc_flowables(layout, width)
    for blocks in SHEETS:
        story.append(PageBreak() if layout.break_between_sheets else Spacer(0, layout.font_size * 3))
        content = sheet_flowables(blocks, layout, width)
        if layout.one_page_per_sheet:
            story.append(KeepInFrame(width, height - 1, content, mode="shrink"))
        else:
            story.extend(content)
    return story


def build(out_dir: Path) -> list[Path]:
    """Write the main rendering and both variants into `out_dir`; return their paths."""
    margin = 28.0
    register_fonts()
    return [
        build_pdf(
            out_dir / f"{STEM}{layout.suffix}.pdf",
            document_flowables(layout, margin),
            pagesize=layout.pagesize,
            title=TITLE,
            margins_pt=margin,
        )
        for layout in LAYOUTS
    ]
