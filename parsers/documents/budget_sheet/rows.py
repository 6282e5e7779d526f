"""A budget-sheet document as one stream of rows: every table row and every line printed outside the
tables, in reading order (page, then top).

Why a stream: a sheet may start mid-page and run over a page break (variant renderings), and a
table broken by a page break arrives as two tables. Reading rows in order and finding blocks by
their labels (blocks.py) makes page and table boundaries irrelevant.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from parsers.documents.base import per_page
from parsers.pdf.cell_text import repair_overflow
from parsers.pdf.geometry import x_centre
from parsers.pdf.model import BBox, Cell, PageModel, Rule
from parsers.pdf.reading import TableRow, join_wrapped, page_stream
from schemas.collect import RecordSet

_WS = re.compile(r"\s+")
_LABEL_FOLD = str.maketrans({"（": "(", "）": ")", "＋": "+", "－": "-", "−": "-", "〜": "～"})


@dataclass(frozen=True)
class Row:
    """One table row (its non-merged cells, left to right) or one line of text outside the tables."""

    page: int
    top: float
    cells: tuple[Cell, ...]
    table: int | None  # index of the table on its page; None for a text line

    @property
    def texts(self) -> list[str]:
        """The row's cell texts with layout line breaks joined."""
        return [cell_text(c) for c in self.cells]

    @property
    def keys(self) -> list[str]:
        """The row's cell texts as comparison keys (no whitespace, folded brackets)."""
        return [label_key(c.text) for c in self.cells]


def cell_text(cell: Cell) -> str:
    """Given a cell, return its text with the line breaks of wrapping removed (as printed otherwise)."""
    return join_wrapped(cell.text.split("\n"))


def label_key(text: str) -> str:
    """Given a printed label (`区 分`, `差引 (増減)`, `事業評価書\\n番号`), return its comparison key."""
    return _WS.sub("", text).translate(_LABEL_FOLD)


def pages_to_rows(pages: Sequence[PageModel], records: RecordSet | None = None) -> list[Row]:
    """Given the page models of a document, return its table rows and outside lines in reading order.

    With `records`, a page that cannot be read is left out and kept as a fault reject.
    """
    return per_page(records, "budget_sheet:read", pages, page_to_rows)


def page_to_rows(page: PageModel) -> list[Row]:
    """Given a page, return its table rows and outside lines (each a one-cell row), top to bottom; a
    glyph sticking out of its cell stays with the cell's line (`repair_overflow`)."""
    return [
        Row(page.number, item.top, tuple(repair_overflow(item.cells, page.words)), item.table.index)
        if isinstance(item, TableRow)
        else Row(page.number, item.top, (Cell(row=0, col=0, text=item.text, bbox=item.bbox),), None)
        for item in page_stream(page)
    ]


def header_path(cell: Cell, header_cells: Sequence[Cell]) -> list[Cell]:
    """Given a value cell and the header cells of its table, return the headers above it, top first.

    A header is "above" a cell when the cell's horizontal centre lies inside the header's x-range, so
    headers and values line up even when the table was broken by a page break.
    """
    cx = x_centre(cell.bbox)
    return sorted(
        (h for h in header_cells if h.bbox[0] <= cx <= h.bbox[2]),
        key=lambda h: h.bbox[1],
    )


def tick_marks(rules: Sequence[Rule], box: BBox) -> list[BBox]:
    """Given a page's rules and a cell box, return the drawn tick marks inside it (diagonal strokes).

    A check box is four thin rules; a tick is a stroke that is neither horizontal nor vertical, so
    its box has both a width and a height (points).
    """
    x0, top, x1, bottom = box
    return [
        r.bbox
        for r in rules
        if r.bbox[0] >= x0 - 1
        and r.bbox[2] <= x1 + 1
        and r.bbox[1] >= top - 1
        and r.bbox[3] <= bottom + 1
        and r.bbox[2] - r.bbox[0] > 1
        and r.bbox[3] - r.bbox[1] > 1
    ]
