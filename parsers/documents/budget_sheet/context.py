"""What the block readers of one sheet share: ids, the plan year, the printed unit, and where records go."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers.documents.budget_sheet.rows import Row, label_key
from parsers.normalize import NormalizationError, parse_fiscal_year
from parsers.pdf.model import Cell, PageModel
from schemas.budget import BudgetAmount
from schemas.collect import RecordSet, make_id

DEFAULT_UNIT = "千円"
_UNIT = re.compile(r"[(（]\s*単位\s*[:：]\s*([^)）]+)[)）]")
_DIFFERENCE_MARKS = ("増▲減", "増△減", "差引", "増減")
_LEADING_YEAR = re.compile(r"^\s*((?:令和|平成|昭和|[RHS])?\s*[0-9０-９元]+\s*年度)")


@dataclass
class SheetContext:
    """One sheet being read: its project id and name, plan year, unit, pages, and the amounts read."""

    records: RecordSet
    pages: dict[int, list[PageModel]]  # by number: a 2-up sheet's two halves share one
    ordinal: int
    plan_year: int
    unit: str = DEFAULT_UNIT
    name: str = ""
    current_page: int = 1
    amounts: list[BudgetAmount] = field(default_factory=list)

    @property
    def project_id(self) -> str:
        return project_id_for(self.records.doc_id, self.ordinal)

    def line_id(self, *parts: object) -> str:
        return make_id(self.records.doc_id, "budget_sheet", self.ordinal, *parts)


def project_id_for(doc_id: str, ordinal: int) -> str:
    """Given a document and a sheet's order in it, return the sheet's project id (the natural key)."""
    return make_id(doc_id, "budget_sheet", ordinal)


def unit_of(rows: list[Row], default: str = DEFAULT_UNIT) -> str:
    """Given the `(単位：千円)` lines (or cells) near a block, return the printed unit."""
    for row in rows:
        for cell in row.cells:
            if m := _UNIT.search(cell.text):
                return m.group(1).strip()
    return default


def strip_unit(text: str) -> str:
    """Given a header that carries a unit note (`(単位：千円) 差引（増減）`), return the label alone."""
    return _UNIT.sub("", text).strip()


def is_difference(label: str) -> bool:
    key = label_key(label)
    return any(mark in key for mark in _DIFFERENCE_MARKS)


def year_of_label(label: str, plan_year: int) -> int | None:
    """Given a row or column label (`令和6年度`, `5年度`, `増▲減`, `差引（増減）`, `増△減（6－5）/事業費`),
    return its fiscal year: the printed year, or the plan year for a difference (the later year)."""
    if is_difference(label):
        return plan_year
    m = _LEADING_YEAR.match(label)
    if not m:
        return None
    try:
        return parse_fiscal_year(m.group(1).replace(" ", ""))
    except NormalizationError:
        return None


def first_after(cells: tuple[Cell, ...] | list[Cell], index: int) -> Cell | None:
    """Given a row's cells and a position, return the next cell with text after it, or None."""
    return next((c for c in cells[index + 1 :] if c.text.strip()), None)
