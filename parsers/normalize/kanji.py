"""Exact reading of numerals that mix Arabic digits, kanji digits and kanji multipliers.

Given `三千五百万`, `二〇二四`, `136万7千`, `26万4,894` or `1.15億`, return the exact value with integer
arithmetic (Decimal only for a printed decimal point). Why our own code and not a library: kanjize
float-rounds `1.15億` to 114999999, and SudachiPy's JoinNumericPlugin, although right on these forms,
returns a string per token and only runs inside the tokenizer (slow, and it would tie every figure to a
dictionary version). Sudachi is used instead as the word/numeral guard (see `numbers.py`) and as a test
oracle for this reader.

Input is already width-folded (ASCII digits, `,` and `.`). Daiji (壱弐参拾) are deliberately not read:
in these documents 弐 only occurs in the place name 弐分方町.
"""

import re
from decimal import Decimal

from parsers.normalize.errors import NormalizationError

Number = int | Decimal

KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10**4, "億": 10**8, "兆": 10**12}

# One token at a time: an Arabic number (commas in groups of three, optional decimals), a run of kanji
# digits, a small unit, or a big unit. Anything else is an error.
_TOKEN = re.compile(
    r"(?P<arabic>\d+(?:,\d{3})*(?:\.\d+)?)"
    r"|(?P<kdigits>[〇零一二三四五六七八九]+)"
    r"|(?P<small>[十百千])"
    r"|(?P<big>[万億兆])",
    re.ASCII,
)
_ARABIC_OK = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\Z", re.ASCII)


def to_number(value: Decimal) -> Number:
    """Given a Decimal, return it as an int when it is integral, else as a normalised Decimal."""
    if value == value.to_integral_value():
        return int(value)
    return value.normalize()


def read_numeral(text: str) -> tuple[Number, int]:
    """Given a numeral such as `1,900万` or `三千五百万`, return (value, largest multiplier applied).

    The multiplier is 1 for a plain number, 10**4 for `万`, 10**8 for `億`, 1000 for `5千` and so on.
    Raises NormalizationError on anything malformed (`千百`, `万万`, `1,90`, `二〇千`, an empty group).
    """
    if not text:
        raise NormalizationError(text, "empty numeral")
    total = Decimal(0)
    section = Decimal(0)  # value below the current big unit
    pending: Decimal | None = None  # a number not yet multiplied
    pending_positional = False  # `二〇二四`: a digit string, which takes no small unit after it
    last_small: int | None = None  # the last 十/百/千 in this section
    last_big: int | None = None  # the last 万/億/兆
    scale = 1
    seen_any = False
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise NormalizationError(text, f"unexpected character {text[pos]!r} in numeral")
        pos = m.end()
        kind = m.lastgroup
        tok = m.group()
        if kind in ("arabic", "kdigits"):
            if pending is not None:
                raise NormalizationError(text, "two numbers without a multiplier between them")
            if kind == "arabic":
                if not _ARABIC_OK.match(tok):
                    raise NormalizationError(text, "bad thousands grouping")
                pending = Decimal(tok.replace(",", ""))
                pending_positional = True
            else:
                pending = Decimal("".join(str(KANJI_DIGITS[c]) for c in tok))
                pending_positional = len(tok) > 1
            if last_small is not None and pending >= last_small:
                raise NormalizationError(text, "number too large for its place")
            if last_big is not None and section + pending >= last_big:
                raise NormalizationError(text, "number too large for its place")
            seen_any = True
        elif kind == "small":
            unit = SMALL_UNITS[tok]
            if last_small is not None and unit >= last_small:
                raise NormalizationError(text, "small multipliers out of order")
            if pending is not None and pending_positional and pending >= 10 and pending == int(pending):
                # `二〇千` or `12千` are not numerals; `5千` and `1.5千` are.
                raise NormalizationError(text, "multi-digit number before 十/百/千")
            factor = pending if pending is not None else Decimal(1)
            section += factor * unit
            scale = max(scale, unit)
            pending = None
            last_small = unit
            seen_any = True
        else:
            unit = BIG_UNITS[tok]
            if last_big is not None and unit >= last_big:
                raise NormalizationError(text, "large multipliers out of order")
            if pending is not None:
                section += pending
            if section == 0 and pending is None:
                raise NormalizationError(text, f"{tok} without a number before it")
            total += section * unit
            scale = max(scale, unit)
            section = Decimal(0)
            pending = None
            last_small = None
            last_big = unit
            seen_any = True
    if not seen_any:
        raise NormalizationError(text, "empty numeral")
    if pending is not None:
        section += pending
    total += section
    return to_number(total), scale
