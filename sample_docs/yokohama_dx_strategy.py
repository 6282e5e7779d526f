"""Build the 横浜DX戦略 アクション編 sample: chapter text, milestone tables, the effect INDEX table,
the top-100 procedures table running over several pages (header row repeated on each page), the
tables that are not milestone grids (concepts, project overviews, 官民データ × DX戦略) and the 用語解説.

A4 landscape, embedded IPAexGothic subset. The milestone tables keep the source's column labels
`1Q(R4)`…`4Q(R7)` (fiscal years 2022–2025, not quarters) and leave absent periods blank.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import CondPageBreak, PageBreak

from sample_docs.data import yokohama_dx_strategy as data
from sample_docs.data.yokohama_dx_strategy_rest import Plain
from sample_docs.pdfkit import EMBEDDED_GOTHIC, build_pdf, in_column_order
from sample_docs.plan_layout import Styles, gap, grid_table, make_styles, para, paras

STEM = "yokohama_dx_strategy_action_2024"
PAGESIZE = landscape(A4)
MARGIN_PT = 28.0


@dataclass(frozen=True)
class Layout:
    """How one rendering looks: page size, font, body size (pt) and a scale for the fixed column widths.

    The committed sample is DEFAULT_LAYOUT; tests render other layouts into a temporary folder to
    prove the parser reads structure, not coordinates.
    """

    pagesize: tuple[float, float] = PAGESIZE
    font: str = EMBEDDED_GOTHIC
    size_pt: float = 9.0
    width_scale: float = 1.0

    @property
    def frame_w(self) -> float:
        return self.pagesize[0] - 2 * MARGIN_PT

    def w(self, points: float) -> float:
        """Given a column width of the default layout in points, return it in this layout."""
        return points * self.width_scale


DEFAULT_LAYOUT = Layout()


TOP100_ORDER = [0, 1, 3, 4, 2, 5]  # rendering (d): システム and スマホ対応 before 年間件数 (`in_column_order`)


def milestone_table(g: data.Grid, st: Styles, lay: Layout):
    """Return a milestone grid: one row per item, one column per period; absent periods stay blank."""
    label_w = lay.w(230.0)
    period_w = (lay.frame_w - label_w) / len(g.periods)
    rows = [["取組", *g.periods]]
    for r in g.rows:
        cells = dict(r.cells)
        rows.append([r.label, *(cells.get(p, "") for p in g.periods)])
    return grid_table(
        rows, [label_w, *[period_w] * len(g.periods)], st.cell, header_rows=1, label_cols=1, repeat_rows=1
    )


def core_index_table(st: Styles, lay: Layout):
    """Return the 7つのコアINDEX table: item, description, sub-item and the four milestones."""
    rows = [["重点項目", "内容", "", *data.PERIODS]]
    spans = []
    for ix in data.CORE_INDEX:
        first = len(rows)
        description = ix.description + (f"\n{ix.note}" if ix.note else "")
        for i, r in enumerate(ix.rows):
            cells = dict(r.cells)
            head = (f"{ix.no}{ix.item}", description) if i == 0 else ("", "")
            rows.append([*head, r.label, *(cells.get(p, "") for p in data.PERIODS)])
        if len(ix.rows) > 1:
            spans += [((0, first), (0, len(rows) - 1)), ((1, first), (1, len(rows) - 1))]
    widths = [lay.w(120.0), lay.w(210.0), lay.w(70.0), *[(lay.frame_w - lay.w(400.0)) / 4] * 4]
    return grid_table(rows, widths, st.cell, spans=spans, header_rows=1, repeat_rows=1)


def effect_index_table(st: Styles, lay: Layout):
    """Return the 効果を測る3つのINDEX table; 対象 and 取組 cells shared by two rows are merged."""
    rows = [["対象", "INDEX", "調査", "Before", "4Q(R7)", "目標達成に向けた取組"]]
    spans = []
    for i, e in enumerate(data.EFFECT_INDEX):
        prev = data.EFFECT_INDEX[i - 1] if i else None
        same = prev is not None and prev.target == e.target
        rows.append(["" if same else e.target, e.index, e.survey, e.before, e.goal, "" if same else e.actions])
        if same:
            r = len(rows) - 1
            spans += [((0, r - 1), (0, r)), ((5, r - 1), (5, r))]
    widths = [*map(lay.w, (55.0, 150.0, 250.0, 50.0, 50.0)), lay.frame_w - lay.w(555.0)]
    return grid_table(rows, widths, st.cell, spans=spans, header_rows=1, label_cols=1)


def top100_table(st: Styles, lay: Layout):
    """Return the top-100 procedures as ONE table; reportlab splits it over pages, repeating the header."""
    rows = [list(data.TOP100_HEADER)]
    rows += [[str(p.rank), p.name, p.count, p.system, p.status, p.note] for p in data.TOP100]
    widths = [*map(lay.w, (32.0, 270.0, 52.0, 150.0, 110.0)), lay.frame_w - lay.w(614.0)]
    [widths, *rows] = in_column_order([widths, *rows], TOP100_ORDER)
    return grid_table(rows, widths, st.cell, header_rows=1, repeat_rows=1)


def plain_table(t: Plain, st: Styles, lay: Layout):
    """Return a table that is not a milestone grid: header row shaded, first column as labels; a blank
    first cell under a filled one is merged into it (the seed prints the label once for its rows)."""
    rows = [list(t.header), *(list(r) for r in t.rows)]
    spans, top = [], None
    for r in range(1, len(rows) + 1):
        if r < len(rows) and not rows[r][0] and top is not None:
            continue
        if top is not None and r - 1 > top:
            spans.append(((0, top), (0, r - 1)))
        top = r
    first = lay.w(150.0) if len(t.header) > 2 else lay.w(170.0)
    rest = (lay.frame_w - first) / (len(t.header) - 1)
    return grid_table(rows, [first, *[rest] * (len(t.header) - 1)], st.cell, spans=spans, header_rows=1, repeat_rows=1)


def section(s: data.Section, st: Styles, lay: Layout) -> list:
    """Return a section's heading, paragraphs, milestone tables, other tables and closing text."""
    out = [CondPageBreak(120)]
    if s.heading:
        out.append(para(s.heading, st.h3))
    out += paras(list(s.paragraphs), st.body)
    for g in s.grids:
        out += [para(g.caption, st.body), milestone_table(g, st, lay)]
        out += [para(g.note, st.small)] if g.note else []
        out.append(gap(8))
    for t in s.tables:
        out += [para(t.caption, st.body)] if t.caption else []
        out += [plain_table(t, st, lay)]
        out += [para(t.note, st.small)] if t.note else []
        out.append(gap(8))
    return out + paras(list(s.closing), st.body)


