"""Tables without a full grid (parsers/pdf/text_tables.py): the same table printed with a grid, with
horizontal rules only and with no rule reads as the same rows and cells."""

from __future__ import annotations

from dataclasses import replace

import pdfplumber
import pytest

from parsers.pdf.model import PageModel, Word
from parsers.pdf.page import page_to_model
from parsers.pdf.text_tables import find_text_tables
from tests.pdf_factory import ruled_table_pdf, text_pdf

ROWS = [
    ["区分", "金額", "国", "市債", "一般財源"],
    ["令和6年度", "34, 577", "0", "382", "34, 195"],
    ["令和5年度", "30, 408", "0", "351", "30, 057"],
    ["増▲減", "4, 169", "0", "31", "4, 138"],
]
WRAPPED = [["事業目的", "デジタル統括本部の業務効率化\nに繋がります。"], ["事業開始年度", "平成29年度"]]


def read(path):
    with pdfplumber.open(path) as pdf:
        return page_to_model(pdf.pages[0])


def texts(table) -> list[list[str]]:
    rows: dict[int, list[str]] = {}
    for cell in sorted(table.cells, key=lambda c: (c.row, c.col)):
        rows.setdefault(cell.row, []).append(cell.text)
    return [rows[r] for r in sorted(rows)]


@pytest.mark.parametrize("ruling", ["horizontal", "none"])
def test_a_table_reads_the_same_whatever_its_ruling(tmp_path, ruling):
    ruled = read(ruled_table_pdf(tmp_path / "grid.pdf", ROWS))
    assert [[c or "" for c in row] for row in texts(ruled.tables[0])] == ROWS  # pdfplumber's grid
    page = read(ruled_table_pdf(tmp_path / f"{ruling}.pdf", ROWS, ruling=ruling))
    [table] = page.tables  # no grid: the page's table is the one its text forms
    assert table == find_text_tables(replace(page, tables=()))[0]
    assert texts(table) == ROWS
    amount = next(c for c in table.cells if c.text == "34, 577")
    assert (amount.row, amount.col) == (1, 1)


@pytest.mark.parametrize("ruling", ["horizontal", "none"])
def test_a_wrapped_cell_stays_one_cell(tmp_path, ruling):
    """Between rules, or without any: a cell's lines sit closer than the rows do."""
    page = read(ruled_table_pdf(tmp_path / "h.pdf", WRAPPED, ruling=ruling))
    [table] = page.tables
    assert texts(table) == WRAPPED


def test_ruled_tables_are_left_to_the_grid_finder(tmp_path):
    page = read(ruled_table_pdf(tmp_path / "grid.pdf", ROWS))
    assert find_text_tables(page) == []


@pytest.mark.parametrize("align", ["RIGHT", "LEFT"])
@pytest.mark.parametrize("ruling", ["horizontal", "none"])
def test_a_figure_lies_under_its_header_however_it_is_set(tmp_path, ruling, align):
    """Headers set left and figures set right share no ink, figures set left only a little; the cell
    boxes line them up as a grid does: a figure's box lies mostly under its header's."""
    style = [("ALIGN", (1, 1), (-1, -1), align)]
    page = read(ruled_table_pdf(tmp_path / "t.pdf", ROWS, ruling=ruling, style=style, col_widths=[60, 90, 70, 70, 80]))
    [table] = page.tables
    grid = table.grid()
    for row in grid[1:]:
        for header, cell in zip(grid[0][1:], row[1:], strict=True):
            under = min(header.bbox[2], cell.bbox[2]) - max(header.bbox[0], cell.bbox[0])
            assert under >= 0.5 * (header.bbox[2] - header.bbox[0]), (header.text, cell.text)


def test_an_empty_cell_keeps_its_column_and_a_full_cell_is_cut_where_its_column_starts(tmp_path):
    """Where a row prints nothing, the rows around it say a column starts there; a label filling its
    cell to the edge meets the next with less than a character of white space, and is cut all the same."""
    rows = [
        ["年度", "", "令和4年度", "令和5年度"],
        ["窓口", "キャッシュレス化", "10件", "20件"],
        ["相談", "オンライン申請化率の向上", "5件", "8件"],
    ]
    page = read(ruled_table_pdf(tmp_path / "t.pdf", rows, ruling="horizontal", col_widths=[40, 112, 60, 60]))
    [table] = page.tables
    assert texts(table) == rows


