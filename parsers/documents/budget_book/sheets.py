"""Pages -> sheets with their table headers: a page of its own, the two pages of a split spread, or
the two logical pages of a page imposed 2-up (imposition.py).

A spread is split when a page's header holds the 目 and money columns but no 節/説明, and the next
page's header holds 節/説明 but no 目: the two are read as one sheet, so each 節 lands beside its 目.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from parsers.documents.base import each_page
from parsers.documents.budget_book.columns import Band, find_bands
from parsers.documents.budget_book.imposition import split_two_up
from parsers.pdf.model import PageModel
from parsers.pdf.reading import Line, readable_lines
from parsers.pdf.sheet import Sheet, join_sheets, single_sheet
from schemas.collect import RecordSet

STAGE_READ = "budget_book:read"


@dataclass(frozen=True, slots=True)
class ReadSheet:
    """A sheet with its text lines and its table headers, top to bottom."""

    sheet: Sheet
    lines: tuple[Line, ...]
    bands: tuple[Band, ...]


def read_sheet(sheet: Sheet) -> ReadSheet:
    """Given a sheet, return it with its lines and table headers."""
    lines = readable_lines(sheet.words)
    return ReadSheet(sheet, tuple(lines), tuple(find_bands(lines, sheet.rules, sheet.width)))


def read_page(page: PageModel) -> list[ReadSheet]:
    """Given a page, return its sheets: the page, or its two logical pages when it is imposed 2-up."""
    sheet = single_sheet(page)
    return [read_sheet(half) for half in split_two_up(sheet) or [sheet]]


def pages_to_sheets(pages: Sequence[PageModel], records: RecordSet | None = None) -> list[ReadSheet]:
    """Given a document's pages, return its sheets in order, joining split spreads.

    With `records`, a page that cannot be read is left out and kept as a fault reject.
    """
    return list(each_sheet(pages, records))


def each_sheet(pages: Iterable[PageModel], records: RecordSet | None = None) -> Iterator[ReadSheet]:
    """`pages_to_sheets` one sheet at a time, reading one page ahead (the right half of a spread)."""
    held: tuple[PageModel, ReadSheet] | None = None
    for page, single in each_page(records, STAGE_READ, pages, lambda page: [(page, s) for s in read_page(page)]):
        if held is not None and _is_left_half(held[1]) and _is_right_half(single):
            yield read_sheet(join_sheets(held[0], page))
            held = None
            continue
        if held is not None:
            yield held[1]
        held = (page, single)
    if held is not None:
        yield held[1]


def _is_left_half(read: ReadSheet) -> bool:
    return any(b.kind == "detail" and not b.get("説明") and not b.get("区分") for b in read.bands)


def _is_right_half(read: ReadSheet) -> bool:
    return bool(read.bands) and all(b.kind == "half" for b in read.bands)
