"""Table reconstruction: rows, columns, merged cells and bboxes from a hand-made ruled table."""

from __future__ import annotations

import pdfplumber

from parsers.pdf.model import Cell, Table
from parsers.pdf.page import page_to_model


def test_cells_keep_grid_position_text_and_bbox(table_pdf):
    with pdfplumber.open(table_pdf) as pdf:
        model = page_to_model(pdf.pages[0])
    assert len(model.tables) == 1
    grid = model.tables[0].grid()
    assert [len(row) for row in grid] == [3, 3, 3]
    assert grid[0][0].text == "事業名"
    assert grid[0][1] is None  # covered by the merged header cell
    assert grid[1][0].text == "デジタル企画調整費"
    assert grid[2][2].text == "-"
    merged, plain = grid[0][0].bbox, grid[1][0].bbox
    assert merged[2] > plain[2]  # the merged cell reaches into the second column
    for row in grid:
        for cell in row:
            if cell:
                x0, top, x1, bottom = cell.bbox
                assert x0 < x1 and top < bottom


def test_words_carry_font_size(table_pdf):
    with pdfplumber.open(table_pdf) as pdf:
        model = page_to_model(pdf.pages[0])
    sizes = {w.text: w.size for w in model.words}
    assert sizes["令和6年度"] == 9.0


def test_grid_of_hand_placed_cells():
    table = Table(
        index=0,
        bbox=(0, 0, 20, 20),
        cells=(
            Cell(row=0, col=0, text="a", bbox=(0, 0, 20, 10)),
            Cell(row=1, col=1, text="b", bbox=(10, 10, 20, 20)),
        ),
    )
    assert [[c and c.text for c in row] for row in table.grid()] == [["a", None], [None, "b"]]
