"""The DX strategy's records as fact dicts for `tests.expected_facts.score`.

`facts_from_records` gives the numeric facts the `facts` view holds; this adds what the family keeps
elsewhere: the ranking's 順位 (the project's `code`) and milestone texts. A milestone item without
a figure is a valueless fact at its place (item × period), so it stands beside the figures of the
same cell (`普及率概ね100%` / `健康保険証利用開始`); items with figures are also kept as `kind="text"`.
"""

from __future__ import annotations

from parsers.documents.dx_strategy.figures import find_figures
from parsers.documents.dx_strategy.top100 import RANKING_CATEGORY, RANKING_TABLE
from tests.expected_facts import facts_from_records

RANK_COLUMN = "順位"


def dx_facts(records) -> list[dict]:
    """Given a RecordSet of a DX strategy, return its fact dicts (numbers, ranks, milestone texts)."""
    projects = {p.project_id: p for p in records.rows.get("projects", [])}
    out = facts_from_records(records)
    for p in projects.values():
        if p.category == RANKING_CATEGORY:
            out.append(_fact(RANKING_TABLE, p.name, p.name, RANK_COLUMN, None, "rank", p.code, p.code, p.page))
    for m in records.rows.get("milestones", []):
        name = projects[m.project_id].name if m.project_id in projects else None
        fact = _fact(m.table_name, name, m.item, m.period_label, m.fiscal_year, "text", None, m.text, m.page)
        is_grid_item = m.table_name != RANKING_TABLE and not find_figures(m.text)
        out.append(fact if is_grid_item else {**fact, "kind": "text"})
    return out


def _fact(table, project, row, column, fiscal_year, measure, value, raw_text, page) -> dict:
    return {
        "table_name": table,
        "project": project,
        "row_label": row,
        "column_label": column,
        "measure": measure,
        "fiscal_year": fiscal_year,
        "value": value,
        "unit": None,
        "qualifier": None,
        "is_redacted": False,
        "raw_text": raw_text,
        "page": page,
        "kind": "number",
    }
