"""事業指標① (output) and ② (outcome): a year header, a 目標 row (name, 単位, 目標, values) and a 実績
row (unit, 実績, values). Values go under the year header above them (by x-position), which also
reads sheets whose header row has one cell less than its data rows.

An indicator with no name and no value is absent, not zero. Fractions (`43/100`), `50%以上`, ranges
(`99～100`) and text targets keep their printed form; the parsing is `parse_number`'s.
"""

from __future__ import annotations

from parsers.documents.budget_sheet.context import SheetContext, year_of_label
from parsers.documents.budget_sheet.rows import Row, cell_text, header_path, label_key
from parsers.normalize import NormalizationError, parse_number
from schemas.plans import Indicator, IndicatorValue

KINDS = {"indicator1": ("output", "事業指標①"), "indicator2": ("outcome", "事業指標②")}
ROLES = {"目標": "target", "実績": "actual"}


def read_indicator(ctx: SheetContext, block: str, rows: list[Row]) -> None:
    """Given one 事業指標 block, add its Indicator and IndicatorValues (nothing if it is empty)."""
    kind, table_name = KINDS[block]
    header = next((r for r in rows if any(k.endswith("年度") for k in r.keys[1:])), None)
    if header is None:
        return
    years = [c for c in header.cells if label_key(c.text).endswith("年度")]
    name_cell = unit = None
    values: list[tuple[str, Row, int]] = []  # (role, row, index of the role cell)
    for row in rows:
        keys = row.keys
        role_at = next((i for i, k in enumerate(keys) if k in ROLES), None)
        if row is header or role_at is None:
            continue
        role = ROLES[keys[role_at]]
        if role == "target" and role_at >= 1:
            name_cell = row.cells[0] if role_at >= 2 else None
        elif role == "actual" and role_at >= 1:
            unit = cell_text(row.cells[role_at - 1]).strip() or None
        values.append((role, row, role_at))
    printed = [(r, row, c) for r, row, at in values for c in row.cells[at + 1 :] if c.text.strip()]
    name = cell_text(name_cell).strip() if name_cell is not None else ""
    if not name and not printed:
        return
    indicator_id = ctx.line_id(table_name)
    ctx.records.add_printed(
        Indicator,
        name_cell or header.cells[0],
        page=header.page,
        raw_text=name or cell_text(header.cells[0]),
        indicator_id=indicator_id,
        project_id=ctx.project_id,
        kind=kind,
        name=name or table_name,
        unit=unit,
    )
    for role, row, cell in printed:
        year_cell = next(iter(header_path(cell, years)[-1:]), None)
        column = cell_text(year_cell) if year_cell is not None else None
        _add_value(ctx, indicator_id, table_name, name, role, row, cell, column, unit)


def _add_value(ctx, indicator_id, table_name, name, role, row, cell, column, unit) -> None:
    """Given one printed indicator cell, add its IndicatorValue (a number, a fraction, a range or text)."""
    raw = cell_text(cell)
    fields = dict(
        page=row.page,
        raw_text=raw,
        indicator_id=indicator_id,
        table_name=table_name,
        row_label=name or None,
        column_label=column,
        fiscal_year=year_of_label(column, ctx.plan_year) if column else None,
        role=role,
        unit=unit,
    )
    try:
        nv = parse_number(raw, context=unit)
    except NormalizationError:
        ctx.records.add_printed(IndicatorValue, cell, **fields, text=raw)
        return
    if nv.range is not None:
        low, high = nv.range
        fields.update(value=low, qualifier="range", text=f"{low}～{high}")
    else:
        fields.update(value=nv.value, qualifier=nv.qualifier, comparator=nv.comparator)
    if nv.denominator is not None:
        fields.update(numerator=nv.numerator, denominator=nv.denominator)
    fields["unit"] = nv.unit or unit
    ctx.records.add_printed(IndicatorValue, cell, **fields)
