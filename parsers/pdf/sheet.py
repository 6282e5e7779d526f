"""Sheets: what is read as one page, whatever the physical pages it was printed on.

A table may run across a 見開き printed on two pages (a budget book's 目 and amounts on the left page, 節
and 説明 on the right), or two logical pages may share one landscape page (2-up, `imposition.py`). A
`Sheet` hides both: one page, two pages placed side by side, or one part of a page moved to the
origin; it maps any box back to the page it was printed on, so provenance stays per physical page.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from parsers.pdf.geometry import shift, x_centre
from parsers.pdf.model import BBox, PageModel, Rule, Word


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

    def cut(self, x0: float, x1: float, origin: float, width: float) -> Sheet:
        """Given an x range of a one-page sheet and where the logical page in it starts, return the
        words (by their centre) and rules (clipped) inside the range, moved so that the logical page
        starts at 0 and is `width` wide; its boxes still map back to the page."""
        words = tuple(replace(w, bbox=shift(w.bbox, -origin)) for w in self.words if x0 <= x_centre(w.bbox) < x1)
        rules = tuple(
            Rule(r.orientation, shift((max(r.bbox[0], x0), r.bbox[1], min(r.bbox[2], x1), r.bbox[3]), -origin))
            for r in self.rules
            if r.bbox[2] > x0 and r.bbox[0] < x1
        )
        return Sheet(self.pages, (self.offsets[0] - origin,), width, self.height, words, rules)


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
