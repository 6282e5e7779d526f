"""Two pages printed side by side on one landscape sheet (2-up imposition) -> two logical pages.

A family reads a page as one page: read whole, a 2-up sheet's halves interleave (a heading of the right
page above a table of the left one, two sheets' rows merged by height). A sheet is 2-up when it is
landscape, nothing printed crosses its middle (no word, no ruling line, no table) and both halves are
pages of one frame: what they print (text, or a table's rules) starts at the same margin from each
half's own left edge, or, for a page shrunk to fit and centred, has the same centre; an imposition
gives that exactly, a table or a two-column text whose gap happens to be in the middle does not.
Each half becomes a page model of its own with the sheet's number and coordinates, so provenance
stays where the value is printed; families read a document's pages in the order given, so the halves
of one number stay apart. A sheet with one empty half (the last page of an odd count) is one page
already.

A book whose pages are not all one frame (a title page beside a table, a table page shrunk off
centre) needs what is printed to say where its pages meet: `gutters` gives where a cut may go (white
from top to bottom near the middle, widest first) and `Sheet.cut` makes each half a sheet; the budget
book decides between them by its table headers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from parsers.pdf.model import BBox, PageModel, Rule, Word

MARGIN_TOLERANCE_PT = 1.0  # both halves' left margins are one page's margin, scaled alike
GUTTER_SEARCH = 0.15  # × page width either side of the middle: where a page of a 2-up sheet may end


def split_imposed(pages: Sequence[PageModel]) -> list[PageModel]:
    """Given page models, return them with every 2-up sheet replaced by its two halves (left first)."""
    out: list[PageModel] = []
    for page in pages:
        out.extend(halves(page) or (page,))
    return out


def halves(page: PageModel) -> tuple[PageModel, PageModel] | None:
    """Given a page model, return its left and right logical pages when it is imposed 2-up, else None."""
    middle = page.width / 2
    if page.width <= page.height or not page.words:
        return None
    crossing = [w.bbox for w in page.words] + [r.bbox for r in page.rules] + [t.bbox for t in page.tables]
    if any(x0 < middle - 0.5 and x1 > middle + 0.5 for x0, _, x1, _ in crossing):
        return None
    printed = [w.bbox for w in page.words] + [r.bbox for r in page.rules]
    left = [(box[0], box[2]) for box in printed if _centre(box) < middle]
    right = [(box[0] - middle, box[2] - middle) for box in printed if _centre(box) >= middle]
    if not left or not right or not _same_frame(left, right):
        return None
    return _part(page, 0.0, middle), _part(page, middle, page.width)


def gutters(words: Sequence[Word], rules: Sequence[Rule], width: float) -> list[float]:
    """Given a landscape page's words, rules and width, return where it may be cut into two pages:
    the middles of the runs of x within GUTTER_SEARCH of the middle that no word covers and no
    horizontal rule crosses, widest first (ties: nearest the middle)."""
    middle, margin = width / 2, GUTTER_SEARCH * width
    lo, hi = middle - margin, middle + margin
    spans = sorted((max(w.bbox[0], lo), min(w.bbox[2], hi)) for w in words if w.bbox[2] > lo and w.bbox[0] < hi)
    gaps, cursor = [], lo
    for x0, x1 in spans:
        if x0 > cursor:
            gaps.append((cursor, x0))
        cursor = max(cursor, x1)
    if hi > cursor:
        gaps.append((cursor, hi))
    gaps.sort(key=lambda g: (-round(g[1] - g[0], 1), abs((g[0] + g[1]) / 2 - middle)))
    cuts = [(g[0] + g[1]) / 2 for g in gaps]
    across = [r.bbox for r in rules if r.orientation == "h"]
    return [cut for cut in cuts if not any(x0 < cut - 1 < cut + 1 < x1 for x0, _, x1, _ in across)]


def _same_frame(left: list[tuple[float, float]], right: list[tuple[float, float]]) -> bool:
    """Whether two halves' printed spans (x0, x1 from each half's own left edge) sit in one page frame:
    they start at the same margin, or (a page shrunk to fit, centred) share the same centre."""
    extents = [(min(x0 for x0, _ in side), max(x1 for _, x1 in side)) for side in (left, right)]
    (l0, l1), (r0, r1) = extents
    return abs(l0 - r0) <= MARGIN_TOLERANCE_PT or abs((l0 + l1) - (r0 + r1)) / 2 <= MARGIN_TOLERANCE_PT


def _part(page: PageModel, x0: float, x1: float) -> PageModel:
    """The words, rules and tables of `page` whose centre lies in [x0, x1), in the sheet's coordinates."""
    words = tuple(w for w in page.words if x0 <= _centre(w.bbox) < x1)
    return replace(
        page,
        words=words,
        rules=tuple(r for r in page.rules if x0 <= _centre(r.bbox) < x1),
        tables=tuple(t for t in page.tables if x0 <= _centre(t.bbox) < x1),
        char_count=sum(len(w.text) for w in words),
    )


def _centre(bbox: BBox) -> float:
    return (bbox[0] + bbox[2]) / 2
