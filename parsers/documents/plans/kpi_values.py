"""One printed KPI / target cell -> the fields of its IndicatorValue rows (shared by the plan families).

Why a module of its own: Sagamihara, Hachioji and the Yokohama DX strategy print the same kinds of
cells (`25 拠点・ 14%`, `R5 年度実績から 約 3%増`, `【未達成】申請化率：19.9％（対目標：▲10.1％）`,
`更新完了`, `-`), and each family needs the same answer: which figures, with which labels, status,
delta and notes. Reading a figure is always `parse_number` / `parse_numbers`; this module only cuts a
cell into the pieces those functions read:

- a leading status tag `【達成】` / `【未達成】` / `【一部未達成】` -> `status`;
- trailing bracketed groups: `（対目標：±x）` is the delta, anything else is a note (`(R4 年度)`);
- the rest is read whole (`parse_numbers`), else scanned for figures inside prose
  (`紙資料を併用している 1以上の議会資料を ペーパーレス化`), else it is a qualitative text;
- `A中B` (`24種中1種`) is B of A, a fraction; a figure without a counter takes the counter printed
  after `の` (`1以上の議会資料`).

Call `parse_kpi_cell(text)` and map each `KpiValue.fields()` into `IndicatorValue(**fields, ...)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from parsers.normalize import NormalizationError, NumberValue, clean_text, parse_number, parse_numbers
from parsers.normalize.numbers import COUNTERS
from schemas.types import BLANK_MARKS

_STATUS = re.compile(r"^\s*【(達成|未達成|一部未達成)】\s*")
_TRAILING_GROUP = re.compile(r"[（(]([^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*)[）)]\s*$")
_DELTA = re.compile(r"^\s*対\s*目標")
_ANCHOR = re.compile(r"[0-9０-９]+(?:[,，.．]\s?[0-9０-９]+)*")
_OF = re.compile(r"^\s*中\s*$")
_COUNTER_AFTER_NO = re.compile(r"^\s*の\s*(" + "|".join(map(re.escape, COUNTERS)) + ")")
_LABEL_TRIM = " \u3000:：、,・"
MAX_LEFT = 16  # characters a figure may reach left of its first digit (basis, 約, sign)
MAX_RIGHT = 16  # characters it may reach right of its last digit (unit, 以上, 増)


@dataclass(frozen=True)
class KpiValue:
    """One figure of a KPI cell: the piece as printed, the label before it, and what was read."""

    raw: str
    value: Decimal | int | None = None
    unit: str | None = None
    comparator: str | None = None
    qualifier: str | None = None
    numerator: Decimal | int | None = None
    denominator: Decimal | int | None = None
    basis: str | None = None
    label: str | None = None
    text: str | None = None
    status: str | None = None

    def fields(self) -> dict:
        """Return the IndicatorValue fields this value fills (value … status), not provenance."""
        return {
            "value": None if self.value is None else Decimal(self.value),
            "unit": self.unit,
            "comparator": self.comparator,
            "qualifier": self.qualifier,
            "numerator": None if self.numerator is None else Decimal(self.numerator),
            "denominator": None if self.denominator is None else Decimal(self.denominator),
            "text": self.text,
            "status": self.status,
        }


@dataclass(frozen=True)
class KpiCell:
    """A KPI cell cut into its parts. `values` is empty only for a blank cell (`-`) or an empty one."""

    raw_text: str
    status: str | None = None
    values: list[KpiValue] = field(default_factory=list)
    delta: KpiValue | None = None
    notes: list[str] = field(default_factory=list)
    is_blank: bool = False


def parse_kpi_cell(text: str, *, unit: str | None = None) -> KpiCell:
    """Given one printed KPI or target cell, return its status, figures, delta and notes.

    `unit` is a unit printed outside the cell, used when a figure prints none. A blank mark (`-`)
    gives `is_blank` and one KpiValue with `text="-"` (no target that year). A cell with no figure
    gives one KpiValue whose `text` is the cleaned wording (`更新完了`). Never raises on a str.
    """
    flat = " ".join(text.split())
    status_match = _STATUS.match(flat)
    status = status_match.group(1) if status_match else None
    head = flat[status_match.end() :] if status_match else flat
    head, groups = split_trailing_groups(head)
    delta = None
    notes = []
    for group in groups:
        if _DELTA.match(group) and delta is None:
            delta = _read_delta(group, unit)
        else:
            notes.append(group)
    if not head and notes and delta is None:  # `（136万7千件）`: the whole cell is bracketed
        head, notes = flat, []
    if head in BLANK_MARKS:
        blank = KpiValue(raw=head, text=head, status=status)
        return KpiCell(flat, status, [blank], delta, notes, is_blank=True)
    values = [replace(v, status=status) for v in figures_in_text(head, unit=unit)]
    if not values and head:
        values = [KpiValue(raw=head, text=clean_text(head), status=status)]
    return KpiCell(flat, status, values, delta, notes)


def in_name(value: KpiValue, flat: str) -> bool:
    """A figure without a unit glued to the word after it is part of a name (`標準仕様2.0版`), no value."""
    raw = "".join(value.raw.split())
    at = flat.find(raw)
    following = flat[at + len(raw) : at + len(raw) + 1] if at >= 0 else ""
    return value.unit is None and value.numerator is None and following.isalnum()


def split_trailing_groups(text: str) -> tuple[str, list[str]]:
    """Given a cell, return its text without trailing bracketed groups, and the groups' contents."""
    groups: list[str] = []
    rest = text.strip()
    while m := _TRAILING_GROUP.search(rest):
        groups.insert(0, m.group(1).strip())
        rest = rest[: m.start()].rstrip()
    return rest, groups


