"""Hachioji-style DX action plan: 基本方針 → 施策 → 実施内容 → 事業 (管理番号 1-1-1), with KPI results
per year (【達成】/【未達成】, difference from target), the 施策 pages' yearly goals, and the 進捗 table.

Detected by structure: a row naming 管理番号 and a cell with 【達成】 or 【未達成】. The document is
one stream of table rows and text lines; headings (`基本方針N：…`, `施策➀ …`) set the plan place, and
a `参考：` line between a 施策's matrix and its first 事業 holds the matrix's baselines. A 施策 page
printed twice is read once, from its last print: the front matter's 記載方式 shows a copy of a 施策
page as its example, before the plan prints the page itself.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from parsers.documents.action_plan_kpi.measures import (
    add_measure_table,
    add_progress_table,
    is_measure_header,
    measure_id,
)
from parsers.documents.action_plan_kpi.projects import ProjectReader, row_code
from parsers.documents.action_plan_kpi.records import add_project_draft
from parsers.documents.action_plan_kpi.reference import add_reference_line
from parsers.documents.action_plan_kpi.sections import SectionReader
from parsers.documents.base import DocumentInfo, Family
from parsers.documents.plans.rows import Line, Row, page_events
from parsers.documents.plans.shared import find_municipality, plan_periods
from parsers.pdf.model import Cell, PageModel
from schemas.collect import RecordSet

_POLICY = re.compile(r"^基本方針\s*([0-9０-９]+)\s*[:：]")
_MEASURE = re.compile(r"^施策\s*([①-⑳➀-➉])\s*(.*)$")
_PLAN_PERIOD = re.compile(r"(令和\s*[0-9０-９]+\s*年度).{0,12}?[～〜~]\s*(令和\s*[0-9０-９]+\s*年度)")


def detect(pages: Sequence[PageModel]) -> bool:
    """Whether a table row (or a caption above a table) names 管理番号 and some cell holds 【達成】 or 【未達成】."""
    events = page_events(pages)
    rows = [e for e in events if isinstance(e, Row)]
    has_code = any(row_code(r) for r in rows) or any(_project_caption(events, i) for i in range(len(events)))
    has_status = any("【達成】" in c.text or "【未達成】" in c.text for r in rows for c in r.cells)
    return has_code and has_status


def parse_action_plan_kpi(pages: Sequence[PageModel], records: RecordSet, hints: DocumentInfo) -> DocumentInfo:
    """Given the pages of an アクションプラン, fill `records` and return what it says about itself."""
    events = page_events(pages, records, "action_plan_kpi:read")
    reader = ProjectReader()
    policy: str | None = None
    measure: tuple[str, str] | None = None  # (code, heading as printed)
    matrix_of: str | None = None  # the 施策 whose 目標・KPI matrix the lines below belong to
    placed = []
    matrices: dict[str, tuple] = {}  # 施策 code -> its last printed matrix (header, rows, sections)
    section: SectionReader | None = None
    progress = None
    for i, event in enumerate(events):
        with records.contain("action_plan_kpi:rows", "row", page=event.page, raw_text=_event_text(event)):
            event = _project_caption(events, i) or event
            if isinstance(event, Line):
                if _POLICY.match(event.text):
                    policy = event.text
                elif (m := _MEASURE.match(event.text)) and policy:
                    number = int(unicodedata.numeric(m.group(1)))
                    measure, matrix_of = (f"{_policy_number(policy)}-{number}", event.text), None
                elif matrix_of and not section.feed(event):
                    add_reference_line(records, matrix_of, event)
                continue
            if progress is None and _is_progress_header(event):
                progress = add_progress_table(records, event, _table_rows(events, i), events)
                continue
            if is_measure_header(event) and measure:
                matrix_of = measure_id(records, measure[0])
                section = SectionReader(matrix_of)
                matrices.pop(measure[0], None)  # an earlier print was the example: the later one is in place
                matrices[measure[0]] = (measure, policy, event, _table_rows(events, i), section)
                continue
            if reader.feed(event):
                matrix_of = None
            if reader.current is not None and (not placed or placed[-1][0] is not reader.current):
                placed.append((reader.current, [p for p in (policy, measure and measure[1]) if p]))
    with records.contain("action_plan_kpi:rows", "row"):
        reader.close()
    for measure, policy, header, rows, section in matrices.values():
        with records.contain("action_plan_kpi:rows", "section", page=header.page, raw_text=measure[1]):
            add_measure_table(records, measure, policy, header, rows)
            section.close(records)
    parsed_by_policy: dict[str, int] = {}
    for draft, path in placed:
        with records.contain("action_plan_kpi:records", "project", page=draft.page, raw_text=draft.code):
            if add_project_draft(records, draft, path) and draft.has_kpi_table:
                key = draft.code.split("-")[0]
                parsed_by_policy[key] = parsed_by_policy.get(key, 0) + 1
    if progress:
        with records.contain("action_plan_kpi:checks", "check"):
            _progress_check(records, progress, parsed_by_policy)
    return DocumentInfo(municipality=find_municipality(events), title=_title(events), **_years(events, records))


def _event_text(event: Row | Line) -> str:
    return event.text if isinstance(event, Line) else " | ".join([event.label, *(c.text for c in event.cells)])


def _policy_number(policy: str) -> str:
    m = _POLICY.match(policy)
    return str(int(unicodedata.numeric(m.group(1)))) if len(m.group(1)) == 1 else m.group(1)


def _is_progress_header(row: Row) -> bool:
    texts = "".join(c.text for c in row.cells).replace("\n", "")
    return row.label_key == "基本方針" and "達成率" in texts


def _project_caption(events, at: int) -> Row | None:
    """A project's `①… 管理番号 1-2-1` printed as a line right above its table (a table printed without
    rules shows no cell around it) as the table's first row; None when events[at] is no such line."""
    line, after = events[at], events[at + 1] if at + 1 < len(events) else None
    if not isinstance(line, Line) or not isinstance(after, Row) or after.page != line.page:
        return None
    if not after.label_key.startswith("事業名称"):
        return None
    row = Row(line.page, after.table, "", (Cell(0, 0, line.text, line.bbox),), line.top)
    return row if row_code(row) else None


