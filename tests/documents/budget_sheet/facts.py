"""Budget-sheet facts beyond the numeric `facts` view, in the same flat shape, for the scorer.

The expected-facts file also lists project attributes (基本情報: 事業名称, 課, 事業評価書番号, 新規拡充;
事業開始年度), the 目次 新規・拡充 mark, and figures inside narrative fields. The first two come from
the projects and budget_lines records; narratives are offered as `kind="text"` facts (their figures
are kept as text, not extracted as numbers).
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from parsers.normalize import clean_text
from parsers.parse import ParsedDocument, parse_pdf
from tests.expected_facts import facts_from_records

ROOT = Path(__file__).resolve().parents[3]
STEM = "yokohama_2024_jigyo_keikakusho_digital"
PDFS = {
    name: ROOT / "sample_docs" / f"{STEM}{suffix}.pdf"
    for name, suffix in [("main", ""), ("variant_a", "_variant_a"), ("variant_b", "_variant_b")]
}
EXPECTED = ROOT / "tests" / "expected" / f"{STEM}.jsonl"
FLAG_NOTE = "新規・拡充"


def parse(path: Path) -> ParsedDocument:
    """Given a PDF, parse it with its sha256 as doc_id (no Prefect, no DuckDB)."""
    return parse_pdf(path, hashlib.sha256(Path(path).read_bytes()).hexdigest())


@cache
def parsed(name: str) -> ParsedDocument:
    return parse(PDFS[name])


def all_facts(records) -> list[dict]:
    """Given a budget-sheet RecordSet, return the facts-view rows plus attribute and text facts."""
    return facts_from_records(records) + attribute_facts(records) + text_facts(records)


def attribute_facts(records) -> list[dict]:
    out = []
    for p in records.rows.get("projects", []):
        flags = [f for f in p.flags if not f.startswith("check_failed")]
        section = p.departments[-1] if len(p.departments) > 1 else None
        for table, row, measure, value, year in [
            ("基本情報", "事業名称", "事業名称", p.name_normalized, None),
            ("基本情報", "事業局課", "課", clean_text(section) if section else None, None),
            ("基本情報", "事業評価書番号", "事業評価書番号", p.evaluation_ref, None),
            ("基本情報", "新規拡充", "新規拡充", flags[0] if flags else None, 2024),
            ("事業開始年度", "事業開始年度", "事業開始年度", p.start_fiscal_year, p.start_fiscal_year),
        ]:
            out.append(_attr(p.name, table, row, measure, value, year, p.page))
    names = {p.project_id: p.name for p in records.rows.get("projects", [])}
    for line in records.rows.get("budget_lines", []):
        if line.level == "目次" and line.note and line.note.startswith(FLAG_NOTE):
            fact = _attr(names.get(line.project_id, line.name), "目次", line.name, FLAG_NOTE, "true", 2024, line.page)
            fact["column_label"] = FLAG_NOTE
            out.append(fact)
    return out


def _attr(project, table, row, measure, value, year, page) -> dict:
    return {
        "project": project,
        "table_name": table,
        "row_label": row,
        "column_label": None,
        "measure": measure,
        "fiscal_year": year,
        "value": None if value is None else str(value),
        "raw_text": None,
        "page": page,
        "kind": "number",
        "is_redacted": False,
    }


def text_facts(records) -> list[dict]:
    names = {p.project_id: p.name for p in records.rows.get("projects", [])}
    return [
        {
            "project": names.get(t.project_id),
            "table_name": t.field,
            "raw_text": t.raw_text,
            "page": t.page,
            "kind": "text",
        }
        for t in records.rows.get("project_texts", [])
    ]
