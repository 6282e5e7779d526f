"""Figures printed in running text -> ProseFigure: value, unit, qualifier, the year the sentence names.

Why a module of its own: a table cell holds one figure, a sentence holds several between words
(`情報連携件数 R4年度 658,284件`, `利用者2,309名の約70%が満足`, `年間総受付件数約1,900万件`), and most of
its digits are not quantities at all (dates, 施策1-1, `Microsoft365`, `「100年活躍ナビ」`). This module
only *locates* spans: a numeral followed by a counter from the one closed list (`numbers.COUNTERS`);
`parse_number` reads each span, so there is no second number grammar.

What tells a quantity from a name (Sudachi tokens, core dictionary):
- the numeral must start a token (`1人ひとり` is one word to Sudachi) and the counter must end at a
  token boundary (`3年生` is not 3 years);
- a time counter (年, 月, 日, 時間, 分 …) directly followed by a Japanese noun is a modifier or a
  name (`100年活躍ナビ`, `24時間対応`), not a duration, unless the figure is a measured amount with
  a thousands separator (`46,000時間削減`); other counters may modify a noun and stay
  quantities (`24手続オンライン化`, `6消防団へのアプリ`);
- a figure inside 「」 or 『』 is part of a title; one after 第, an era or a Latin letter is an
  ordinal, a date or a code (`第2期`, `R4年度`, `施策1-1`).

The year a figure belongs to is one its clause names (`H29年度20,076件、H30年度51,135件` gives each
count its own year; `令和5年8月末時点で185件` is dated by its calendar date), else the sentence's
as-of date (`R3.5.1現在 学校数507校、児童生徒数26万4,894人`), else the nearest fiscal year (年度) the
sentence names before it, else none. Another calendar date in another clause dates an event
(`令和3年9月施行の法律により、…20業務`), not the figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.normalize.eras import parse_period
from parsers.normalize.errors import NormalizationError
from parsers.normalize.numbers import COUNTERS, NumberValue, parse_number
from parsers.normalize.tokens import token_spans, tokenize

_DIGIT = r"[0-9０-９]"
_GROUPS = rf"{_DIGIT}+(?:[,，]\s?{_DIGIT}{{3}})*"
_NUMERAL = rf"{_GROUPS}(?:[.．]{_DIGIT}+)?(?:[万千億](?:{_GROUPS})?)*"  # `26万4,894`
_UNITS = "|".join(map(re.escape, ("%", "％", "割", *COUNTERS)))
_FIGURE = re.compile(
    rf"(?P<pre>約|概ね|およそ|ほぼ|最大|最低|全)?\s?(?P<sign>[▲△＋+])?"
    rf"(?P<num>{_NUMERAL})\s?(?:(?P<unit1>{_UNITS})?\s?(?:[～~〜˜]|から)\s?(?:約)?(?P<num2>{_NUMERAL}))?"
    rf"\s?(?P<unit>{_UNITS})(?P<per>\s?/\s?(?:年|月|日|申請|人|回))?"
    r"(?P<post>以上|以下|未満|超|程度|規模|近い|近く)?(?P<dir>増|減)?"
)
_TIME_COUNTERS = frozenset({"年", "年分", "月", "月分", "か月", "ヶ月", "カ月", "週", "日", "時間", "分", "秒"})
_DATE_UNITS = frozenset({"年", "月", "日"})  # `令和5年8月末`, `2023年7月31日`: dates, never counts
_YEAR = re.compile(
    r"(?:令和|平成|昭和|[RHS])\s?(?:[0-9０-９]{1,2}|元)\s?年(?:度|\s?[0-9０-９]{1,2}\s?月(?:[0-9０-９]{1,2}日)?)?(?:末|中)?(?:時点|現在)?"
    r"|(?:令和|平成|[RH])\s?\d{1,2}\.\d{1,2}(?:\.\d{1,2})?(?:現在|時点)?"
    r"|(?:19|20)\d\d\s?年度|(?:令和|平成)(?:[0-9０-９]{1,2}|元)(?=[（(]\d{4}[）)])"
)
_SENTENCE_END = re.compile(r"[。\n]")
_CLAUSE = re.compile(r"[、，,](?![0-9]{3})")
_QUOTED = re.compile(r"「[^」]*」|『[^』]*』")
_PER_PREFIX = re.compile(r"(?<![0-9０-９])(月|年|週|日)(?:に|当たり|あたり)\s?$|年間\s?$")
_LABEL_SPLIT = re.compile(r"[、，,。:：・()（）\s]")
_PARTICLES = re.compile(r"^[のがをにへとでもはや]+|[のがをにへとでもはや]+$")


@dataclass(frozen=True, slots=True)
class ProseFigure:
    """One figure found in text: `raw` as printed, read into `number`, with where it sits.

    `start`/`end` are offsets into the text given; `sentence` is the sentence around it (the
    context an analyst reads); `label` the words right before it (`情報連携件数`), None when there
    are none; `fiscal_year` the year its sentence names for it.
    """

    raw: str
    number: NumberValue
    start: int
    end: int
    sentence: str
    label: str | None
    fiscal_year: int | None
    qualifier: str | None


def figures_in_prose(text: str) -> list[ProseFigure]:
    """Given running text, return every figure with a unit in it, left to right."""
    out: list[ProseFigure] = []
    offset = 0
    for sentence in _SENTENCE_END.split(text):
        out += _sentence_figures(sentence, offset)
        offset += len(sentence) + 1
    return out


def _sentence_figures(sentence: str, offset: int) -> list[ProseFigure]:
    if not re.search(_DIGIT, sentence):
        return []
    quoted = [m.span() for m in _QUOTED.finditer(sentence)]
    years = _years(sentence)
    out: list[ProseFigure] = []
    last_end = 0
    for m in _FIGURE.finditer(sentence):
        if m["unit"] in _DATE_UNITS and not m["pre"] or any(a <= m.start("num") < b for a, b in quoted):
            continue
        if _is_code_or_date(sentence, m.start("pre") if m["pre"] else m.start("sign") if m["sign"] else m.start("num")):
            continue
        if not _is_quantity(sentence, m) or m["unit"] == "ページ" and not sentence[m.end() :].strip():
            continue  # a page reference closing a line (a table of contents), not a quantity
        number = _read(m)
        if number is None:
            continue
        start = m.start()
        per = _PER_PREFIX.search(sentence[max(0, start - 4) : start])
        if per and number.unit and "/" not in number.unit and number.unit != "%":
            number = NumberValue(**{**_fields(number), "unit": f"{number.unit}/{per.group(1) or '年'}"})
        out.append(
            ProseFigure(
                raw=m.group(0).strip(),
                number=number,
                start=offset + start,
                end=offset + m.end(),
                sentence=sentence.strip(),
                label=_label(sentence[last_end:start]),
                fiscal_year=_year_for(sentence, years, start),
                qualifier=_qualifier(m, number),
            )
        )
        last_end = m.end()
    return out


def _is_code_or_date(sentence: str, start: int) -> bool:
    """Whether the figure at `start` continues a code, an ordinal or an era (`施策1-1`, `第2期`, `R4`)."""
    before = sentence[:start].rstrip(" ")
    if not before:
        return False
    glued = sentence[start - 1]  # a Latin letter right before the digits: `R4`, `Microsoft365`
    return (
        before[-1] in "第.-－‐#№年月"
        or glued.isascii()
        and glued.isalnum()
        or before.endswith(("令和", "平成", "昭和"))
    )


def _is_quantity(sentence: str, m: re.Match[str]) -> bool:
    """Sudachi's word boundaries: the numeral starts a token, the counter ends one, and a time counter
    is not a modifier of the noun after it (`100年活躍ナビ`)."""
    spans = token_spans(sentence)
    starts = {b for b, _ in spans}
    ends = {e for _, e in spans}
    if m.start("num") not in starts or m.end("unit") not in ends:
        return False
    if m["unit"] in _TIME_COUNTERS and not m["post"] and "," not in m["num"]:
        following = next((t for t in tokenize(sentence[m.end("unit") :])[:1]), None)
        if (
            following is not None
            and following.begin == 0
            and following.part_of_speech[0] == "名詞"
            and not following.surface.isascii()
        ):
            return following.surface.startswith(("間", "前", "後", "目", "度"))
    return True


def _read(m: re.Match[str]) -> NumberValue | None:
    """Given a figure's match, return its NumberValue (全 and 規模 are kept as qualifiers, not read)."""
    text = m.group(0).replace("から", "～").replace("˜", "～")  # `18から29歳`; CID fonts print `~` as `˜`
    if m["pre"] == "全":
        text = text[text.index("全") + 1 :]
    if m["post"] == "規模":
        text = text[: text.rindex("規模")]
    try:
        number = parse_number(text.strip())
    except NormalizationError:
        return None
    if number.value is None and number.range is None:
        return None
    return number


