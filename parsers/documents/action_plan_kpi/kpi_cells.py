"""Hachioji KPI cells: one year's cell may hold several KPIs, each `【達成】|【未達成】 label value (対目標：±x)`.

Why its own step: the cell's lines carry the structure the flat text loses. A status tag starts a KPI
and a `（対目標：…）` group ends one; the label is the text on the value's line, else the lines above
it; a bracketed note with a figure (`（手続種類 24種中1種）`) is a figure too. A figure printed before
the value with the same unit (`30％をオンライン申請に … 22.4％`) is that year's printed target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers.documents.plans.kpi_values import KpiValue, figures_in_text, parse_kpi_cell
from parsers.normalize import NormalizationError, parse_number

_STATUS = re.compile(r"^\s*【(達成|未達成|一部未達成)】")
_DELTA_END = re.compile(r"対\s*目標.*[）)]\s*$")
_DELTA_START = re.compile(r"^[（(]\s*対\s*目標")
_LABEL_TRIM = " \u3000:：、,・（("


@dataclass
class KpiChunk:
    """One KPI of a cell: status, label, the value, the printed delta and target, its text."""

    raw_text: str
    status: str | None
    label: str | None
    value: KpiValue | None
    delta: KpiValue | None = None
    printed_target: KpiValue | None = None
    extras: list[KpiValue] = field(default_factory=list)
    is_blank: bool = False


def cell_to_chunks(text: str) -> list[KpiChunk]:
    """Given a KPI cell's text (with its line breaks), return one KpiChunk per KPI in it."""
    groups: list[list[str]] = []
    for line in (ln.strip() for ln in text.split("\n")):
        if not line:
            continue
        if groups and _DELTA_START.match(line):
            groups[-1].append(line)
        elif not groups or _STATUS.match(line) or _ends(groups[-1]):
            groups.append([line])
        else:
            groups[-1].append(line)
    chunks = [_chunk(lines) for lines in groups]
    status = None
    for chunk in chunks:  # one tag may cover the KPIs after it in the same cell
        status = chunk.status = chunk.status or status
    return chunks


def _ends(lines: list[str]) -> bool:
    """A KPI ends with its difference, or with a line that is a figure alone (`63%`)."""
    if _DELTA_END.search(lines[-1]):
        return True
    try:
        return parse_number(lines[-1]).value is not None
    except NormalizationError:
        return False


def _chunk(lines: list[str]) -> KpiChunk:
    raw = " ".join(lines)
    cell = parse_kpi_cell(raw)
    figures = [v for v in cell.values if v.text is None or v.value is not None or v.numerator is not None]
    figures = [v for v in figures if v.value is not None or v.numerator is not None]
    from_notes = [f for note in cell.notes for f in figures_in_text(note)]
    figures.extend(from_notes)
    if cell.is_blank or not figures:
        text_value = cell.values[0] if cell.values else None
        return KpiChunk(raw, cell.status, None, text_value, cell.delta, is_blank=cell.is_blank)
    value = figures[-1]
    target = next((f for f in reversed(figures[:-1]) if f.unit == value.unit and f.unit), None)
    label = value.label if value in from_notes and value.label else _label(lines, value)
    return KpiChunk(raw, cell.status, label, value, cell.delta, target, figures[:-1])


def _label(lines: list[str], value: KpiValue) -> str | None:
    """The text on the value's line before it, else the lines above it (without the status tag)."""
    body = [_STATUS.sub("", ln).strip() for ln in lines]
    for i, line in enumerate(body):
        compact = "".join(line.split())
        if "".join(value.raw.split()) in compact:
            before = line[: line.find(value.raw)] if value.raw in line else ""
            before = before.strip(_LABEL_TRIM)
            if before:
                return before
            above = "".join(ln for ln in body[:i] if ln)
            return above.strip(_LABEL_TRIM) or value.label
    return value.label
