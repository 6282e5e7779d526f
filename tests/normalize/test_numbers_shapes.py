"""Tests of the parts of NumberValue beyond value/unit: comparators, ranges, fractions, bases, compound
cells, money, and the texts that must raise (issue #4 "Must handle")."""

from decimal import Decimal

import pytest

from parsers.normalize import NormalizationError, parse_amount_yen, parse_number, parse_numbers


@pytest.mark.parametrize(
    ("raw", "comparator", "scale"),
    [
        ("50%以上", ">=", 1),
        ("50%超", ">", 1),
        ("1,646件以下", "<=", 1),
        ("150件未満", "<", 1),
        ("約1,900万件", "~", 10**4),
        ("10程度", "~", 1),
        ("最大90%減", "<=", 1),
        ("310万件", None, 10**4),
        ("1.5億円", None, 10**8),
        ("136万7千件", None, 10**4),
        ("5千件", None, 1000),
        ("3割", None, 10),
        ("1,048,514", None, 1),
    ],
)
def test_comparator_and_scale(raw, comparator, scale):
    nv = parse_number(raw)
    assert (nv.comparator, nv.scale) == (comparator, scale)


@pytest.mark.parametrize(
    ("raw", "low", "high", "unit", "qualifier"),
    [
        ("99～100", 99, 100, None, None),  # Y0 L537, full-width wave
        ("99.9～100", Decimal("99.9"), 100, None, None),  # Y0 L712
        ("約55～75分", 55, 75, "分", "約"),  # Y2 L26
        ("50~150分", 50, 150, "分", None),  # YS, ASCII tilde
        ("60~120分", 60, 120, "分", None),
        ("３～１０件", 3, 10, "件", None),  # H L7130
        ("2〜3割", 20, 30, "%", None),
    ],
)
def test_range(raw, low, high, unit, qualifier):
    nv = parse_number(raw)
    assert nv.value is None
    assert nv.range == (low, high)
    assert (nv.unit, nv.qualifier) == (unit, qualifier)


@pytest.mark.parametrize(
    ("raw", "numerator", "denominator", "unit"),
    [
        ("43/100", 43, 100, None),
        ("48/100", 48, 100, None),
        ("100/100", 100, 100, None),
        ("31/100", 31, 100, None),
        ("228件/3,018件", 228, 3018, "件"),
        ("24件/141件", 24, 141, "件"),
    ],
)
def test_fraction(raw, numerator, denominator, unit):
    nv = parse_number(raw)
    assert (nv.value, nv.numerator, nv.denominator, nv.unit) == (numerator, numerator, denominator, unit)


def test_fraction_takes_unit_from_context():
    assert parse_number("43/100", context="手続").unit == "手続"


@pytest.mark.parametrize(
    ("raw", "value", "qualifier", "basis"),
    [
        ("R5 年度実績から 約 3%増", 3, "約|増", "R5 年度実績から"),
        ("前年比３割増", 30, "増", "前年比"),
        ("前年比＋１０％", 10, None, "前年比"),
        ("前年＋３件", 3, None, "前年"),
        ("（対目標：▲10.1％）", Decimal("-10.1"), None, "対目標"),
        ("R3年度比25%増", 25, "増", "R3年度比"),
    ],
)
def test_relative_figures_keep_their_basis(raw, value, qualifier, basis):
    nv = parse_number(raw)
    assert (nv.value, nv.qualifier, nv.basis) == (value, qualifier, basis)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("25 拠点・ 14%", [(25, "拠点", None), (14, "%", None)]),
        ("24 拠点・13.4%", [(24, "拠点", None), (Decimal("13.4"), "%", None)]),
        ("30校以上かつ 150件未満", [(30, "校", "以上"), (150, "件", "未満")]),
        ("1,048,514", [(1048514, None, None)]),
        ("R5 年度実績から 約 3%増", [(3, "%", "約|増")]),
    ],
)
def test_parse_numbers_splits_compound_cells(raw, expected):
    got = parse_numbers(raw)
    assert [(v.value, v.unit, v.qualifier) for v in got] == expected
    assert all(v.raw and v.raw in raw for v in got)


@pytest.mark.parametrize("raw", ["25 拠点・ 14%", "24 拠点・13.4%", "30校以上かつ 150件未満", "3基（対目標：+１基）"])
def test_parse_number_refuses_compound_cells(raw):
    with pytest.raises(NormalizationError, match="several values"):
        parse_number(raw)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("404,000×98.9％", "calculation note"),
        ("一人ひとり", ""),
        ("誰一人", ""),
        ("一部", ""),
        ("二次利用", ""),
        ("弐分方町", ""),
        ("十分", "word"),
        ("一元化", ""),
        ("一人", "word"),
        ("2027国際園芸博覧会", ""),
        ("人生１００年サポート企業", ""),
        ("Society5.0", ""),
        ("■", "checkbox"),
        ("1,9000", ""),
        ("1,90", ""),
        ("万", ""),
        ("二〇千", ""),
        ("±5", "±"),
        ("100～99", "backwards"),
        ("(5", "parenthesis"),
        ("更新完了", ""),
        ("令和6年度", ""),
        ("X：600人 YouTube：750人", "several values"),
        ("5G", ""),
        ("1" * 300, "too long"),
    ],
)
def test_not_a_figure_raises(raw, reason):
    with pytest.raises(NormalizationError, match=reason or None) as info:
        parse_number(raw)
    assert info.value.raw == raw


@pytest.mark.parametrize(
    ("raw", "unit", "yen"),
    [
        ("1,048,514", "千円", 1048514000),
        ("34, 577", "千円", 34577000),
        ("▲785", "千円", -785000),
        ("△ 180,000", "千円", -180000000),
        ("▲65, 339", "千円", -65339000),
        ("2, 630, 372", "千円", 2630372000),
        ("0", "千円", 0),
        ("40,016千円", "円", 40016000),
        ("1.5億円", "千円", 150000000),
        ("約1,382万円"[1:], "千円", 13820000),
        ("三千五百万円", "千円", 35000000),
        ("22,492,500円", "千円", 22492500),
        ("1,234", "円", 1234),
        ("12", "百万円", 12000000),
        ("■■■", "千円", None),
        ("-", "千円", None),
        ("", "千円", None),
    ],
)
def test_parse_amount_yen(raw, unit, yen):
    assert parse_amount_yen(raw, unit) == yen


@pytest.mark.parametrize(
    ("raw", "unit"), [("約1,382万円", "千円"), ("50%", "千円"), ("99～100", "千円"), ("1", "件"), ("1.5", "円")]
)
def test_parse_amount_yen_refuses_non_amounts(raw, unit):
    with pytest.raises(NormalizationError):
        parse_amount_yen(raw, unit)


def test_non_string_input_raises_normalization_error():
    for bad in (None, 12, 1.5, b"12"):
        with pytest.raises(NormalizationError):
            parse_number(bad)  # type: ignore[arg-type]
