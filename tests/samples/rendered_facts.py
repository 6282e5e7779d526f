"""Score any rendering of a family's sample against the sample's hand-written expected facts.

Each family already has a function turning its records into fact dicts for `tests.expected_facts`
(numbers as the `facts` view shows them, plus what the family keeps elsewhere); this names them per
family so the rulings tests and `bench/renderings.py` score every rendering the same way.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from parsers.parse import ParsedDocument, parse_pdf
from tests.documents.budget_sheet.facts import all_facts
from tests.documents.dashboard.facts import dashboard_facts
from tests.documents.dx_strategy.facts import dx_facts
from tests.documents.ict_project_book.plan_facts import plan_facts
from tests.expected_facts import Score, load_facts, score

EXPECTED = Path(__file__).resolve().parents[1] / "expected"
MIN_FOUND = 0.98  # of the expected facts, as on the ruled samples; and no wrong value
# family -> (expected-facts stem, records -> fact dicts)
FAMILY_FACTS = {
    "budget_sheet": ("yokohama_2024_jigyo_keikakusho_digital", all_facts),
    "dashboard": ("yokohama_dx_dashboard_2023", dashboard_facts),
    "ict_project_book": ("sagamihara_ict_jisshi_jigyoshu_2024", plan_facts),
    "action_plan_kpi": ("hachioji_dx_action_plan_2024", plan_facts),
    "dx_strategy": ("yokohama_dx_strategy_action_2024", dx_facts),
}


def parse(path: Path) -> ParsedDocument:
    """Given a PDF, parse it with its sha256 as doc_id (no Prefect, no DuckDB)."""
    return parse_pdf(path, hashlib.sha256(path.read_bytes()).hexdigest())


def score_document(family: str, doc: ParsedDocument) -> Score:
    """Given a family and a parsed rendering of its sample, return the score against the expected facts."""
    stem, facts = FAMILY_FACTS[family]
    return score(load_facts(EXPECTED / f"{stem}.jsonl"), facts(doc.records))
