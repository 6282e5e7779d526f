"""Table-driven tests of parse_fiscal_year and parse_period on the era notations of the seeds."""

import datetime

import pytest

from parsers.normalize import NormalizationError, parse_fiscal_year, parse_period


@pytest.mark.parametrize(
    ("raw", "fiscal_year"),
    [
        ("令和6年度", 2024),
        ("令和元年度", 2019),
        ("平成29年度", 2017),
        ("平成7年度", 1995),
        ("昭和36年度", 1961),
        ("R4", 2022),
        ("H29年度", 2017),
        ("R元年度", 2019),
        ("R元", 2019),
        ("S36", 1961),
        ("R6.1", 2023),  # January 2024 falls in fiscal 2023
        ("R4.12", 2022),
        ("令和6年1月", 2023),
        ("令和6年4月", 2024),
        ("令和４年度（2022年度）", 2022),
        ("令和5年度（2015年度）", 2023),  # the era wins; the mismatch is flagged on the Period
        ("令和4年度 (2022年度）", 2022),
        ("1Q(R4)", 2022),
        ("2Q(R5)", 2023),
        ("3Q(R6)", 2024),
        ("4Q(R7)", 2025),
        ("3Q(令和6年度)", 2024),
        ("6年度", 2024),
        ("3年度", 2021),
        ("9年度", 2027),
        ("令和 6 年度", 2024),
        ("令和２年度", 2020),
        ("R5 年度", 2023),
        ("R5年度中", 2023),
        ("令和7（2025）年度末", 2025),
        ("令和4年度末", 2022),
        ("2024年度", 2024),
        ("R3.5.1現在", 2021),
        ("R7.4.10現在", 2025),
        ("令和5年8月末時点", 2023),
        ("令和2年12月25日", 2020),
        ("令和6年3月25日", 2023),
        ("H15.8", 2003),
        ("H31.2", 2018),
        ("平成31年度", 2019),
        ("明治45年度", 1912),
        ("大正15年度", 1926),
        ("R10", 2028),
        ("Ｒ６年度", 2024),
    ],
)
def test_parse_fiscal_year(raw, fiscal_year):
    assert parse_fiscal_year(raw) == fiscal_year


def test_bare_year_takes_the_default_era():
    assert parse_fiscal_year("6年度", default_era="平成") == 1994


@pytest.mark.parametrize(
    ("raw", "kind", "start", "end"),
    [
        ("令和2～5年度", "fiscal", 2020, 2023),
        ("平成27～28年度", "fiscal", 2015, 2016),
        ("令和3年度～令和6年度", "fiscal", 2021, 2024),
        ("令和4から7年度", "fiscal", 2022, 2025),
        ("令和3~5年度", "fiscal", 2021, 2023),
        ("平成30年度~令和3年度", "fiscal", 2018, 2021),
        ("平成30年度（2018年度）～令和４年度（2022年度）", "fiscal", 2018, 2022),
        ("令和7年度～", "fiscal", 2025, None),
        ("令和6年度以降", "fiscal", 2024, None),
        ("2Q(R5~)", "label", 2023, None),
        ("2Q(R5)~", "label", 2023, None),
        ("1Q(R4)", "label", 2022, 2022),
        ("令和4年", "calendar", 2021, 2022),  # a calendar year spans two fiscal years
        ("令和6年1月", "calendar", 2023, 2023),
    ],
)
def test_parse_period_kinds_and_ranges(raw, kind, start, end):
    p = parse_period(raw)
    assert (p.kind, p.start, p.end) == (kind, start, end)


def test_period_exposes_calendar_date_and_fiscal_year():
    p = parse_period("R6.1")
    assert (p.kind, p.year, p.month, p.day, p.start) == ("calendar", 2024, 1, None, 2023)
    d = parse_period("令和2年12月25日")
    assert d.date == datetime.date(2020, 12, 25) and d.start == 2020
    assert parse_period("令和4年（2022年）2月").year == 2022


def test_label_keeps_its_label():
    p = parse_period("4Q(R7)")
    assert (p.label, p.era, p.start) == ("4Q", "令和", 2025)


@pytest.mark.parametrize(
    ("raw", "western", "mismatch"),
    [
        ("令和４年度（2022年度）", 2022, False),
        ("令和5年度（2015年度）", 2015, True),
        ("令和7（2025）年度末", 2025, False),
        ("令和6(2024)年4月", 2024, False),
        ("令和6年度", None, False),
    ],
)
def test_bracketed_western_year_is_checked(raw, western, mismatch):
    p = parse_period(raw)
    assert (p.western_year, p.is_mismatch) == (western, mismatch)


@pytest.mark.parametrize(
    "raw",
    [
        "令和2～5年度",  # a range is not one fiscal year
        "令和7年度～",
        "令和4年",  # a calendar year without month straddles two fiscal years
        "6",
        "4年",
        "6.1",
        "平成32年度",
        "令和0年度",
        "令和6年2月30日",
        "R6後半",
        "令和5年度～令和3年度",
        "2022～2025年",
        "",
        "元年度" * 40,
    ],
)
def test_parse_fiscal_year_refuses(raw):
    with pytest.raises(NormalizationError):
        parse_fiscal_year(raw)


def test_unknown_default_era_raises():
    with pytest.raises(NormalizationError):
        parse_fiscal_year("6年度", default_era="天平")
