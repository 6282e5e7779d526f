"""Tables without a full grid: rows from whatever horizontal rules are printed (else from text lines),
cells from white space and from whatever vertical rules cross a row.

API (for a family, or `parse.py` filling `raw_cells`): `find_text_tables(page)` returns the page's
tables as `parsers.pdf.model.Table`, the same objects pdfplumber's ruled grids give (`Cell.row`, `.col`,
`.text` with a `\\n` per printed line, `.bbox` = the union of its words), so a family reads a ruled and
an unruled table the same way. Only regions outside the page's ruled tables are read.

Why not pdfplumber's `text` strategy: it derives one set of column edges for the whole table from word
edges aligned on three or more words, and cuts every row at all of them. A 事業計画書 or an action plan
prints a different column layout in each block, so those global edges cut cells (`34,` | `577`) and
words. Here each row is split on its own: at a gap wider than CELL_GAP × the char size (a space inside
`34, 577` is a quarter of it), and at a vertical rule crossing the row. Rows: consecutive horizontal
rules at least MIN_RULE_SHARE of the page wide bound a row (a cell may print several lines); with no
such rule each text line is a row.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from parsers.pdf.geometry import centre_inside, union, x_overlap, y_centre
from parsers.pdf.model import BBox, Cell, PageModel, Rule, Table, Word
from parsers.pdf.reading import words_to_lines

CELL_GAP = 1.0  # × char size: white space this wide between two words separates two cells
MIN_RULE_SHARE = 0.3  # a horizontal rule this share of the page wide bounds table rows
RULE_MERGE_PT = 2.5  # horizontal rules this close (the two edges of a thin rect) are one


def find_text_tables(page: PageModel) -> list[Table]:
    """Given a page, return the table its words form outside its ruled tables (none if no words)."""
    words = [w for w in page.words if not any(centre_inside(w.bbox, t.bbox) for t in page.tables)]
    if not words:
        return []
    bands = _bands(words, _row_rules(page))
    cells: list[Cell] = []
    for row, band in enumerate(bands):
        for col, group in enumerate(_split_band(band, _vertical_rules(page))):
            lines = words_to_lines(group)
            cells.append(Cell(row, col, "\n".join(ln.text for ln in lines), union(w.bbox for w in group)))
    index = len(page.tables)
    return [Table(index=index, bbox=union(c.bbox for c in cells), cells=tuple(cells))]


def _row_rules(page: PageModel) -> list[float]:
    """The y of each horizontal rule wide enough to bound rows, top to bottom, near ones merged."""
    ys = sorted(
        y_centre(r.bbox)
        for r in page.rules
        if r.orientation == "h" and r.bbox[2] - r.bbox[0] >= MIN_RULE_SHARE * page.width
    )
    merged: list[float] = []
    for y in ys:
        if not merged or y - merged[-1] > RULE_MERGE_PT:
            merged.append(y)
    return merged


def _vertical_rules(page: PageModel) -> list[Rule]:
    return [r for r in page.rules if r.orientation == "v"]


def _bands(words: Sequence[Word], rules: Sequence[float]) -> list[list[Word]]:
    """Given words and the row rules' ys, return the words of each row, top to bottom: between two
    rules (above the first and below the last too), or one text line a row where no rule is printed."""
    if not rules:
        return [list(ln.words) for ln in words_to_lines(words)]
    bands: list[list[Word]] = [[] for _ in range(len(rules) + 1)]
    for word in words:
        bands[bisect_right(rules, y_centre(word.bbox))].append(word)
    out: list[list[Word]] = []
    for i, band in enumerate(bands):
        if not band:
            continue
        if i in (0, len(bands) - 1):
            out += [list(ln.words) for ln in words_to_lines(band)]  # outside the rules: a line a row
        else:
            out.append(band)
    return out


def _split_band(band: Sequence[Word], verticals: Sequence[Rule]) -> list[list[Word]]:
    """Given the words of one row, return its cells left to right: each line cut at wide white space or
    a vertical rule, then pieces of different lines that overlap horizontally joined into one cell."""
    top, bottom = min(w.bbox[1] for w in band), max(w.bbox[3] for w in band)
    walls = [r.bbox[0] for r in verticals if r.bbox[1] <= top + 1 and r.bbox[3] >= bottom - 1]
    pieces: list[list[Word]] = []
    for line in words_to_lines(band):
        current = [line.words[0]]
        for prev, word in zip(line.words, line.words[1:], strict=False):
            gap = word.bbox[0] - prev.bbox[2]
            walled = any(prev.bbox[2] <= x <= word.bbox[0] for x in walls)
            if gap > CELL_GAP * min(prev.size, word.size) or walled:
                pieces.append(current)
                current = []
            current.append(word)
        pieces.append(current)
    cells: list[tuple[BBox, list[Word]]] = []
    for piece in sorted(pieces, key=lambda p: p[0].bbox[0]):
        box = union(w.bbox for w in piece)
        joined = next((c for c in cells if x_overlap(c[0], box) > 0), None)
        if joined is None:
            cells.append((box, list(piece)))
        else:
            cells[cells.index(joined)] = (union([joined[0], box]), joined[1] + piece)
    return [words for _, words in sorted(cells, key=lambda c: c[0][0])]
