"""The rows of a project list: bands of the page between the lines that separate table rows.

Why this exists: a project's cells wrap over several lines, centred on its row (a 内容 of five lines
beside a one-line 番号), so rows cannot be read line by line. Where horizontal ruling lines cross the
table they separate its rows; where none are printed, a row ends at a vertical gap wider than the
line spacing inside a cell (and a band without a 番号 belongs to the row above it).
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

TOTAL = re.compile(r"^(合計|総計|計)$")
ROW_RULE_SHARE = 0.5  # a horizontal rule this share of the table's width separates its rows
RULE_MERGE_PT = 2.5  # rules this close (the two edges of a thin rect) are one
ROW_GAP = 0.6  # unruled: a vertical gap wider than this × the text size starts a new row


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
    x0, x1 = header.columns[0].x0, header.columns[-1].x1
    words = [w for w in page.words if y_centre(w.bbox) > body_top and column_of(w, header.columns) is not None]
    separators = _separators(page, body_top, max(x1 - x0, page.width * 0.3))
    bands = _ruled_bands(words, body_top, separators) if separators else _gap_bands(words, header)
    rows = []
    for band in bands:
        cells = []
        for column in header.columns:
            mine = [w for w in band if column_of(w, header.columns) is column]
            if mine:
                cells.append(ListCell(column, tuple(readable_lines(mine))))
        cells = [c for c in cells if c.lines]
        if cells:
            rows.append(ListRow(page.number, tuple(cells)))
    return rows


def _separators(page: PageModel, body_top: float, table_width: float) -> list[float]:
    """Heights of the horizontal rules below `body_top` that cross the table: the segments at one
    height (a rule broken at each column, the two edges of a thin rect) count together."""
    segments = sorted(
        (r.bbox[1], r.bbox[2] - r.bbox[0]) for r in page.rules if r.orientation == "h" and r.bbox[1] > body_top
    )
    groups: list[list[tuple[float, float]]] = []
    for y, length in segments:
        if groups and y - groups[-1][0][0] <= RULE_MERGE_PT:
            groups[-1].append((y, length))
        else:
            groups.append([(y, length)])
    return [g[0][0] for g in groups if _covered(g) >= ROW_RULE_SHARE * table_width]


def _covered(group: list[tuple[float, float]]) -> float:
    """The length a group of segments covers, a rect's top and bottom edge counted once."""
    tops = [length for y, length in group if y - group[0][0] < 0.5]
    return sum(tops)


def _ruled_bands(words: Sequence[Word], body_top: float, separators: Sequence[float]) -> list[list[Word]]:
    edges = [body_top, *separators, float("inf")]
    return [[w for w in words if lo < y_centre(w.bbox) <= hi] for lo, hi in zip(edges, edges[1:], strict=False)]


def _gap_bands(words: Sequence[Word], header: Header) -> list[list[Word]]:
    """Unruled: rows split at vertical gaps wider than the line spacing; a band without a 番号
    (when the list has that column) joins the band above, unless it is the 合計 row."""
    bands: list[list[Word]] = []
    bottom = None
    for word in sorted(words, key=lambda w: w.bbox[1]):
        if bottom is None or word.bbox[1] - bottom > ROW_GAP * word.size:
            bands.append([])
            bottom = word.bbox[3]
        bands[-1].append(word)
        bottom = max(bottom, word.bbox[3])
    numbered = header.of("number")
    if not numbered:
        return bands
    out: list[list[Word]] = []
    for band in bands:
        own = any(column_of(w, header.columns) in numbered or TOTAL.match(w.text) for w in band)
        if out and not own:
            out[-1].extend(band)
        else:
            out.append(list(band))
    return out
