"""Triage for the DX strategy family: which tables are which, and whether a document is one at all.

Why: detection must be structural so the family neither misses a re-rendered document nor steals
another city's plan. A DX strategy action plan has milestone grids headed by the strategy's step
labels (`1Q(R4)` … `4Q(R7)`: each Q one fiscal year; at least three, or fewer when every column after
the item names a period, as in `R2 R3 1Q(R4) 2Q(R5)~`) or a procedures ranking (`順位` + `手続`). Other
action plans head their columns with fiscal years (`令和6年度`), not step labels.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from parsers.normalize import NormalizationError, Period, parse_period
from parsers.pdf.model import PageModel

TableKind = Literal["milestones", "indicators", "ranking"]

MIN_STEP_LABELS = 3  # a header with this many step labels (`1Q(R4)` …) is a milestone grid
BASELINE_HEADERS = ("Before", "現状値", "基準値", "策定時")
_MUNICIPALITY = re.compile(r"([\u4e00-\u9fff]{1,5}?[都道府県市区町村])(?=\S*(?:本部|局|部|課|室))")


def header_period(text: str) -> Period | None:
    """Given a header cell, return the period it names (`1Q(R4)`, `R3年度末`, `R3`), or None."""
    text = text.strip()
    if not text or len(text) > 12:
        return None
    try:
        return parse_period(text)
    except NormalizationError:
        return None


def is_step_label(text: str) -> bool:
    """Given a header cell, return whether it is one of the strategy's step labels (`2Q(R5)`)."""
    period = header_period(text)
    return period is not None and period.kind == "label"


def classify_table(header: Sequence[str]) -> TableKind | None:
    """Given a table's header row, return what kind of table it is, or None when not ours."""
    cells = [h.strip() for h in header]
    if any(h == "順位" for h in cells) and any("手続" in h for h in cells):
        return "ranking"
    steps = sum(is_step_label(h) for h in cells)
    if any(h in BASELINE_HEADERS for h in cells) and steps >= 1:
        return "indicators"
    if steps >= MIN_STEP_LABELS or (steps and _periods_after_label(cells)):
        return "milestones"
    return None


def _periods_after_label(cells: Sequence[str]) -> bool:
    """Whether every header cell after the first names a period (`R2 R3 1Q(R4) 2Q(R5)~`): a short grid
    whose columns are all steps or years is a milestone grid even with fewer than MIN_STEP_LABELS steps."""
    return len(cells) > 2 and all(header_period(h) is not None for h in cells[1:])


def detect(pages: Sequence[PageModel]) -> bool:
    """Given a document's pages, return whether it is a DX strategy action plan (see module doc)."""
    for page in pages:
        for table in page.tables:
            header = [c.text.replace("\n", "") for c in table.cells if c.row == 0]
            if classify_table(header) in ("milestones", "ranking"):
                return True
    return False


def find_municipality(lines: Sequence[str]) -> str | None:
    """Given the document's text lines (cover first), return the municipality that issues it."""
    for text in lines:
        if m := _MUNICIPALITY.search(text.replace(" ", "")):
            return m.group(1)
    return None
