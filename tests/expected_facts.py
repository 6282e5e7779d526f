"""Score parsed records against a hand-written expected-facts file (tests/expected/*.jsonl).

Family-agnostic: the parsed side is a flat list of fact dicts shaped like the `facts` view (project,
table_name, row_label, column_label, measure, fiscal_year, value, unit, raw_text, page).
`facts_from_records` builds that list from a RecordSet the way the view does (budget amounts,
indicator values, figures read from prose with measure `text_figure`); a family may append its own
(project attributes, narrative texts with `kind="text"`).

A fact is matched by table + project + row label + column label (or measure when the fact has no
column) + fiscal year; labels compare without whitespace and with bracket/tilde/minus look-alikes
folded. A hand-written row label may shorten the printed one (`安全対策の要望校数` for the printed
`通学路上の安全対策の要望校数並びに件数`), so a row label matches when the parsed label contains it.
Where several parsed facts share the place, those with the fact's measure are preferred (a status and
an actual printed in one cell); a `status` fact (`【未達成】`) is found when a fact at its place carries
that status. A fact whose fiscal year is null but whose column is printed (`AMBIGUOUS` in the seed notes)
is matched by its column alone. Then:
- found: a match with the same value (numbers compare exactly as Decimal; null = null and redaction);
- wrong: matches exist but none has the value;
- found_in_text: no structured match, but a `kind="text"` fact of the same project and table holds
  the fact's raw text (narrative figures kept as text, not as numbers);
- missing: neither.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

TEXT_FIGURE = "text_figure"  # the facts view's measure for a figure read from prose (text_facts)
# look-alikes folded; `˜` (U+02DC) is how pdfminer reads a non-embedded CID font's ASCII `~`
_FOLD = str.maketrans(
    {"（": "(", "）": ")", "〜": "～", "~": "～", "˜": "～", "－": "-", "−": "-", "＋": "+", "／": "/"}
)
_WS = re.compile(r"\s+")


def load_facts(path: Path) -> list[dict]:
    """Given an expected-facts .jsonl file, return its facts."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def norm(text: object) -> str | None:
    """Given a label or raw text, return its comparison form (None stays None)."""
    if text is None:
        return None
    return _WS.sub("", str(text)).translate(_FOLD)


def facts_from_records(records) -> list[dict]:
    """Given a RecordSet, return its numeric facts shaped like the `facts` view (sql/views/01_facts.sql)."""
    rows = records.rows
    projects = {p.project_id: p.name for p in rows.get("projects", [])}
    lines = {line.line_id: line.name for line in rows.get("budget_lines", [])}
    indicators = {i.indicator_id: i for i in rows.get("indicators", [])}
    out = []
    for a in rows.get("budget_amounts", []):
        out.append(
            _fact(
                a,
                project=projects.get(a.project_id) or lines.get(a.line_id),
                measure=a.measure,
                value=a.amount_yen,
                unit="円",
                is_redacted=a.is_redacted,
            )
        )
    for v in rows.get("indicator_values", []):
        indicator = indicators.get(v.indicator_id)
        value = v.value if v.value is not None else v.numerator
        fact = _fact(
            v,
            project=projects.get(indicator.project_id) if indicator else None,
            measure=v.role,
            value=value,
            unit=v.unit,
            qualifier=v.qualifier,
        )
        fact["row_label"] = v.row_label or (indicator.name if indicator else None)
        fact["status"] = v.status
        out.append(fact)
    for t in rows.get("text_facts", []):
        value = t.value if t.value is not None else t.value_min
        fact = _fact(t, project=projects.get(t.project_id), measure=TEXT_FIGURE, value=value, unit=t.unit)
        fact.update(
            column_label=None, qualifier=t.qualifier, value_max=None if t.value_max is None else str(t.value_max)
        )
        out.append(fact)
    return out


