"""Build the 相模原市 実施事業集 sample and two variant renderings of the same content.

The three PDFs carry the same text (sample_docs/data/sagamihara_plan.py) but differ in page size,
orientation, font (embedded TrueType subset vs non-embedded CID), column widths and page breaks, and
each variant splits one project table across a page break. Tests use them to prove a parser reads the
table structure, not fixed coordinates.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4, B5, landscape
from reportlab.platypus import CondPageBreak, PageBreak, Spacer

from sample_docs.data import sagamihara_plan as data
from sample_docs.pdfkit import CID_GOTHIC, CID_MINCHO, EMBEDDED_GOTHIC, build_pdf, in_column_order
from sample_docs.plan_layout import Styles, gap, grid_table, make_styles, para, paras

STEM = "sagamihara_ict_jisshi_jigyoshu_2024"
# rendering (d): a project's 令和6 and 令和8 year columns swapped (令和9年度 keeps its two grid columns)
YEAR_ORDER = [0, 3, 2, 1, 4, 5]
MARGIN_PT = 28.0


@dataclass(frozen=True)
class Layout:
    """How one rendering looks: page, font, relative column widths and where pages break.

    `project_cols` are the relative widths of the six project-table columns (label, four years of
    which the last is split under 担当課・機関 / department). `split_project` names the project whose
    table is pushed to the bottom of a fresh page so that reportlab splits it across two pages.
    """

    suffix: str
    pagesize: tuple[float, float]
    font: str
    size_pt: float
    project_cols: tuple[float, ...]
    index_cols: tuple[float, ...]
    break_per_goal: bool
    split_project: str | None = None
    split_room_pt: float = 0.0


LAYOUTS = (
    Layout("", A4, EMBEDDED_GOTHIC, 9.0, (1.1, 2.2, 2.2, 2.2, 1.1, 1.3), (2.2, 2.4, 2.6, 0.8, 4.4), True),
    Layout(
        "_variant_a",
        landscape(A4),
        CID_GOTHIC,
        9.5,
        (0.8, 2.6, 2.6, 2.6, 1.4, 1.6),
        (2.0, 2.6, 3.0, 0.6, 5.0),
        False,
        split_project="公金収納におけるキャッシュレス決済の推進",
        split_room_pt=70.0,
    ),
    Layout(
        "_variant_b",
        B5,
        CID_MINCHO,
        8.0,
        (1.4, 1.9, 1.9, 1.9, 1.0, 1.6),
        (1.8, 2.2, 2.8, 1.0, 4.0),
        True,
        split_project="相模原市公式ホームページ 管理システム更新",
        split_room_pt=150.0,
    ),
)


def widths(relative: tuple[float, ...], total_pt: float) -> list[float]:
    """Given relative column widths and the frame width in points, return widths in points."""
    scale = total_pt / sum(relative)
    return [w * scale for w in relative]


def index_table(layout: Layout, st: Styles, frame_w: float):
    """Return the 事業一覧 table: 基本理念/基本目標/施策 merged down their rows, one row per 事業."""
    header = [
        ["基本理念", "基本目標", "施策", "事業", ""],
        ["", "", "", "事業区分", "事業名"],
    ]
    spans = [((0, 0), (0, 1)), ((1, 0), (1, 1)), ((2, 0), (2, 1)), ((3, 0), (4, 0))]
    rows = []
    first = len(header)
    for i, r in enumerate(data.INDEX_ROWS):
        prev = data.INDEX_ROWS[i - 1] if i else None
        rows.append(
            [
                data.VISION if i == 0 else "",
                r.goal if not prev or prev.goal != r.goal else "",
                r.measure if not prev or prev.measure != r.measure else "",
                r.category,
                r.name,
            ]
        )
    spans.append(((0, first), (0, first + len(rows) - 1)))
    for col, key in ((1, "goal"), (2, "measure")):
        start = 0
        for i in range(1, len(rows) + 1):
            if i == len(rows) or getattr(data.INDEX_ROWS[i], key) != getattr(data.INDEX_ROWS[start], key):
                if i - start > 1:
                    spans.append(((col, first + start), (col, first + i - 1)))
                start = i
    return grid_table(
        header + rows,
        widths(layout.index_cols, frame_w),
        st.cell,
        spans=spans,
        header_rows=2,
        repeat_rows=2,
    )


def project_table(p: data.ProjectA, layout: Layout, st: Styles, frame_w: float):
    """Return one 重点事業 table; the 令和9年度 column spans the last two grid columns."""
    rows = [
        ["事業名", p.name, "", "", "担当課・ 機関", p.dept],
        ["事業内容", p.content, "", "", "", ""],
        [p.year_label, *p.years[:3], p.years[3], ""],
    ]
    spans = [((1, 0), (3, 0)), ((1, 1), (5, 1)), ((4, 2), (5, 2))]
    actions = p.actions or (("",),)
    for cells in actions:
        r = len(rows)
        label = "行動目標" if r == 3 else ""
        if len(cells) == 1:
            rows.append([label, cells[0], "", "", "", ""])
            spans.append(((1, r), (5, r)))
        else:
            rows.append([label, *cells[:3], cells[3], ""])
            spans.append(((4, r), (5, r)))
    if len(actions) > 1:
        spans.append(((0, 3), (0, 3 + len(actions) - 1)))
    r = len(rows)
    rows.append(["成果指標", p.indicator, "", "", "", ""])
    rows.append(["", *p.targets[:3], p.targets[3], ""])
    spans += [((1, r), (5, r)), ((0, r), (0, r + 1)), ((4, r + 1), (5, r + 1))]
    yearly = {2, r + 1, *(3 + k for k, cells in enumerate(actions) if len(cells) > 1)}
    rows = [in_column_order([row], YEAR_ORDER)[0] if i in yearly else row for i, row in enumerate(rows)]
    return grid_table(rows, widths(layout.project_cols, frame_w), st.cell, spans=spans, label_cols=1)


def c_block(p: data.ProjectC, st: Styles) -> list:
    """Return a 探索型事業 block: name, 担当課, 事業内容 paragraphs."""
    return [para(p.name, st.h3), para(p.dept, st.body), *paras(list(p.content), st.body), gap(4)]


def showcase_box(s: data.Showcase, st: Styles, frame_w: float):
    """Return a `～ 取組の紹介 ～` box as a one-column framed table."""
    rows = [["～ 取組の紹介 ～"], [s.title], *[[t] for t in s.body], *[[c] for c in s.captions]]
    return grid_table(rows, [frame_w], st.body, header_rows=1)


def forced_split(layout: Layout, frame_h: float) -> list:
    """Return flowables that start a page and leave only `split_room_pt` for the next table."""
    return [PageBreak(), Spacer(1, frame_h - layout.split_room_pt)]


def story(layout: Layout) -> list:
    """Given a layout, return the document's flowables."""
    st = make_styles(layout.font, layout.size_pt)
    frame_w = layout.pagesize[0] - 2 * MARGIN_PT
    frame_h = layout.pagesize[1] - 2 * MARGIN_PT
    out = [para(data.TITLE, st.h1), para("■ I 実施事業集の概要", st.h2)]
    for heading, texts in data.OVERVIEW:
        out += [para(heading, st.h3), *paras(list(texts), st.body)]
    out += [PageBreak(), para("■ II 実施事業", st.h2), para("1 事業一覧", st.h3), para(data.INDEX_LEAD, st.body)]
    out += [index_table(layout, st, frame_w), para(data.INDEX_NOTE, st.small)]
    out += [PageBreak(), para("2 具体的な事業", st.h3)]
    for g_no, goal in enumerate(data.GOALS):
        if g_no and layout.break_per_goal:
            out.append(PageBreak())
        out += [para(goal.label, st.h2), para(goal.title, st.h2)]
        for m in goal.measures:
            out += [CondPageBreak(80), para(m.label, st.h3), para("■ 重点事業（事業区分：A）", st.body)]
            for p in m.a_projects:
                if p.name == layout.split_project:
                    out += forced_split(layout, frame_h)
                else:
                    out.append(CondPageBreak(160))
                out += [project_table(p, layout, st, frame_w), gap(8)]
            if m.c_projects:
                out.append(para("■ 探索型事業（事業区分：C）", st.body))
                for c in m.c_projects:
                    out += c_block(c, st)
            if m.showcase:
                out += [showcase_box(m.showcase, st, frame_w), gap(8)]
    out += [PageBreak(), *paras(list(data.COLOPHON), st.body)]
    return out


def build(out_dir: Path) -> list[Path]:
    """Write the main sample and its two variants into `out_dir`; return their paths."""
    return [
        build_pdf(out_dir / f"{STEM}{lay.suffix}.pdf", story(lay), pagesize=lay.pagesize, title=data.TITLE)
        for lay in LAYOUTS
    ]