def figures_in_text(text: str, *, unit: str | None = None) -> list[KpiValue]:
    """Given a cell's text (no status, no notes), return its figures in reading order.

    A cell that is only figures (`25 拠点・ 14%`) is read by `parse_numbers`; otherwise each run of
    digits is widened left and right to the longest piece `parse_number` accepts. Text between
    figures becomes the next figure's `label`; wording around figures is kept in `text`.
    """
    if not text:
        return []
    try:
        read = parse_numbers(text, context=unit)
        return _with_labels(text, [(nv, _locate(text, nv.raw)) for nv in read], prose=False)
    except NormalizationError:
        pass
    found: list[tuple[NumberValue, tuple[int, int]]] = []
    pos = 0
    for anchor in _ANCHOR.finditer(text):
        if anchor.start() < pos:
            continue
        best = _widest_figure(text, anchor.start(), anchor.end(), pos, unit)
        if best is not None:
            found.append(best)
            pos = best[1][1]
    return _with_labels(text, _join_of_pairs(text, found), prose=True)


def _widest_figure(text: str, start: int, end: int, floor: int, unit: str | None):
    """Return the longest (NumberValue, span) around digits text[start:end] that parses, or None."""
    for width in range(MAX_LEFT + MAX_RIGHT, -1, -1):
        for left in range(min(MAX_LEFT, width), -1, -1):
            right = width - left
            lo, hi = start - left, end + right
            if lo < floor or hi > len(text) or right > MAX_RIGHT:
                continue
            piece = text[lo:hi]
            if piece != piece.strip() or not piece:
                continue
            try:
                nv = parse_number(piece, context=unit)
            except NormalizationError:
                continue
            if nv.value is None and nv.numerator is None and nv.range is None:
                continue
            return nv, (lo, hi)
    return None


def _join_of_pairs(text: str, found: list) -> list:
    """Given figures in order, merge `A中B` (B of A) into one fraction figure B/A."""
    out: list = []
    for nv, span in found:
        if out and _OF.match(text[out[-1][1][1] : span[0]]):
            whole, whole_span = out.pop()
            nv = replace(nv, numerator=nv.value, denominator=whole.value)  # value = numerator, as parse_number
            span = (whole_span[0], span[1])
        out.append((nv, span))
    return out


def _with_labels(text: str, located: list, *, prose: bool) -> list[KpiValue]:
    """Given figures with their spans, return KpiValues with labels, counters after `の`, and text."""
    values = []
    prev = 0
    for nv, (lo, hi) in located:
        label = text[prev:lo].strip(_LABEL_TRIM) or None
        unit = nv.unit
        after = _COUNTER_AFTER_NO.match(text[hi:])
        if unit is None and after:
            unit = after.group(1)
        values.append(
            KpiValue(
                raw=text[lo:hi],
                value=nv.value,
                unit=unit,
                comparator=nv.comparator,
                qualifier=nv.qualifier or nv.basis,
                numerator=nv.numerator,
                denominator=nv.denominator,
                basis=nv.basis,
                label=label,
            )
        )
        prev = hi
    if prose and values and _has_wording(text, located):
        wording = clean_text(text)
        values = [replace(v, text=wording) for v in values]
    return values


def _has_wording(text: str, located: list) -> bool:
    """Whether text outside the figures is more than short labels (`X：`): then it is prose."""
    rest = text
    for _, (lo, hi) in sorted(located, key=lambda x: -x[1][0]):
        rest = rest[:lo] + " " + rest[hi:]
    return len(re.sub(r"[\s:：、,・]", "", rest)) > 8


def _locate(text: str, piece: str) -> tuple[int, int]:
    start = text.find(piece)
    return (start, start + len(piece)) if start >= 0 else (0, len(text))


def _read_delta(group: str, unit: str | None) -> KpiValue:
    """Given `対目標：▲10.1％` (without brackets), return the delta as a KpiValue (text if unreadable)."""
    try:
        nv = parse_number(group, context=unit)
    except NormalizationError:
        return KpiValue(raw=group, text=clean_text(group))
    return KpiValue(raw=group, value=nv.value, unit=nv.unit, qualifier=nv.qualifier, basis=nv.basis)
