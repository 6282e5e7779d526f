"""Printed figures -> NumberValue: the one number parser every table cell goes through (DESIGN §4).

Who does what, and why:
- Our code reads the digits. A compiled regex is the fast path for plain amounts (`1,048,514`, `▲785`,
  `34, 577`); everything else goes through one anchored grammar (basis, qualifiers, sign, numeral,
  unit, range, fraction) and `kanji.read_numeral`, which is exact (ints, Decimal for decimals).
  `float()` is never used. Width folding is our own table, limited to what numbers need: jaconv and
  neologdn turn a full-width minus `－` into `ー`, and NFKC is not needed.
- SudachiPy is used for one decision only: whether a kanji numeral is a number or part of a word.
  Its lexicon knows `一部`, `一人ひとり`, `一人`, `一般` as words, which a hand-written list would
  always miss some of; we only ask whether a word token swallows the numeral, because its numeral
  tags are unreliable (`七百` is prefix + 数詞, `三百` a person's name). Where its segmentation is
  wrong (`十分` is 10 + 分 "minutes") a small stop list overrides it. Texts with only Arabic digits
  and 万/億/千 never touch Sudachi, nor does the plain-amount fast path.
- Units are a closed list of the counters the seed documents print (`COUNTERS`). An unknown trailing
  word raises instead of becoming a unit, so `2027国際園芸博覧会` is never read as 2027.

Conventions: `value` is as printed in `unit` (percent stays 13.4 with unit "%", `3割` is 30 "%");
`万`/`億` are expanded into the value (`310万件` -> 3100000 件, `1.5億円` -> 150000000 円) and
`scale` records the largest multiplier applied; `千円`/`百万円` after Arabic digits are kept as the
unit (`40,016千円` -> 40016 千円), as budget tables print them. `parse_amount_yen` turns any of these
into integer yen.
"""

import re
from dataclasses import dataclass

from parsers.normalize.errors import NormalizationError
from parsers.normalize.kanji import KANJI_DIGITS, Number, read_numeral
from schemas.types import BLANK_MARKS

MAX_NUMBER_TEXT = 200  # characters; a longer text is prose, not a figure

# Counters printed after figures in the seeds. Longest first, so `時間` wins over a shorter prefix.
COUNTERS = tuple(
    sorted(
        """千円 百万円 円 件 人 名 回 手続 業務 時間 日 分 秒 年 か月 ヶ月 カ月 週 種類 種 校 拠点 システム 台
        ステップ 所管 年分 中学校区 消防団 枚 施設 グループ 社 戸 課 取組 チーム か所 箇所 基 事業 室場
        団体 機関 区 区役所 分団 班 世帯 本 個 冊 点 項目 歳 倍 ページ ha km 件数 人数 議会資料 部署 局
        回数 月分 商店街 施設分""".split(),
        key=len,
        reverse=True,
    )
)
_PER = {"年間": "年", "年": "年", "月": "月", "週": "週"}
_APPROX = ("約", "概ね", "およそ", "ほぼ", "程度", "相当", "近い", "近く")
_COMPARATORS = {"以上": ">=", "超": ">", "以下": "<=", "未満": "<", "最大": "<=", "最低": ">="}
_DIRECTIONS = {"増": "増", "減": "減", "削減": "減", "低減": "減"}
_YEN_FACTORS = {"円": 1, "千円": 1000, "万円": 10**4, "百万円": 10**6, "億円": 10**8}
_NOT_NUMBERS = frozenset({"十分"})  # Sudachi reads these as numeral + counter; they are words

_FOLD = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "，": ",",
        "．": ".",
        "％": "%",
        "＋": "+",
        "－": "-",
        "−": "-",
        "～": "～",
        "〜": "～",
        "~": "～",
        "／": "/",
        "（": "(",
        "）": ")",
        "：": ":",
        "\u3000": " ",
        "\xa0": " ",
        "×": "×",
        "＊": "*",
        "＝": "=",
    }
)

