"""A dashboard's records as fact dicts for `tests.expected_facts.score`.

`facts_from_records` gives what the `facts` view holds (indicator values, figures read from prose);
this adds what the family keeps elsewhere: dated steps and 最終更新日 (milestones, valued by the
period as printed) and the 事務 → 所管局 rows of an attribute table (projects with a department).
"""

from __future__ import annotations

from parsers.documents.dashboard.reader import CATEGORY
from tests.documents.dx_strategy.facts import _fact as place_fact  # one shape for facts outside the view
from tests.expected_facts import facts_from_records

DEPARTMENT = "横浜市における業務所管局"  # the 対象事務 table's second column, as the expected facts name it


def dashboard_facts(records) -> list[dict]:
    """Given a dashboard's RecordSet, return its fact dicts (numbers, milestones, departments)."""
    projects = {p.project_id: p for p in records.rows.get("projects", [])}
    out = facts_from_records(records)
    for m in records.rows.get("milestones", []):
        tab = projects[m.project_id].name if m.project_id in projects else None
        out.append(
            place_fact(m.table_name, tab, m.item, None, m.fiscal_year, "milestone", m.period_label, m.raw_text, m.page)
        )
    for p in projects.values():
        if p.category != CATEGORY and p.department:
            tab = p.plan_path[0] if p.plan_path else None
            out.append(
                place_fact(p.category, tab, p.name, DEPARTMENT, None, "所管局", p.department, p.raw_text, p.page)
            )
    return out
