"""Columns named by header labels (parsers/pdf/columns.py): edges from vertical rules where printed,
else from how labels (centred) and figures (set right) are set, never through a word of the body."""

from __future__ import annotations

from parsers.pdf.columns import Heading, column_bounds, column_of, header_phrases, stacked_labels
from parsers.pdf.model import Rule, Word
from parsers.pdf.reading import words_to_lines

SIZE = 10.0


def word(text: str, x0: float, top: float = 50.0) -> Word:
    return Word(text, (x0, top, x0 + SIZE * len(text), top + SIZE), SIZE)


def label(text: str, x0: float, figures: bool = False) -> Heading:
    return Heading(x0, x0 + SIZE * len(text), 20.0, 20.0 + SIZE, figures)


# 事業名 (text, 100-300) | 事業費 (figures, 300-380) | 内容 (text, 380-600), labels centred over each
HEADINGS = [label("事業名", 185), label("事業費", 325, figures=True), label("内容", 480)]
BODY = words_to_lines([word("道路改良事業", 104), word("2,000", 320), word("舗装の打換え", 384)])


def test_vertical_rules_are_the_edges_where_printed():
    rules = [Rule("v", (x, 10.0, x, 200.0)) for x in (100.0, 300.0, 380.0, 600.0)]
    assert column_bounds(HEADINGS, rules, 842.0) == [(100.0, 300.0), (300.0, 380.0), (380.0, 600.0)]


def test_a_rule_shorter_than_a_column_edge_is_a_glyph_stroke():
    rules = [Rule("v", (x, 20.0, x, 28.0)) for x in (100.0, 300.0, 380.0, 600.0)]
    assert column_bounds(HEADINGS, rules, 842.0, BODY)[0][0] == 104.0  # the body's leftmost word, not the stroke


def test_without_rules_figures_end_their_column_and_text_starts_the_next():
    """The amount, set right, ends its column just past its last digit; the 内容 text after it starts
    the next column, so each word falls in its own column whichever way it is anchored."""
    bounds = column_bounds(HEADINGS, [], 842.0, BODY)
    assert bounds[0][0] == 104.0 and bounds[-1][1] == 842.0
    assert 370.0 < bounds[1][1] < 384.0
    columns = [Heading(x0, x1, 0, 0) for x0, x1 in bounds]
    assert [columns.index(column_of(w, columns)) for line in BODY for w in line.words] == [0, 1, 2]


def test_an_edge_estimated_from_a_label_set_off_centre_never_cuts_a_word():
    """款項目's label sits left of its column's middle, so mirroring it ends the column inside the
    事業名 text that starts after it: the edge moves into the white space before that text."""
    headings = [label("番号", 30), label("款項目", 70), label("事業名", 200)]
    body = words_to_lines([word("1", 40), word("２．１．１", 70), word("電子市役所推進事業費", 128)])
    bounds = column_bounds(headings, [], 842.0, body)
    assert 120.0 <= bounds[1][1] <= 128.0
    columns = [Heading(x0, x1, 0, 0) for x0, x1 in bounds]
    assert [columns.index(column_of(w, columns)) for line in body for w in line.words] == [0, 1, 2]


def test_a_header_stacked_over_two_lines_is_one_label_under_its_group():
    """`財 源 内 訳` over `国` and `一般財源` is their group; `Ｒ３年度当初予` over `算額（千円）` is one
    label; letter-spaced `内 容` is one phrase."""
    lines = words_to_lines(
        [word("事業名", 20, 20), word("Ｒ３年度当初予", 100, 20), word("財", 200, 20), word("源", 222, 20)]
        + [word("内", 244, 20), word("訳", 266, 20), word("内", 400, 20), word("容", 422, 20)]
        + [word("算額（千円）", 100, 32), word("国", 200, 32), word("一般財源", 250, 32)]
    )
    phrases = [p for line in lines for p in header_phrases(line)]
    labels, groups = stacked_labels(phrases)
    assert [p.key for p in labels] == ["事業名", "Ｒ３年度当初予算額（千円）", "国", "一般財源", "内容"]
    assert [p.key for p in groups] == ["財源内訳"] and labels[1].bbox == (100, 20, 170, 42)
    named = stacked_labels(phrases, lambda p: p.key == "事業名")[1]
    assert [p.key for p in named] == ["事業名", "財源内訳"]