_PLAIN = re.compile(r"\s*([▲△-]?)\s*(\d{1,3}(?:,[ ]?\d{3})+|\d+)\s*\Z", re.ASCII)
_STRAY_COMMA_SPACE = re.compile(r",\s+(?=\d{3}(?!\d))", re.ASCII)
_NUM = r"[\d〇零一二三四五六七八九十百千][\d,.〇零一二三四五六七八九十百千万億兆]*"
_UNIT = r"%|割|(?:" + "|".join(map(re.escape, COUNTERS)) + r")(?:\s*/\s*(?:年|月|日|週|半年|申請|人|回))?"
_GRAMMAR = re.compile(
    r"(?P<open>\()?\s*"
    r"(?P<basis>(?:前年度?比?|対(?:前年度?|目標)\s*:?|(?:令和|R)\s*(?:\d+|元)\s*年度(?:実績)?\s*(?:から|比)?)\s*)?"
    r"(?P<per>年間|年|月|週)?\s*"
    r"(?P<pre>約|概ね|およそ|ほぼ|最大|最低)?\s*"
    r"(?P<sign>[▲△+\-±])?\s*"
    rf"(?P<num>{_NUM})\s*(?P<unit>{_UNIT})?"
    rf"(?:\s*～\s*(?P<num2>{_NUM})\s*(?P<unit2>{_UNIT})?)?"
    rf"(?:\s*/\s*(?P<den>{_NUM})\s*(?P<unit3>{_UNIT})?)?"
    r"\s*(?P<post>以上|以下|未満|超|程度|相当|近い|近く)?"
    r"\s*(?P<dir>増|減|削減|低減)?\s*(?P<close>\))?\s*\Z",
    re.ASCII,
)
_NUMBER_GROUP = re.compile(r"\d+(?:[,.]\d+)*", re.ASCII)
_CALCULATION = re.compile(r"\d\s*[×*÷=]\s*\d|[×÷]", re.ASCII)
_SPLIT = re.compile(r"・|、|;|；|かつ|及び|および|(?<=[^\d,.\s])\s+(?=[▲△+\-±約]?\s*\d)", re.ASCII)
_KANJI_NUMERAL_CHARS = frozenset(KANJI_DIGITS) | frozenset("十百")


@dataclass(frozen=True, slots=True)
class NumberValue:
    """One figure as printed (`raw`) and as read. `value` is None when blank, redacted or a range."""

    raw: str
    value: Number | None
    unit: str | None = None
    scale: int = 1
    qualifier: str | None = None  # printed tokens joined by "|": 約, 超, 以上, 以下, 未満, 程度, 増, 減 …
    comparator: str | None = None  # ">=", ">", "<=", "<", "~"
    basis: str | None = None  # what a relative figure is relative to: `前年比`, `R5 年度実績から`
    numerator: Number | None = None
    denominator: Number | None = None
    range: tuple[Number, Number] | None = None
    is_negative: bool = False
    is_redacted: bool = False
    is_blank: bool = False


def fold_number_text(text: str) -> str:
    """Given printed text, return it with full-width digits and number punctuation made ASCII."""
    return _STRAY_COMMA_SPACE.sub(",", text.translate(_FOLD)).strip()


def parse_number(text: str, *, context: str | None = None) -> NumberValue:
    """Given one printed figure, return its NumberValue; raise NormalizationError if not exactly one.

    `context` is the unit printed outside the cell (a column's unit cell, a table's `(単位：千円)`);
    it is used when the cell itself prints no unit.
    """
    if not isinstance(text, str):
        raise NormalizationError(text, "not a string")
    if len(text) > MAX_NUMBER_TEXT:
        raise NormalizationError(text, "too long to be one figure")
    m = _PLAIN.match(text)
    if m is not None:
        sign, digits = m.groups()
        value = int(digits.replace(",", "").replace(" ", ""))
        return NumberValue(text, -value if sign else value, unit=context, is_negative=bool(sign))
    s = fold_number_text(text)
    if not s.strip() or s.replace(" ", "") in BLANK_MARKS:
        return NumberValue(text, None, unit=context, is_blank=True)
    if set(s) <= {"■", " "}:
        if s.count("■") < 2:
            raise NormalizationError(text, "a single ■ is a checkbox tick, not a redaction")
        return NumberValue(text, None, unit=context, is_redacted=True)
    if _CALCULATION.search(s):
        raise NormalizationError(text, "calculation note, keep as text")
    g = _GRAMMAR.match(s)
    if g is None:
        if len(_NUMBER_GROUP.findall(s)) >= 2:
            raise NormalizationError(text, "several values in one cell; use parse_numbers")
        raise NormalizationError(text, "not a figure this parser can read")
    return _build(text, s, g, context)


def parse_numbers(text: str, *, context: str | None = None) -> list[NumberValue]:
    """Given a cell that may hold several figures (`25 拠点・ 14%`), return one NumberValue per figure.

    Splits on `・`, `、`, `かつ`, `及び` and on a space between a unit and the next figure; every piece
    must parse, else NormalizationError. Each NumberValue's `raw` is its piece as printed.
    """
    if not isinstance(text, str):
        raise NormalizationError(text, "not a string")
    if len(text) > MAX_NUMBER_TEXT * 4:
        raise NormalizationError(text, "too long to be a cell of figures")
    try:
        return [parse_number(text, context=context)]
    except NormalizationError:
        pieces = [p for p in _SPLIT.split(text.translate(_FOLD)) if p.strip()]
        if len(pieces) <= 1:
            raise
    # Re-cut the printed text at the same places, so each raw is as printed, not folded.
    out = []
    pos = 0
    folded = text.translate(_FOLD)
    for piece in pieces:
        start = folded.index(piece, pos)
        pos = start + len(piece)
        out.append(parse_number(text[start:pos].strip(), context=context))
    return out


