"""(A) project tables: 事業名 / 事業内容 / 年度別計画 / 行動目標 / 成果指標 rows -> a ProjectDraft.

Why a state machine over labelled rows: the label in the first column says what a row is, and the
rows after `行動目標` or `成果指標` with an empty label continue it (extra 行動目標 lines, the yearly
targets). Rows without a label between `年度別計画` and `行動目標` are 行動目標 lines too: printed without
rules, a label spanning several rows is read in the middle one. A table split over a page break simply
continues in the row stream.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers.documents.plans.rows import Row, YearColumn, as_printed, find_year_columns
from parsers.pdf.model import Cell

_BASELINE = re.compile(r"^(?P<name>.*?)\s*[〈<(（]\s*現状値\s*[:：]\s*(?P<base>.*?)\s*[〉>)）]\s*$", re.S)


@dataclass
class ProjectDraft:
    """What the rows of one (A) table say, before it becomes records."""

    page: int
    name_cell: Cell
    dept_cell: Cell | None = None
    description: Cell | None = None
    years: list[YearColumn] = field(default_factory=list)
    actions: list[tuple[int, Cell]] = field(default_factory=list)  # (page, cell)
    indicator_cell: tuple[int, Cell] | None = None
    value_cells: list[tuple[int, Cell]] = field(default_factory=list)
    pages: set[int] = field(default_factory=set)

    @property
    def name(self) -> str:
        return as_printed(self.name_cell.text)


def split_indicator_header(text: str) -> tuple[str, str | None]:
    """Given a 成果指標 label cell, return (indicator name, baseline text or None).

    The baseline is printed as `〈 現状値：… 〉` or `(現状値：…)`, possibly with brackets inside.
    """
    flat = as_printed(text)
    if m := _BASELINE.match(flat):
        return m.group("name").strip(), m.group("base").strip()
    return flat.strip(), None


class TableReader:
    """Feeds labelled rows one by one; `finished` collects a ProjectDraft per 事業名 row."""

    def __init__(self) -> None:
        self.current: ProjectDraft | None = None
        self.mode: str | None = None
        self.before_label: list[tuple[int, Cell]] = []  # unlabelled rows after 年度別計画 (see the docstring)
        self.finished: list[ProjectDraft] = []

    def feed(self, row: Row) -> bool:
        """Take one row; return whether it belonged to a project table."""
        key = row.label_key
        if key == "事業名":
            self.close()
            self.current = _start(row)
            return True
        draft = self.current
        if draft is None:
            return False
        draft.pages.add(row.page)
        if key == "事業内容":
            draft.description = row.cells[0] if row.cells else None
        elif key.startswith("年度別"):
            draft.years = find_year_columns(row.cells)
            self.mode = "years"
        elif key == "" and self.mode == "years":
            self.before_label.extend((row.page, c) for c in row.cells)
        elif key == "行動目標":
            self.mode = "action"
            draft.actions.extend([*self.before_label, *((row.page, c) for c in row.cells)])
            self.before_label = []
        elif key == "成果指標":
            self.mode = "indicator"
            draft.indicator_cell = (row.page, row.cells[0]) if row.cells else None
        elif key == "" and self.mode == "action":
            draft.actions.extend((row.page, c) for c in row.cells)
        elif key == "" and self.mode == "indicator":
            draft.value_cells = [(row.page, c) for c in row.cells]
            self.mode = None
            self.close()
        else:
            self.close()
            return False
        return True

    def close(self) -> None:
        """End the current project, if any."""
        if self.current is not None:
            self.finished.append(self.current)
        self.current = None
        self.mode = None
        self.before_label = []


def _start(row: Row) -> ProjectDraft:
    cells = list(row.cells)
    dept = None
    for i, cell in enumerate(cells):
        if "".join(cell.text.split()).startswith("担当") and i + 1 < len(cells):
            dept = cells[i + 1]
    return ProjectDraft(page=row.page, name_cell=cells[0], dept_cell=dept, pages={row.page})
