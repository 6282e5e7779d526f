"""Boxes on a page: the one copy of the bbox helpers every family uses (x0, top, x1, bottom in points,
top-down as pdfplumber gives them).

The union is pdfplumber's `merge_bboxes`; the rest is one line each, written here because pdfplumber's
`within_bbox` / `intersects_bbox` work on whole objects (dicts) and ask for the whole object inside,
where reading order needs a word's centre: a glyph hanging past a cell border still belongs to its cell.
"""

from __future__ import annotations

from collections.abc import Iterable

from pdfplumber.utils.geometry import merge_bboxes

from parsers.pdf.model import BBox


def union(boxes: Iterable[BBox]) -> BBox:
    """Given boxes (at least one), return the smallest box holding them all."""
    return merge_bboxes(boxes)


def x_centre(box: BBox) -> float:
    return (box[0] + box[2]) / 2


def y_centre(box: BBox) -> float:
    return (box[1] + box[3]) / 2


def contains(box: BBox, x: float, y: float) -> bool:
    """Whether the point (x, y) is in `box`, its edges included."""
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def centre_inside(inner: BBox, outer: BBox) -> bool:
    """Whether the centre of `inner` is in `outer`: how a word is placed in a cell or a table."""
    return contains(outer, x_centre(inner), y_centre(inner))


def x_overlap(a: BBox, b: BBox) -> float:
    """How far two boxes overlap horizontally, in points (negative: the gap between them)."""
    return min(a[2], b[2]) - max(a[0], b[0])


def rounded(box) -> BBox:
    """Given a box of any numbers (pdfplumber's Decimals and floats), return it in floats to 0.01 pt:
    the precision every box is kept and compared at."""
    return tuple(round(float(v), 2) for v in box)


def shift(box: BBox, dx: float) -> BBox:
    """Given a box, return it moved `dx` points to the right."""
    return (box[0] + dx, box[1], box[2] + dx, box[3])
