"""南国市's books (issue #13): another city's layout of the national format reads as a complete tree.

南国市 prints the 款 and 項 in a running head (`款 2. 総務費 項 1. 総務管理費`) with no amount, codes
with a dot (`7.交通安全対策費`), names wrapped in narrow columns, 第1表 and 総括 figures on the line
under their name, a 目 reprinted at the top of its continuation page, and `○` for a 款/目 without a
code. Values below were read off the PDFs (千円 × 1000 = yen; pages are physical, 1-based).
"""

from __future__ import annotations

import pytest

from parsers.documents.base import DocumentInfo
from tests.documents.budget_book.helpers import Parsed, parse_file

DETAIL = "歳入歳出予算事項別明細書"
AMENDED = "歳入歳出補正予算事項別明細書"


@pytest.fixture(scope="module")
def nankoku(real_dir):
    folder = real_dir / "nankoku"
    if not folder.exists():
        pytest.skip(f"南国市's books are not in {folder}")
    cache: dict[str, Parsed] = {}

    def load(name: str) -> Parsed:
        if name not in cache:
            cache[name] = parse_file(folder / name)
        return cache[name]

    return load


def _kan(book: Parsed, side: str, table: str) -> list:
    return [line for line in book.lines if line.level == "款" and line.side == side and book.table_of(line) == table]


def test_tousho_yosan_is_a_complete_tree(nankoku):
    book = nankoku("nankoku_r4_ippan_yosan.pdf")
    assert book.detected
    assert (book.info.municipality, book.info.fiscal_year_start, book.info.account) == ("南国市", 2022, "一般会計")
    assert len(_kan(book, "歳入", DETAIL)) == 22 and len(_kan(book, "歳出", DETAIL)) == 13
    soumu = book.line("総務費", "総務管理費")
    assert book.yen(soumu) == {
        "本年度": 1_953_701_000,
        "前年度": 2_246_095_000,
        "比較": -292_394_000,
        "国県支出金": 24_398_000,
        "地方債": 62_500_000,
        "その他": 557_670_000,
        "一般財源": 1_309_133_000,
    }
    assert book.yen(book.line("総務費", "総務管理費", "交通安全対策費"))["本年度"] == 14_171_000
    assert book.yen(book.line("総務費"))["本年度"] == 2_460_271_000  # the 総括's row of the 款
    kotei = book.line("市税", "固定資産税")  # no running head in the names
    assert (kotei.code, kotei.name) == ("2", "固定資産税")
    assert not [line.name for line in book.lines if line.name.startswith("款") or "一般会計" in line.name]
    totals = {(line.side, book.table_of(line)): book.yen(line)["本年度"] for line in book.lines if line.level == "合計"}
    assert totals[("歳入", "歳入歳出予算事項別明細書 総括")] == totals[("歳出", "第1表 歳入歳出予算")] == 23_340_000_000


def test_tousho_yosan_every_check_runs_and_passes(nankoku):
    book = nankoku("nankoku_r4_ippan_yosan.pdf")
    sums = [c for c in book.checks if c.check_name == "budget_book_sum_children"]
    assert len(sums) > 700
    assert [c.subject for c in book.checks if c.passed is not True] == []
    assert any(c.subject.startswith("歳出款2 総務費 ") and "本年度 = Σ項.本年度" in c.subject for c in sums)


def test_hosei_yosan_is_its_own_table(nankoku):
    book = nankoku("nankoku_r7_ippan_hosei_2512.pdf")
    assert book.detected
    assert (book.info.fiscal_year_start, book.info.account) == (2025, "一般会計")
    shougai = book.line("民生費", "社会福祉費", "障害者福祉費", table=AMENDED)
    assert book.yen(shougai) == {
        "補正前の額": 1_613_255_000,
        "補正額": 298_891_000,
        "計": 1_912_146_000,
        "国県支出金": 219_608_000,
        "一般財源": 79_283_000,
    }
    setsu = {line.name for line in book.lines if line.parent_line_id == shougai.line_id and line.level == "節"}
    assert "負担金、補助及び交付金" in setsu  # wrapped over three lines of a narrow column
    total = next(line for line in book.lines if line.level == "合計" and line.side == "歳出")
    assert book.yen(total)["補正額"] == 1_192_893_000
    assert book.checks and all(c.passed for c in book.checks)
    assert any("計 = 補正前の額 + 補正額" in c.subject for c in book.checks)


def test_tokubetsu_kaikei_keeps_its_account(nankoku):
    book = nankoku("nankoku_r8_kokuho_yosan.pdf")
    assert book.info.account == "国民健康保険特別会計"
    assert {line.account for line in book.lines} == {"国民健康保険特別会計"}
    haikan = book.line("○国庫支出金", "○国庫補助金")  # a 款 without a code, kept with its 項
    assert book.yen(book.line("○国庫支出金")) == {"本年度": 0, "前年度": 776_000, "比較": -776_000}
    assert haikan.code is None
    assert book.checks and all(c.passed for c in book.checks)


def test_a_manifest_account_fills_a_book_that_prints_none(real_dir):
    chapter = real_dir / "fuji_r8" / "歳出_01款_議会費.pdf"
    if not chapter.exists():
        pytest.skip(f"{chapter} is not present")
    book = parse_file(chapter, DocumentInfo(account="一般会計"))
    assert book.info.account == "一般会計"
    assert {line.account for line in book.lines} == {"一般会計"}