def front_matter(st: Styles) -> list:
    """Return the cover and the table of contents (page numbers as printed in the original)."""
    out = [gap(150), *paras(list(data.COVER), st.h1), PageBreak(), para("目次", st.h2)]
    for head, items in data.TOC:
        out += [para(head, st.h3), *paras(list(items), st.body)]
    return [*out, PageBreak()]


def basic_policy(st: Styles, lay: Layout) -> list:
    """Return the DXアクションの基本方針 chapter: text, core INDEX table, effect INDEX table."""
    out = [para("DXアクションの基本方針", st.h2), para("1.基本的な考えかた", st.h3)]
    out += paras(list(data.BASIC_THINKING), st.body)
    out += [para("2.7つのコアINDEX", st.h3), para(data.CORE_INDEX_LEAD, st.body), core_index_table(st, lay)]
    out += [PageBreak(), para("3.効果を測る3つのINDEX", st.h3), *paras(list(data.EFFECT_LEAD), st.body)]
    out += [para("市民目線、職員目線での目標設定", st.body), effect_index_table(st, lay)]
    return [*out, para(data.EFFECT_NOTE, st.small), PageBreak()]


def story(lay: Layout = DEFAULT_LAYOUT) -> list:
    """Given a layout, return the document's flowables."""
    st = make_styles(lay.font, lay.size_pt)
    out = [*front_matter(st), *basic_policy(st, lay), para("重点方針ごとのDXアクション", st.h2)]
    out.append(para(data.POLICY1.heading, st.h2))
    for s in data.POLICY1.sections:
        out += section(s, st, lay)
    out += [PageBreak(), para(data.TOP100_CAPTION, st.h3), para(data.TOP100_NOTE, st.small), top100_table(st, lay)]
    for s in data.POLICY1_COLUMNS:
        out += section(s, st, lay)
    for chapter in data.CHAPTERS:
        out += [PageBreak(), para(chapter.heading, st.h2)]
        for s in chapter.sections:
            out += section(s, st, lay)
    out += [PageBreak(), para("改定履歴", st.h3), *paras(list(data.REVISIONS), st.body)]
    return out


def build(out_dir: Path, layout: Layout = DEFAULT_LAYOUT, stem: str = STEM) -> list[Path]:
    """Write the Yokohama DX strategy sample (in `layout`) into `out_dir`; return its path."""
    return [build_pdf(out_dir / f"{stem}.pdf", story(layout), pagesize=layout.pagesize, title=data.TITLE)]
