"""Reading order shared by every family: words grouped into lines, wrapped lines joined into text.

Lines: words share a line when their vertical centres differ by at most LINE_TOLERANCE × the smaller
char height (of the word, and of the line it may join). One setting, relative to the glyphs, so that
7 pt notes, 9 pt table text and 14 pt headings are read alike and no family keeps a tolerance of its
own. The words themselves are pdfplumber's (`extract_words`, parsers/pdf/page.py). Grouping them is
written here rather than taken from pdfplumber: its `cluster_objects` clusters with one tolerance in
points for the whole set and chains (each value within tolerance of the previous, so a run of
superscripts or a mixed-size line can chain two lines into one), and its `extract_text_lines` works
on a whole page's chars, where a family reads the words of one cell, column or region it chose.

Wrapped text: a break between two Japanese characters is layout and disappears; between two ASCII
characters it stood for a space (`join_wrapped`). Running text starts a paragraph at a wider line pitch
(`starts_paragraph`). Which breaks of a cell its author made is
`parsers.pdf.cell_text`'s to say, from the cell's geometry. Words on a line are joined with a space
where white space wider than SPACE_SHARE of a glyph parts them.

Wrapped around a key: in a column whose rows are keyed (a code, a number), a long name may print on
lines above and below its key's line; such a keyless line belongs to the nearest keyed line with no
row rule between them (`wrap_homes`).

Letter spacing: single characters spread over a heading's width are one word (`letter_spaced`); a
phrase may be sought across the gaps of a letter-spaced line (`line_chars`).

A page in reading order: its tables (whole, or row by row) and its lines outside them, top to bottom
and left to right (`page_stream`): families that read a document as one stream of rows and lines
take it from here, so that a table broken by a page break, or a sheet starting mid-page, reads alike.

Page furniture: `readable_lines` leaves out what a reader skips, printed page numbers (`- 19 -`, a
footer `― 13 ― 一般会計`) and text too small to read (a file stamp set at 0.6 pt in the margin), which
would otherwise join a table's last row or a header line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from parsers.pdf.geometry import centre_inside, contains, union, x_centre, y_centre
from parsers.pdf.model import BBox, Cell, PageModel, Table, Word

LINE_TOLERANCE = 0.45  # × char height: words whose vertical centres differ less share a line
SPACE_SHARE = 0.2  # × glyph size: white space wider than this between two words is a space (a space glyph: 0.25 em)
PARAGRAPH_PITCH = 1.55  # × font size: lines further apart than this (top to top) are two paragraphs
SHORT_LINE = 3.0  # font sizes short of the text's right edge: the line ended its paragraph
LETTER_GAP = 1.5  # × size: single characters closer than this on one line are one letter-spaced word
MIN_READABLE_PT = 2.0  # text set smaller than this is no part of what a reader sees

_FOLIO = re.compile(r"^[-－‐―−]?\s*\d+\s*[-－‐―−]?$")
_DASH = re.compile(r"^[-－‐―−一ー━─ｰ]$")  # OCR reads a folio's dash as any of them (`― 371 一`, `ｰ 43 ｰ`)


@dataclass(frozen=True, slots=True)
class Line:
    """Words sharing one line (left to right), with the line's vertical extent in points."""

    top: float
    bottom: float
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def size(self) -> float:
        return max((w.size for w in self.words), default=0.0)

    @property
    def bbox(self) -> BBox:
        return union(w.bbox for w in self.words)


def words_to_lines(words: Iterable[Word], tolerance: float = LINE_TOLERANCE) -> list[Line]:
    """Given words (any order), return their lines top to bottom, each line's words left to right."""
    groups: list[list[Word]] = []
    centre_sum = low = 0.0  # of the last group: sum of centres, smallest char height
    for word in sorted(words, key=lambda w: (y_centre(w.bbox), w.bbox[0])):
        centre, height = y_centre(word.bbox), _height(word)
        if groups and abs(centre - centre_sum / len(groups[-1])) <= tolerance * min(height, low):
            groups[-1].append(word)
            centre_sum, low = centre_sum + centre, min(low, height)
            continue
        groups.append([word])
        centre_sum, low = centre, height
    return [_line(sorted(group, key=lambda w: w.bbox[0])) for group in groups]


def readable_lines(words: Iterable[Word]) -> list[Line]:
    """Given words, return their text lines top to bottom without page furniture: folios (`- 19 -`)
    and text too small to be read are left out."""
    lines = []
    for line in words_to_lines(w for w in words if w.size >= MIN_READABLE_PT):
        kept = _drop_folios(list(line.words))
        if kept:
            lines.append(Line(min(w.bbox[1] for w in kept), max(w.bbox[3] for w in kept), tuple(kept)))
    return lines


def _drop_folios(words: list[Word]) -> list[Word]:
    """Given a line's words, return them without printed page numbers such as `- 165 -`."""
    out: list[Word] = []
    i, folio = 0, False
    while i < len(words):
        if i + 2 < len(words) and _DASH.match(words[i].text) and _DASH.match(words[i + 2].text):
            if words[i + 1].text.isdigit():
                i, folio = i + 3, True
                continue
        out.append(words[i])
        i += 1
    if len(out) == 1 and _FOLIO.match(out[0].text) and "-" in out[0].text:
        return []
    if folio and len(out) <= 2 and not any(ch.isdigit() for w in out for ch in w.text):
        return []  # a footer: the folio and the account's name (`― 13 ― 一般会計`)
    return out


def lines_outside_tables(page: PageModel) -> list[Line]:
    """Given a page, return the text lines of its words outside its tables (ruled or found without
    rules), top to bottom: the running text a family reads besides the tables."""
    return words_to_lines(w for w in page.words if not any(centre_inside(w.bbox, t.bbox) for t in page.tables))


