"""Which gutter of a landscape page parts two logical pages of a budget book (2-up imposition).

Read as one sheet, the two halves' rows would merge (`1 市税 1 地方特例交付金`). Where a page may be
cut and how a half becomes a sheet is the reading layer's (`parsers.pdf.imposition.gutters`,
`Sheet.cut`); what is the family's is the test that a cut parts two pages: each half, read on its own,
holds a table header of its own. The right half is moved left so that both halves' headers share
coordinates (indents then compare across pages as on the original); provenance stays on the physical
page through the sheet's offset.
"""

from __future__ import annotations

from parsers.documents.budget_book.columns import ROW_LEVELS, Label, find_labels
from parsers.pdf.imposition import gutters
from parsers.pdf.reading import readable_lines
from parsers.pdf.sheet import Sheet

MONEY_LABELS = {"本年度", "金額", "補正額"}  # a table's own amount column, as columns.py reads a header
TOP_LEVELS = {"款", "目"}  # the leftmost row level of a whole table header


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
    for cut in gutters(sheet.words, sheet.rules, sheet.width):
        left, right = sheet.cut(0.0, cut, 0.0, cut), sheet.cut(cut, sheet.width, cut, sheet.width - cut)
        headers = [_headers(half) for half in (left, right)]
        full = [any(map(_is_full_header, h)) for h in headers]
        if all(full) or (any(full) and not all(headers) and not _one_header_cut(left, right)):
            pitch = _pitch(headers[0], headers[1], cut)
            return [sheet.cut(0.0, cut, 0.0, pitch), sheet.cut(cut, sheet.width, pitch, sheet.width - pitch)]
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
