"""The procedures ranking (上位100手続): one project per procedure, its annual count, status and dates.

Why: the ranking runs over several pages with its header repeated (`layout` rejoins it); here each
row becomes a project (code = rank) with an annual-count indicator value, a milestone for the
smartphone status (`1Qでスマートフォン対応` → the fiscal year of step 1Q as the document defines it),
and one for a dated note (`R6年1月 新システム稼働予定` → fiscal 2023). The count's fiscal year is
printed once, in the table's title (`<件数はR元年度>`), not in the cells. Columns are found by header
text, so a reordered or narrower rendering reads the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.documents.dx_strategy.figures import kpi_fields
from parsers.documents.dx_strategy.layout import CellText, LogicalTable
from parsers.documents.dx_strategy.records import add_milestone, add_text
from parsers.normalize import NormalizationError, parse_fiscal_year, parse_number, parse_period
from schemas.budget import Project
from schemas.collect import RecordSet, make_id
from schemas.plans import Indicator, IndicatorValue

RANKING_TABLE = "手続TOP100"
RANKING_CATEGORY = "手続TOP100"
LOW_CONFIDENCE = 0.6
_COUNT_YEAR = re.compile(r"件数は?\s*((?:令和|平成|R|H)\s*(?:\d{1,2}|元)\s*年度)")
_STEP = re.compile(r"([1-4])\s*Q")
_DATE = re.compile(r"(?:令和|平成|R|H)\s*(?:\d{1,2}|元)(?:\s*年度|\s*年\s*\d{1,2}\s*月|\.\d{1,2}(?!\d))")
_COLUMNS = {  # role -> words one of which the header cell contains
    "rank": ("順位",),
    "name": ("手続",),
    "count": ("件数",),
    "system": ("システム",),
    "status": ("対応状況", "状況"),
    "note": ("備考",),
}


@dataclass(frozen=True)
class RankedProcedure:
    """What the checks need of one parsed row: rank, count, and the fiscal year it is done by."""

    rank: int
    name: str
    count: int | None
    done_by: int | None  # fiscal year of its step; None for done already (`対応済`) or unknown
    is_done: bool


def find_ranking_columns(header: tuple[str, ...]) -> dict[str, int]:
    """Given the ranking's header row, return role -> column index for the columns it prints."""
    found: dict[str, int] = {}
    for role, words in _COLUMNS.items():
        for i, h in enumerate(header):
            if i not in found.values() and any(w in h for w in words):
                found[role] = i
                break
    return found


def parse_ranking_table(
    table: LogicalTable, records: RecordSet, doc_id: str, steps: dict[str, int]
) -> list[RankedProcedure]:
    """Given the ranking table and the step → fiscal year map, add its records; return its rows."""
    cols = find_ranking_columns(table.header)
    if "rank" not in cols or "name" not in cols:
        records.warnings.append(f"p{table.page}: ranking table without 順位/手続 columns {table.header}")
        return []
    count_year = _count_year([table.caption or "", *reversed(table.headings)])
    if count_year is None:
        records.warnings.append(f"p{table.page}: the ranking's count year is not printed in its title")
    out = []
    for row in _join_continuations(table.rows, cols["rank"]):
        parsed = _parse_row(table, cols, row, records, doc_id, steps, count_year)
        if parsed is not None:
            out.append(parsed)
    return out


