"""Two logical pages printed side by side on one physical page (2-up imposition) -> two sheets.

Read as one sheet, the two halves' rows would merge (`1 市税 1 地方特例交付金`). A 2-up page is
landscape with a gutter (a strip near its middle free of words from top to bottom), and each half,
read on its own, holds a table header of its own. It is cut in the gutter and each half becomes a
sheet, the right one moved left so that both halves' headers share coordinates (indents then compare
across pages as on the original). Provenance stays on the physical page: the right half's sheet keeps
its offset, so its boxes map back to where they are printed.
"""

from __future__ import annotations

from dataclasses import replace

from parsers.documents.budget_book.columns import ROW_LEVELS, Label, find_labels
from parsers.documents.budget_book.layout import Sheet
from parsers.pdf.geometry import shift, x_centre
from parsers.pdf.model import Rule, Word
from parsers.pdf.reading import readable_lines

MONEY_LABELS = {"本年度", "金額", "補正額"}  # a table's own amount column, as columns.py reads a header
TOP_LEVELS = {"款", "目"}  # the leftmost row level of a whole table header
DEFAULT_GUTTER_SEARCH = 0.15  # × page width either side of the middle: where a single header's page ends


def split_two_up(sheet: Sheet) -> list[Sheet] | None:
    """Given a one-page sheet, return its two logical pages when it is imposed 2-up, else None.

    2-up when the page is landscape, a strip near its middle is crossed by no word and no ruling
    line from top to bottom, and each half read on its own holds a whole table header (see
    `_is_full_header`), or one half does and the other holds no header (a title page; a strip
    between two columns of a table printed without rules leaves labels on one line both sides). A
    spread printed on one page has its table's rules across the middle and no row level in its right
    half (節/説明 only), so it stays one sheet.
    """
    if len(sheet.pages) != 1 or sheet.width <= sheet.height:
        return None
    middle, margin = sheet.width / 2, DEFAULT_GUTTER_SEARCH * sheet.width
    for cut in _free_gaps(sheet.words, middle - margin, middle + margin, middle):
        if any(r.orientation == "h" and r.bbox[0] < cut - 1 < cut + 1 < r.bbox[2] for r in sheet.rules):
            continue  # a ruling line runs across: the cut would go through one table
        left, right = _half(sheet, 0.0, cut, 0.0, cut), _half(sheet, cut, sheet.width, cut, sheet.width - cut)
        headers = [_headers(half) for half in (left, right)]
        full = [any(map(_is_full_header, h)) for h in headers]
        if all(full) or (any(full) and not all(headers) and not _one_header_cut(left, right)):
            pitch = _pitch(headers[0], headers[1], cut)
            return [_half(sheet, 0.0, cut, 0.0, pitch), _half(sheet, cut, sheet.width, pitch, sheet.width - pitch)]
    return None


def _one_header_cut(left: Sheet, right: Sheet) -> bool:
    """Whether the two halves print header labels on the same line: a cut between two columns of one
    table printed without rules (`一般財源` | `区分 金額`), not a gutter beside a title page's heading."""
    tops = [{round(labels[0].top) for labels in _headers(half, at_least=1)} for half in (left, right)]
    return any(abs(a - b) <= 2 for a in tops[0] for b in tops[1])


def _headers(sheet: Sheet, at_least: int = 2) -> list[list[Label]]:
    """Given a sheet, return the label lists of its header lines (lines made only of labels, `at_least`
    of them besides units and group headings), left to right; a lone `地方債` is a heading, no header."""
    lines = readable_lines(sheet.words)
    found = [sorted(labels, key=lambda lab: lab.x0) for labels, pure in map(find_labels, lines) if pure]
    return [labels for labels in found if len([lab for lab in labels if lab.key not in ("unit", "group")]) >= at_least]


def _is_full_header(labels: list[Label]) -> bool:
    """Whether a header line opens a table of its own: its leftmost row level is a table's top one
    (款 for 第1表 and 総括, 目 for the 明細) and it has an amount column. The right part of one
    table cut in two (`項 金額` of a 第1表) is not."""
    levels = [lab.key for lab in labels if lab.key in ROW_LEVELS]
    return bool(levels) and levels[0] in TOP_LEVELS and any(lab.key in MONEY_LABELS for lab in labels)


def _pitch(left: list[list[Label]], right: list[list[Label]], cut: float) -> float:
    """Given the header lines of both halves (the right in its own coordinates from `cut`), return how
    far right the right logical page starts: where its first row level sits past the left one's."""
    first = [next((lab for labels in side for lab in labels if lab.key in ROW_LEVELS), None) for side in (left, right)]
    if first[0] is None or first[1] is None or first[0].key != first[1].key:
        return cut
    return cut + first[1].x0 - first[0].x0


def _free_gaps(words: tuple[Word, ...], lo: float, hi: float, middle: float) -> list[float]:
    """Given words and an x range, return the middles of the runs of x that no word covers, widest
    first (ties: nearest `middle`): where a gutter between two logical pages may be."""
    spans = sorted((max(w.bbox[0], lo), min(w.bbox[2], hi)) for w in words if w.bbox[2] > lo and w.bbox[0] < hi)
    gaps, cursor = [], lo
    for x0, x1 in spans:
        if x0 > cursor:
            gaps.append((cursor, x0))
        cursor = max(cursor, x1)
    if hi > cursor:
        gaps.append((cursor, hi))
    gaps.sort(key=lambda g: (-round(g[1] - g[0], 1), abs((g[0] + g[1]) / 2 - middle)))
    return [(g[0] + g[1]) / 2 for g in gaps]


def _half(sheet: Sheet, x0: float, x1: float, origin: float, width: float) -> Sheet:
    """Given a sheet, an x range and where its logical page starts, return the words and rules inside
    the range, moved so that the logical page starts at 0 (both halves then share coordinates)."""
    words = tuple(replace(w, bbox=shift(w.bbox, -origin)) for w in sheet.words if x0 <= x_centre(w.bbox) < x1)
    rules = tuple(
        Rule(r.orientation, shift((max(r.bbox[0], x0), r.bbox[1], min(r.bbox[2], x1), r.bbox[3]), -origin))
        for r in sheet.rules
        if r.bbox[2] > x0 and r.bbox[0] < x1
    )
    return Sheet(sheet.pages, (sheet.offsets[0] - origin,), width, sheet.height, words, rules)
