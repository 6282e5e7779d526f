"""Indicator tables with a baseline and a target column (効果を測る3つのINDEX): Before → 4Q(R7).

Why: these are the strategy's outcome KPIs; the baseline's fiscal year is not in its column but in
the survey the row cites (`令和3年度市民意識調査`), and targets carry bounds (`50%超` is > 50 %).
Columns are found by header text: the INDEX name, the baseline (`Before`), the period targets, the
survey (`調査`); cells merged down (the shared 対象 and 取組) name every row they cover.
"""

from __future__ import annotations

import re

from parsers.documents.dx_strategy.detect import BASELINE_HEADERS, header_period
from parsers.documents.dx_strategy.figures import kpi_fields
from parsers.documents.dx_strategy.layout import CellText, LogicalTable
from parsers.normalize import NormalizationError, parse_fiscal_year
from schemas.collect import RecordSet, make_id
from schemas.plans import Indicator, IndicatorValue

INDICATOR_TABLE = "効果INDEX"
_FISCAL_YEAR = re.compile(r"(?:令和|平成|R|H)\s*(?:\d{1,2}|元)\s*年度")


def parse_indicator_table(table: LogicalTable, records: RecordSet, doc_id: str) -> None:
    """Given a baseline/target indicator table, add one indicator per row with its values."""
    header = [h.strip() for h in table.header]
    name_col = next((i for i, h in enumerate(header) if "INDEX" in h or "指標" in h), None)
    base_col = next((i for i, h in enumerate(header) if h in BASELINE_HEADERS), None)
    survey_col = next((i for i, h in enumerate(header) if "調査" in h), None)
    target_cols = [i for i, h in enumerate(header) if header_period(h) is not None]
    if name_col is None or base_col is None:
        records.warnings.append(f"p{table.page}: indicator table without name/baseline column {header}")
        return
    for row in table.rows:
        name_cell = row[name_col]
        if name_cell is None or not name_cell.text:
            continue
        survey = row[survey_col] if survey_col is not None else None
        indicator_id = make_id(doc_id, "effect_index", name_cell.text)
        records.add_printed(
            Indicator,
            name_cell,
            raw_text=name_cell.raw,
            indicator_id=indicator_id,
            kind="outcome",
            name=name_cell.text,
            unit=None,
            baseline_text=survey.text if survey is not None else None,
        )
        base_year = _survey_year(survey)
        _add_value(
            records, doc_id, indicator_id, name_cell.text, header[base_col], row[base_col], "baseline", base_year
        )
        for i in target_cols:
            _add_value(
                records,
                doc_id,
                indicator_id,
                name_cell.text,
                header[i],
                row[i],
                "target",
                header_period(header[i]).start,
            )


def _add_value(records, doc_id, indicator_id, row_label, column_label, cell: CellText | None, role, fiscal_year):
    """Given one value cell, add its IndicatorValue (a cell that is not a figure is kept as text)."""
    if cell is None or not cell.text:
        return
    records.add_printed(
        IndicatorValue,
        cell,
        raw_text=cell.raw,
        indicator_id=indicator_id,
        table_name=INDICATOR_TABLE,
        row_label=row_label,
        column_label=column_label,
        fiscal_year=fiscal_year,
        role=role,
        **kpi_fields(cell.text),
    )


def _survey_year(cell: CellText | None) -> int | None:
    """Given the survey cell (`令和3年度市民意識調査…`), return the fiscal year it names first."""
    if cell is None or not (m := _FISCAL_YEAR.search(cell.text)):
        return None
    try:
        return parse_fiscal_year(m.group(0))
    except NormalizationError:
        return None
