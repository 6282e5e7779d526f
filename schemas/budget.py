"""Projects, budget lines and amounts (DESIGN §3 tables `projects`, `budget_lines`, `budget_amounts`)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from schemas.base import Provenanced
from schemas.types import BLANK_MARKS, FiscalYear, NonEmpty, Page, Yen


class Project(Provenanced):
    """A 事業 (or the owner of budget-book lines) as printed, with its plan hierarchy."""

    table = "projects"

    project_id: NonEmpty
    name: NonEmpty
    name_normalized: NonEmpty
    code: str | None = None
    department: str | None = None
    departments: list[str] = Field(default_factory=list)
    account: str | None = None
    account_code: str | None = None
    policy_ref: str | None = None
    measure_ref: str | None = None
    evaluation_ref: str | None = None
    plan_page: int | None = None
    category: str | None = None
    plan_path: list[str] = Field(default_factory=list)
    flags: list[str] = Field(default_factory=list)
    start_fiscal_year: FiscalYear | None = None
    pages: list[Page] = Field(default_factory=list)
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)


class BudgetLine(Provenanced):
    """A line of a budget hierarchy: 款・項・目・節, 細事業, 説明 item, or a 目次 row."""

    table = "budget_lines"
    columnar = True  # a 1,000-page book has 21k lines and 23k amounts; as objects they held ~60 MB

    line_id: NonEmpty
    parent_line_id: str | None = None
    project_id: str | None = None
    side: Literal["歳入", "歳出"] | None = None
    level: NonEmpty
    code: str | None = None
    name: NonEmpty
    ordinal: int = Field(ge=0)
    note: str | None = None
    is_text_suspect: bool = False
    account: str | None = None
    """一般会計 or a 特別会計 the line belongs to (budget books), so that books of two accounts never mix."""


class BudgetAmount(Provenanced):
    """One amount of a line or project: fiscal year × stage × measure, in integer yen."""

    table = "budget_amounts"
    columnar = True

    line_id: str | None = None
    project_id: str | None = None
    table_name: NonEmpty
    row_label: str | None = None
    column_label: str | None = None
    fiscal_year: FiscalYear | None = None
    stage: Literal["予算", "決算"] = "予算"
    measure: NonEmpty
    amount_yen: Yen | None
    unit: NonEmpty = "千円"
    is_redacted: bool = False
    confidence: float | None = Field(default=None, ge=0.0, le=1.0)
    """How sure OCR is of the printed figure (its least sure glyph's match); None when read from a text layer."""
    in_failing_check: bool = False
    """The value takes part in a cross-check of its document that fails: one of them is misprinted or misread."""

    @model_validator(mode="after")
    def _null_only_when_redacted_or_blank(self) -> BudgetAmount:
        if self.line_id is None and self.project_id is None:
            raise ValueError("an amount belongs to a budget line or a project (both are empty)")
        if self.is_redacted and self.amount_yen is not None:
            raise ValueError("a redacted amount has no value")
        blank = not self.raw_text.strip() or self.raw_text.strip() in BLANK_MARKS
        if self.amount_yen is None and not self.is_redacted and not blank:
            raise ValueError(f"amount is NULL but the cell prints {self.raw_text!r}")
        return self
