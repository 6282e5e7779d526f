"""The 事業計画書目次: one row per sheet (計画書頁, 事業名, 令和6年度 / 令和5年度 / 増△減 × 事業費 and
市債+一財, 新規・拡充) and the 計 row, as BudgetLines (level 目次) with their amounts.

A row is linked to its sheet by name with spaces removed (`D X プロモーション事業` is the 目次's
`DXプロモーション事業`), else by 計画書頁 = the sheet's order in the book.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from parsers.documents.budget_sheet.amounts import add_amount, measure_of
from parsers.documents.budget_sheet.context import SheetContext, project_id_for, year_of_label
from parsers.documents.budget_sheet.rows import Row, cell_text, header_path, label_key
from schemas.budget import BudgetAmount, BudgetLine

TOTAL_LABEL = "計"
FLAG_HEADER = "新規・拡充"


@dataclass
class TocRow:
    """One 目次 row as read: its page number, name, flag mark, linked sheet and amounts."""

    plan_page: int | None
    name: str
    page: int
    flag: str
    ordinal: int | None = None  # the linked sheet's order in the book
    amounts: list[BudgetAmount] = field(default_factory=list)

    @property
    def is_total(self) -> bool:
        return label_key(self.name) == TOTAL_LABEL


def read_toc(ctx: SheetContext, rows: list[Row], sheet_names: dict[int, str]) -> list[TocRow]:
    """Given the 目次 table rows and the sheets' names by order, add its lines and amounts."""
    headers = [c for r in rows if _is_header(r) for c in r.cells]
    by_name = {label_key(name): ordinal for ordinal, name in sheet_names.items()}
    out = []
    for number, row in enumerate(r for r in rows if not _is_header(r)):
        ctx.current_page = row.page
        named = [(c, _column(c, headers)) for c in row.cells]
        name_cell = next((c for c, col in named if col == "事業名"), None)
        if name_cell is None or not name_cell.text.strip():
            continue
        page_text = next((cell_text(c) for c, col in named if col == "計画書頁"), "")
        plan_page = int(page_text) if page_text.strip().isdigit() else None
        name = cell_text(name_cell)
        flag = next((cell_text(c).strip() for c, col in named if col == FLAG_HEADER), "")
        item = TocRow(plan_page, name, row.page, flag)
        if not item.is_total:
            item.ordinal = by_name.get(label_key(name), plan_page if plan_page in sheet_names else None)
        project_id = None if item.ordinal is None else project_id_for(ctx.records.doc_id, item.ordinal)
        line_id = ctx.line_id("目次", number)
        ctx.records.add_printed(
            BudgetLine,
            name_cell,
            page=row.page,
            raw_text=name,
            line_id=line_id,
            project_id=project_id,
            side="歳出",
            level="目次計" if item.is_total else "目次",
            code=None if plan_page is None else str(plan_page),
            name=name,
            ordinal=number,
            note=f"{FLAG_HEADER} {flag}" if flag else None,
        )
        for cell, column in named:
            if column is None or "/" not in column:
                continue
            record = add_amount(
                ctx,
                cell,
                table_name="目次",
                row_label=name,
                column_label=column,
                measure=measure_of(column.split("/")[-1]),
                fiscal_year=year_of_label(column, ctx.plan_year),
                line_id=line_id,
                project_id=project_id,
            )
            if record is not None:
                item.amounts.append(record)
        out.append(item)
    return out


def _is_header(row: Row) -> bool:
    keys = row.keys
    return "事業名" in keys or (keys.count("事業費") >= 2)


def _column(cell, headers) -> str | None:
    """Given a 目次 cell, return its column label: header path joined with `/` (`令和6年度/事業費`)."""
    path = [cell_text(h) for h in header_path(cell, headers) if h.text.strip()]
    return "/".join(path) if path else None