def _table_rows(events, start: int) -> list[Row]:
    """The rows of the table that starts at events[start] (same page and table index)."""
    first = events[start]
    return [e for e in events[start + 1 :] if isinstance(e, Row) and e.page == first.page and e.table == first.table]


def _progress_check(records: RecordSet, progress: dict[str, tuple[int, int]], parsed: dict[str, int]) -> None:
    """The 進捗 table's 目標KPI設定事業件数 per 基本方針 against the KPI projects parsed under it.

    A sample holding part of the plan fails this honestly; the detail says how many were parsed.
    """
    for number, (count, page) in sorted(progress.items()):
        got = parsed.get(number, 0)
        records.check(
            "progress_kpi_projects_equal_parsed",
            f"基本方針{number}",
            expected=count,
            actual=got,
            page=page,
            detail=f"{got} KPI projects parsed under 基本方針{number}; the table counts {count}",
        )


def _title(events) -> str | None:
    return next((e.text for e in events if isinstance(e, Line) and "アクションプラン" in e.text), None)


def _years(events, records: RecordSet) -> dict:
    """The plan period as printed (`令和４年度…～令和７年度…`), else the span of the planned years
    (a 参考 baseline is the year before the plan)."""
    values = records.rows.get("indicator_values", [])
    years = [v.fiscal_year for v in values if v.fiscal_year and v.role != "baseline"]
    if period := own_period(plan_periods(events, _PLAN_PERIOD), years):
        return period
    return {"fiscal_year_start": min(years), "fiscal_year_end": max(years)} if years else {}


def own_period(periods: list[dict], years: list[int]) -> dict | None:
    """Given the periods printed in order and the years the plan's tables plan for, return the plan's
    own: front matter also prints related plans' periods (基本計画 `令和５年度～令和12年度`), so the
    tightest period covering the planned years wins, else the first printed."""
    if years:
        covering = [p for p in periods if p["fiscal_year_start"] <= min(years) and p["fiscal_year_end"] >= max(years)]
        periods = sorted(covering, key=lambda p: p["fiscal_year_end"] - p["fiscal_year_start"]) or periods
    return periods[0] if periods else None


FAMILY = Family(name="action_plan_kpi", detect=detect, parse=parse_action_plan_kpi)