def _qualifier(m: re.Match[str], number: NumberValue) -> str | None:
    tokens = [
        t
        for t in ("全" if m["pre"] == "全" else None, number.qualifier, m["post"] if m["post"] == "規模" else None)
        if t
    ]
    return "|".join(tokens) or None


def _fields(number: NumberValue) -> dict:
    return {name: getattr(number, name) for name in NumberValue.__slots__}


def _years(sentence: str) -> list[tuple[int, int, str]]:
    """Given a sentence, return (offset, fiscal year, kind) of each year it names: kind `fiscal` (`R4年度`),
    `asof` (a date with 現在/時点: `R3.5.1現在`) or `date` (`令和3年9月施行`)."""
    out = []
    for m in _YEAR.finditer(sentence):
        printed = m.group(0)
        text = re.sub(r"(?:末|中)?(?:時点|現在)?$", "", printed)
        kind = "asof" if printed.endswith(("時点", "現在")) else "fiscal"
        if kind == "fiscal" and (text.endswith(("月", "日")) or "." in text):
            kind = "date"
        if not text.endswith(("度", "月", "日")) and "." not in text:
            text = text.rstrip("年") + "年度"
        try:
            out.append((m.start(), parse_period(text).start, kind))
        except NormalizationError:
            continue
    return out


