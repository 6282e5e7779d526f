"""The ranking's stated progress (`31/100`, `43/100` … by step): the grid row whose fractions are over
the number of ranked procedures, filed beside the ranking as `上位{N}手続進捗`.

Why: that row is printed as a milestone grid, so it is read as one (`マイルストーン`), but it totals
the ranking rather than planning an item. Only the ranking says how many procedures there are, and it
is read after the grid, so the row is re-filed once both are read. It is found structurally, the same
way the progress check finds the totals, never by its caption.
"""

from __future__ import annotations

from schemas.collect import RecordSet
from schemas.plans import Indicator, IndicatorValue, Milestone


def progress_table(ranked: int) -> str:
    """Given the number of ranked procedures, return the progress table's name (`上位100手続進捗`)."""
    return f"上位{ranked}手続進捗"


def progress_values(records: RecordSet, ranked: int) -> list[IndicatorValue]:
    """Given the records, return the fractions over the ranking's size (`43/100`) with a fiscal year."""
    return [
        v
        for v in records.rows.get(IndicatorValue.table, [])
        if v.denominator == ranked and v.numerator is not None and v.fiscal_year is not None
    ]


def file_progress(records: RecordSet, ranked: int) -> None:
    """Given the records and the ranking's size, move the rows holding its progress fractions (their
    values and milestones) to the progress table."""
    indicator_ids = {v.indicator_id for v in progress_values(records, ranked)}
    if not indicator_ids:
        return
    project_ids = {i.project_id for i in records.rows.get(Indicator.table, []) if i.indicator_id in indicator_ids}
    table_name = progress_table(ranked)
    for model, key, ids in ((IndicatorValue, "indicator_id", indicator_ids), (Milestone, "project_id", project_ids)):
        records.rows[model.table] = [
            r.model_copy(update={"table_name": table_name}) if getattr(r, key) in ids else r
            for r in records.rows.get(model.table, [])
        ]
