"""A page holding two logical pages (2-up imposition) is read as two (issue #13).

We impose books ourselves (two pages side by side on one landscape sheet, scaled to 71 %, as A4 onto
A3) and parse both: the facts (line path, table, measure, yen) must be the same as the original's,
every check must still pass, and provenance must stay on the physical page it is printed on.
"""

from __future__ import annotations

import pdfplumber
import pytest

from parsers.documents.budget_book.sheets import pages_to_sheets
from parsers.pdf.page import page_to_model
from sample_docs.renderings import impose_two_up
from tests.documents.budget_book.helpers import Parsed, parse_file
from tests.documents.budget_book.render import PORTRAIT, render


def facts(book: Parsed) -> set[tuple]:
    """Every amount as (path of line names from the top, table, measure, yen)."""
    by_id = {line.line_id: line for line in book.lines}
    out = set()
    for amount in book.records.rows["budget_amounts"]:
        path, line = [], by_id.get(amount.line_id)
        while line is not None:
            path.append(f"{line.level} {line.code or ''} {line.name}")
            line = by_id.get(line.parent_line_id)
        out.add((tuple(reversed(path)), amount.table_name, amount.measure, amount.amount_yen))
    return out


def _same_facts(original: Parsed, imposed: Parsed) -> None:
    assert imposed.detected
    assert facts(imposed) == facts(original)
    assert [c.subject for c in imposed.checks] and all(c.passed for c in imposed.checks)
    assert len(imposed.checks) == len(original.checks)


@pytest.mark.parametrize("name", ["歳出_01款_議会費.pdf", "00_概要.pdf", "歳入_14款_使用料及び手数料.pdf"])
def test_a_fuji_chapter_imposed_two_up_gives_the_same_facts(real_dir, tmp_path, name):
    """議会費: two spreads on one sheet; 00_概要: 第1表 beside the budget articles, 総括 歳入 (portrait)
    beside 総括 歳出 (landscape); 使用料及び手数料: 説明 items continued from a left page to a right one."""
    source = real_dir / "fuji_r8" / name
    original, imposed = parse_file(source), parse_file(impose_two_up(source, tmp_path / "two_up.pdf"))
    _same_facts(original, imposed)
    width = 2 * 842 * 0.7071
    for amount in imposed.records.rows["budget_amounts"]:
        assert 1 <= amount.page <= 10 and 0 <= amount.bbox[0] < amount.bbox[2] <= width


def test_our_rendering_beside_nothing_gives_the_same_facts(tmp_path):
    """A table page alone on a 2-up sheet (the last page of an odd count) is cut from the empty half."""
    source = render(tmp_path / "portrait.pdf", PORTRAIT)
    _same_facts(parse_file(source), parse_file(impose_two_up(source, tmp_path / "two_up.pdf")))


ONE_PAGE_PER_SHEET = [("fuji_r8", "歳出_01款_議会費.pdf"), ("nankoku", "nankoku_r8_kokuho_yosan.pdf")]


@pytest.mark.parametrize(("folder", "name"), ONE_PAGE_PER_SHEET)
def test_a_book_printed_one_page_per_sheet_is_not_cut(real_dir, folder, name):
    """A spread's right half holds 節 and 説明 only and its rules run across the middle; 南国市's
    第1表 prints 款 left of the middle and 項 / 金額 right of it: neither page is two pages."""
    with pdfplumber.open(real_dir / folder / name) as pdf:
        pages = [page_to_model(page) for page in pdf.pages]
    assert [read.sheet.pages for read in pages_to_sheets(pages)] == [(page.number,) for page in pages]
