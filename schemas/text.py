"""Figures read from running text (DESIGN §3 table `text_facts`): a sentence's counts, rates and money."""

from __future__ import annotations

from schemas.base import Provenanced
from schemas.types import Exact, FiscalYear, NonEmpty


class TextFact(Provenanced):
    """One figure printed in prose (a 記述欄, a plan's 方向性, a milestone, a dashboard paragraph).

    `raw_text` is the figure as printed (`約1,900万件`), `context` the sentence around it, `source`
    the text it was read from (`project_texts:事業概要`, `milestones`, `lines`). `value` is as printed
    in `unit` (`%` stays 90, `万` is expanded); a range keeps `value` NULL and `value_min`/`value_max`.
    """

    table = "text_facts"

    fact_id: NonEmpty
    project_id: str | None = None
    source: NonEmpty
    table_name: NonEmpty
    row_label: str | None = None
    fiscal_year: FiscalYear | None = None
    value: Exact | None = None
    value_min: Exact | None = None
    value_max: Exact | None = None
    unit: str | None = None
    qualifier: str | None = None
    comparator: str | None = None
    context: NonEmpty
