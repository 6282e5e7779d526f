"""The shared reading layer (parsers/pdf/reading.py): one line tolerance, relative to char height,
for every family and every font size; wrapped text joined one way."""

from __future__ import annotations

import pytest

from parsers.pdf.model import Cell, PageModel, Table, Word
from parsers.pdf.reading import (
    covering_cell,
    join_wrapped,
    letter_spaced,
    line_chars,
    on_one_line,
    page_stream,
    readable_lines,
    starts_paragraph,
    table_rows,
    words_to_lines,
    wrap_homes,
)


def word(text: str, x0: float, top: float, size: float, width: float | None = None) -> Word:
    return Word(text, (x0, top, x0 + (width or size * len(text)), top + size), size)


@pytest.mark.parametrize("size", [7.0, 9.0, 14.0])
def test_lines_at_any_size_with_single_spacing(size):
    """Lines printed at 1.2 × their size apart stay apart; a word a little off the baseline stays on it."""
    lead = 1.2 * size
    words = [
        word("令和６年度", 100, 50 + lead, size),
        word("事業費", 10, 50, size),
        word("34,577", 60, 50 + 0.3 * size, size),  # 0.3 × size lower: same line
        word("千円", 10, 50 + lead, size),
    ]
    lines = words_to_lines(words)
    assert [ln.text for ln in lines] == ["事業費 34,577", "千円 令和６年度"]
    assert lines[0].top == 50 and lines[1].bbox == (10, 50 + lead, 100 + 5 * size, 50 + lead + size)


def test_a_small_note_on_a_heading_line_joins_it_and_the_next_line_does_not():
    """A 7 pt note centred on a 14 pt heading's line shares it; the 9 pt line below does not."""
    heading = word("財源内訳", 10, 100, 14)
    centred_note = word("（単位：千円）", 200, 103.5, 7)  # centre 107, heading centre 107
    below = word("国", 10, 118, 9)
    lines = words_to_lines([below, centred_note, heading])
    assert [ln.text for ln in lines] == ["財源内訳 （単位：千円）", "国"]


def test_superscripts_do_not_chain_two_lines_into_one():
    """A 5 pt mark between two 10 pt lines is its own line: the tolerance is the smaller glyph's."""
    size = 10.0
    words = [word("利用者数", 10, 100, size), word("※1", 60, 106, 5), word("件数", 10, 112, size)]
    lines = words_to_lines(words)
    assert [ln.text for ln in lines] == ["利用者数", "※1", "件数"]
    assert not on_one_line(words[0], words[2])


def test_join_wrapped_spaces_only_between_ascii():
    assert join_wrapped("デジタル企画\n調整費".split("\n")) == "デジタル企画調整費"
    assert join_wrapped(["Society", "5.0 の実現"]) == "Society 5.0 の実現"
    assert join_wrapped([" LCP ", "", "導入"]) == "LCP導入"


def test_letter_spaced_characters_are_read_as_one_word_and_other_words_stay_apart():
    """`主 な 事 業 内 容` spread over a column is one word; `事業名` beside it, and a lone `国` further than
    LETTER_GAP × size away, are words of their own."""
    size = 10.0
    chars = [word(ch, 100 + i * 18, 50, size) for i, ch in enumerate("主な事業内容")]  # 8 pt apart
    groups = letter_spaced([word("事業名", 10, 50, size), *chars, word("国", 228 + 16, 50, size)])
    assert ["".join(w.text for w in g) for g in groups] == ["事業名", "主な事業内容", "国"]


def test_a_paragraph_starts_at_a_wider_pitch_or_after_a_short_line_across_a_page_break():
    size = 10.0
    line = (20.0, 100.0, 400.0, 110.0)
    assert not starts_paragraph(line, (20.0, 114.0, 400.0, 124.0), size, right=400.0, same_page=True)
    assert starts_paragraph(line, (20.0, 120.0, 400.0, 130.0), size, right=400.0, same_page=True)
    short = (20.0, 700.0, 250.0, 710.0)
    assert starts_paragraph(short, (20.0, 50.0, 400.0, 60.0), size, right=400.0, same_page=False)
    assert not starts_paragraph(line, (20.0, 50.0, 400.0, 60.0), size, right=400.0, same_page=False)


