"""Milestone and text records placed at a table cell (page, bbox, raw text), shared by the grids and
the top-100 table."""

from __future__ import annotations

from parsers.documents.dx_strategy.layout import CellText
from schemas.collect import RecordSet
from schemas.plans import Milestone, ProjectText


def add_milestone(
    records: RecordSet,
    cell: CellText,
    *,
    project_id: str,
    table_name: str,
    item: str | None,
    period_label: str,
    fiscal_year: int | None,
    text: str,
) -> None:
    """Add one milestone printed in `cell`."""
    records.add_printed(
        Milestone,
        cell,
        raw_text=cell.raw,
        project_id=project_id,
        table_name=table_name,
        item=item,
        period_label=period_label,
        fiscal_year=fiscal_year,
        text=text,
    )


def add_text(records: RecordSet, cell: CellText, *, project_id: str, field: str, text: str) -> None:
    """Add one narrative field of a project printed in `cell`."""
    records.add_printed(
        ProjectText,
        cell,
        raw_text=cell.raw,
        project_id=project_id,
        field=field,
        text=text,
    )
