"""The page model: small typed objects with a bbox (x0, top, x1, bottom) in PDF points, top-left origin.

Coordinates are taken from pdfplumber once, here; every later step uses these objects only.
"""

from __future__ import annotations

from dataclasses import dataclass

BBox = tuple[float, float, float, float]


class _Model:
    """Pickled as a call of its class with its fields, which loads four times faster than dataclasses'
    default (state set slot by slot): page models cross from page workers and a long book's are spilled
    to disk and read back (`page_store.py`), so every page is unpickled at least once."""

    __slots__ = ()

    def __reduce__(self):
        return type(self), tuple(getattr(self, name) for name in self.__match_args__)


@dataclass(frozen=True, slots=True)
class Word(_Model):
    """A run of characters pdfplumber grouped into one word, with its font size in points.

    `confidence` (0..1) is set on words read by OCR (`ocr.py`); text-layer words have None.
    `alternatives`: for a word of one character read from glyph shapes (outlines, scans), the other
    characters its shape fits nearly as well (a scanned 目 read as 口: 目, 日), best first, for a family
    that knows which one its layout prints there (a table header's row level).
    """

    text: str
    bbox: BBox
    size: float
    confidence: float | None = None
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Rule(_Model):
    """A straight ruling line (from a line, a thin rect or a rect edge): 'h' or 'v'."""

    orientation: str
    bbox: BBox


@dataclass(frozen=True, slots=True)
class Cell(_Model):
    """A table cell: its position in the grid and the text inside it."""

    row: int
    col: int
    text: str
    bbox: BBox


@dataclass(frozen=True, slots=True)
class Table(_Model):
    """A ruled table found on a page: its cells row by row (merged cells appear once)."""

    index: int
    bbox: BBox
    cells: tuple[Cell, ...]

    def grid(self) -> list[list[Cell | None]]:
        """Return the cells as rows × cols, None where a merged cell covers the position."""
        n_rows = max((c.row for c in self.cells), default=-1) + 1
        n_cols = max((c.col for c in self.cells), default=-1) + 1
        rows: list[list[Cell | None]] = [[None] * n_cols for _ in range(n_rows)]
        for cell in self.cells:
            rows[cell.row][cell.col] = cell
        return rows


@dataclass(frozen=True, slots=True)
class PageModel(_Model):
    """What a parser needs of one page: size, words, rules and tables."""

    number: int
    width: float
    height: float
    words: tuple[Word, ...]
    rules: tuple[Rule, ...]
    tables: tuple[Table, ...]
    char_count: int
    has_graphics: bool
    char_fonts: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Each character text other than single ASCII on the page, with the fonts that drew it (sorted): lets
    a repaired glyph map be applied to the text already read instead of reading the page again (repair.py)."""
    reader: str = "pdfplumber"
    """Which reader read the page: "pdfplumber" (the reference, pdfminer underneath) or "pdfium"
    (`pdfium_page.py`, whose font names lack the subset tag)."""
