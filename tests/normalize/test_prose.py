"""Figures in running text (parsers.normalize.prose): every figure with a unit, names and dates left out."""

from __future__ import annotations

from decimal import Decimal

import pytest

from parsers.normalize.prose import figures_in_prose


def read(text: str) -> list[tuple]:
    return [(f.raw, f.number.value, f.number.unit, f.qualifier, f.fiscal_year, f.label) for f in figures_in_prose(text)]


def test_each_figure_of_a_sentence_with_its_own_year():
    assert read("＜情報照会＞H29年度20,076件、H30年度51,135件、R元年度179,188件") == [
        ("20,076件", 20076, "件", None, 2017, "＜情報照会＞"),
        ("51,135件", 51135, "件", None, 2018, None),
        ("179,188件", 179188, "件", None, 2019, None),
    ]


def test_a_cell_mixing_figures_yields_every_figure():
    assert read("受診率 11.97％（対目標：+0.39％） 効果額 2,042万円") == [
        ("11.97％", Decimal("11.97"), "%", None, None, "受診率"),
        ("+0.39％", Decimal("0.39"), "%", None, None, "対目標"),
        ("2,042万円", 20420000, "円", None, None, "効果額"),
    ]


def test_qualifiers_kanji_multipliers_and_full_width_digits():
    assert read("年間総受付件数約1,900万件のうち約600手続") == [
        ("約1,900万件", 19000000, "件", "約", None, "年間総受付件数"),
        ("約600手続", 600, "手続", "約", None, "うち"),
    ]
    assert read("全体申請件数（136万7千件）の約９０％") == [
        ("136万7千件", 1367000, "件", None, None, "全体申請件数"),
        ("約９０％", 90, "%", "約", None, None),
    ]
    assert [(f.raw, f.qualifier) for f in figures_in_prose("年間1,000件以上の手続、全18区役所に導入")] == [
        ("1,000件以上", "以上"),
        ("全18区役所", "全"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "都「100年活躍ナビ」の活用",
        "24時間対応の窓口",
        "施策1-1 第2期 Microsoft365",
        "令和5年8月末時点",
        "4つのツナガル",
        "1人ひとり",
    ],
)
def test_names_dates_codes_and_words_are_not_figures(text):
    assert figures_in_prose(text) == []


def test_counts_that_modify_a_noun_are_still_figures():
    assert [(f.raw, f.number.unit) for f in figures_in_prose("24手続オンライン化を順次開始")] == [("24手続", "手続")]
    assert [(f.raw, f.number.unit) for f in figures_in_prose("6消防団へのアプリ、先行導入")] == [("6消防団", "消防団")]


def test_per_month_range_and_stray_comma_space():
    assert read("月に約5千件の活動報告") == [("約5千件", 5000, "件/月", "約", None, None)]
    [span] = figures_in_prose("令和4年度にオンライン化した手続により、1 申請あたりで約55～75分の時間")
    assert (span.number.range, span.fiscal_year) == ((55, 75), 2022)
    assert read("令和4年度DX推進研修受講者数 2, 800人") == [("2, 800人", 2800, "人", None, 2022, "DX推進研修受講者数")]


def test_a_calendar_date_dates_only_its_own_clause():
    text = "令和3年9月施行の法律により、住民情報系20業務のシステムを、令和7（2025）年度末までに移行"
    assert [(f.raw, f.fiscal_year) for f in figures_in_prose(text)] == [("20業務", None)]
    assert [(f.raw, f.fiscal_year) for f in figures_in_prose("令和5年8月末時点で185件")] == [("185件", 2023)]


def test_as_of_date_dates_its_sentence_and_kanji_grouped_counts():
    text = "学校数 R3.5.1現在 学校数507校、児童生徒数26万4,894人、教職員数1万8,867人"
    assert read(text) == [
        ("507校", 507, "校", None, 2021, "学校数"),
        ("26万4,894人", 264894, "人", None, 2021, "児童生徒数"),
        ("1万8,867人", 18867, "人", None, 2021, "教職員数"),
    ]


def test_ranges_with_kara_and_cid_tilde_and_measured_hours():
    [ages] = [f for f in figures_in_prose("18から29歳では利用率がほぼ100%に近い") if f.number.range]
    assert (ages.raw, ages.number.range, ages.number.unit) == ("18から29歳", (18, 29), "歳")
    [minutes] = figures_in_prose("手続時間は50˜150分")  # a non-embedded CID font prints `~` as `˜`
    assert minutes.number.range == (50, 150)
    assert [
        f.raw for f in figures_in_prose("AI-OCR活用 Before 73,300時間 After 63%削減(46,000時間削減)で27,300時間に")
    ] == [
        "73,300時間",
        "63%",
        "46,000時間",
        "27,300時間",
    ]