@dataclass(frozen=True, slots=True)
class TableRow:
    """One row of a table: its cells left to right, without the positions a merged cell covers."""

    table: Table
    cells: tuple[Cell, ...]

    @property
    def top(self) -> float:
        return min(c.bbox[1] for c in self.cells)

    @property
    def bbox(self) -> BBox:
        return union(c.bbox for c in self.cells)


def table_rows(table: Table) -> list[TableRow]:
    """Given a table, return its rows top to bottom (rows holding no cell of their own left out)."""
    rows = [tuple(c for c in row if c is not None) for row in table.grid()]
    return [TableRow(table, cells) for cells in rows if cells]


def covering_cell(table: Table, grid: list[list[Cell | None]], r: int, c: int) -> Cell | None:
    """Given a table, its `grid()` and a position a merged cell left empty, return the merged cell
    covering it: the cell holding the point where that position's row and column cross, else None."""
    ys = [cell.bbox for cell in grid[r] if cell is not None]
    xs = [row[c].bbox for row in grid if row[c] is not None]
    if not ys or not xs:
        return None
    x, y = x_centre(xs[0]), y_centre(ys[0])
    return next((cell for cell in table.cells if contains(cell.bbox, x, y)), None)


def page_stream(page: PageModel, *, whole_tables: bool = False) -> list[TableRow | Table | Line]:
    """Given a page, return its tables' rows (or its tables, `whole_tables`) and its lines outside the
    tables in reading order: top to bottom, then left to right (rows of tables side by side alternate)."""
    tables = list(page.tables) if whole_tables else [row for t in page.tables for row in table_rows(t)]
    items = [*tables, *lines_outside_tables(page)]
    return sorted(items, key=lambda item: (item.bbox[1], item.bbox[0]))


def on_one_line(a: Word, b: Word, tolerance: float = LINE_TOLERANCE) -> bool:
    """Whether two words share a line, by the rule `words_to_lines` groups with."""
    return abs(y_centre(a.bbox) - y_centre(b.bbox)) <= tolerance * min(_height(a), _height(b))


def _height(word: Word) -> float:
    return word.bbox[3] - word.bbox[1]


def _line(words: list[Word]) -> Line:
    return Line(min(w.bbox[1] for w in words), max(w.bbox[3] for w in words), tuple(words))


def join_wrapped(lines: Iterable[str]) -> str:
    """Given the lines of a text wrapped by layout (a cell's `text.split("\\n")`, a paragraph's
    lines), return it on one line: a space only where the break fell between two ASCII characters."""
    out = ""
    for line in lines:
        line = line.strip()
        if out and line and out[-1].isascii() and line[0].isascii():
            out += " "
        out += line
    return out


def starts_paragraph(prev: BBox, line: BBox, size: float, *, right: float, same_page: bool) -> bool:
    """Given the boxes of two lines of running text (one below the other), the body's font size, where
    the text's right edge is and whether a page break parts them, return whether the second starts a new
    paragraph: a wider pitch than a wrap's does; across a page break, where pitch says nothing, a
    first line stopping short of the right edge does."""
    if same_page:
        return line[1] - prev[1] > PARAGRAPH_PITCH * size
    return prev[2] < right - SHORT_LINE * size


def letter_spaced(words: Sequence[Word]) -> list[list[Word]]:
    """Given the words of one line (left to right), return them grouped into what is read as one word:
    single characters set apart by letter spacing (`主 な 事 業 内 容`, a heading spread over its
    column) closer than LETTER_GAP × their size are one group; every other word is a group of its own."""
    out: list[list[Word]] = []
    for word in words:
        prev = out[-1][-1] if out else None
        spaced = prev is not None and len(prev.text) == 1 and len(word.text) == 1
        if spaced and word.bbox[0] - prev.bbox[2] < LETTER_GAP * word.size:
            out[-1].append(word)
        else:
            out.append([word])
    return out


def spaced_text(words: Sequence[Word]) -> str:
    """Given the words of one line (left to right), return its text with a space where they stand apart."""
    out = words[0].text
    for prev, word in zip(words, words[1:], strict=False):
        gap = word.bbox[0] - prev.bbox[2]
        out += (" " if gap > SPACE_SHARE * word.size else "") + word.text
    return out


def wrap_homes(loose: Sequence[float], keyed: Sequence[float], rules: Sequence[float] = ()) -> list[int | None]:
    """Given the tops of a column's keyless lines, the tops of its keyed lines (top to bottom) and the
    heights of its row rules, return for each keyless line the index of the keyed line it is part of:
    the nearest above or below with no rule between them (above when as near), else None."""
    homes: list[int | None] = []
    for top in loose:
        same_cell = [i for i, k in enumerate(keyed) if not any(min(top, k) < y < max(top, k) for y in rules)]
        above = [i for i in same_cell if keyed[i] <= top]
        below = [i for i in same_cell if keyed[i] > top]
        near = [(top - keyed[above[-1]], above[-1])] if above else []
        near += [(keyed[below[0]] - top, below[0])] if below else []
        homes.append(min(near)[1] if near else None)
    return homes


def line_chars(words: Sequence[Word]) -> list[tuple[str, float, float]]:
    """Given the words of one line (left to right), return its characters but spaces as (char, x0, x1),
    each word's width shared evenly among its characters: a phrase can then be sought across the gaps
    of letter spacing (`比 較`, `区　分`) and placed by the characters it spans."""
    chars = []
    for word in words:
        step = (word.bbox[2] - word.bbox[0]) / max(len(word.text), 1)
        chars += [(ch, word.bbox[0] + i * step, word.bbox[0] + (i + 1) * step) for i, ch in enumerate(word.text)]
    return [c for c in chars if c[0] not in " 　"]
