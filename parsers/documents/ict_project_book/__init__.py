"""Sagamihara-style ICT 実施事業集: 事業一覧, (A) project tables with 年度別計画 / 行動目標 / 成果指標,
and (C) text blocks, under 基本理念 → 基本目標 → 施策.

Detected by structure: ruled tables labelled `年度別計画` and `成果指標`. The document is read as one
stream of table rows and text lines in reading order; headings (`基本目標 N`, `《施策 N-M》`,
`■ …（事業区分：A）`) set the current place in the plan, so page breaks and layouts do not matter.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from parsers.documents.base import DocumentInfo, Family
from parsers.documents.ict_project_book.explore import join_lines, lines_to_blocks
from parsers.documents.ict_project_book.index import IndexEntry, is_index_header, name_key, rows_to_index
from parsers.documents.ict_project_book.records import PlanPlace, add_draft_details, add_project
from parsers.documents.ict_project_book.tables import ProjectDraft, TableReader
from parsers.documents.plans.rows import Line, Row, as_printed, document_rows, page_events
from parsers.documents.plans.shared import add_project_text, events_to_plan_period, find_municipality
from parsers.pdf.model import PageModel
from schemas.collect import RecordSet

_GOAL = re.compile(r"^基本目標\s*(\d+)\s*(.*)$")
_MEASURE = re.compile(r"^《\s*施策\s*(\d+\s*-\s*\d+)\s*》\s*(.*)$")
_CATEGORY = re.compile(r"事業区分\s*[:：]\s*([A-C])")
_COUNTS = re.compile(r"(\d+)\s*つの施策.*?(\d+)\s*の事業")
_PERIOD = re.compile(r"(令和\s*\d+\s*年度)\s*から\s*(令和\s*\d+\s*年度)")
_SECTION_END = re.compile(r"^[～〜]|^■|^《|^基本目標|^発行|^編集")


def detect(pages: Sequence[PageModel]) -> bool:
    """Whether some ruled table has both a 年度別計画 row and a 成果指標 row."""
    labels = {row.label_key for row in document_rows(pages)}
    return any(k.startswith("年度別") for k in labels) and "成果指標" in labels


def parse_ict_project_book(pages: Sequence[PageModel], records: RecordSet, hints: DocumentInfo) -> DocumentInfo:
    """Given the pages of a 実施事業集, fill `records` and return what the document says about itself."""
    events = page_events(pages, records, "ict_project_book:read")
    index = []
    with records.contain("ict_project_book:rows", "table"):
        index = _find_index(events)
    reader = TableReader()
    place: dict[str, str | None] = {"vision": None, "goal": None, "measure": None, "code": None, "cat": None}
    explore_lines: list[tuple[dict, Line]] = []
    pending_goal = False
    placed: list[tuple[ProjectDraft, dict]] = []
    for event in events:
        raw = event.text if isinstance(event, Line) else " | ".join([event.label, *(c.text for c in event.cells)])
        with records.contain("ict_project_book:rows", "row", page=event.page, raw_text=raw):
            pending_goal = _read_event(event, reader, place, placed, explore_lines, pending_goal)
    with records.contain("ict_project_book:rows", "row"):
        reader.close()
    by_name = {e.name_key: e for e in index if e.name_key}
    unnamed = [e for e in index if e.name is None]
    count = 0
    for draft, where in placed:
        with records.contain("ict_project_book:records", "project", page=draft.page, raw_text=draft.name):
            _add_draft(records, draft, where, index, by_name, unnamed)
            count += 1
    with records.contain("ict_project_book:records", "text blocks"):
        count += _add_explore(records, explore_lines, index, by_name, unnamed)
    with records.contain("ict_project_book:checks", "check"):
        _checks(records, events, index, count)
    return DocumentInfo(
        municipality=find_municipality(events), title=_title(events), **events_to_plan_period(events, _PERIOD)
    )


def _read_event(event, reader: TableReader, place: dict, placed: list, explore_lines: list, pending_goal: bool) -> bool:
    """Given the next row or line, feed it to the table reader or update the place in the plan;
    return whether the next line may continue a 基本目標 heading."""
    if isinstance(event, Row):
        reader.feed(event)
        if reader.current is not None and (not placed or placed[-1][0] is not reader.current):
            placed.append((reader.current, dict(place)))
        return pending_goal
    text = event.text
    if pending_goal and not _SECTION_END.match(text):
        place["goal"] = f"{place['goal']} {text}"
        return False
    if m := _GOAL.match(text):
        place.update(goal=f"基本目標 {m.group(1)}" + (f" {m.group(2)}" if m.group(2) else ""), cat=None)
        return not m.group(2)
    if m := _MEASURE.match(text):
        code = re.sub(r"\s", "", m.group(1))
        place.update(measure=f"施策 {code} {m.group(2)}".strip(), code=code, cat=None)
    elif m := _CATEGORY.search(text):
        place.update(cat=m.group(1))
    elif _SECTION_END.match(text):
        place.update(cat=None if text.startswith(("～", "〜")) else place["cat"])
    elif place["cat"] == "C":
        explore_lines.append((dict(place), event))
    return False


def _add_draft(records: RecordSet, draft: ProjectDraft, where: dict, index, by_name, unnamed) -> None:
    """Add one (A) project table: the project, its 担当課 and 事業内容 texts, its plan rows."""
    entry = by_name.get(name_key(draft.name)) or _take_unnamed(unnamed, where, "A")
    project_id = add_project(
        records,
        name=draft.name,
        name_cell=draft.name_cell,
        page=draft.page,
        place=_place(where, entry, "A", index),
        dept=_dept(draft),
        pages=draft.pages,
    )
    if draft.dept_cell is not None:
        add_project_text(
            records, project_id, "担当課・機関", draft.page, draft.dept_cell, as_printed(draft.dept_cell.text)
        )
    if draft.description is not None:
        add_project_text(
            records, project_id, "事業内容", draft.page, draft.description, as_printed(draft.description.text)
        )
    add_draft_details(records, project_id, draft)


def _find_index(events) -> list[IndexEntry]:
    rows = [e for e in events if isinstance(e, Row)]
    for i, row in enumerate(rows):
        if is_index_header(row):
            return rows_to_index(rows[i + 1 :])
    return []


def _take_unnamed(unnamed: list[IndexEntry], where: dict, category: str) -> IndexEntry | None:
    for entry in unnamed:
        if entry.measure_code == where.get("code") and entry.category == category:
            unnamed.remove(entry)
            return entry
    return None


def _place(where: dict, entry: IndexEntry | None, category: str, index: list[IndexEntry]) -> PlanPlace:
    """Combine the section headings around a project with its 事業一覧 row; lower confidence on doubt."""
    flags = []
    confidence = 1.0
    if index and entry is None:
        flags.append("not_in_index")
        confidence = 0.8
    elif entry is not None and entry.name is None:
        flags.append("index_name_missing")
        confidence = 0.9
    if entry is not None and entry.category != category:
        flags.append("index_category_differs")
        confidence = min(confidence, 0.7)
    vision = entry.vision if entry else None
    path = tuple(p for p in (vision, where.get("goal"), where.get("measure")) if p)
    return PlanPlace(path, where.get("code"), category, tuple(flags), confidence)


def _dept(draft: ProjectDraft) -> str | None:
    return as_printed(draft.dept_cell.text) if draft.dept_cell is not None else None


def _add_explore(records, explore_lines, index, by_name, unnamed) -> int:
    """Add the (C) blocks: name, 担当課 (first paragraph), 事業内容 (the rest)."""
    count = 0
    groups: dict[tuple, list[Line]] = {}
    wheres: dict[tuple, dict] = {}
    for where, line in explore_lines:
        key = (where["goal"], where["measure"])
        groups.setdefault(key, []).append(line)
        wheres[key] = where
    for key, lines in groups.items():
        for block in lines_to_blocks(lines):
            name = block.name.text
            entry = by_name.get(name_key(name)) or _take_unnamed(unnamed, wheres[key], "C")
            dept = join_lines(block.paragraphs[0]) if block.paragraphs else None
            pages = {block.name.page} | {ln.page for p in block.paragraphs for ln in p}
            project_id = add_project(
                records,
                name=name,
                name_cell=block.name,
                page=block.name.page,
                place=_place(wheres[key], entry, "C", index),
                dept=dept,
                pages=pages,
            )
            if dept:
                add_project_text(records, project_id, "担当課・機関", block.name.page, block.paragraphs[0][0], dept)
            for paragraph in block.paragraphs[1:]:
                add_project_text(
                    records, project_id, "事業内容", paragraph[0].page, paragraph[0], join_lines(paragraph)
                )
            count += 1
    return count


def _checks(records: RecordSet, events, index: list[IndexEntry], count: int) -> None:
    """The 事業一覧 has a row per project, and the lead sentence's counts match what was parsed."""
    records.check("index_rows_equal_projects", "事業一覧", expected=len(index), actual=count)
    lead = next((e for e in events if isinstance(e, Line) and _COUNTS.search(e.text)), None)
    if lead is None:
        return
    m = _COUNTS.search(lead.text)
    measures = {e.measure_code for e in index if e.measure_code}
    kw = {"page": lead.page, "detail": lead.text}
    records.check("lead_measure_count", "事業一覧", expected=int(m.group(1)), actual=len(measures), **kw)
    records.check("lead_project_count", "事業一覧", expected=int(m.group(2)), actual=count, **kw)


def _title(events) -> str | None:
    first = next((e for e in events if isinstance(e, Line)), None)
    return first.text if first is not None else None


FAMILY = Family(name="ict_project_book", detect=detect, parse=parse_ict_project_book)
