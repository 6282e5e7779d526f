"""Tables without a full grid (parsers/pdf/text_tables.py): the same table printed with a grid, with
horizontal rules only and with no rule reads as the same rows and cells."""

from __future__ import annotations

import pdfplumber
import pytest

from parsers.pdf.page import page_to_model
from parsers.pdf.text_tables import find_text_tables
from tests.pdf_factory import ruled_table_pdf

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
    assert page.tables == ()  # no grid: pdfplumber's finder sees no table
    [table] = find_text_tables(page)
    assert texts(table) == ROWS
    amount = next(c for c in table.cells if c.text == "34, 577")
    assert (amount.row, amount.col) == (1, 1)


def test_between_horizontal_rules_a_wrapped_cell_stays_one_cell(tmp_path):
    page = read(ruled_table_pdf(tmp_path / "h.pdf", WRAPPED, ruling="horizontal"))
    [table] = find_text_tables(page)
    assert texts(table) == WRAPPED


def test_ruled_tables_are_left_to_the_grid_finder(tmp_path):
    page = read(ruled_table_pdf(tmp_path / "grid.pdf", ROWS))
    assert find_text_tables(page) == []