def parse_amount_yen(text: str, unit: str = "千円") -> int | None:
    """Given a money cell and the unit it is printed in, return integer yen (None if blank/redacted).

    A unit printed in the cell (`40,016千円`, `1.5億円`) wins over `unit`. Raises NormalizationError for
    anything that is not a single exact amount (qualifiers, ranges, fractions, non-money counters,
    fractions of a yen).
    """
    if unit not in _YEN_FACTORS:
        raise NormalizationError(unit, "not a money unit")
    nv = parse_number(text, context=unit)
    if nv.is_blank or nv.is_redacted:
        return None
    if nv.unit not in _YEN_FACTORS:
        raise NormalizationError(text, f"not an amount of money (unit {nv.unit!r})")
    if nv.value is None or nv.qualifier or nv.range or nv.denominator is not None or nv.basis:
        raise NormalizationError(text, "not a single exact amount")
    yen = nv.value * _YEN_FACTORS[nv.unit]
    if yen != int(yen):
        raise NormalizationError(text, "amount is not a whole number of yen")
    return int(yen)


def _build(raw: str, s: str, g: re.Match[str], context: str | None) -> NumberValue:
    """Given the folded text and its grammar match, return the NumberValue (checking every part)."""
    if bool(g["open"]) != bool(g["close"]):
        raise NormalizationError(raw, "unbalanced parenthesis")
    num, unit = g["num"], g["unit"]
    if num[-1] == "千" and unit == "円" and re.fullmatch(r"[\d,.]+千", num):
        num, unit = num[:-1], "千円"  # `40,016千円`: the table unit, not a multiplier
    elif num.endswith("百万") and unit == "円" and re.fullmatch(r"[\d,.]+百万", num):
        num, unit = num[:-2], "百万円"
    _check_kanji_is_numeral(raw, s, g.start("num"), g.end("unit") if g["unit"] else g.end("num"))
    value, scale = read_numeral(num)
    units = [u.replace(" ", "") for u in (unit, g["unit2"], g["unit3"]) if u]
    if len(set(units)) > 1:
        raise NormalizationError(raw, "different units inside one figure")
    unit = units[0] if units else None
    tenths = unit == "割"  # 割 is tenths: 3割 = 30 %
    if tenths:
        value, unit, scale = value * 10, "%", max(scale, 10)
    if g["per"]:
        if unit is None or "/" in unit or unit == "%":
            raise NormalizationError(raw, "per-period prefix without a countable unit")
        unit = f"{unit}/{_PER[g['per']]}"
    unit = unit or context

    sign = g["sign"]
    is_negative = sign in ("▲", "△", "-")
    if sign == "±" and value != 0:
        raise NormalizationError(raw, "± with a non-zero value")
    rng = None
    numerator = denominator = None
    if g["num2"] or g["den"]:
        if sign:
            raise NormalizationError(raw, "signed range or fraction")
        second, _ = read_numeral(g["num2"] or g["den"])
        second = second * 10 if tenths else second
        if g["num2"] and g["den"]:
            raise NormalizationError(raw, "range and fraction in one figure")
        if g["num2"]:
            if second < value:
                raise NormalizationError(raw, "range runs backwards")
            rng, value = (value, second), None
        else:
            numerator, denominator = value, second
    elif is_negative:
        value = -value

    tokens = [t for t in (g["pre"], g["post"]) if t]
    if g["dir"]:
        tokens.append(_DIRECTIONS[g["dir"]])
    comparator = None
    for t in (g["pre"], g["post"]):
        if t in _COMPARATORS:
            if comparator is not None:
                raise NormalizationError(raw, "two bounds on one figure")
            comparator = _COMPARATORS[t]
    if comparator is None and any(t in _APPROX for t in tokens):
        comparator = "~"
    basis = g["basis"].strip().rstrip(":").strip() if g["basis"] else None
    return NumberValue(
        raw,
        value,
        unit=unit,
        scale=scale,
        qualifier="|".join(tokens) or None,
        comparator=comparator,
        basis=basis,
        numerator=numerator,
        denominator=denominator,
        range=rng,
        is_negative=is_negative,
    )


def _check_kanji_is_numeral(raw: str, s: str, start: int, end: int) -> None:
    """Given a figure with kanji digits, raise if Sudachi puts them inside a longer word.

    A word token that overlaps the numeral and sticks out of it (`一部`, `一人ひとり`, `一人`) means
    the kanji are part of a word. Sudachi's own tags are not trusted beyond that: it tags `七` in
    `七百` as a prefix and `三百` as a person's name. `十分` (10 + 分 to Sudachi) is on our stop list.
    """
    if not any(c in _KANJI_NUMERAL_CHARS for c in s[start:end]):
        return
    if s[start:end].replace(" ", "") in _NOT_NUMBERS:
        raise NormalizationError(raw, "a word, not a number")
    from parsers.normalize.tokens import token_spans  # local: Sudachi only loads when needed

    num_end = start
    while num_end < end and (s[num_end] in _KANJI_NUMERAL_CHARS or s[num_end] in "千万億兆,.0123456789"):
        num_end += 1
    for begin, finish in token_spans(s):
        if begin < num_end and finish > start and (begin < start or finish > num_end):
            raise NormalizationError(raw, "kanji that belong to a word, not a number")
