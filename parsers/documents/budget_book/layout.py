"""Text lines and sheets: the page model regrouped the way a budget book is read.

A budget book is read line by line, top to bottom, across a whole 見開き. Some cities print the
spread on one landscape page, others split it over two pages (目 and amounts on the left page, 節 and
説明 on the right). A `Sheet` hides that difference: it is one page, or two pages placed side by side,
and it can map any box back to the page it was printed on (provenance stays per physical page).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from parsers.pdf.geometry import shift
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
