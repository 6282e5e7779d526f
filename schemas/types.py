"""Reusable Annotated types shared by every record model (STYLE §6)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

DocId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
"""sha256 of the PDF bytes, lowercase hex."""

Page = Annotated[int, Field(ge=1)]
"""1-based physical page number."""

FiscalYear = Annotated[int, Field(ge=1868, le=2200)]
"""Western start year of a Japanese fiscal year (令和6年度 = 2024)."""

Yen = Annotated[int, Field(ge=-(10**15), le=10**15)]
"""Money as integer yen (a 千円 figure is stored × 1000)."""

Exact = Annotated[Decimal, Field(max_digits=38, decimal_places=6)]
"""A non-money figure kept exactly (counts, percentages, ratios)."""

BLANK_MARKS = frozenset({"-", "－", "―", "‐", "‑", "‒", "–", "—", "−", "ー", "ｰ", "─", "━"})
"""The dashes a table prints for "nothing this year". One set, here, so that the schema that accepts a
NULL amount, the number normaliser and the KPI reader agree on what a blank cell is (an empty cell is
blank too; each caller says so itself). `ー` is listed because jaconv and neologdn fold `－` into it."""


def _ordered_bbox(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    x0, top, x1, bottom = box
    if x0 > x1 or top > bottom:
        raise ValueError(f"bbox must have x0 <= x1 and top <= bottom, got {box}")
    return box


BBox = Annotated[tuple[float, float, float, float], AfterValidator(_ordered_bbox)]
"""(x0, top, x1, bottom) in PDF points, top-left origin as pdfplumber reports it."""

NonEmpty = Annotated[str, StringConstraints(min_length=1)]
