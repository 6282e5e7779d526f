"""Pages -> sheets with their table headers: a page of its own, or the two pages of a split spread.

A spread is split when a page's header holds the 目 and money columns but no 節/説明, and the next
page's header holds 節/説明 but no 目: the two are read as one sheet, so each 節 lands beside its 目.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from parsers.documents.budget_book.columns import Band, find_bands
from parsers.documents.budget_book.layout import Line, Sheet, join_sheets, single_sheet, words_to_lines
from parsers.pdf.model import PageModel


@dataclass(frozen=True, slots=True)
class ReadSheet:
    """A sheet with its text lines and its table headers, top to bottom."""

    sheet: Sheet
    lines: tuple[Line, ...]
    bands: tuple[Band, ...]


def read_sheet(sheet: Sheet) -> ReadSheet:
    """Given a sheet, return it with its lines and table headers."""
    lines = words_to_lines(sheet.words)
    return ReadSheet(sheet, tuple(lines), tuple(find_bands(lines, sheet.rules, sheet.width)))


def pages_to_sheets(pages: Sequence[PageModel]) -> list[ReadSheet]:
    """Given a document's pages, return its sheets in order, joining split spreads."""
    singles = [read_sheet(single_sheet(p)) for p in pages]
    out, i = [], 0
    while i < len(singles):
        if i + 1 < len(singles) and _is_left_half(singles[i]) and _is_right_half(singles[i + 1]):
            out.append(read_sheet(join_sheets(pages[i], pages[i + 1])))
            i += 2
            continue
        out.append(singles[i])
        i += 1
    return out


def _is_left_half(read: ReadSheet) -> bool:
    return any(b.kind == "detail" and not b.get("説明") and not b.get("区分") for b in read.bands)


def _is_right_half(read: ReadSheet) -> bool:
    return bool(read.bands) and all(b.kind == "half" for b in read.bands)
