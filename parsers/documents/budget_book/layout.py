"""Text lines and sheets: the page model regrouped the way a budget book is read.

A budget book is read line by line, top to bottom, across a whole 見開き. Some cities print the
spread on one landscape page, others split it over two pages (目 and amounts on the left page, 節 and
説明 on the right). A `Sheet` hides that difference: it is one page, or two pages placed side by side,
and it can map any box back to the page it was printed on (provenance stays per physical page).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from parsers.pdf import reading
from parsers.pdf.geometry import shift
from parsers.pdf.model import BBox, PageModel, Rule, Word
from parsers.pdf.reading import Line

MIN_READABLE_PT = 2.0  # text set smaller than this is no part of what a reader sees
DEFAULT_MIN_RULE_PT = 12.0  # a vertical rule shorter than this (glyph strokes, ticks) is no column edge

_FOLIO = re.compile(r"^[-－‐―−]?\s*\d+\s*[-－‐―−]?$")
_DASH = re.compile(r"^[-－‐―−一ー━─]$")  # OCR reads a folio's dash as any of them (`― 371 一`)


@dataclass(frozen=True, slots=True)
class Sheet:
    """One logical page: a page, or a spread split over two pages placed side by side.

    `offsets[i]` is the x shift (points) added to the words of `pages[i]`; `words` and `rules` are in
    sheet coordinates.
    """

    pages: tuple[int, ...]
    offsets: tuple[float, ...]
    width: float
    height: float
    words: tuple[Word, ...]
    rules: tuple[Rule, ...]

    def locate(self, bbox: BBox) -> tuple[int, BBox]:
        """Given a box in sheet coordinates, return (page number, box in that page's coordinates)."""
        index = max(i for i, off in enumerate(self.offsets) if off <= bbox[0] + 0.01 or i == 0)
        off = self.offsets[index]
        x0, top, x1, bottom = bbox
        return self.pages[index], (round(x0 - off, 2), top, round(x1 - off, 2), bottom)


def words_to_lines(words: Iterable[Word]) -> list[Line]:
    """Given words, return text lines top to bottom (parsers.pdf.reading); page folios (`- 19 -`)
    and text too small to be read (a file stamp set at 0.6 pt in the margin) are left out."""
    lines = []
    for line in reading.words_to_lines(w for w in words if w.size >= MIN_READABLE_PT):
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


def long_vertical_rules(rules: Iterable[Rule], min_length: float = DEFAULT_MIN_RULE_PT) -> list[Rule]:
    """Given ruling lines, return the vertical ones at least `min_length` points long."""
    return [r for r in rules if r.orientation == "v" and r.bbox[3] - r.bbox[1] >= min_length]


def single_sheet(page: PageModel) -> Sheet:
    """Given a page, return it as a sheet of its own."""
    return Sheet((page.number,), (0.0,), page.width, page.height, page.words, page.rules)


def join_sheets(left: PageModel, right: PageModel) -> Sheet:
    """Given the two pages of a split spread, return one sheet with the right page shifted right."""
    off = left.width
    words = left.words + tuple(replace(w, bbox=shift(w.bbox, off)) for w in right.words)
    rules = left.rules + tuple(Rule(r.orientation, shift(r.bbox, off)) for r in right.rules)
    return Sheet(
        (left.number, right.number), (0.0, off), left.width + right.width, max(left.height, right.height), words, rules
    )
