"""2-up sheets are cut into their two pages; a landscape page whose table has a gap in the middle is not."""

from __future__ import annotations

from parsers.pdf.imposition import gutters, halves, split_imposed
from parsers.pdf.model import PageModel, Rule, Word
from parsers.pdf.sheet import single_sheet


def page(words: list[tuple[str, float, float]], rules: tuple[Rule, ...] = (), number: int = 3) -> PageModel:
    """A landscape page (842 × 595) of words given as (text, x0, top), each 40 pt wide."""
    boxes = tuple(Word(text, (x0, top, x0 + 40, top + 9), 9.0) for text, x0, top in words)
    return PageModel(number, 842, 595, boxes, rules, (), sum(len(t) for t, _, _ in words), bool(rules))


def test_two_pages_of_one_frame_are_cut_apart_keeping_number_and_coordinates():
    left = [("令和6年度", 20, 30), ("事業名", 20, 60), ("34,577", 300, 60)]
    right = [("令和6年度", 441, 30), ("事業名", 441, 62), ("42,000", 721, 62)]
    sheet = page(left + right, (Rule("h", (20, 70, 400, 70)), Rule("h", (441, 72, 821, 72))))
    first, second = halves(sheet)
    assert [w.text for w in first.words] == ["令和6年度", "事業名", "34,577"]
    assert [w.bbox[0] for w in second.words] == [441, 441, 721]  # printed where they are
    assert (first.number, second.number, len(first.rules), len(second.rules)) == (3, 3, 1, 1)
    assert [p.number for p in split_imposed([page([("表紙", 20, 30)], number=1), sheet])] == [1, 3, 3]


def test_a_table_with_its_column_gap_in_the_middle_stays_one_page():
    rows = [(label, 20, top) for label, top in [("事業名", 60), ("予算額", 80)]]
    rows += [(value, 560, top) for value, top in [("34,577", 60), ("42,000", 80)]]
    assert halves(page(rows)) is None  # the right column does not start at the page's margin
    ruled = page(rows, (Rule("h", (20, 70, 820, 70)),))
    assert halves(ruled) is None  # and a rule runs across the middle


def test_a_portrait_page_or_one_with_an_empty_half_is_not_cut():
    assert halves(PageModel(1, 595, 842, (Word("目次", (20, 30, 60, 39), 9.0),), (), (), 2, False)) is None
    assert halves(page([("表紙", 20, 30), ("令和6年度", 20, 60)])) is None


def test_gutters_are_white_from_top_to_bottom_near_the_middle_and_not_under_a_rule():
    """Words (40 pt wide) at 260, 320, 441 and 600 on an 842-pt page, searched 421 ± 126.3: white at
    360-441, 481-547.3 (the search's end) and 300-320, widest first; a horizontal rule across a gap
    rules it out."""
    sheet = page([("目", 260, 30), ("本年度", 320, 30), ("款", 441, 30), ("本年度", 600, 30)])
    assert gutters(sheet.words, (), 842) == [400.5, 514.15, 310.0]
    assert gutters(sheet.words, (Rule("h", (20, 70, 820, 70)),), 842) == []
    assert gutters(sheet.words, (Rule("h", (20, 70, 380, 70)),), 842) == [400.5, 514.15]


def test_a_cut_half_is_moved_to_the_origin_and_maps_back_to_its_page():
    sheet = single_sheet(page([("目", 20, 30), ("款", 441, 30)], (Rule("h", (20, 70, 820, 70)),)))
    right = sheet.cut(421, 842, 421, 421)
    assert [w.bbox[0] for w in right.words] == [20] and right.rules[0].bbox == (0, 70, 399, 70)
    assert right.locate(right.words[0].bbox) == (3, (441, 30, 481, 39))
