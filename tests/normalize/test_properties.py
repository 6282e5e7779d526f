"""Property tests (hypothesis): rendered numbers and era dates parse back exactly; arbitrary text only
ever raises NormalizationError, and quickly (the default 200 ms deadline doubles as a hang check)."""

from decimal import Decimal

from hypothesis import example, given, settings
from hypothesis import strategies as st

from parsers.normalize import (
    NormalizationError,
    clean_text,
    parse_amount_yen,
    parse_fiscal_year,
    parse_number,
    parse_numbers,
    parse_period,
    tokenize,
)
from parsers.normalize.kanji import read_numeral

tokenize("準備")  # load the dictionary once, outside any deadline

DIGITS = "〇一二三四五六七八九"
FULL = str.maketrans("0123456789,.", "０１２３４５６７８９，．")


def kanji(n: int) -> str:
    """Render n as a kanji numeral the way documents print it: 三千五百万, 十二, 一億二千万."""
    if n == 0:
        return "〇"
    out = []
    for big, name in ((10**12, "兆"), (10**8, "億"), (10**4, "万"), (1, "")):
        group, n = divmod(n, big)
        if group:
            out.append(_kanji_group(group) + name)
    return "".join(out)


def _kanji_group(n: int) -> str:
    s = ""
    for unit, name in ((1000, "千"), (100, "百"), (10, "十")):
        d, n = divmod(n, unit)
        if d:
            s += ("" if d == 1 else DIGITS[d]) + name
    return s + (DIGITS[n] if n else "")


def with_commas(n: int) -> str:
    return f"{n:,}"


def mixed_width(s: str, mask: list[bool]) -> str:
    return "".join(c.translate(FULL) if m else c for c, m in zip(s, mask + [False] * len(s), strict=False))


@given(st.integers(min_value=0, max_value=10**16 - 1))
@example(35_000_000)
@example(120_000_000)
@example(1_367_000)
def test_kanji_numerals_parse_back(n):
    assert parse_number(kanji(n)).value == n
    assert parse_number(kanji(n) + "円").value == n


@given(st.integers(min_value=0, max_value=10**12))
def test_kanji_reader_agrees_with_sudachi(n):
    """Sudachi's JoinNumericPlugin is the oracle: same value from its normalized_form."""
    toks = tokenize(kanji(n))
    if len(toks) == 1 and toks[0].part_of_speech[1] == "数詞":
        assert int(toks[0].normalized_form) == read_numeral(kanji(n))[0]


@given(st.integers(min_value=0, max_value=10**9))
def test_positional_kanji_digits_parse_back(n):
    text = "".join(DIGITS[int(d)] for d in str(n))
    assert parse_number(text + "年").value == n


@given(
    st.integers(min_value=0, max_value=10**15),
    st.lists(st.booleans(), max_size=25),
    st.sampled_from(["", "▲", "△", "△ ", "▲ ", "－", "-"]),
)
def test_full_width_and_signed_amounts_parse_back(n, mask, sign):
    text = sign + mixed_width(with_commas(n), mask)
    nv = parse_number(text)
    assert nv.value == (-n if sign else n)
    assert nv.is_negative == bool(sign)
    assert parse_amount_yen(text) == nv.value * 1000


@given(
    st.integers(min_value=0, max_value=9999),
    st.integers(min_value=0, max_value=9999),
    st.integers(min_value=0, max_value=9999),
)
def test_man_oku_multipliers_parse_back(oku, man, rest):
    text = (
        (f"{oku}億" if oku else "")
        + (f"{man}万" if man else "")
        + (with_commas(rest) if rest or not (oku or man) else "")
    )
    assert parse_number(text + "件").value == oku * 10**8 + man * 10**4 + rest


@given(st.integers(min_value=1, max_value=99_999), st.integers(min_value=1, max_value=4))
def test_decimal_multipliers_are_exact(mantissa, places):
    d = Decimal(mantissa).scaleb(-places)
    for name, factor in (("万", 10**4), ("億", 10**8)):
        value = parse_number(f"{d}{name}").value
        assert value == d * factor
        assert isinstance(value, int) == (d * factor == int(d * factor))


def fiscal_era(fy: int) -> tuple[str, str, int]:
    if fy >= 2019:
        return "令和", "R", fy - 2018
    if fy >= 1989:
        return "平成", "H", fy - 1988
    return "昭和", "S", fy - 1925


@given(
    st.integers(min_value=1926, max_value=2100), st.sampled_from(["full", "abbrev", "fullwidth", "western", "label"])
)
def test_era_fiscal_years_round_trip(fy, style):
    era, abbrev, n = fiscal_era(fy)
    num = "元" if n == 1 else str(n)
    text = {
        "full": f"{era}{num}年度",
        "abbrev": f"{abbrev}{num}年度",
        "fullwidth": f"{era}{num.translate(FULL)}年度",
        "western": f"{era}{num}年度（{fy}年度）",
        "label": f"{era}{num}年度",
    }[style]
    assert parse_fiscal_year(text) == fy
    assert not parse_period(text).is_mismatch


@given(st.integers(min_value=1990, max_value=2100), st.integers(min_value=1, max_value=12))
def test_era_calendar_months_round_trip(year, month):
    if (year, month) >= (2019, 5):
        era, abbrev, n = "令和", "R", year - 2018
    else:
        era, abbrev, n = "平成", "H", year - 1988
    fiscal = year if month >= 4 else year - 1
    for text in (f"{era}{n}年{month}月", f"{abbrev}{n}.{month}"):
        p = parse_period(text)
        assert (p.kind, p.year, p.month, p.start) == ("calendar", year, month, fiscal)


NUMBERISH = st.text(
    alphabet="0123456789０１２３,，.．▲△-－―■%％～~/万億千百十一二三〇円件人"
    "年度令和平成RH元()（）約以上超未満増減割 :：×Q",
    max_size=40,
)
ANY = st.one_of(st.text(max_size=60), NUMBERISH)


@settings(max_examples=300)
@given(ANY)
def test_parsers_only_raise_normalization_error(text):
    for parse in (parse_number, parse_numbers, parse_amount_yen, parse_fiscal_year, parse_period, tokenize):
        try:
            parse(text)
        except NormalizationError as exc:
            assert exc.raw is not None
    assert isinstance(clean_text(text), str)


@given(st.text(alphabet='<>pul i="/\n a-zあ背景&;', max_size=200))
def test_clean_text_never_raises_and_keeps_japanese(text):
    out = clean_text(text)
    for ch in "あ背景":  # Japanese text, including `<背景>` labels, is never eaten as HTML
        assert out.count(ch) == text.count(ch)


def test_pathological_inputs_finish():
    for text in ("1, " * 60, "(" * 150, "約" * 150, "1～" * 60, "1/" * 60, "令和" * 30):
        try:
            parse_number(text)
        except NormalizationError:
            pass
    clean_text("<p " + 'a="b" ' * 5000)
    clean_text("D " * 10_000)
