"""The 事業一覧 table: 基本理念 → 基本目標 → 施策 → 区分 → 事業名, one row per project.

Cells are classified by what they say, not by column index: the seed's 一覧 drifts columns and loses a
name, and merged cells (基本理念 / 基本目標 / 施策 printed once per group) carry down to the rows below.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from parsers.documents.plans.rows import Row, as_printed
from parsers.normalize import clean_text
from parsers.pdf.model import Cell

_CATEGORY = re.compile(r"^[(（]\s*([A-C])\s*[)）]$")
_GOAL = re.compile(r"^基本目標\s*(\d+)")
_MEASURE = re.compile(r"^施策\s*(\d+\s*-\s*\d+)")


@dataclass(frozen=True)
class IndexEntry:
    """One 事業一覧 row: the hierarchy it sits under, its 区分, and its name (None when not printed)."""

    vision: str | None
    goal: str | None
    measure: str | None
    measure_code: str | None
    category: str
    name: str | None
    page: int
    cell: Cell

    @property
    def name_key(self) -> str | None:
        return name_key(self.name) if self.name else None


def name_key(name: str) -> str:
    """Given a project name as printed anywhere, return the key names are matched on (no spaces)."""
    return "".join(clean_text(name).split())


def is_index_header(row: Row) -> bool:
    """Whether a row is the 事業一覧 header (`基本理念 | 基本目標 | 施策 | 事業`)."""
    texts = {"".join(c.text.split()) for c in row.cells} | {"".join(row.label.split())}
    return "基本理念" in texts and "基本目標" in texts


def rows_to_index(rows: Sequence[Row]) -> list[IndexEntry]:
    """Given the rows after the 事業一覧 header, return its entries until the table ends."""
    entries: list[IndexEntry] = []
    vision = goal = measure = code = None
    first = rows[0].table if rows else None
    for row in rows:
        if row.table != first:
            break
        cells = ([] if not row.label else [_label_cell(row)]) + list(row.cells)
        category = None
        name_cell = None
        for cell in cells:
            text = as_printed(cell.text).strip()
            if m := _CATEGORY.match(text):
                category = m.group(1)
            elif m := _GOAL.match(text):
                goal = text
            elif m := _MEASURE.match(text):
                measure, code = text, re.sub(r"\s", "", m.group(1))
            elif category is None and text and "基本理念" not in text and cell.bbox[0] <= _min_x(cells):
                vision = text
            elif category is not None and text:
                name_cell = cell
        if category is None:
            continue
        name = as_printed(name_cell.text) if name_cell is not None else None
        anchor = name_cell or cells[-1]
        entries.append(IndexEntry(vision, goal, measure, code, category, name, row.page, anchor))
    return entries


def _label_cell(row: Row) -> Cell:
    x1 = min((c.bbox[0] for c in row.cells), default=0.0)
    return Cell(0, 0, row.label, (0.0, row.top, x1, row.top))


def _min_x(cells: Sequence[Cell]) -> float:
    return min(c.bbox[0] for c in cells)