@pytest.mark.parametrize("dash", ["-", "―", "一", "ｰ"])
def test_a_folio_is_page_furniture_whatever_its_dashes_read_as(dash):
    """A folio (`- 43 -`) is no line of the page, also where OCR reads its dashes as `一` or `ｰ`; a line
    of a table with a figure in it is kept."""
    size = 9.0
    folio = [word(dash, 280, 800, size), word("43", 292, 800, size), word(dash, 312, 800, size)]
    row = [word("1", 20, 100, size), word("市税", 40, 100, size), word("43", 200, 100, size)]
    assert [line.text for line in readable_lines([*folio, *row])] == ["1 市税 43"]


def test_a_name_wrapped_around_its_key_belongs_to_the_nearest_key_within_its_row_rules():
    """`7.交通安全対` / `策費`: a keyless line goes to the nearest keyed line, above when as near, and
    never across a row rule (there it is a row of its own: None)."""
    keyed = [100.0, 130.0, 200.0]
    assert wrap_homes([110.0, 118.0, 115.0], keyed) == [0, 1, 0]
    assert wrap_homes([118.0], keyed, rules=[125.0]) == [0]  # the rule parts it from the key below
    assert wrap_homes([160.0], keyed, rules=[150.0, 170.0]) == [None]
    assert wrap_homes([90.0, 210.0], []) == [None, None]


def test_line_chars_places_every_character_across_letter_spacing():
    """`比　　較` printed as two words, and a word with a space inside: each character placed in its
    word's share of the width, spaces left out, so `比較` is found spanning 10-60."""
    chars = line_chars([word("比", 10, 50, 10), word("較", 50, 50, 10), word("区 分", 100, 50, 10, width=30)])
    assert [c for c, _, _ in chars] == ["比", "較", "区", "分"]
    assert (chars[0][1], chars[1][2]) == (10, 60) and (chars[2][1:], chars[3][1:]) == ((100, 110), (120, 130))


def test_a_page_in_reading_order_alternates_the_rows_of_tables_side_by_side():
    """A title above two tables side by side (the right one's first row merged over both columns), a
    note below: rows top to bottom, left to right; a row covered by a merged cell is no row; whole
    tables on request."""
    left = Table(0, (10, 40, 200, 80), (Cell(0, 0, "区分", (10, 40, 100, 60)), Cell(1, 0, "事業費", (10, 60, 100, 80))))
    right = Table(1, (300, 40, 500, 80), (Cell(0, 0, "年度", (300, 40, 500, 80)),))
    words = (word("事業計画", 10, 20, 10), word("年度", 310, 45, 10), word("注記", 10, 90, 10))
    page = PageModel(1, 595, 842, words, (), (left, right), 8, True)
    stream = page_stream(page)
    assert [getattr(item, "text", None) or item.cells[0].text for item in stream] == [
        "事業計画", "区分", "年度", "事業費", "注記"
    ]  # fmt: skip
    assert [row.table.index for row in stream[1:4]] == [0, 1, 0]
    assert [type(item).__name__ for item in page_stream(page, whole_tables=True)] == ["Line", "Table", "Table", "Line"]
    assert [len(row.cells) for row in table_rows(right)] == [1]


def test_a_position_left_empty_by_a_merge_is_covered_by_the_merged_cell():
    """`年度` merged over two columns: the empty position (0, 1) is covered by it, (1, 1) is a cell."""
    merged = Cell(0, 0, "年度", (0, 0, 200, 20))
    below = (Cell(1, 0, "R6", (0, 20, 100, 40)), Cell(1, 1, "R7", (100, 20, 200, 40)))
    table = Table(0, (0, 0, 200, 40), (merged, *below))
    grid = table.grid()
    assert grid[0][1] is None and covering_cell(table, grid, 0, 1) is merged
