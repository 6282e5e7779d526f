"""The one copy of the bbox helpers (parsers/pdf/geometry.py): what a family relies on when it places
a word in a cell or a table."""

from __future__ import annotations

from decimal import Decimal

from parsers.pdf.geometry import centre_inside, rounded, shift, union, x_overlap


def test_union_holds_every_box_and_takes_a_generator():
    boxes = [(10.0, 20.0, 30.0, 25.0), (5.0, 22.0, 12.0, 40.0), (11.0, 21.0, 50.0, 24.0)]
    assert union(b for b in boxes) == (5.0, 20.0, 50.0, 40.0)
    assert union(boxes[:1]) == boxes[0]


def test_a_word_hanging_past_a_cell_border_belongs_to_the_cell_its_centre_is_in():
    cell = (100.0, 50.0, 200.0, 70.0)
    hanging = (190.0, 55.0, 215.0, 65.0)  # 「。」 run on past the right border: centre 202.5 is outside
    inside = (185.0, 55.0, 205.0, 65.0)  # centre 195 is inside, though its end is not
    assert not centre_inside(hanging, cell)
    assert centre_inside(inside, cell)
    assert centre_inside((100.0, 50.0, 100.0, 50.0), cell)  # edges count


def test_x_overlap_is_negative_for_a_gap():
    assert x_overlap((0.0, 0.0, 10.0, 5.0), (8.0, 100.0, 20.0, 105.0)) == 2.0  # rows apart: x only
    assert x_overlap((0.0, 0.0, 10.0, 5.0), (13.0, 0.0, 20.0, 5.0)) == -3.0


def test_rounded_and_shift():
    assert rounded((Decimal("1.005"), 2.333333, 3, Decimal("4.999"))) == (1.0, 2.33, 3.0, 5.0)
    assert shift((1.0, 2.0, 3.0, 4.0), 420.0) == (421.0, 2.0, 423.0, 4.0)
