"""Our own renderings (portrait single page; a spread split over two landscape pages) parse to the
same facts as each other, with every check passing: nothing is keyed to Fuji's coordinates."""

from __future__ import annotations

import pytest

from parsers.documents.base import DocumentInfo
from sample_docs.pdfkit import GRID, HORIZONTAL, UNRULED, ruling
from tests.documents.budget_book.helpers import parse_file
from tests.documents.budget_book.render import PORTRAIT, SPLIT, render

EXPECTED = {
    ("款", "2", "総務費"): {"本年度": 12_500_000},
    ("項", "1", "総務管理費"): {
        "本年度": 12_500_000,
        "前年度": 12_000_000,
        "比較": 500_000,
        "国県支出金": 2_000_000,
        "地方債": 0,
        "その他": 500_000,
        "一般財源": 10_000_000,
    },
    ("目", "1", "一般管理費"): {
        "本年度": 10_000_000,
        "前年度": 9_000_000,
        "比較": 1_000_000,
        "国県支出金": 2_000_000,
        "その他": 500_000,
        "一般財源": 7_500_000,
    },
    ("目", "2", "文書広報費"): {"本年度": 2_500_000, "前年度": 3_000_000, "比較": -500_000, "一般財源": 2_500_000},
    ("節", "1", "報酬"): {"金額": 4_000_000},
    ("節", "3", "職員手当等"): {"金額": 6_000_000},
    ("細節", None, "扶養手当"): {"金額": 2_500_000},
    ("細節", None, "通勤手当"): {"金額": 3_500_000},
    ("節", "11", "役務費"): {"金額": 2_500_000},
    ("説明", "001", "一般管理事務費"): {"金額": 10_000_000},
    ("説明", "001", "庁舎管理事業費"): {"金額": 6_000_000},
    ("説明", None, "庁舎清掃委託"): {},
    ("説明", "002", "文書管理事業費"): {"金額": 4_000_000},
    ("説明", "001", "広報事業費"): {"金額": 2_500_000},
}


def facts(parsed) -> dict:
    return {(line.level, line.code, line.name): parsed.yen(line) for line in parsed.lines}


@pytest.mark.parametrize("ruled", [GRID, HORIZONTAL, UNRULED])
@pytest.mark.parametrize("layout", [PORTRAIT, SPLIT], ids=["portrait", "split-spread"])
def test_rendering_parses_to_the_same_facts(tmp_path, layout, ruled):
    """Whatever the ruling (issue #14): a full grid, horizontal rules only, or none at all (columns then
    end where their amounts end, `一般財源` before the 節 code beside it)."""
    with ruling(ruled):
        path = render(tmp_path / "book.pdf", layout)
    parsed = parse_file(path)
    assert parsed.detected
    assert facts(parsed) == EXPECTED
    assert parsed.line("総務費", "総務管理費", "一般管理費", "一般管理事務費", "文書管理事業費").note == "100×40"
    assert {line.side for line in parsed.lines} == {"歳出"}
    assert parsed.checks and all(c.passed for c in parsed.checks)
    assert {c.check_name for c in parsed.checks} == {
        "budget_book_sum_children",
        "budget_book_header",
        "budget_book_difference",
        "budget_book_funding",
    }


def test_split_spread_keeps_each_page_as_provenance(tmp_path):
    parsed = parse_file(render(tmp_path / "split.pdf", SPLIT))
    moku = parsed.line("総務費", "総務管理費", "一般管理費")
    setsu = parsed.line("総務費", "総務管理費", "一般管理費", "報酬")
    assert (moku.page, setsu.page) == (1, 2)
    assert setsu.bbox[0] < 100  # in the second page's own coordinates, not shifted by the first page


def test_a_book_printing_no_year_takes_the_callers_year(tmp_path):
    path = render(tmp_path / "book.pdf", PORTRAIT)
    moku = ("総務費", "総務管理費", "一般管理費")
    unhinted = parse_file(path)
    assert {a.fiscal_year for a in unhinted.amounts_of(unhinted.line(*moku))} == {None}
    hinted = parse_file(path, DocumentInfo(municipality="架空市", fiscal_year_start=2031, fiscal_year_end=2031))
    years = {a.measure: a.fiscal_year for a in hinted.amounts_of(hinted.line(*moku))}
    assert years == {
        "本年度": 2031,
        "前年度": 2030,
        "比較": 2031,
        "国県支出金": 2031,
        "その他": 2031,
        "一般財源": 2031,
    }
    assert (hinted.info.fiscal_year_start, hinted.records.warnings) == (2031, [])
