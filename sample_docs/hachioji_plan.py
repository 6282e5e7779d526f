"""Build the 八王子市 DX推進計画 アクションプラン sample: the whole plan. Front matter sections １–４,
５ 記載方式 (with its example, a copy of a 施策 page), ６ the schedules, ７ the 進捗 table; then for each
施策 of 基本方針1–3 its page (目標・KPI by year, （１）–（３）, its schedule) and its 事業 pages with KPI
tables, two per page as in the original, and compact 事業 blocks.

A4 landscape, embedded IPAexGothic subset (`➀` falls back to DejaVu Sans, see plan_layout). Digits are
printed as the seed has them (full-width and mixed), so a parser sees the same hazards as in the PDF.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import CondPageBreak, PageBreak

from sample_docs.data import hachioji_front as front
from sample_docs.data import hachioji_plan as data
from sample_docs.data import hachioji_policy1 as policy1
from sample_docs.data import hachioji_policy2 as policy2
from sample_docs.data import hachioji_policy3 as policy3
from sample_docs.data import hachioji_schedules as schedules
from sample_docs.pdfkit import EMBEDDED_GOTHIC, build_pdf, in_column_order
from sample_docs.plan_layout import Styles, gap, grid_table, make_styles, para, paras

STEM = "hachioji_dx_action_plan_2024"
PAGESIZE = landscape(A4)
FRAME_W = PAGESIZE[0] - 2 * 28.0
LABEL_W = 90.0
YEAR_W = (FRAME_W - LABEL_W) / 4
YEAR_ORDER = [0, 4, 3, 2, 1]  # rendering (d): a project's years from the latest (`pdfkit.in_column_order`)


def year_headers(years: tuple[tuple[str, str], ...]) -> list[str]:
    """Return the four year header cells, era line and western line as printed."""
    return [f"{era}\n{western}" for era, western in years]


def progress_table(st: Styles):
    """Return the 令和6年度 進捗 table (基本方針 × 件数・達成・未達成・一部未達成・達成率)."""
    rows = [list(data.PROGRESS_HEADER), *[list(r) for r in data.PROGRESS_ROWS]]
    widths = [170.0, 90.0, 70.0, 70.0, 70.0, 80.0]
    return grid_table(rows, widths, st.cell, header_rows=1, label_cols=1)


def measure_page(page: data.MeasurePage, st: Styles, schedule_title: str = schedules.MEASURE_TITLE) -> list:
    """Return a 施策 page: banner, title, the 目標・KPI matrix, 備考, the （１）–（３） text and its schedule."""
    rows = [["年度", "", *year_headers(data.YEARS)]]
    rows += [[r.label, "目標\nＫＰＩ", *r.cells] for r in page.rows]
    widths = [110.0, 40.0, *[(FRAME_W - 150.0) / 4] * 4]
    out = [para(page.banner, st.h3), para(page.title, st.h2)]
    out.append(grid_table(rows, widths, st.cell, header_rows=1, label_cols=2))
    if page.remarks:
        out += [para("備考", st.small), *paras(list(page.remarks), st.small)]
    if page.purpose:
        out += [para("（１）目的・あるべき姿", st.h3), para(page.purpose, st.body)]
    if page.direction:
        out += [para("（２）事業の方向性", st.h3), *paras(list(page.direction), st.body)]
    if page.contents:
        out += [para("（３）実施内容", st.h3), *paras(list(page.contents), st.body)]
    if bars := schedules.MEASURE_SCHEDULES.get(page.title):
        out += [gap(4), schedule_table(schedule_title, (), bars, st)]
    return out


def schedule_table(title: str, rows: tuple[str, ...], bars: tuple[str, ...], st: Styles):
    """Return a schedule (Gantt chart) as the seed keeps it: title, the year header, its rows, and the
    bar labels in one cell spanning the years (the seed does not say which year a bar covers)."""
    n = len(rows)
    table = [[title, "", "", "", ""], ["施策", *year_headers(data.YEARS)]]
    table += [[row, "", "", "", ""] for row in rows]
    table.append(["主な取組", "\n".join(bars), "", "", ""])
    spans = [((0, 0), (4, 0)), *[((1, 2 + i), (4, 2 + i)) for i in range(n)], ((1, 2 + n), (4, 2 + n))]
    return grid_table(table, [LABEL_W, *[YEAR_W] * 4], st.cell, spans=spans, header_rows=2, label_cols=1)


def method_section(st: Styles) -> list:
    """Return section ５ 記載方式: its prose and its example, a copy of 基本方針1's 施策② page."""
    out = [para(schedules.METHOD_HEADING, st.h2), *paras(list(schedules.METHOD_TEXT), st.body)]
    out += [para(" ".join(schedules.FIRST_PAGE), st.h3)]
    out += measure_page(policy1.SECTION_1_2.page, st, schedules.EXAMPLE_TITLE)
    out += [para(schedules.FIRST_PAGE_NOTE, st.small), gap(4)]
    out += [para(" ".join(schedules.LATER_PAGES[:2]), st.h3), *paras(list(schedules.LATER_PAGES[2:]), st.small)]
    return [*out, *paras(list(schedules.MARKERS), st.small)]