def _year_for(sentence: str, years: list[tuple[int, int, str]], position: int) -> int | None:
    """The year a figure belongs to: one named in its own clause (nearest before, else after), else the
    sentence's as-of date (`R4年4月1日現在 … 7,868人`), else the nearest fiscal year before it in the
    sentence, else None (a deadline later in the sentence is not the figure's year:
    `約1,900万件の…上位100手続について、3Q(令和6年度)末までに`)."""
    start = max((m.end() for m in _CLAUSE.finditer(sentence, 0, position)), default=0)
    end = next((m.start() for m in _CLAUSE.finditer(sentence, position)), len(sentence))
    clause = [(at, fy) for at, fy, _ in years if start <= at < end]
    before = [fy for at, fy in clause if at < position]
    if clause:
        return before[-1] if before else clause[0][1]
    as_of = [fy for _, fy, kind in years if kind == "asof"]
    if as_of:
        return as_of[0]
    fiscal_before = [fy for at, fy, kind in years if kind == "fiscal" and at < position]
    return fiscal_before[-1] if fiscal_before else None


def _label(before: str) -> str | None:
    """Given the text between the previous figure and this one, return the words right before this one
    (`情報連携件数`), or None when a delimiter or nothing precedes it."""
    text = (
        _PER_PREFIX.sub("", _YEAR.sub(" ", before)).rstrip(" 　").rstrip(":：（(")
    )  # `対目標：+0.39％`, `件数（136万7千件）`
    last = _PARTICLES.sub("", _LABEL_SPLIT.split(text)[-1]) if text else ""
    return last or None
