"""Tables without a full grid: rows from whatever horizontal rules are printed (else from text lines),
cells from white space and from whatever vertical rules cross a row.

API (for `page.py`, which fills a page's tables with them when pdfplumber finds no ruled grid):
`row_bands(page, words)` gives the rows alone, for a family that finds a table's columns from its header;
`find_text_tables(page)` returns the page's tables as `parsers.pdf.model.Table`, the same objects
pdfplumber's ruled grids give (`Cell.row`, `.col`, `.text` with a `\\n` per printed line, `.bbox`), so
a family reads a ruled and an unruled table the same way. Only regions outside ruled tables are read.

Why not pdfplumber's `text` strategy: it derives one set of column edges for the whole table from word
edges aligned on three or more words, and cuts every row at all of them. A 事業計画書 or an action plan
prints a different column layout in each block, so those global edges cut cells (`34,` | `577`) and
words. Here each row is split on its own: at a gap wider than CELL_GAP × the char size (a space inside
`34, 577` is a quarter of it), between a figure and a label (`4,954 新規採用による増`), at a vertical rule
crossing the row, and where the rows nearby (GUIDE_ROWS) start a column: a cell filled to its edge
meets the next with almost no white space. Where the row above or below starts a column that this row
leaves blank, the row gets an empty cell, as a grid has one (and a first empty cell under a label
spanning rows, a blank cell beside a ruled row's lone label).

Rows: horizontal rules covering at least MIN_RULE_SHARE of the page's width bound a row (segments at one
height count together: a rule broken at every column; a cell may print several lines; a rule drawn
across some columns only parts those); without rules, text lines closer than
ROW_GAP are one row, parted again where a column shows two blocks of lines (a label set in the middle
of the rows it spans bridges them, or falls inside the taller one: it goes to the first, as a grid keeps
a merged cell in its first row). Tables: an empty space between two rules, or text lines further apart
than TABLE_GAP, ends one, and so does a caption; rows of text lines make a table only when two of them
have two cells or more, or one row has two figures (a total printed apart), so a page of prose holds none.

Cell boxes are what a grid would have drawn, so that headers and values line up as in a ruled table:
a row's height between its rules (or its lines), and across, the way tables set text — a label from
where it starts to the row's next cell less the cells' padding (the narrowest white space between two
cells: labels are set left), and over a row of figures not past the end of the figures' column; a
figure from where its column starts to where it ends (figures are set right). A figure is what tables
set right: signed (`△ 6,000`, the sign may stand apart), a fraction or range (`43/100`), a share or a
bound (`50%以上`), or blacked out (`■■■`). A heading over a second header row spans the empty cells
above its sub-headers, as a grid merges them: no cell, and the cells after keep their column numbers.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

from parsers.pdf.geometry import centre_inside, union, x_centre, x_overlap, y_centre
from parsers.pdf.model import BBox, Cell, PageModel, Rule, Table, Word
from parsers.pdf.reading import Line, words_to_lines

CELL_GAP = 1.0  # × char size: white space this wide between two words separates two cells
MIN_RULE_SHARE = 0.3  # a horizontal rule this share of the page wide bounds table rows
RULE_MERGE_PT = 2.5  # horizontal rules this close (the two edges of a thin rect) are one
MIN_TABLE_ROWS = 2  # rows of two cells or more that make a table
FIGURE_GAP = 0.4  # × char size: a figure and a label this far apart are two cells (see _figure_meets_text)
GUIDE_ROWS = 4  # rows above and below that say where a row's columns start
GUIDE_TOLERANCE_PT = 1.5  # labels starting this close start the same column
ROW_GAP = 0.5  # × line height: text lines closer than this are one table row when no rule is printed
WALL_HEIGHT = 1.2  # × its words' height: a vertical rule this tall parts a row's cells (a drawn box's side is no wall)
HANG_SHARE = 0.5  # × char size: a piece starting this close to another line's end is the next cell (a hung `・`)
TABLE_GAP = 1.5  # × line height: text lines further apart belong to different tables
_SIGNS = {"▲", "△", "▼", "＋", "+", "-", "－", "−"}  # a sign printed apart from its figure (`△ 6,000`)
_MARKS = {"○", "◯", "◎", "●", "×", "✓", "✔"}  # one-character marks that fill a cell of their own
_NUMBER = r"[\d０-９][\d０-９,，.．\s]*"
# a figure as tables set it right: signed, a fraction or range (`43/100`, `99～100`), a share, a bound
# (`50%以上`), or blacked out (`■■■`)
_FIGURE = re.compile(rf"[▲△▼＋+\-－−]?\s*{_NUMBER}(?:[/／～~]\s*{_NUMBER})?[%％]?(?:以上|以下|未満|超)?|■+")


@dataclass(frozen=True, slots=True)
class _Band:
    """One table row: its words and its vertical extent (between its rules, or its line's)."""

    top: float
    bottom: float
    words: tuple[Word, ...]
    ruled: bool  # between two rules; else lines close together
    reach: tuple[tuple[float, float, float], ...] = ()
    """(x0, x1, bottom): a cell across x0..x1 spans the rows below down to `bottom` (see _sub_rows)."""

    @property
    def line(self) -> float:
        """The height of its smallest word: what white space is measured against."""
        return min(w.bbox[3] - w.bbox[1] for w in self.words)


def find_text_tables(page: PageModel) -> list[Table]:
    """Given a page, return the tables its words form outside its ruled tables (none if there is none)."""
    words = [w for w in page.words if not any(centre_inside(w.bbox, t.bbox) for t in page.tables)]
    if not words:
        return []
    verticals = [r for r in page.rules if r.orientation == "v"]
    tables: list[Table] = []
    for run in _runs(_bands(words, _row_rules(page))):
        for rows in _between_captions(_rows(run, verticals)):
            if (table := _table(rows, len(page.tables) + len(tables))) is not None:
                tables.append(table)
    return tables


def row_bands(page: PageModel, words: Sequence[Word]) -> list[tuple[Word, ...]]:
    """Given a page and the words of one table on it, return the words of each of its rows, top to
    bottom: between the page's row rules where printed, else text lines close together (as
    `find_text_tables` reads rows), for a family that knows its table's columns from its header."""
    return [band.words for band in _bands(words, _row_rules(page)) if band.words]


def _table(rows: list[tuple[_Band, list[_Slot]]], index: int) -> Table | None:
    """Given rows apart from other tables, return the table they form, or None when they form none."""
    multi = [i for i, (_, slots) in enumerate(rows) if len(slots) > 1]
    figures = [i for i in multi if sum(slot.is_figure for slot in rows[i][1]) >= MIN_TABLE_ROWS]
    if len(multi) < (1 if rows[0][0].ruled or figures else MIN_TABLE_ROWS):
        return None  # text lines make a table from two rows of cells, or one row of figures (a total)
    last = multi[-1] + _labels_after(rows[multi[-1] + 1 :], max(rows[i][1][0].x1 for i in multi))
    rows = [row for i, row in enumerate(rows) if multi[0] <= i <= last or row[0].ruled]
    edges = (min(w.bbox[0] for b, _ in rows for w in b.words), max(w.bbox[2] for b, _ in rows for w in b.words))
    columns = _starts([[slot.words for slot in slots if slot.words] for _, slots in rows], rows_needed=2)
    rows = [
        (band, _blank_after_label(_under_merged_label(slots, edges[0], columns), band, columns)) for band, slots in rows
    ]
    rows = _under_spans(_header_spans(_widen_spans(_centred_labels(rows))))
    layout = _Layout(
        edges,
        sorted(slot.x0 for _, slots in rows for slot in slots if slot.words and not slot.is_figure),
        columns,
        _figure_ends([slots for _, slots in rows]),
        _gutter([slots for _, slots in rows]),
    )
    cells = [
        Cell(r, c, slot.text, layout.cell_box(slots, c, band, over_figures=_over_figures(rows, r)))
        for r, (band, slots) in enumerate(rows)
        for c, slot in enumerate(slots)
        if not slot.spanned
    ]
    return Table(index, union(c.bbox for c in cells), tuple(cells))


def _labels_after(rows: Sequence[tuple[_Band, Sequence[_Slot]]], first_column: float) -> int:
    """How many of the rows after a table's last row of cells still belong to it: rows of one label
    within its first column (`後期高齢者医療`, `国民年金` beside a department printed once for them)."""
    within = [len(slots) == 1 and slots[0].x1 <= first_column + GUIDE_TOLERANCE_PT for _, slots in rows]
    return next((i for i, ok in enumerate(within) if not ok), len(within))


def _over_figures(rows: Sequence[tuple[_Band, Sequence[_Slot]]], at: int) -> bool:
    """Whether the row after row `at` prints a figure (so row `at`'s labels head single columns)."""
    return at + 1 < len(rows) and any(slot.is_figure for slot in rows[at + 1][1])


def _between_captions(rows: list[tuple[_Band, list[_Slot]]]) -> list[list[tuple[_Band, list[_Slot]]]]:
    """Given the rows of a run, return them cut at each caption: a row of one cell that starts at the
    run's left edge and runs across where the table's columns start, or lies between rows whose columns
    mostly differ (`(コラム) 消防団活動支援サービス 取組と達成目標` between two tables ruled alike). A
    row repeating the first row of the rows before it is the header of the next table, and a row of one
    cell just before it its caption (`事例創出` over 指標 数値 時点・注 again). A caption is left out of the
    tables: it is read as a line."""
    left = min(w.bbox[0] for band, _ in rows for w in band.words)
    starts = [[slot.x0 for slot in slots[1:]] for _, slots in rows]
    columns = _starts([[slot.words for slot in slots if slot.words] for _, slots in rows], rows_needed=2)
    out: list[list[tuple[_Band, list[_Slot]]]] = [[]]
    for at, (band, slots) in enumerate(rows):
        size = min(w.size for w in band.words)
        above = next((xs for xs in reversed(starts[:at]) if xs), [])
        below = next((xs for xs in starts[at + 1 :] if xs), [])
        across = any(slots[0].x0 + size < x < slots[0].x1 for x in columns)
        if len(slots) == 1 and slots[0].x0 - left <= CELL_GAP * size and (across or _columns_differ(above, below)):
            out.append([])
        elif out[-1] and _texts(slots) == _texts(out[-1][0][1]):  # its header again: the next table
            caption = len(out[-1]) > 1 and len(out[-1][-1][1]) == 1
            out[-1] = out[-1][:-1] if caption else out[-1]
            out.append([(band, slots)])
        else:
            out[-1].append((band, slots))
    return [group for group in out if group]


def _texts(slots: Sequence[_Slot]) -> list[str]:
    return [slot.text for slot in slots]


def _columns_differ(above: Sequence[float], below: Sequence[float]) -> bool:
    """Whether two rows share fewer than half their column starts (both must have some)."""
    if not above or not below:
        return False
    shared = sum(any(abs(x - y) <= GUIDE_TOLERANCE_PT for y in below) for x in above)
    return shared < min(len(above), len(below)) / 2


def _rows(run: Sequence[_Band], verticals: Sequence[Rule]) -> list[tuple[_Band, list[_Slot]]]:
    """Given a table's rows, return each split into cells: first at white space and rules alone, then
    again at the column starts the rows around it show, with an empty cell where the row above or
    below starts a column this row leaves blank."""
    split = [_split_band(band.words, verticals, []) for band in run]
    out = []
    for at, band in enumerate(run):
        beside = _starts([*split[max(0, at - 1) : at], *split[at + 1 : at + 2]], rows_needed=1)
        cut = _split_band(band.words, verticals, _column_starts(split, at))
        out.append((band, _with_empty_columns(cut, beside)))
    return out


def _runs(bands: Sequence[_Band]) -> list[list[_Band]]:
    """Given the rows of a page, return them cut where one table ends and the next begins: at an empty
    space between two rules, where ruled rows meet text lines, and between text lines further apart
    than TABLE_GAP × their height."""
    runs: list[list[_Band]] = []
    for band in bands:
        if band.words and runs and runs[-1] and not _apart(runs[-1][-1], band):
            runs[-1].append(band)
        elif band.words:
            runs.append([band])
        else:
            runs.append([])
    return [run for run in runs if run]


def _apart(above: _Band, below: _Band) -> bool:
    if above.ruled != below.ruled:
        return True
    return not above.ruled and below.top - above.bottom > TABLE_GAP * min(above.line, below.line)


@dataclass(frozen=True, slots=True)
class _Slot:
    """One cell of a row as printed: its words (none in an empty column) and their extent across."""

    words: tuple[Word, ...]
    x0: float
    x1: float
    spanned: bool = False  # an empty column the label on its left spans (see _header_spans): no cell

    @property
    def text(self) -> str:
        return "\n".join(ln.text for ln in words_to_lines(self.words))

    @property
    def is_figure(self) -> bool:
        return bool(self.words) and _is_figure(self.words)


def _with_empty_columns(groups: Sequence[Sequence[Word]], guides: Sequence[float]) -> list[_Slot]:
    """Given a row's cells, return them with an empty cell at each column start (`guides`) that falls
    between two of them, as a grid prints an empty cell where the row has nothing in that column."""
    slots = [_Slot(tuple(g), min(w.bbox[0] for w in g), max(w.bbox[2] for w in g)) for g in groups]
    out: list[_Slot] = []
    for left, right in zip(slots, [*slots[1:], None], strict=True):
        out.append(left)
        if right is None:
            continue
        empty = [x for x in guides if left.x1 < x < right.x0 - GUIDE_TOLERANCE_PT]
        if right.is_figure:
            empty = empty[:-1]  # the last start before a figure set right is its own column's
        out += [_Slot((), x, x) for x in empty]
    return out


def _under_merged_label(slots: list[_Slot], left: float, columns: Sequence[float]) -> list[_Slot]:
    """Given a row's cells, where the table's first column starts and where its other columns start,
    return them with an empty first cell when the row prints nothing there, as under a label that
    spans several rows (`成果指標` over its year values): the row's first cell is then no label. A row of
    one cell is such a row only when that cell starts a column (`(単位：千円)` set right is none)."""
    first = slots[0]
    if first.x0 - left <= CELL_GAP * min(w.size for w in first.words):
        return slots
    if len(slots) < 2 and not any(abs(first.x0 - x) <= GUIDE_TOLERANCE_PT for x in columns):
        return slots
    return [_Slot((), left, left), *slots]


def _blank_after_label(slots: list[_Slot], band: _Band, columns: Sequence[float]) -> list[_Slot]:
    """Given a ruled row of one label, return it with an empty cell where the table's next column starts:
    a grid gives the row its blank cell (`行動目標` with nothing printed beside it)."""
    if not band.ruled or len(slots) != 1:
        return slots
    return [*slots, *[_Slot((), x, x) for x in columns if x > slots[0].x1 + GUIDE_TOLERANCE_PT][:1]]


def _centred_labels(rows: list[tuple[_Band, list[_Slot]]]) -> list[tuple[_Band, list[_Slot]]]:
    """Given a table's rows, return them with a first-column label set in the middle of two rows moved
    to the first: under a row that leaves its first cell empty, a label whose middle is the middle of
    both rows rather than of its own (`成果指標` beside its name row and its taller row of targets) spans
    them, and a grid keeps a merged cell in its first row; its box reaches over the second."""
    out = list(rows)
    for at in range(1, len(out)):
        (above, upper), (band, slots) = out[at - 1], out[at]
        label = slots[0]
        if upper[0].words or not label.words or label.is_figure:
            continue
        middle = y_centre(union(w.bbox for w in label.words))
        if abs(middle - (above.top + band.bottom) / 2) >= abs(middle - (band.top + band.bottom) / 2):
            continue
        above = replace(above, reach=(*above.reach, (label.x0, label.x1, band.bottom)))
        out[at - 1] = (above, [label, *upper[1:]])
        out[at] = (band, [_Slot((), label.x0, label.x0), *slots[1:]])
    return out


def _widen_spans(rows: list[tuple[_Band, list[_Slot]]]) -> list[tuple[_Band, list[_Slot]]]:
    """Given a table's rows, return them with each cell that spans rows (`band.reach`) widened to the
    rows it is set in the middle of: the lines around it only show the two rows it bridges, but a cell
    printed once for four rows (`健康福祉局` beside 介護保険 … 国民年金) sits in the middle of all four.
    While the rows just above and just below both print nothing under it, the span takes both (its
    middle stays the middle); the cell moves to the span's first row, as a grid keeps a merged cell.
    Only among body rows (each with its first cell printed): a header label spans header rows alone."""
    out = list(rows)

    def blank(at: int, x0: float, x1: float) -> bool:
        """Whether row `at` is a row of the table's body (its first cell printed) with nothing under x0..x1."""
        slots = out[at][1]
        return bool(slots[0].words) and not any(slot.words and slot.x0 < x1 and slot.x1 > x0 for slot in slots[1:])

    for at in range(len(out)):
        for x0, x1, bottom in () if out[at][0].ruled else out[at][0].reach:  # rules say where a span ends
            first, last = at, max(i for i in range(at, len(out)) if out[i][0].top < bottom)
            while first > 0 and last + 1 < len(out) and blank(first - 1, x0, x1) and blank(last + 1, x0, x1):
                first, last = first - 1, last + 1
            if first == at or not all(out[i][1][0].words for i in range(first, last + 1)):
                continue
            (band, slots), (above, upper) = out[at], out[first]
            cell = next(slot for slot in slots if slot.words and slot.x0 < x1 and slot.x1 > x0)
            band = replace(band, reach=tuple(r for r in band.reach if r != (x0, x1, bottom)))
            out[at] = (band, [slot for slot in slots if slot is not cell])
            above = replace(above, reach=(*above.reach, (x0, x1, out[last][0].bottom)))
            out[first] = (above, sorted([*upper, cell], key=lambda slot: slot.x0))
    return out


def _under_spans(rows: list[tuple[_Band, list[_Slot]]]) -> list[tuple[_Band, list[_Slot]]]:
    """Given a table's rows, return them with the empty cells under a cell spanning rows marked spanned:
    the grid has no cell there (the rows below read the spanning cell through its box)."""
    out = list(rows)
    for at, (band, _) in enumerate(rows):
        for x0, x1, bottom in band.reach:
            for below in range(at + 1, len(out)):
                under, slots = out[below]
                if under.top >= bottom - GUIDE_TOLERANCE_PT:
                    break
                covered = [not slot.words and x0 - GUIDE_TOLERANCE_PT <= slot.x0 <= x1 for slot in slots]
                out[below] = (
                    under,
                    [replace(slot, spanned=True) if c else slot for slot, c in zip(slots, covered, strict=True)],
                )
    return out


def _header_spans(rows: list[tuple[_Band, list[_Slot]]]) -> list[tuple[_Band, list[_Slot]]]:
    """Given a table's rows, return them with headings spanning the sub-headers below them: in a row of
    labels over a second header row (labels only, its first cell left to the label spanning both rows),
    an empty cell right of a label, where the row below starts sub-headers under both, is the label's
    own span (`令和6年度` over `事業費` and `市債+一財`): it is marked spanned, so it gives no cell and
    the label's box reaches over it, as a grid merges them (the cells after keep their column numbers).
    Under a row of data (its first cell printed) a blank cell beside a label is just blank."""
    out = list(rows)
    for at, ((band, slots), (_, below)) in enumerate(zip(rows, rows[1:], strict=False)):
        if below[0].words or any(slot.is_figure for slot in [*slots, *below]):
            continue
        starts = [b.x0 for b in below if b.words]
        spans: list[_Slot] = []
        for slot in slots:
            label = next((s for s in reversed(spans) if not s.spanned), None)
            spanned = not slot.words and label is not None and bool(label.words)
            spanned = spanned and all(any(abs(x.x0 - y) <= GUIDE_TOLERANCE_PT for y in starts) for x in (label, slot))
            spans.append(replace(slot, spanned=spanned))
        out[at] = (band, spans)
    return out


def _gutter(rows: Sequence[Sequence[_Slot]]) -> float:
    """The narrowest white space between two printed cells of a row: what a line filled to its cell's
    edge leaves before the next cell (the cells' paddings), at most a character wide."""
    gaps = [b.x0 - a.x1 for row in rows for a, b in zip(row, row[1:], strict=False) if a.words and b.words]
    size = min(w.size for row in rows for slot in row for w in slot.words)
    return min([g for g in gaps if g > 0] + [size])


def _figure_ends(rows: Sequence[Sequence[_Slot]]) -> list[float]:
    """Where columns of figures end (figures are set right): the x where figures of two rows end."""
    return _aligned([(slot.x1, i) for i, row in enumerate(rows) for slot in row if slot.is_figure], rows_needed=2)


@dataclass(frozen=True, slots=True)
class _Layout:
    """What a table's rows show of its columns, from which each cell gets the box a grid would draw."""

    edges: tuple[float, float]  # the table's left and right
    starts: Sequence[float]  # where labels start, sorted
    columns: Sequence[float]  # where labels of two rows start: column starts
    figure_ends: Sequence[float]  # where figures of two rows end: column ends
    gutter: float  # the cells' padding (see _gutter)

    def cell_box(self, slots: Sequence[_Slot], col: int, band: _Band, *, over_figures: bool) -> BBox:
        """The box a grid would draw around the cell `slots[col]` of a row (see the module docstring): a
        label, an empty cell or a figure set left from where it starts to `gutter` before where the row's
        next cell's box starts; an empty or last cell not past the table's next column start, and a
        label over a row of figures not past the end of the column of figures it stands over (a header
        over a column its neighbour leaves blank, `令和4年度` beside two unheaded columns); a figure set
        right from the start of the column it ends in. A cell spanning the rows below (`band.reach`)
        reaches down over them."""
        slot = slots[col]
        bottom = max([band.bottom, *(b for x0, x1, b in band.reach if x0 <= (slot.x0 + slot.x1) / 2 <= x1)])
        x0 = self.box_start(slots, col)
        if x0 < slot.x0 - GUIDE_TOLERANCE_PT:  # a figure set right
            return (x0, band.top, slot.x1, bottom)
        ends = []
        if not slot.words or all(later.spanned for later in slots[col + 1 :]):
            ends += [x - self.gutter for x in self.columns if x > slot.x1 + GUIDE_TOLERANCE_PT][:1]
        after = next((i for i in range(col + 1, len(slots)) if not slots[i].spanned), None)
        if after is not None:
            ends.append(self.box_start(slots, after) - self.gutter)
        if over_figures and slot.words and not slot.is_figure:
            ends += [x for x in self.figure_ends if x >= slot.x1 - GUIDE_TOLERANCE_PT][:1]
        return (slot.x0, band.top, max(min(ends or [self.edges[1]]), slot.x1), bottom)

    def box_start(self, slots: Sequence[_Slot], col: int) -> float:
        """Where the box of `slots[col]` starts: a label's (or a figure set left's) where it starts, a
        figure set right's where its column starts (the last label start left of it), not over the
        previous cell."""
        slot = slots[col]
        if not slot.is_figure or any(abs(slot.x0 - x) <= GUIDE_TOLERANCE_PT for x in self.starts):
            return slot.x0
        before = slots[col - 1].x1 if col else self.edges[0]
        at = bisect_right(self.starts, slot.x0) - 1
        return max(before, self.starts[at]) if at >= 0 else before


def _is_figure(words: Sequence[Word]) -> bool:
    return bool(_FIGURE.fullmatch(" ".join(w.text for w in words)))


@dataclass(frozen=True, slots=True)
class _RowRule:
    """A horizontal rule bounding table rows: its y and the spans across it is drawn (near ones merged)."""

    y: float
    spans: tuple[tuple[float, float], ...]

    def over(self, word: Word) -> bool:
        """Whether the rule is drawn over (or under) the word's middle."""
        return any(x0 <= x_centre(word.bbox) <= x1 for x0, x1 in self.spans)


def _row_rules(page: PageModel) -> list[_RowRule]:
    """The horizontal rules that bound rows, top to bottom: rules at one height (within RULE_MERGE_PT:
    a rule broken at every column, a thin rect's two edges) count together, and bound rows when they
    cover MIN_RULE_SHARE of the page's width."""
    rules = sorted((y_centre(r.bbox), (r.bbox[0], r.bbox[2])) for r in page.rules if r.orientation == "h")
    merged: list[_RowRule] = []
    for y, span in rules:
        if merged and y - merged[-1].y <= RULE_MERGE_PT:
            merged[-1] = _RowRule(merged[-1].y, (*merged[-1].spans, span))
        else:
            merged.append(_RowRule(y, (span,)))
    return [rule for rule in merged if _covered(rule.spans) >= MIN_RULE_SHARE * page.width]


def _covered(spans: Sequence[tuple[float, float]]) -> float:
    """How much of the x axis the spans cover, overlaps counted once."""
    total, reach = 0.0, float("-inf")
    for x0, x1 in sorted(spans):
        total += max(0.0, x1 - max(x0, reach))
        reach = max(reach, x1)
    return total


def _bands(words: Sequence[Word], rules: Sequence[_RowRule]) -> list[_Band]:
    """Given words and the row rules, return the rows top to bottom: the words between two rules, or
    rows of text lines outside the rules. A word belongs below the last rule above it that is drawn
    over it: a rule drawn across some columns only parts their rows, and a label spanning them (set
    in their middle) stays in the first, as a grid keeps a merged cell in its first row."""
    ys = [r.y for r in rules]
    bands: list[list[Word]] = [[] for _ in range(len(rules) + 1)]  # an empty one ends a table
    for word in words:
        at = bisect_right(ys, y_centre(word.bbox))
        while at > 0 and not rules[at - 1].over(word) and any(r.over(word) for r in rules[: at - 1]):
            at -= 1
        bands[at].append(word)
    out: list[_Band] = []
    for i, band in enumerate(bands):
        if not band and 0 < i < len(bands) - 1:
            out.append(_Band(ys[i - 1], ys[i], (), True))
        elif not band:
            continue
        elif i in (0, len(bands) - 1):  # outside the rules: rows of lines close together
            out += _line_rows(words_to_lines(band))
        else:
            reach = tuple(_reach_down(word, rules[i:]) for word in band if not rules[i].over(word))
            out.append(_Band(ys[i - 1], ys[i], tuple(band), True, tuple(r for r in reach if r is not None)))
    return out


def _reach_down(word: Word, below: Sequence[_RowRule]) -> tuple[float, float, float] | None:
    """Where a word's cell ends when the rule under its row is not drawn under it: at the next rule that
    is, as (x0, x1, bottom) (a department printed once beside the 事務 below it); None if none is."""
    y = next((rule.y for rule in below if rule.over(word)), None)
    return None if y is None else (word.bbox[0], word.bbox[2], y)


def _line_rows(lines: Sequence[Line]) -> list[_Band]:
    """Given text lines top to bottom, return the rows they form without rules: lines closer than
    ROW_GAP × their height are one row (a cell's wrapped lines, and cells set in the middle of a row
    whose lines fall between those of its neighbours), a wider gap starts the next row."""
    rows: list[list[Line]] = []
    for line in lines:
        if rows and line.top - rows[-1][-1].bottom < ROW_GAP * min(line.bottom - line.top, _height(rows[-1][-1])):
            rows[-1].append(line)
        else:
            rows.append([line])
    return [sub for row in rows for sub in _sub_rows([w for ln in row for w in ln.words])]


def _sub_rows(words: Sequence[Word]) -> list[_Band]:
    """Given the words of a row found by white space alone, return its rows: a label spanning several
    rows is set in their middle, so its lines bridge the white space between them, but the other
    columns still show it. A column whose lines fall into blocks apart by ROW_GAP says where rows part,
    unless another such column prints a line across; a column of one block (the spanning label) goes
    to the row where it starts, as a grid keeps a merged cell in its first row, and its cell reaches
    down over the rows it spans."""
    columns = [words_to_lines(group) for group in _split_band(words, [], [])]
    blocked = [col for col in columns if _blocks(col)]
    cuts = sorted(
        y
        for col in blocked
        for y in _blocks(col)
        if not any(ln.top < y < ln.bottom for other in blocked for ln in other)
    )
    if not cuts:
        return [_band_of(words)]
    parts: list[list[Word]] = [[] for _ in range(len(cuts) + 1)]
    for col in columns:
        for line in col:
            at = bisect_right(cuts, col[0].top if col not in blocked else y_centre(line.bbox))
            parts[at] += line.words
    bands = [_band_of(part) if part else None for part in parts]
    for col in (col for col in columns if col not in blocked):
        first, last = bisect_right(cuts, col[0].top), bisect_right(cuts, col[-1].bottom)
        below = next((b for b in reversed(bands[first + 1 : last + 1]) if b is not None), None)
        if below is not None and bands[first] is not None:
            x0, x1 = min(ln.bbox[0] for ln in col), max(ln.bbox[2] for ln in col)
            bands[first] = replace(bands[first], reach=(*bands[first].reach, (x0, x1, below.bottom)))
    return [band for band in bands if band is not None]


def _blocks(lines: Sequence[Line]) -> list[float]:
    """The ys between a column's lines that are further apart than ROW_GAP × their height."""
    return [
        (a.bottom + b.top) / 2
        for a, b in zip(lines, lines[1:], strict=False)
        if b.top - a.bottom >= ROW_GAP * min(_height(a), _height(b))
    ]


def _band_of(words: Sequence[Word]) -> _Band:
    return _Band(min(w.bbox[1] for w in words), max(w.bbox[3] for w in words), tuple(words), False)


def _height(line: Line) -> float:
    return line.bottom - line.top


def _figure_meets_text(a: Word, b: Word) -> bool:
    """Whether one of two words is a figure and the other a label of two characters or more: a figure
    set right in its column and a label set left in the next sit closer than CELL_GAP (`4,954 新規採用
    による増`, `6,000 ○`), where a figure and its unit (`30 件`) or two halves of a figure (`34, 577`) do not."""
    figures = [_is_figure([w]) for w in (a, b)]
    label = (b if figures[0] else a).text
    return figures[0] != figures[1] and (len(label) >= 2 or label in _MARKS)


def _column_starts(rows: Sequence[Sequence[Sequence[Word]]], at: int) -> list[float]:
    """Given a table's rows split into cells, return where columns start around row `at`: the x where
    labels among the GUIDE_ROWS above and below begin (one row is enough: `増減説明` heads one printed
    explanation; a cut is only made before a word starting there). Only rows nearby say where a column
    starts; rows further away may belong to a block of other columns."""
    return _starts(rows[max(0, at - GUIDE_ROWS) : at + GUIDE_ROWS + 1], rows_needed=1)


def _starts(rows: Sequence[Sequence[Sequence[Word]]], rows_needed: int) -> list[float]:
    """The x where labels (not a row's first cell) of `rows_needed` of `rows` or more begin."""
    return _aligned(
        [
            (g[0].bbox[0], i)
            for i, row in enumerate(rows)
            for g in row[1:]
            if not _is_figure(g) and g[0].text not in _SIGNS
        ],
        rows_needed,
    )


def _aligned(points: Sequence[tuple[float, int]], rows_needed: int) -> list[float]:
    """Given (x, row) points, return the xs, left to right, where points of `rows_needed` rows or more
    lie within GUIDE_TOLERANCE_PT."""
    points = sorted(points)
    out: list[float] = []
    for x, _ in points:
        rows_there = {i for y, i in points if abs(y - x) <= GUIDE_TOLERANCE_PT}
        if len(rows_there) >= rows_needed and (not out or x - out[-1] > GUIDE_TOLERANCE_PT):
            out.append(x)
    return out


def _split_band(band: Sequence[Word], verticals: Sequence[Rule], guides: Sequence[float]) -> list[list[Word]]:
    """Given the words of one row, return its cells left to right: each line cut at wide white space, at
    a vertical rule crossing the row and before a word that starts a column (`guides`), then pieces of
    different lines that overlap horizontally joined into one cell, unless one starts within the
    punctuation the other hangs past its cell's edge (`…再申請・` over the next column's `10万件`)."""
    top, bottom = min(w.bbox[1] for w in band), max(w.bbox[3] for w in band)
    tall = WALL_HEIGHT * max(w.bbox[3] - w.bbox[1] for w in band)  # not a check box's side (`□ 新規`)
    walls = [
        r.bbox[0]
        for r in verticals
        if r.bbox[1] <= top + 1 and r.bbox[3] >= bottom - 1 and r.bbox[3] - r.bbox[1] >= tall
    ]
    pieces: list[list[Word]] = []
    for line in words_to_lines(band):
        current = [line.words[0]]
        for prev, word in zip(line.words, line.words[1:], strict=False):
            gap = word.bbox[0] - prev.bbox[2]
            walled = any(prev.bbox[2] <= x <= word.bbox[0] for x in walls)
            walled |= prev.text not in _SIGNS and any(abs(word.bbox[0] - x) <= GUIDE_TOLERANCE_PT for x in guides)
            size = min(prev.size, word.size)
            if gap > CELL_GAP * size or walled or (gap > FIGURE_GAP * size and _figure_meets_text(prev, word)):
                pieces.append(current)
                current = []
            current.append(word)
        pieces.append(current)
    cells: list[tuple[BBox, list[Word]]] = []
    for piece in sorted(pieces, key=lambda p: p[0].bbox[0]):
        box = union(w.bbox for w in piece)
        hang = HANG_SHARE * min(w.size for w in piece)
        joined = next((c for c in cells if x_overlap(c[0], box) > 0 and box[0] < c[0][2] - hang), None)
        if joined is None:
            cells.append((box, list(piece)))
        else:
            cells[cells.index(joined)] = (union([joined[0], box]), joined[1] + piece)
    return [words for _, words in sorted(cells, key=lambda c: c[0][0])]
