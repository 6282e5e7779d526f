"""Hachioji 事業 tables: 管理番号 / 事業名称 担当 / 事業内容 / 目的 / 年度 / 取組内容 / 目標 KPI rows.

A row mentioning 管理番号 starts a project (the label may be split over two cells: `…管` | `理番号
1-1-1`). Years before the last column are evaluated results (actual, status, delta); the last year
is the target. A compact project prints name and 担当 in one cell: split at the last space, with
lower confidence, because the split is a guess; a year header whose western year disagrees with its
era (`令和5年度（2015年度）`) lowers it too, since the years of the whole table rest on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers.documents.plans.rows import Row, YearColumn, as_printed, find_year_columns, years_of_cell
from parsers.pdf.model import Cell

_CODE = re.compile(r"管\s*理\s*番\s*号\s*(\d+\s*-\s*\d+\s*-\s*\d+)")
_MARKERS = re.compile(r"【(新|見直し)】")


@dataclass
class ProjectDraft:
    """What the rows of one 事業 say, before it becomes records."""

    code: str
    item: str | None
    page: int
    code_cell: Cell
    name_cell: Cell | None = None
    name: str | None = None
    dept: str | None = None
    texts: list[tuple[str, int, Cell]] = field(default_factory=list)
    years: list[YearColumn] = field(default_factory=list)
    actions: list[tuple[int, Cell]] = field(default_factory=list)
    kpis: list[tuple[int, Cell]] = field(default_factory=list)
    year_header: list[tuple[int, Cell]] = field(default_factory=list)
    pages: set[int] = field(default_factory=set)
    confidence: float = 1.0
    flags: list[str] = field(default_factory=list)

    @property
    def has_kpi_table(self) -> bool:
        return bool(self.kpis)


def row_code(row: Row) -> tuple[str, str | None] | None:
    """Given a row, return (管理番号, 実施内容 item) if it is a project's header row."""
    texts = [row.label] + [c.text for c in row.cells]
    joined = "".join(t.replace("\n", "") for t in texts)
    m = _CODE.search(joined)
    if not m:
        return None
    item = joined[: joined.find("管")].strip() or None
    return re.sub(r"\s", "", m.group(1)), item


class ProjectReader:
    """Feeds labelled rows; `finished` collects a ProjectDraft per 管理番号."""

    def __init__(self) -> None:
        self.current: ProjectDraft | None = None
        self.finished: list[ProjectDraft] = []

    def feed(self, row: Row) -> bool:
        """Take one row; return whether it belonged to a project."""
        if found := row_code(row):
            self.close()
            code, item = found
            self.current = ProjectDraft(code, item, row.page, row.cells[-1] if row.cells else None, pages={row.page})
            return True
        draft = self.current
        if draft is None:
            return False
        key = row.label_key
        if key.startswith("事業名称"):
            _read_name(draft, row)
        elif key in ("事業内容", "目的あるべき姿") and row.cells:
            draft.texts.append((key, row.page, row.cells[0]))
        elif key == "年度":
            draft.years = find_year_columns(row.cells)
            draft.year_header = [(row.page, c) for c in row.cells]
            if any(y.conflict for y in draft.years):
                draft.confidence = min(draft.confidence, 0.8)
                draft.flags.append("western_year_mismatch")
        elif key == "取組内容":
            draft.actions = [(row.page, c) for c in row.cells]
        elif "KPI" in key or "ＫＰＩ" in key:
            draft.kpis = [(row.page, c) for c in row.cells]
        elif key == "備考":
            self.close()
        else:
            self.close()
            return False
        draft.pages.add(row.page)
        return True

    def close(self) -> None:
        if self.current is not None:
            self.finished.append(self.current)
        self.current = None


def _read_name(draft: ProjectDraft, row: Row) -> None:
    cells = [c for c in row.cells if c.text.strip()]
    if not cells:
        draft.confidence = 0.3
        draft.flags.append("name_missing")
        return
    draft.name_cell = cells[0]
    if len(cells) >= 2:
        draft.name, draft.dept = as_printed(cells[0].text), as_printed(cells[-1].text)
        return
    text = as_printed(cells[0].text).strip()
    head, _, tail = text.rpartition(" ")
    if head:
        draft.name, draft.dept = head.strip(), tail.strip()
        draft.confidence = 0.6
        draft.flags.append("name_department_split_guessed")
    else:
        draft.name = text
        draft.confidence = 0.5
        draft.flags.append("department_missing")


def markers(name: str, description: str | None) -> list[str]:
    """Given a project's name and 事業内容, return its flags: 新 (【新】 on the name), 見直し (【見直し】
    at the start of 事業内容; elsewhere it is a schedule tag, not the marker)."""
    flags = ["新"] if "【新】" in name else []
    if description and description.lstrip().startswith("【見直し】"):
        flags.append("見直し")
    return flags


def strip_markers(name: str) -> str:
    return _MARKERS.sub("", name).strip()


def cells_by_year(cells: list[tuple[int, Cell]], years: list[YearColumn]) -> list[tuple[int, Cell, YearColumn]]:
    """Given a row's cells and the year header, return (page, cell, year) for every year a cell covers."""
    return [(page, cell, year) for page, cell in cells for year in years_of_cell(cell, years)]
