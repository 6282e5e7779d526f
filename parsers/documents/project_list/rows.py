"""The rows of a project list: bands of the page between the lines that separate table rows.

Why this exists: a project's cells wrap over several lines, centred on its row (a 内容 of five lines
beside a one-line 番号), so rows cannot be read line by line. The reading layer finds the rows
(`parsers.pdf.text_tables.row_bands`: between horizontal rules where printed, else apart by white
space); a row without a 番号 is the rest of the project above it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from parsers.documents.project_list.header import Column, Header
from parsers.pdf.columns import column_of
from parsers.pdf.geometry import union, y_centre
from parsers.pdf.model import BBox, PageModel, Word
from parsers.pdf.reading import Line, readable_lines
from parsers.pdf.text_tables import row_bands

TOTAL = re.compile(r"^(合計|総計|計)$")


@dataclass(frozen=True)
class ListCell:
    """The text of one column in one row, line by line, and its box."""

    column: Column
    lines: tuple[Line, ...]

    @property
    def bbox(self) -> BBox:
        return union([w.bbox for line in self.lines for w in line.words])

    @property
    def raw_text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def joined(self) -> str:
        """The lines as one text: a wrap inside Japanese text is no space."""
        return "".join("".join(line.text.split()) for line in self.lines)


@dataclass(frozen=True)
class ListRow:
    """One table row of a page: its cells by column (only columns that print something)."""

    page: int
    cells: tuple[ListCell, ...]

    def of(self, role: str) -> list[ListCell]:
        return [c for c in self.cells if c.column.role == role]

    @property
    def bbox(self) -> BBox:
        return union([c.bbox for c in self.cells])

    @property
    def raw_text(self) -> str:
        return " | ".join(c.raw_text for c in self.cells)


def page_to_rows(page: PageModel, header: Header, body_top: float) -> list[ListRow]:
    """Given a page, the list's header (on this page or an earlier one) and where the table body
    starts, return the page's rows top to bottom."""
    words = [w for w in page.words if y_centre(w.bbox) > body_top and column_of(w, header.columns) is not None]
    rows = []
    for band in _numbered(row_bands(page, words), header):
        by_column: dict[int, list[Word]] = {}
        for word in band:
            by_column.setdefault(id(column_of(word, header.columns)), []).append(word)
        cells = [
            ListCell(column, tuple(readable_lines(by_column[id(column)])))
            for column in header.columns
            if id(column) in by_column
        ]
        cells = [c for c in cells if c.lines]
        if cells:
            rows.append(ListRow(page.number, tuple(cells)))
    return rows


def _numbered(bands: Sequence[Sequence[Word]], header: Header) -> list[list[Word]]:
    """Given the table's rows as the reading layer finds them, return one per project: a row without a
    番号 (when the list has that column) is the rest of the project above, unless it is the 合計 row."""
    numbered = header.of("number")
    out: list[list[Word]] = []
    for band in bands:
        own = not numbered or any(column_of(w, header.columns) in numbered or TOTAL.match(w.text) for w in band)
        if out and not own:
            out[-1].extend(band)
        else:
            out.append(list(band))
    return out
