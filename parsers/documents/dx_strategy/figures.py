"""Figures inside milestone text: where they are, read by the one number parser.

Why: a milestone cell mixes plan text and targets (`上位100手続の43%`, `公募・契約、一部利用開始(6消防団)`,
`125万件(R3年度比25%増)`, `100/100(その他手続も完了目指す)`). This module only *locates* candidate
spans; `parsers.normalize.parse_number` reads every one, so there is no second number grammar here.
A span counts as a figure when it is a whole piece of the cell (split at `、` and brackets), a
bracketed aside, or a percentage; a count that modifies a noun (`24手続オンライン化`, `6消防団へのアプリ`)
is text. Role: a bracketed change against a basis (`R3年度比25%増`) is a delta.

The shared `plans.kpi_values` turns each located figure into IndicatorValue fields. Its own
`figures_in_text` is not used for milestone prose: it reads every digit run as a figure, so
`24手続オンライン化を順次開始` would become a target of 24 手続.
"""

from __future__ import annotations

import re

from parsers.documents.plans.kpi_values import parse_kpi_cell
from parsers.normalize import NormalizationError, NumberValue, parse_number

_BRACKETED = re.compile(r"\(([^()]*(?:\([^()]*\)[^()]*)*)\)")
_PIECE_SPLIT = re.compile(r"[、，]|,(?![0-9]{3})|\n")
_PERCENT = re.compile(r"(?<![\d.,])(?:約|概ね|ほぼ|最大)?\d+(?:\.\d+)?\s*[%％](?:超|以上|以下|未満)?")


def find_figures(text: str) -> list[NumberValue]:
    """Given the text of one milestone item, return the figures printed in it, left to right."""
    whole = _read(text)
    if whole is not None:
        return [whole]
    found: list[tuple[int, NumberValue]] = []
    for m in _BRACKETED.finditer(text):
        value = _read(m.group(0))
        if value is not None:
            found.append((m.start(), value))
    rest = _BRACKETED.sub(lambda m: " " * len(m.group(0)), text)
    pos = 0
    for piece in _PIECE_SPLIT.split(rest):
        start = rest.index(piece, pos) if piece else pos
        pos = start + len(piece)
        value = _read(piece.strip()) if piece.strip() else None
        if value is not None:
            found.append((start, value))
            continue
        for m in _PERCENT.finditer(piece):
            value = _read(m.group(0))
            if value is not None:
                found.append((start + m.start(), value))
    return [v for _, v in sorted(found, key=lambda pair: pair[0])]


def is_delta(value: NumberValue) -> bool:
    """Given a figure, return whether it is a change against a basis (`R3年度比25%増`)."""
    directions = set((value.qualifier or "").split("|")) & {"増", "減"}
    return bool(value.basis) and bool(directions)


def value_fields(value: NumberValue) -> dict:
    """Given a located figure, return the IndicatorValue fields it fills (value, unit, comparator, …)."""
    return kpi_fields(value.raw)


def kpi_fields(text: str) -> dict:
    """Given one KPI cell or figure as printed, return the IndicatorValue fields of its first value."""
    cell = parse_kpi_cell(text)
    return cell.values[0].fields() if cell.values else {"text": text}


def _read(text: str) -> NumberValue | None:
    """Given a candidate span, return its figure, or None when it is not exactly one value."""
    if not text or not any(ch.isdigit() for ch in text):
        return None
    try:
        value = parse_number(text)
    except NormalizationError:
        return None
    if value.value is None and value.numerator is None:
        return None
    return value
