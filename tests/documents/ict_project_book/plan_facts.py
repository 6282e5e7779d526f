"""Facts of a plan document for tests/expected_facts.score: the view's numeric facts plus text facts.

The `facts` view holds numbers only; the expected files also list texts (担当, 行動目標 / 取組内容,
事業区分, status tags, the 一覧's lead sentence). Those are offered as `kind="text"` facts, which the
scorer matches by table, project and raw text (its `found_in_text`).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from parsers.parse import parse_pdf
from tests.expected_facts import facts_from_records

INDEX_TABLE = "事業一覧"


def parse_sample(path: Path):
    """Given a sample PDF, return its ParsedDocument (doc_id = sha256 of the bytes)."""
    return parse_pdf(path, hashlib.sha256(path.read_bytes()).hexdigest())


def plan_facts(records) -> list[dict]:
    """Given a plan document's RecordSet, return numeric facts (as the view) and text facts."""
    rows = records.rows
    names = {p.project_id: p.name for p in rows.get("projects", [])}
    indicators = {i.indicator_id: i.project_id for i in rows.get("indicators", [])}
    texts = []
    for t in rows.get("project_texts", []):
        texts.append(_text("事業", names.get(t.project_id), t.raw_text))
    for m in rows.get("milestones", []):
        texts.append(_text(m.table_name, names.get(m.project_id), m.raw_text))
    for p in rows.get("projects", []):
        if p.category in ("A", "B", "C"):
            texts.append(_text(INDEX_TABLE, p.name, f"({p.category})"))
        texts.extend(_text("事業", p.name, f"【{flag}】") for flag in p.flags if flag in ("新", "見直し"))
    for c in rows.get("checks", []):
        if c.detail:
            texts.append(_text(c.subject, None, c.detail))
    for v in rows.get("indicator_values", []):
        if v.status:
            texts.append(_text(v.table_name, names.get(indicators.get(v.indicator_id)), v.raw_text))
    return facts_from_records(records) + texts


def _text(table: str, project: str | None, raw: str) -> dict:
    return {"table_name": table, "project": project, "raw_text": raw, "kind": "text"}
