"""The money blocks of a sheet: 財源内訳, 歳出 (予算 and 決算) and 細事業, as BudgetAmount records in yen.

Columns are found by their printed headers (the header above a value by x-position), never by a
fixed column number, so other column widths and tables broken by page breaks read the same.
Two printed irregularities are read the way the seed notes establish:
- a 歳出 row with as many values as year headers but shifted under a blank header is read in order
  (compacted); otherwise values go under the header above them and a blank header gives no year;
- a 細事業 row is read in order after its label (number and name, or 細事業合計): 6年度, 5年度,
  差引, 増減説明, since the 合計 row is sometimes shifted one cell left.
"""

from __future__ import annotations

from parsers.documents.budget_sheet.context import SheetContext, first_after, strip_unit, year_of_label
from parsers.documents.budget_sheet.rows import Row, cell_text, header_path, label_key
from parsers.normalize import NormalizationError, parse_amount_yen
from parsers.pdf.model import Cell
from schemas.budget import BudgetAmount, BudgetLine

MEASURE_ALIASES = {"市債+一財": "市債＋一般財源", "市債+一般財源": "市債＋一般財源"}
REDACTION = "■"


def measure_of(label: str) -> str:
    """Given a printed column or row label, return the measure name (`金 額` -> `金額`)."""
    key = label_key(strip_unit(label))
    return MEASURE_ALIASES.get(key, key.replace("+", "＋"))


def add_amount(
    ctx: SheetContext,
    cell: Cell,
    *,
    table_name: str,
    row_label: str | None,
    column_label: str | None,
    measure: str,
    fiscal_year: int | None,
    stage: str = "予算",
    line_id: str | None = None,
    project_id: str | None = "",
) -> BudgetAmount | None:
    """Given a printed money cell and its labels, add its BudgetAmount (yen); blank cells add nothing."""
    raw = cell_text(cell)
    if not raw.strip():
        return None
    page = ctx.current_page
    try:
        yen = parse_amount_yen(raw, unit=ctx.unit)
    except NormalizationError as err:
        payload = {"table_name": table_name, "row_label": row_label, "column_label": column_label, "raw": raw}
        ctx.records.reject("normalize", "BudgetAmount", payload, str(err), page=page)
        return None
    record = ctx.records.add_printed(
        BudgetAmount,
        cell,
        page=page,
        raw_text=raw,
        line_id=line_id,
        project_id=ctx.project_id if project_id == "" else project_id,
        table_name=table_name,
        row_label=row_label,
        column_label=column_label,
        fiscal_year=fiscal_year,
        stage=stage,
        measure=measure,
        amount_yen=yen,
        unit=ctx.unit,
        is_redacted=yen is None and REDACTION in raw,
    )
    if isinstance(record, BudgetAmount):
        ctx.amounts.append(record)
    return record


def read_funding(ctx: SheetContext, rows: list[Row]) -> None:
    """Given the 財源内訳 block (two header rows, then 令和6年度 / 令和5年度 / 増▲減), add its amounts."""
    headers = [c for r in rows if _is_funding_header(r) for c in r.cells]
    for row in rows:
        if _is_funding_header(row) or not row.cells:
            continue
        ctx.current_page = row.page
        label = cell_text(row.cells[0])
        year = year_of_label(label, ctx.plan_year)
        for cell in row.cells[1:]:
            path = header_path(cell, headers)
            if not path:
                continue
            column = cell_text(path[-1])
            add_amount(
                ctx,
                cell,
                table_name="財源内訳",
                row_label=label,
                column_label=column,
                measure=measure_of(column),
                fiscal_year=year,
            )


def _is_funding_header(row: Row) -> bool:
    keys = row.keys
    return "区分" in keys or ("国" in keys and "一般財源" in keys)