def overview_section(st: Styles) -> list:
    """Return section ６: one schedule per 基本方針, each on its own page."""
    out = []
    for i, chart in enumerate(schedules.OVERVIEW):
        out += [PageBreak()] if i else []
        out += [para(schedules.OVERVIEW_HEADING, st.h2), schedule_table(chart.title, chart.rows, chart.bars, st)]
    return out


def project_table(p: data.Project, st: Styles):
    """Return one 事業 KPI table: header with 管理番号, name/担当, 内容, 目的, years, 取組内容, 目標・KPI."""
    rows = [
        [f"{p.item} 管理番号 {p.mgmt_no}", "", "", "", ""],
        ["事業名称 担当：", p.name, "", "", p.dept],
        ["事業内容", p.content, "", "", ""],
        ["目的\nあるべき姿", p.purpose, "", "", ""],
        ["年度", *year_headers(p.years)],
        ["取組内容", *p.actions],
        ["目標\nＫＰＩ", *p.kpis],
        ["備考", p.remark, "", "", ""],
    ]
    rows = in_column_order(rows, YEAR_ORDER, first_row=4, end_row=7)
    spans = [((0, 0), (4, 0)), ((1, 1), (3, 1)), ((1, 2), (4, 2)), ((1, 3), (4, 3)), ((1, 7), (4, 7))]
    widths = [LABEL_W, *[YEAR_W] * 4]
    return grid_table(rows, widths, st.cell, spans=spans, header_rows=1, label_cols=1)


def compact_block(p: data.CompactProject, st: Styles):
    """Return a compact 事業 (no KPI table) as a small framed table."""
    rows = [
        [f"{p.item} 管理番号 {p.mgmt_no}", ""],
        ["事業名称 担当：", f"{p.name} {p.dept}"],
        ["事業内容", p.content],
        ["目的\nあるべき姿", p.purpose],
    ]
    return grid_table(rows, [LABEL_W, FRAME_W - LABEL_W], st.cell, spans=[((0, 0), (1, 0))], label_cols=1)


def story() -> list:
    """Return the document's flowables."""
    st = make_styles(EMBEDDED_GOTHIC, 8.5)
    out = [para(data.TITLE, st.h1)]
    for heading, paragraphs in front.SECTIONS:
        out += [para(heading, st.h2), *paras(list(paragraphs), st.body), gap(6)]
    out += [PageBreak(), *method_section(st), PageBreak(), *overview_section(st)]
    out += [PageBreak(), para(data.PROGRESS_TITLE, st.h2), progress_table(st)]
    out += [gap(6), *paras(list(data.PROGRESS_TEXT), st.body)]
    for section in (*policy1.SECTIONS, *policy2.SECTIONS, *policy3.SECTIONS):
        out += section_story(section, st)
    return out


def section_story(section: data.MeasureSection, st: Styles) -> list:
    """Return a 施策 as printed: its page, its KPI tables two per page, then its compact blocks."""
    out = [PageBreak(), *measure_page(section.page, st), PageBreak()]
    for i, p in enumerate(section.projects):
        if i and i % 2 == 0:
            out.append(PageBreak())
        out += [CondPageBreak(200), project_table(p, st), gap(10)]
    for c in section.compacts:
        out += [CondPageBreak(120), compact_block(c, st), gap(10)]
    return out


def build(out_dir: Path) -> list[Path]:
    """Write the Hachioji action-plan sample into `out_dir`; return its path."""
    return [build_pdf(out_dir / f"{STEM}.pdf", story(), pagesize=PAGESIZE, title=data.TITLE)]