def _parse_row(table, cols, row, records: RecordSet, doc_id, steps, count_year) -> RankedProcedure | None:
    cell = {role: row[i] for role, i in cols.items() if row[i] is not None and row[i].text}
    try:
        rank = int(parse_number(cell["rank"].text).value)
    except (KeyError, NormalizationError, TypeError, ValueError):
        records.reject("parse", "ranked_procedure", {k: c.raw for k, c in cell.items()}, "no rank", page=table.page)
        return None
    name_cell = cell.get("name") or cell["rank"]
    project_id = make_id(doc_id, "ranking", rank, name_cell.text)
    status = cell.get("status")
    step = _STEP.search(status.text) if status else None
    is_done = status is not None and "済" in status.text
    confidence = 1.0 if (is_done or step) and not any(c.is_ambiguous for c in cell.values()) else LOW_CONFIDENCE
    records.add_printed(
        Project,
        name_cell,
        raw_text=name_cell.raw,
        project_id=project_id,
        name=name_cell.text,
        name_normalized=name_cell.text.replace(" ", ""),
        code=str(rank),
        category=RANKING_CATEGORY,
        plan_path=list(table.headings),
        pages=sorted({c.page for c in cell.values()}),
        confidence=confidence,
    )
    count = _add_count(table, cols, cell.get("count"), name_cell.text, project_id, records, doc_id, count_year)
    if "system" in cell:
        add_text(
            records, cell["system"], project_id=project_id, field=table.header[cols["system"]], text=cell["system"].text
        )
    done_by = steps.get(f"{step.group(1)}Q") if step else None
    if status is not None:
        label = f"{step.group(1)}Q" if step else table.header[cols["status"]].strip()
        add_milestone(
            records,
            status,
            project_id=project_id,
            table_name=RANKING_TABLE,
            item=name_cell.text,
            period_label=label,
            fiscal_year=done_by,
            text=status.text,
        )
    if "note" in cell:
        _add_note(records, doc_id, project_id, name_cell.text, table.header[cols["note"]], cell["note"])
    return RankedProcedure(rank, name_cell.text, count, done_by, is_done)


def _add_count(table, cols, cell: CellText | None, name, project_id, records, doc_id, count_year) -> int | None:
    """Given the annual-count cell, add the 年間件数 indicator and its value; return the count."""
    if cell is None:
        return None
    header = table.header[cols["count"]].strip()
    try:
        figure = parse_number(cell.text)
    except NormalizationError as err:
        records.reject("normalize", "IndicatorValue", {"raw_text": cell.raw}, str(err), page=cell.page)
        return None
    indicator_id = make_id(doc_id, "ranking_count", project_id)
    common = dict(raw_text=cell.raw, indicator_id=indicator_id)
    records.add_printed(Indicator, cell, **common, project_id=project_id, kind="kpi", name=header, unit=figure.unit)
    records.add_printed(
        IndicatorValue,
        cell,
        **common,
        table_name=RANKING_TABLE,
        row_label=name,
        column_label=header,
        fiscal_year=count_year,
        role="actual",
        **kpi_fields(cell.text),
    )
    return int(figure.value) if figure.value is not None else None


def _add_note(records, doc_id, project_id, name, header, cell: CellText) -> None:
    """Given the note cell, add a milestone for a dated note, else keep it as a project text."""
    m = _DATE.search(cell.text)
    try:
        fiscal_year = parse_period(m.group(0)).start if m else None
    except NormalizationError:
        fiscal_year = None
    if m is None or fiscal_year is None:
        add_text(records, cell, project_id=project_id, field=header.strip(), text=cell.text)
        return
    add_milestone(
        records,
        cell,
        project_id=project_id,
        table_name=RANKING_TABLE,
        item=name,
        period_label=m.group(0),
        fiscal_year=fiscal_year,
        text=cell.text,
    )


def _count_year(texts: list[str]) -> int | None:
    """Given the table's caption and headings, return the fiscal year its counts are for."""
    for text in texts:
        if m := _COUNT_YEAR.search(text):
            try:
                return parse_fiscal_year(m.group(1))
            except NormalizationError:
                continue
    return None


def _join_continuations(rows, rank_col: int):
    """Given the body rows, return them with a row that lost its rank (split by a page) joined up."""
    out: list[list[CellText | None]] = []
    for row in rows:
        rank = row[rank_col]
        if out and (rank is None or not rank.text) and any(c is not None and c.text for c in row):
            out[-1] = [_join(a, b) for a, b in zip(out[-1], row, strict=True)]
        else:
            out.append(list(row))
    return out


def _join(a: CellText | None, b: CellText | None) -> CellText | None:
    if a is None or b is None or not b.text:
        return a or b
    return CellText(a.page, f"{a.raw}\n{b.raw}", a.bbox, (*a.items, *b.items), is_ambiguous=True)
