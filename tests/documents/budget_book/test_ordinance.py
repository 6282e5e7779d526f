"""The ordinance's 第1条 total (歳入歳出予算の総額) checked against 第1表's 歳入合計 and 歳出合計: a figure the
tables did not produce, printed on a page of prose that may be a scan (南国市 国保 p.3 is one, seal and all).
Values read off the PDFs: 富士市 令和8年度 110,800,000千円 (00_概要 p.3; 第1表 pp.6 and 9), 南国市 令和8年度
国民健康保険事業特別会計 5,503,210千円 (p.3, a scanned image; 第1表 pp.4 and 6)."""

from __future__ import annotations

import hashlib

import pytest

from parsers.documents.budget_book.checks import check_tree
from parsers.documents.budget_book.lines import Money, Node
from parsers.documents.budget_book.ordinance import CHECK_NAME, ordinance_totals
from parsers.documents.budget_book.rows import Cell
from parsers.documents.budget_book.sheets import read_page
from parsers.parse import parse_pdf
from parsers.pdf.model import PageModel, Word
from schemas.collect import RecordSet
from tests.documents.budget_book.helpers import parse_file

DOC_ID = "0" * 64


def _page(*lines: list[str], number: int = 1) -> PageModel:
    """A page of prose: each line's words left to right, lines 20 pt apart."""
    words = []
    for row, texts in enumerate(lines):
        x = 72.0
        for text in texts:
            words.append(Word(text=text, bbox=(x, 100.0 + 20 * row, x + 10.5 * len(text), 110.5 + 20 * row), size=10.5))
            x += 10.5 * len(text) + 6
    return PageModel(
        number=number,
        width=595.0,
        height=842.0,
        words=tuple(words),
        rules=(),
        tables=(),
        char_count=1,
        has_graphics=False,
    )


def _table1_total(side: str, text: str) -> Node:
    cell = Cell(text=text, page=6, bbox=(470.0, 400.0, 525.0, 410.0))
    money = Money(key="本年度", label="金額", cell=cell, unit="千円")
    return Node(
        table="第1表 歳入歳出予算",
        side=side,
        level="合計",
        code=None,
        name=f"{side}合計",
        cell=cell,
        money={"本年度": money},
    )


def test_the_article_is_read_across_a_wrapped_line_in_full_width_digits():
    page = _page(
        ["第１条", "歳入歳出予算の総額は、歳入歳出それぞれ１１０，８００，"], ["０００千円と定める。"], number=3
    )
    [total] = ordinance_totals(read_page(page))
    assert (total.page, total.raw, total.yen) == (3, "110,800,000千円", 110_800_000_000)


def test_the_article_is_read_with_the_spaces_and_half_width_commas_of_ocr():
    page = _page(["第1条", "歳入歳出予算の総額は､", "歳入歳出それぞれ", "5,503,210", "千円と定める｡"])
    assert [t.yen for t in ordinance_totals(read_page(page))] == [5_503_210_000]


def test_another_total_of_money_is_no_ordinance():
    assert ordinance_totals(read_page(_page(["事業費", "総額154,752千円"], ["歳入歳出それぞれの予算額"]))) == []


def test_a_total_that_differs_fails_and_flags_the_table1_total():
    page = _page(["第1条", "歳入歳出予算の総額は、歳入歳出それぞれ5,503,200千円と定める。"])
    income, outgo = _table1_total("歳入", "5,503,210"), _table1_total("歳出", "5,503,200")
    records = RecordSet(DOC_ID)
    failing = check_tree([income, outgo], records, ordinance_totals(read_page(page)))
    results = {c.subject.rsplit(" ", 1)[-1]: c for c in records.rows["checks"] if c.check_name == CHECK_NAME}
    assert (results["歳入合計"].passed, results["歳入合計"].expected, results["歳入合計"].actual) == (
        False,
        5_503_210_000,
        5_503_200_000,
    )
    assert results["歳出合計"].passed is True
    assert failing == {id(income.money["本年度"])}


def test_without_table1_the_check_is_not_run():
    page = _page(["第1条", "歳入歳出予算の総額は、歳入歳出それぞれ5,503,210千円と定める。"])
    records = RecordSet(DOC_ID)
    check_tree([], records, ordinance_totals(read_page(page)))
    assert [(c.passed, c.detail) for c in records.rows["checks"]] == [
        (None, "no 歳入合計 of 第1表 in this document"),
        (None, "no 歳出合計 of 第1表 in this document"),
    ]


@pytest.mark.real
def test_fuji_ordinance_equals_its_table1(real_dir):
    book = parse_file(real_dir / "fuji_r8" / "00_概要.pdf")
    checks = [c for c in book.checks if c.check_name == CHECK_NAME]
    assert [(c.page, c.actual, c.passed) for c in checks] == [(3, 110_800_000_000, True), (3, 110_800_000_000, True)]


@pytest.mark.real
@pytest.mark.usefixtures("shapes")
def test_a_real_scanned_ordinance_is_read_by_ocr_and_equals_table1(real_dir, monkeypatch):
    """南国市 国保 p.3 is a scan of another city's print (not a rendering of ours): OCR reads its total."""
    monkeypatch.setenv("GYOSEI_OCR", "on")
    path = real_dir / "nankoku" / "nankoku_r8_kokuho_yosan.pdf"
    if not path.exists():
        pytest.skip(f"{path} is not present")
    parsed = parse_pdf(path, hashlib.sha256(path.read_bytes()).hexdigest())
    checks = [c for c in parsed.records.rows["checks"] if c.check_name == CHECK_NAME]
    assert [(c.page, c.expected, c.actual, c.passed) for c in checks] == [
        (3, 5_503_210_000, 5_503_210_000, True),
        (3, 5_503_210_000, 5_503_210_000, True),
    ]
    assert "read by OCR" in parsed.error