def read_spending(ctx: SheetContext, rows: list[Row]) -> None:
    """Given the 歳出 block (a header of years, then 予算 and 決算 × 事業費 and 市債＋一般財源), add its amounts."""
    header = next((r for r in rows if label_key(r.cells[0].text) == "歳出"), None)
    if header is None:
        return
    labelled = [c for c in header.cells if year_of_label(cell_text(c), ctx.plan_year) is not None]
    if not labelled:
        return
    year_cells = [c for c in header.cells if c.bbox[0] >= labelled[0].bbox[0]]  # years and blank headers
    stage = "予算"
    for row in rows:
        if row is header or label_key(row.cells[0].text) == "歳出":
            continue
        ctx.current_page = row.page
        keys = row.keys
        stage = next((s for s in ("予算", "決算") if s in keys), stage)
        measure_at = next((i for i, k in enumerate(keys) if k and k not in ("予算", "決算")), None)
        if measure_at is None:
            continue
        measure_label = cell_text(row.cells[measure_at])
        values = list(row.cells[measure_at + 1 :])
        printed = [c for c in values if c.text.strip()]
        if len(printed) == len(labelled) and any(not header_path(c, labelled) for c in printed):
            pairs = list(zip(printed, labelled, strict=True))  # shifted row: read in order
        else:
            pairs = [(c, next(iter(header_path(c, year_cells)[-1:]), None)) for c in printed]
        for cell, head in pairs:
            column = cell_text(head) if head is not None and head.text.strip() else None
            add_amount(
                ctx,
                cell,
                table_name=f"歳出{stage}",
                row_label=measure_label,
                column_label=column,
                measure=measure_of(measure_label),
                fiscal_year=year_of_label(column, ctx.plan_year) if column else None,
                stage=stage,
            )


def read_subprojects(ctx: SheetContext, rows: list[Row]) -> list[tuple[int, Cell]]:
    """Given the 細事業 block (header rows repeated after page breaks, numbered rows, 細事業合計 and
    sometimes a detached 増減説明 row), add its lines and amounts; return detached explanations
    as (page, cell)."""
    header = next((r for r in rows if "細事業名称" in r.keys), None)
    if header is None:
        return []
    columns = [strip_unit(cell_text(c)) for c in header.cells if _is_amount_header(c.text)]
    explained = any(label_key(c.text) == "増減説明" for c in header.cells)
    detached: list[tuple[int, Cell]] = []
    ordinal = 0
    for row in rows:
        if "細事業名称" in row.keys:
            continue  # the header, printed again after a page break
        ctx.current_page = row.page
        cells = [c for c in row.cells if not label_key(c.text).startswith("細事業(")]
        keys = [label_key(c.text) for c in cells]
        if "増減説明" in keys:
            note = first_after(cells, keys.index("増減説明"))
            if note is not None:
                detached.append((row.page, note))
            continue
        if "細事業合計" in keys:
            at = keys.index("細事業合計")
            code, name, label = None, "細事業合計", "細事業合計"
        else:
            at = next((i for i, k in enumerate(keys) if k.isdigit()), None)
            if at is None or at + 1 >= len(cells):
                continue
            code, name = keys[at], cell_text(cells[at + 1])
            label, at = f"{code} {name}", at + 1
        values = cells[at + 1 : at + 1 + len(columns)]
        rest = cells[at + 1 + len(columns) :]
        note = cell_text(rest[0]) if explained and rest and rest[0].text.strip() else None
        ordinal += 1
        line_id = ctx.line_id("細事業", ordinal)
        ctx.records.add_printed(
            BudgetLine,
            cells[at],
            page=row.page,
            raw_text=label,
            line_id=line_id,
            parent_line_id=None,
            project_id=ctx.project_id,
            side="歳出",
            level="細事業合計" if code is None else "細事業",
            code=code,
            name=name,
            ordinal=ordinal,
            note=note,
        )
        for cell, column in zip(values, columns, strict=False):
            add_amount(
                ctx,
                cell,
                table_name="細事業",
                row_label=label,
                column_label=column,
                measure="差引" if "差引" in column else "金額",
                fiscal_year=year_of_label(column, ctx.plan_year),
                line_id=line_id,
            )
    return detached


def _is_amount_header(text: str) -> bool:
    key = label_key(strip_unit(text))
    return key.endswith("年度") or key.startswith("差引")