def test_tables_apart_are_two_tables_and_prose_is_none(tmp_path):
    """Two tables with white space between them are two tables; lines of prose form none."""
    for ruling in ("horizontal", "none"):
        page = read(ruled_table_pdf(tmp_path / f"{ruling}.pdf", ROWS, ruling=ruling, tables=2))
        assert [texts(t) for t in page.tables] == [ROWS, ROWS]
    prose = read(
        text_pdf(
            tmp_path / "prose.pdf", [["本市では、令和４年２月に計画を策定しました。", "その後、毎年度見直しています。"]]
        )
    )
    assert prose.tables == ()


@pytest.mark.parametrize("ruling", ["horizontal", "none"])
def test_a_label_spanning_two_rows_leaves_them_two_rows(tmp_path, ruling):
    """A label set in the middle of the two rows it spans bridges the white space between them; the
    other columns still show two rows, and the second row has no cell under the label (a grid's merge)."""
    rows = [["成果指標", "電子申請の新規導入手続数", "", ""], ["", "15 手続", "15 手続", "15 手続"]]
    middle = [("SPAN", (0, 0), (0, 1)), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    page = read(ruled_table_pdf(tmp_path / "t.pdf", rows, ruling=ruling, style=middle, col_widths=[60, 120, 60, 60]))
    [table] = page.tables
    assert texts(table) == [["成果指標", "電子申請の新規導入手続数"], ["15 手続", "15 手続", "15 手続"]]
    assert [c.col for c in table.cells if c.row == 1] == [1, 2, 3]  # no cell under the label, as in a grid


def test_a_caption_between_two_tables_ruled_alike_parts_them(tmp_path):
    """Rules above and below every row leave no white space between two tables; a line of one cell
    between rows of other columns is their caption, read as a line, not a row of either."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Table, TableStyle

    from sample_docs.pdfkit import EMBEDDED_GOTHIC, build_pdf
    from tests.pdf_factory import RULINGS

    style = TableStyle([("FONT", (0, 0), (-1, -1), EMBEDDED_GOTHIC, 9), *RULINGS["horizontal"]])
    steps = [["取組", "R3", "1Q(R4)", "2Q(R5)"], ["アプリの導入", "要件定義", "公募・契約", "本格利用開始"]]
    flowables = [
        Table(ROWS, colWidths=[60, 70, 50, 50, 70], style=style),
        Table([["(コラム) 取組と達成目標"]], colWidths=[300], style=style),
        Table(steps, colWidths=[90, 60, 60, 90], style=style),
    ]
    page = read(build_pdf(tmp_path / "t.pdf", flowables, pagesize=A4, title="captioned"))
    assert [texts(t) for t in page.tables] == [ROWS, steps]


def test_a_cell_spanning_two_rows_without_rules_covers_both(tmp_path):
    """A department printed once beside the two 事務 it serves, in their middle: it stays in the first
    row, as a grid keeps a merged cell, and its box reaches over the second, where the grid's is."""
    rows = [
        ["標準化の対象事務", "所管局"],
        ["児童手当", "こども青少年局"],
        ["子ども・子育て支援", ""],
        ["戸籍", "市民局"],
    ]
    style = [("SPAN", (1, 1), (1, 2)), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    page = read(ruled_table_pdf(tmp_path / "t.pdf", rows, ruling="none", style=style, col_widths=[120, 100]))
    [table] = page.tables
    assert texts(table) == [
        ["標準化の対象事務", "所管局"],
        ["児童手当", "こども青少年局"],
        ["子ども・子育て支援"],
        ["戸籍", "市民局"],
    ]
    grid = table.grid()
    second = grid[2][0]
    assert second.bbox[2] < grid[1][1].bbox[0]  # the last cell of a row stops where the next column starts
    assert grid[1][1].bbox[1] < (second.bbox[1] + second.bbox[3]) / 2 < grid[1][1].bbox[3]


def printed(table) -> set[tuple[int, int, str]]:
    """A table's printed cells as (row, col, text): what a family reads by position."""
    return {(c.row, c.col, c.text) for c in table.cells if c.text}


def under(cell, header) -> bool:
    return header.bbox[0] <= (cell.bbox[0] + cell.bbox[2]) / 2 <= header.bbox[2]


@pytest.mark.parametrize("ruling", ["horizontal", "none"])
def test_a_two_level_header_spans_its_sub_headers_as_in_a_grid(tmp_path, ruling):
    """A year over 事業費 and 市債 (the 区分 label spanning both header rows) keeps the grid's column
    numbers without its vertical rules, and its box lies over both sub-headers and their figures."""
    rows = [
        ["区分", "令和6年度", "", "令和5年度", ""],
        ["", "事業費", "市債", "事業費", "市債"],
        ["職員人件費", "1,048,514", "1,048,514", "872,776", "872,776"],
        ["デジタル企画調整費", "34,577", "34,195", "30,408", "30,057"],
    ]
    spans = [((0, 0), (0, 1)), ((1, 0), (2, 0)), ((3, 0), (4, 0))]
    style = [("ALIGN", (1, 2), (-1, -1), "RIGHT"), ("VALIGN", (0, 0), (0, 1), "MIDDLE")]
    grid = read(ruled_table_pdf(tmp_path / "grid.pdf", rows, spans=spans, style=style)).tables[0]
    [table] = read(ruled_table_pdf(tmp_path / "t.pdf", rows, spans=spans, style=style, ruling=ruling)).tables
    assert printed(table) == printed(grid)
    year = next(c for c in table.cells if c.text == "令和6年度")
    covered = [c.text for c in table.cells if c.row > 0 and under(c, year)]
    assert covered == ["事業費", "市債", "1,048,514", "1,048,514", "34,577", "34,195"]


@pytest.mark.parametrize("ruling", ["horizontal", "none"])
def test_a_header_stops_over_its_own_column_of_figures(tmp_path, ruling):
    """A year header beside two columns printed without a header (a 歳出 row with more values than
    years): the header's box ends with the column of figures under it, so the unheaded figures lie
    under no header, as in the grid, instead of under the year before them."""
    rows = [
        ["歳出", "", "令和3年度", "令和4年度", "", ""],
        ["予算", "事業費", "0", "10,000", "20,000", "20,000"],
        ["", "市債＋一般財源", "0", "10,000", "20,000", "20,000"],
    ]
    style = [("ALIGN", (2, 1), (-1, -1), "RIGHT")]
    widths = [40, 80, 60, 60, 60, 60]
    [table] = read(ruled_table_pdf(tmp_path / "t.pdf", rows, style=style, ruling=ruling, col_widths=widths)).tables
    year = next(c for c in table.cells if c.text == "令和4年度")
    assert [c.text for c in table.cells if c.row > 0 and under(c, year)] == ["10,000", "10,000"]


def test_fractions_redactions_and_marks_are_cells_of_their_own(tmp_path):
    """`43/100`, `50%以上` and `■■■` are figures set right (a header stays whole over them); a mark
    printed close after a figure (`6,000 ○`) is a cell of its own."""
    rows = [
        ["指標", "単位", "4年度", "5年度", "新規"],
        ["オンライン化", "手続", "43/100", "■■■", "○"],
        ["研修理解度", "%", "50%以上", "6,000", "○"],
    ]
    style = [("ALIGN", (2, 1), (3, -1), "RIGHT"), ("LEFTPADDING", (4, 0), (4, -1), 1)]
    page = read(ruled_table_pdf(tmp_path / "t.pdf", rows, style=style, ruling="none", col_widths=[70, 30, 50, 50, 30]))
    [table] = page.tables
    assert texts(table) == rows


@pytest.mark.parametrize("ruling", ["horizontal", "none"])
def test_a_label_in_the_middle_of_a_short_and_a_tall_row_belongs_to_the_first(tmp_path, ruling):
    """`成果指標` set in the middle of its one-line name row and its three-line row of targets falls
    inside the second row; it is the first row's label, as the grid's merged cell is."""
    rows = [
        ["年度別計画", "令和6年度", "令和7年度", "令和8年度"],
        ["成果指標", "統計書の閲覧年数", "", ""],
        ["", *(f"過年度の統計書を\n過去{n}年分\n掲載" for n in (14, 16, 18))],
    ]
    middle = [("SPAN", (0, 1), (0, 2)), ("VALIGN", (0, 1), (0, 2), "MIDDLE"), ("VALIGN", (1, 0), (-1, -1), "TOP")]
    grid = read(ruled_table_pdf(tmp_path / "grid.pdf", rows, style=middle, col_widths=[60, 90, 90, 90])).tables[0]
    page = read(ruled_table_pdf(tmp_path / "t.pdf", rows, ruling=ruling, style=middle, col_widths=[60, 90, 90, 90]))
    [table] = page.tables
    assert printed(table) == printed(grid)


def test_a_lone_row_of_figures_after_white_space_is_a_table(tmp_path):
    """A total printed apart from its table (`細事業合計` after a page's white space) is one row of
    figures: a table of one row, where one row of words is not."""
    rows = [["細事業合計", "114,119", "194,583", "▲80,464"]]
    [table] = read(ruled_table_pdf(tmp_path / "t.pdf", rows, ruling="none")).tables
    assert texts(table) == rows
    prose = read(ruled_table_pdf(tmp_path / "p.pdf", [["事業目的", "横浜市の", "業務改善"]], ruling="none"))
    assert prose.tables == ()


DEPARTMENTS = [
    ["標準化の対象事務", "所管局"],
    ["障害者福祉", "健康福祉局・こども青少年局"],
    ["介護保険", "健康福祉局"],
    ["国民健康保険", ""],
    ["後期高齢者医療", ""],
    ["国民年金", ""],
]


@pytest.mark.parametrize("ruling", ["horizontal", "none"])
def test_a_cell_printed_once_for_four_rows_covers_all_four(tmp_path, ruling):
    """`健康福祉局` set once in the middle of the four 事務 it serves: with rules drawn across the first
    column only, or with none (it then bridges the middle two rows, and the rows above and below it are
    blank beside it), it is the first row's cell and its box covers all four, as the grid's merged cell."""
    style = [("SPAN", (1, 2), (1, 5)), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]  # no rule inside a span
    widths = [200, 140]
    grid = read(ruled_table_pdf(tmp_path / "grid.pdf", DEPARTMENTS, style=style, col_widths=widths)).tables[0]
    page = read(ruled_table_pdf(tmp_path / "t.pdf", DEPARTMENTS, ruling=ruling, style=style, col_widths=widths))
    [table] = page.tables
    assert printed(table) == printed(grid)
    department = next(c for c in table.cells if c.text == "健康福祉局")
    for row in table.grid()[2:]:
        assert department.bbox[1] < (row[0].bbox[1] + row[0].bbox[3]) / 2 < department.bbox[3], row[0].text


def test_a_header_printed_again_starts_the_next_table_and_the_line_before_is_its_caption(tmp_path):
    """Two tables with the same header ruled alike, a heading between them: the repeated header row
    starts the second table, the heading is read as a line, not as a row of the first."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Table, TableStyle

    from sample_docs.pdfkit import EMBEDDED_GOTHIC, build_pdf
    from tests.pdf_factory import RULINGS

    style = TableStyle([("FONT", (0, 0), (-1, -1), EMBEDDED_GOTHIC, 9), *RULINGS["horizontal"]])
    first = [["指標", "数値", "時点・注"], ["実証試行数", "51取組", "累計値"], ["全体会議開催数", "61回", "累計値"]]
    second = [["指標", "数値", "時点・注"], ["事例①", "約37%短縮", "R5"]]
    flowables = [
        Table(first, colWidths=[120, 120, 100], style=style),
        Table([["事例創出"]], colWidths=[340], rowHeights=[30], style=style),
        Table(second, colWidths=[120, 120, 100], style=style),
    ]
    page = read(build_pdf(tmp_path / "t.pdf", flowables, pagesize=A4, title="repeated header"))
    assert [texts(t) for t in page.tables] == [first, second]


def test_punctuation_hung_past_a_cell_does_not_join_the_next_columns_cell():
    """`…再申請・` ends with its `・` hung 2 pt past the name column, over the 年間件数 of its row's
    middle line: the two lines overlap by less than half a glyph, so `10万件` keeps its own cell."""
    size = 8.5

    def w(text: str, x0: float, top: float, x1: float | None = None) -> Word:
        return Word(text, (x0, top, x1 if x1 is not None else x0 + size * len(text), top + size), size)

    words = (
        w("手続名", 20, 50),
        w("年間件数", 200, 50),
        w("対応状況", 300, 50),
        w("住民票の写し", 20, 70),
        w("11万件", 200, 70, 228),
        w("対応済", 300, 70),
        w("自立支援医療支給認定申請(再申請・", 20, 88, 202),
        w("10万件", 200, 93.7, 228),
        w("3Qで対応", 300, 93.7, 340),
        w("市外転入)", 20, 99.5),
    )
    page = PageModel(1, 595, 842, words, (), (), sum(len(x.text) for x in words), False)
    [table] = find_text_tables(page)
    assert texts(table)[-1] == ["自立支援医療支給認定申請(再申請・\n市外転入)", "10万件", "3Qで対応"]
