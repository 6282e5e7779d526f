"""The known document families, tried in order; the first whose detector accepts the pages wins."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext

from parsers.documents.action_plan_kpi import FAMILY as ACTION_PLAN_KPI
from parsers.documents.base import Family
from parsers.documents.budget_book import FAMILY as BUDGET_BOOK
from parsers.documents.budget_sheet import FAMILY as BUDGET_SHEET
from parsers.documents.dashboard import FAMILY as DASHBOARD
from parsers.documents.dx_strategy import FAMILY as DX_STRATEGY
from parsers.documents.ict_project_book import FAMILY as ICT_PROJECT_BOOK
from parsers.documents.project_list import FAMILY as PROJECT_LIST
from parsers.pdf.model import PageModel
from schemas.collect import RecordSet

FAMILIES: list[Family] = [
    ICT_PROJECT_BOOK,
    ACTION_PLAN_KPI,
    BUDGET_SHEET,
    BUDGET_BOOK,
    DX_STRATEGY,
    DASHBOARD,
    PROJECT_LIST,  # last: its header (事業名, 事業費, 財源内訳) is printed inside other families' pages too
]
FAMILY_NAMES = tuple(sorted(family.name for family in FAMILIES))


def classify_family(pages: Sequence[PageModel], records: RecordSet | None = None) -> Family | None:
    """Given a document's pages, return the first family that recognises them, or None.

    With `records`, a detector that raises is kept as a fault reject and counts as "not this family".
    """
    for family in FAMILIES:
        detected = False
        with records.contain(f"detect:{family.name}", "document") if records is not None else nullcontext():
            detected = family.detect(pages)
        if detected:
            return family
    return None


def family_named(name: str | None) -> Family | None:
    """The family called `name` (a manifest's), or None."""
    return next((family for family in FAMILIES if family.name == name), None)
