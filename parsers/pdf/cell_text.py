"""A table cell's text read for meaning: its lines joined where layout wrapped them, kept apart where
its author broke them (`普及率概ね100%` / `健康保険証利用開始` are two items; `デジタル化の推` / `進` one).

Why this exists: pdfplumber gives a cell's text with a `\n` per printed line and cannot say which
breaks are layout. The geometry can: a line wrapped by layout ran up to the cell's right edge, so the
next line's first glyph (or its Latin run, `100万件`, which wraps whole) would not have fitted after it;
a line that leaves room for it ended where its author ended it. A break that leaves room for less than
one more glyph could be either and is reported as ambiguous.

A line's text comes from its words when they lie in the cell, hanging punctuation included (`再申請・`
with `・` past the border, which pdfplumber's cell text drops); a word that runs on into the next cell
(a full line ends where the neighbour's text begins) is not the cell's alone, so that line's text is
pdfplumber's. When the words do not give one line per printed line, every break is read as a wrap and
the cell is ambiguous. `repair_overflow` gives a row's cells back the glyphs that stuck out of them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from parsers.pdf.geometry import y_centre
from parsers.pdf.model import BBox, Cell, Word
from parsers.pdf.reading import on_one_line, spaced_text, words_to_lines

OVERLAP_PT = 1.0  # a word must reach this far into a cell to count for it (rounding at borders)
OVERFLOW_INSIDE_PT = 1.0  # a word overflowing a cell starts at least this far inside it (points)
WRAP_TOLERANCE_PT = 0.5  # a line that leaves less room than the next glyph (± this) wrapped
_HANGING = re.compile(r"^\s*[・、。，．,.)）」』]+\s*$")  # punctuation hung past a neighbour's border
_ASCII_RUN = re.compile(r"^[A-Za-z0-9.,%()/:+\-]+")


def cell_paragraphs(words: Sequence[Word], cell: Cell) -> tuple[tuple[str, ...], bool]:
    """Given the words of the cell's page and the cell, return its paragraphs (lines joined where
    layout wrapped them) and whether a break could be read either way."""
    texts = [t for t in cell.text.split("\n") if t.strip() and not _HANGING.match(t)]
    if not texts:
        return (), False
    geometry = [ln.words for ln in words_to_lines([w for w in words if _overlaps(w, cell.bbox)])]
    if len(geometry) != len(texts):
        return ("".join(texts).strip(),), len(texts) > 1
    texts = [_line_text(line, text, cell.bbox) for line, text in zip(geometry, texts, strict=True)]
    pad = max(min(w.bbox[0] for w in geometry[0]) - cell.bbox[0], 0.0)
    inner_right = cell.bbox[2] - pad
    items, ambiguous = [texts[0]], False
    for prev, nxt, text in zip(geometry, geometry[1:], texts[1:], strict=False):
        right = min(max(w.bbox[2] for w in prev), cell.bbox[2])
        slack = inner_right - (right + _leading_width(nxt[0], text))
        if slack < WRAP_TOLERANCE_PT:
            items[-1] += text
        else:
            ambiguous = ambiguous or slack < nxt[0].size
            items.append(text)
    return tuple(i.strip() for i in items), ambiguous


def repair_overflow(cells: list[Cell], words: Sequence[Word]) -> list[Cell]:
    """Given a table row's cells, return them with glyphs that overflowed a cell's right edge moved back.

    Cell text is assigned by glyph centre, so a glyph printed at the end of a full line and sticking out
    of its cell by more than half its width lands in the next cell (`単位\nっ`). A word that starts inside
    a cell and ends past its edge, and whose text the next cell holds as a line, belongs to the line of
    the first cell it continues.
    """
    out = list(cells)
    for i in range(len(out) - 1):
        left, right = out[i], out[i + 1]
        for word in words:
            box = word.bbox
            starts_inside = left.bbox[0] <= box[0] < left.bbox[2] - OVERFLOW_INSIDE_PT
            if not (starts_inside and left.bbox[2] < box[2] and left.bbox[1] <= box[1] <= left.bbox[3]):
                continue
            lines = right.text.split("\n")
            before = [w for w in words if on_one_line(w, word) and left.bbox[0] <= w.bbox[0] and w.bbox[2] <= box[0]]
            prev = max(before, key=lambda w: w.bbox[2], default=None)
            if word.text not in lines or prev is None or box[0] - prev.bbox[2] > word.size:
                continue  # not the continuation of a line of the left cell
            prev = prev.text
            left_lines = left.text.split("\n")
            at = next((k for k, line in enumerate(left_lines) if line.endswith(prev)), None)
            if at is None:
                continue
            left_lines[at] += word.text
            lines.remove(word.text)
            out[i] = replace(left, text="\n".join(left_lines))
            out[i + 1] = right = replace(right, text="\n".join(lines))
    return out


def _line_text(words: Sequence[Word], printed: str, cell: BBox) -> str:
    """Given a line's words and pdfplumber's text of it, return the line's text (see cell_paragraphs)."""
    own = all(w.bbox[0] >= cell[0] - OVERLAP_PT and w.bbox[2] <= cell[2] + w.size for w in words)
    return spaced_text(words) if own else printed


def _leading_width(word: Word, text: str) -> float:
    """Given the first word of a line and the line's text, return the width that did not fit before it.

    A Japanese glyph wraps alone and is one em wide; a Latin or digit run (`100万件`, `LCP`) wraps as a
    whole, at the word's average glyph width (points).
    """
    run = _ASCII_RUN.match(text.strip())
    if run is None:
        return word.size  # a Japanese glyph is one em wide, whatever the half-width digits after it
    return (word.bbox[2] - word.bbox[0]) / max(len(word.text), 1) * len(run.group())


def _overlaps(word: Word, cell: BBox) -> bool:
    """Whether a word counts for a cell: its vertical centre is in the cell, and it starts in the cell
    or runs on into it by more than a glyph (punctuation hanging past a border stays with its line)."""
    x0, _, x1, _ = word.bbox
    if not cell[1] <= y_centre(word.bbox) <= cell[3]:
        return False
    starts_inside = cell[0] - OVERLAP_PT <= x0 < cell[2] - OVERLAP_PT
    runs_on_into = x0 < cell[0] and x1 > cell[0] + word.size
    return starts_inside or runs_on_into
