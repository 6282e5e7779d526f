"""Pure helpers on words placed by hand: labels, columns, lines, row events, sheets."""

from __future__ import annotations

from parsers.documents.budget_book.columns import find_bands, find_labels
from parsers.documents.budget_book.rows import line_to_events
from parsers.pdf.columns import is_numeric
from parsers.pdf.model import Rule, Word
from parsers.pdf.reading import Line, readable_lines
from parsers.pdf.sheet import Sheet


def w(text: str, x0: float, top: float = 100.0, size: float = 7.0) -> Word:
    """A word of monospaced CJK text starting at x0: each char is `size` points wide."""
    return Word(text, (x0, top, x0 + size * len(text), top + size), size)


HEADER = [
    w("目", 40, 80),
    w("本年度予算額", 90, 80),
    w("前年度予算額", 150, 80),
    w("比", 205, 80),
    w("較", 225, 80),
    w("区", 300, 80),
    w("分", 320, 80),
    w("金", 350, 80),
    w("額", 370, 80),
    w("説", 450, 80),
    w("明", 520, 80),
    w("千円", 121, 92),
    w("千円", 181, 92),
    w("千円", 231, 92),
    w("千円", 381, 92),
]


def test_find_labels_joins_letter_spaced_labels_and_masks_group_headings():
    labels, pure = find_labels(Line(80, 87, (w("本年度予算額の財源内訳", 200, 80), w("節", 380, 80))))
    assert [lab.key for lab in labels] == ["group", "節"] and pure
    labels, pure = find_labels(Line(80, 87, (w("比", 10, 80), w("較", 60, 80))))
    assert [(lab.key, lab.x0, lab.x1) for lab in labels] == [("比較", 10, 67)] and pure
    _, pure = find_labels(Line(40, 47, (w("１款", 10, 40), w("市税", 30, 40), w("49,286,300千円", 200, 40))))
    assert not pure


def test_a_row_level_read_as_a_look_alike_is_the_label_its_shape_also_fits_on_a_header_line():
    """A scan's `目` alone may read `口` or `日` (its inner strokes blur): the header is still found, and
    a look-alike is taken only where the line is then made of labels, never from a word's own reading."""
    scanned = Word("口", (40, 80, 47, 87), 7.0, confidence=0.9, alternatives=("日", "目"))
    header = [scanned, *HEADER[1:11]]
    (band,) = find_bands(readable_lines(header + HEADER[11:]), [], width=595)
    assert [c.key for c in band.columns][:4] == ["目", "本年度", "前年度", "比較"]
    assert band.kind == "detail"
    labels, pure = find_labels(Line(80, 87, (scanned, w("市税", 60, 80))))
    assert (labels, pure) == ([], False)
    labels, pure = find_labels(Line(80, 87, (Word("口", (40, 80, 47, 87), 7.0), *HEADER[1:3])))
    assert not pure  # a text layer's 口 has no look-alikes


def test_columns_without_rules_fall_halfway_between_labels():
    (band,) = find_bands(readable_lines(HEADER), [], width=595)
    keys = [(c.key, round(c.x0, 1), round(c.x1, 1)) for c in band.columns]
    assert [k for k, _, _ in keys] == ["目", "本年度", "前年度", "比較", "区分", "節金額", "説明"]
    assert keys[0][1] == 0.0 and keys[-1][2] == 595
    assert keys[1][1] == (47 + 90) / 2  # between the end of 目 and the start of 本年度予算額
    assert band.kind == "detail" and band.unit == "千円"


def test_columns_snap_to_the_vertical_rules_around_each_label():
    rules = [Rule("v", (x, 70, x, 500)) for x in (30, 85, 145, 200, 290, 345, 395, 560)]
    (band,) = find_bands(readable_lines(HEADER), rules, width=595)
    assert [(c.key, c.x0, c.x1) for c in band.columns][:4] == [
        ("目", 30, 85),
        ("本年度", 85, 145),
        ("前年度", 145, 200),
        ("比較", 200, 290),
    ]


def test_row_events_read_figures_by_right_edge_and_text_by_left_edge():
    rules = [Rule("v", (x, 70, x, 500)) for x in (30, 85, 145, 200, 290, 345, 395, 560)]
    (band,) = find_bands(readable_lines(HEADER), rules, width=595)
    sheet = Sheet((3,), (0.0,), 595, 842, (), ())
    row = Line(
        110,
        117,
        (
            w("2", 32, 110),
            w("法人", 40, 110),
            w("2,515,500", 80, 110, 7),
            w("△64,700", 230, 110),
            w("1", 300, 110),
            w("現年課税分", 308, 110),
            w("2,513,000", 330, 110),
            w("現年課税分", 400, 110),
            w("調定見込額", 460, 110),
            w("2,513,000", 490, 110),
        ),
    )
    moku, setsu, setsumei = line_to_events(sheet, row, band)
    assert (moku.kind, moku.level, moku.code, moku.name.text) == ("row", "目", "2", "法人")
    assert {k: c.text for k, c in moku.money.items()} == {"本年度": "2,515,500", "比較": "△64,700"}
    assert moku.money["本年度"].page == 3
    assert (setsu.code, setsu.name.text, setsu.amount.text) == ("1", "現年課税分", "2,513,000")
    assert (setsumei.code, setsumei.name.text, setsumei.amount.text) == (None, "現年課税分 調定見込額", "2,513,000")


def test_setsumei_calculation_note_is_kept_as_text_not_a_figure():
    (band,) = find_bands(readable_lines(HEADER), [], width=595)
    sheet = Sheet((1,), (0.0,), 595, 842, (), ())
    (note,) = line_to_events(sheet, Line(130, 137, (w("調定見込額", 425, 130), w("404,000×98.9％", 480, 130))), band)
    assert note.is_note and note.amount is None and note.name.text == "調定見込額 404,000×98.9％"
    (item,) = line_to_events(sheet, Line(140, 147, (w("公立分94,280×0.6", 425, 140), w("56,568", 540, 140))), band)
    assert (item.name.text, item.note, item.amount.text, item.is_note) == ("公立分", "94,280×0.6", "56,568", False)


def test_readable_lines_drops_folios_and_sheet_locates_the_page():
    lines = readable_lines([w("-", 100, 560), w("165", 110, 560), w("-", 140, 560), w("計", 40, 300)])
    assert [line.text for line in lines] == ["計"]
    sheet = Sheet((4, 5), (0.0, 842.0), 1684, 595, (), ())
    assert sheet.locate((900.0, 10.0, 950.0, 20.0)) == (5, (58.0, 10.0, 108.0, 20.0))
    assert sheet.locate((10.0, 10.0, 50.0, 20.0)) == (4, (10.0, 10.0, 50.0, 20.0))


def test_is_numeric():
    assert all(map(is_numeric, ["0", "1,234", "△64,700", "１２３"]))
    assert not any(map(is_numeric, ["３２人", "404,000×98.9％", "49,286,300千円", "計"]))
