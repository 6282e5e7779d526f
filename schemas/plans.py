"""Indicators, their values, milestones and narrative texts (DESIGN §3)."""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from schemas.base import Provenanced, Record
from schemas.types import DocId, Exact, FiscalYear, NonEmpty, Page


class Indicator(Provenanced):
    """A KPI or 事業指標 of a project (or of a 施策)."""

    table = "indicators"

    indicator_id: NonEmpty
    project_id: str | None = None
    kind: Literal["output", "outcome", "kpi"]
    name: NonEmpty
    unit: str | None = None
    baseline_text: str | None = None


class IndicatorValue(Provenanced):
    """One value of an indicator: fiscal year × role (target / actual / delta / baseline)."""

    table = "indicator_values"

    indicator_id: NonEmpty
    table_name: NonEmpty
    row_label: str | None = None
    column_label: str | None = None
    fiscal_year: FiscalYear | None = None
    role: Literal["target", "actual", "delta", "baseline"]
    value: Exact | None = None
    unit: str | None = None
    comparator: Literal[">=", ">", "<", "<=", "~", "="] | None = None
    qualifier: str | None = None
    numerator: Exact | None = None
    denominator: Exact | None = None
    text: str | None = None
    status: str | None = None

    @model_validator(mode="after")
    def _fraction_is_whole(self) -> IndicatorValue:
        if (self.numerator is None) != (self.denominator is None):
            raise ValueError("a numerator needs its denominator and vice versa")
        if self.value is None and self.text is None and self.raw_text.strip():
            raise ValueError(f"neither a value nor a text was read from {self.raw_text!r}")
        return self


class Milestone(Provenanced):
    """Yearly or quarterly plan text of an item, with the period label as printed."""

    table = "milestones"

    project_id: str | None = None
    table_name: NonEmpty
    item: str | None = None
    period_label: NonEmpty
    fiscal_year: FiscalYear | None = None
    text: NonEmpty


class ProjectText(Provenanced):
    """A narrative field of a project (事業目的, 背景・課題 …): `raw_text` as printed, `text` cleaned."""

    table = "project_texts"

    project_id: NonEmpty
    field: NonEmpty
    text: str


class TokenRow(Record):
    """A Sudachi token of a text field, for Japanese search and name matching."""

    table = "tokens"

    doc_id: DocId
    page: Page | None = None
    source_table: NonEmpty
    source_id: NonEmpty
    position: int
    surface: NonEmpty
    normalized_form: NonEmpty
    part_of_speech: NonEmpty
