"""The document as a reading-order stream: text lines (with heading levels) and logical tables.

Why: the DX strategy's tables are ruled grids, but what a row *means* comes from structure the page
model does not hold directly: a table reportlab split over pages (header row repeated), cells merged
down (the core INDEX item over its two sub-rows), and line breaks inside a cell that are either a
wrap (join the text) or an item separator (`普及率概ね100%` / `健康保険証利用開始`). Everything here is
relative to the page's own geometry (font size, cell padding), never to absolute coordinates.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from parsers.documents.base import per_page
from parsers.pdf.cell_text import cell_paragraphs
from parsers.pdf.model import BBox, Cell, PageModel, Table
from parsers.pdf.reading import Line as TextLine
from parsers.pdf.reading import covering_cell, lines_outside_tables, page_stream, spaced_text
from schemas.collect import RecordSet

_FURNITURE = re.compile(r"^[-－\s]*\d{1,3}[-－\s]*$|^\d{1,3}\s*/\s*\d{1,3}$")  # page numbers


@dataclass(frozen=True)
class Line:
    """A line of text outside tables: page, text, bbox, font size and heading size (None for body)."""

    page: int
    text: str
    bbox: BBox
    size: float
    heading: float | None = None


@dataclass(frozen=True)
class CellText:
    """A table cell read for meaning: `items` split at hard line breaks, wraps joined.

    `raw` is the cell as printed (pdfplumber's text); `is_merged` says the cell was reached through a
    merge (its text belongs to a cell above or to the left); `is_ambiguous` says a line break could be
    read either way, so records built from it get a lower confidence.
    """

    page: int
    raw: str
    bbox: BBox
    items: tuple[str, ...]
    is_merged: bool = False
    is_ambiguous: bool = False

    @property
    def text(self) -> str:
        return " ".join(self.items)


@dataclass
class LogicalTable:
    """A table as the reader sees it: one header row and its body rows, possibly over several pages."""

    header: tuple[str, ...]
    rows: list[tuple[CellText | None, ...]] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    headings: tuple[str, ...] = ()
    caption: str | None = None

    @property
    def page(self) -> int:
        return self.pages[0]


def pages_to_stream(pages: Sequence[PageModel], records: RecordSet | None = None) -> list[Line | LogicalTable]:
    """Given the page models, return lines and logical tables in reading order, tables rejoined.

    With `records`, a page that cannot be read is left out and kept as a fault reject.
    """
    heading_sizes = _heading_sizes(pages)

    def read(page: PageModel) -> list[Line | LogicalTable]:
        return [
            table_to_logical(page, item) if isinstance(item, Table) else _with_heading(_line(page, item), heading_sizes)
            for item in page_stream(page, whole_tables=True)
        ]

    return _attach_context(_rejoin_tables(per_page(records, "dx_strategy:read", pages, read)))


def page_to_lines(page: PageModel) -> list[Line]:
    """Given a page, return its text lines outside tables, top to bottom."""
    return [_line(page, line) for line in lines_outside_tables(page)]


def _line(page: PageModel, line: TextLine) -> Line:
    """A text line outside the tables, its words joined with a space where they stand apart."""
    return Line(page.number, spaced_text(line.words), line.bbox, line.size)


def table_to_logical(page: PageModel, table: Table) -> LogicalTable:
    """Given a ruled table of a page, return it with its first row as header and cells read."""
    grid = table.grid()
    read = {id(c): _cell_text(page, c) for c in table.cells}
    rows = []
    for r, row in enumerate(grid):
        out = []
        for c, cell in enumerate(row):
            if cell is not None:
                out.append(read[id(cell)])
                continue
            cover = covering_cell(table, grid, r, c)
            out.append(None if cover is None else _as_merged(read[id(cover)]))
        rows.append(tuple(out))
    header = tuple(c.text if c else "" for c in rows[0]) if rows else ()
    return LogicalTable(header=header, rows=rows[1:], pages=[page.number])


def _cell_text(page: PageModel, cell: Cell) -> CellText:
    """Given a cell, return its items: lines joined where layout wrapped them (`parsers.pdf.cell_text`)."""
    items, ambiguous = cell_paragraphs(page.words, cell)
    return CellText(page.number, cell.text, cell.bbox, items, is_ambiguous=ambiguous)


def _heading_sizes(pages: Sequence[PageModel]) -> list[float]:
    """Given the pages, return the font sizes used for headings, largest first.

    The body size is the most common size outside tables; a larger size is a heading level when it
    appears on at least two pages (a cover's title size is not a level).
    """
    sizes: Counter[float] = Counter()
    on_pages: dict[float, set[int]] = {}
    for page in pages:
        for line in page_to_lines(page):
            sizes[line.size] += len(line.text)
            on_pages.setdefault(line.size, set()).add(page.number)
    if not sizes:
        return []
    body = sizes.most_common(1)[0][0]
    return sorted((s for s in sizes if s > body and len(on_pages[s]) >= 2), reverse=True)


def _with_heading(line: Line, heading_sizes: list[float]) -> Line:
    if line.size in heading_sizes:
        return Line(line.page, line.text, line.bbox, line.size, heading=line.size)
    return line


def _rejoin_tables(stream: list[Line | LogicalTable]) -> list[Line | LogicalTable]:
    """Given the stream, return it with a table continued on the next page joined to its start.

    A continuation has the same header row, starts on the next page, and only page furniture (page
    numbers) lies between the two parts; its repeated header row is dropped, not read as data.
    """
    out: list[Line | LogicalTable] = []
    last_table: LogicalTable | None = None
    between: list[Line] = []
    for item in stream:
        if isinstance(item, Line):
            between.append(item)
            out.append(item)
            continue
        continues = (
            last_table is not None
            and item.header == last_table.header
            and item.page == last_table.pages[-1] + 1
            and all(_FURNITURE.match(line.text) for line in between)
        )
        if continues:
            last_table.rows += item.rows
            last_table.pages += item.pages
        else:
            out.append(item)
            last_table = item
        between = []
    return out


def _attach_context(stream: list[Line | LogicalTable]) -> list[Line | LogicalTable]:
    """Given the stream, return it with each table's enclosing headings and caption line set.

    Consecutive heading lines of one size are one heading (`重点方針1` + its title line). The caption
    is the body line right before the table.
    """
    stack: list[tuple[float, str]] = []
    previous: Line | LogicalTable | None = None
    for item in stream:
        if isinstance(item, Line) and item.heading is not None:
            if isinstance(previous, Line) and previous.heading == item.heading and stack:
                stack[-1] = (item.heading, f"{stack[-1][1]} {item.text}")
            else:
                stack = [(s, t) for s, t in stack if s > item.heading] + [(item.heading, item.text)]
        elif isinstance(item, LogicalTable):
            item.headings = tuple(t for _, t in stack)
            if isinstance(previous, Line) and previous.heading is None:
                item.caption = previous.text
        previous = item
    return stream


def _as_merged(cell: CellText) -> CellText:
    return CellText(cell.page, cell.raw, cell.bbox, cell.items, is_merged=True, is_ambiguous=cell.is_ambiguous)