def _fact(record, **fields) -> dict:
    base = {
        "table_name": record.table_name,
        "row_label": record.row_label,
        "column_label": getattr(record, "column_label", None),
        "fiscal_year": record.fiscal_year,
        "raw_text": record.raw_text,
        "page": record.page,
        "kind": "number",
        "qualifier": None,
        "is_redacted": False,
    }
    base.update(fields)
    if base["value"] is not None:
        base["value"] = str(base["value"])
    return base


@dataclass
class Score:
    """How many expected facts were found, found only as text, wrong or missing (with the facts)."""

    total: int = 0
    found: list[dict] = field(default_factory=list)
    found_in_text: list[dict] = field(default_factory=list)
    wrong: list[tuple[dict, dict]] = field(default_factory=list)
    missing: list[dict] = field(default_factory=list)

    @property
    def found_share(self) -> float:
        return (len(self.found) + len(self.found_in_text)) / self.total if self.total else 1.0

    def summary(self, name: str = "") -> str:
        return (
            f"{name}: {len(self.found)} found + {len(self.found_in_text)} found in text / {self.total} "
            f"({self.found_share:.1%}), {len(self.wrong)} wrong, {len(self.missing)} missing"
        )


def score(expected: Iterable[dict], actual: list[dict]) -> Score:
    """Given expected facts and parsed fact dicts, return the Score (see the module docstring)."""
    result = Score()
    numbers = [f for f in actual if f.get("kind", "number") != "text"]
    texts = [f for f in actual if f.get("kind") == "text"]
    for fact in expected:
        result.total += 1
        candidates = [f for f in numbers if _same_place(fact, f)]
        same_measure = [f for f in candidates if norm(f.get("measure")) == norm(fact.get("measure"))]
        candidates = same_measure or candidates
        if candidates:
            hit = next((f for f in candidates if _same_value(fact, f)), None)
            if hit is not None:
                result.found.append(fact)
            else:
                result.wrong.append((fact, candidates[0]))
        elif any(_holds_text(fact, f) for f in texts):
            result.found_in_text.append(fact)
        else:
            result.missing.append(fact)
    return result


def _same_place(fact: dict, f: dict) -> bool:
    if norm(fact["table_name"]) != norm(f["table_name"]):
        return False
    if fact.get("project") is not None and norm(fact["project"]) != norm(f.get("project")):
        return False
    if fact.get("row_label") is not None and norm(fact["row_label"]) not in (norm(f.get("row_label")) or ""):
        return False
    if fact.get("column_label") is not None:
        if norm(fact["column_label"]) != norm(f.get("column_label")):
            return False
    elif norm(fact.get("measure")) != norm(f.get("measure")) or f.get("column_label") is not None:
        return False
    if fact.get("fiscal_year") is not None or fact.get("column_label") is None:
        return fact.get("fiscal_year") == f.get("fiscal_year")
    return True


def _same_value(fact: dict, f: dict) -> bool:
    if fact.get("measure") == "status":
        return norm(f.get("status")) == norm(fact["raw_text"]).strip("【】")
    if fact.get("value") is None:
        return f.get("value") is None and bool(fact.get("is_redacted")) == bool(f.get("is_redacted"))
    if not _equal(fact["value"], f.get("value")):
        return False
    if fact.get("value_max") is not None and f.get("value_max") is not None:
        return _equal(fact["value_max"], f["value_max"])
    return True


def _equal(a: object, b: object) -> bool:
    if b is None:
        return False
    try:
        return Decimal(str(a)) == Decimal(str(b))
    except InvalidOperation:
        return norm(a) == norm(b)


def _holds_text(fact: dict, f: dict) -> bool:
    if norm(fact["table_name"]) != norm(f["table_name"]):
        return False
    if fact.get("project") is not None and norm(fact["project"]) != norm(f.get("project")):
        return False
    return bool(fact.get("raw_text")) and norm(fact["raw_text"]) in (norm(f.get("raw_text")) or "")
