"""Japanese era dates and fiscal years -> Period (DESIGN §4 "Eras and periods").

Fiscal years are western start years: the Japanese fiscal year runs April to March, so 令和6年度 is
2024 and the calendar month 令和6年1月 (`R6.1`) falls in fiscal 2023. Our own code, not a library:
the rules are a table of five eras, and the forms (`R元`, `1Q(R4)`, `令和2～5年度`, a bracketed
western year) are specific to these documents.

- `令和４年度（2022年度）`: the era wins; a different western year sets `is_mismatch` (DESIGN §4).
- A bare `6年度` takes `default_era` (令和 in every seed).
- `1Q(R4)` … `4Q(R7)` are the Yokohama DX strategy's step labels, one per fiscal year, not quarters.
- A calendar year alone (`令和4年`) spans two fiscal years: start 2021, end 2022.
"""

import datetime
import re
from dataclasses import dataclass, replace
from typing import Literal

from parsers.normalize.errors import NormalizationError

# era -> (western year of its year 1, last year number the era reached)
ERAS = {"明治": (1868, 45), "大正": (1912, 15), "昭和": (1926, 64), "平成": (1989, 31), "令和": (2019, 99)}
_ABBREV = {"M": "明治", "T": "大正", "S": "昭和", "H": "平成", "R": "令和"}
MAX_PERIOD_TEXT = 80

_FOLD = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
        "（": "(",
        "）": ")",
        "〜": "～",
        "~": "～",
        "˜": "～",  # U+02DC: how pdfminer reads a CID font's ASCII `~` (`2Q(R5˜)`)
        "．": ".",
        "\u3000": " ",
    }
)
_YEAR = r"(?P<era{n}>明治|大正|昭和|平成|令和|[MTSHR])?\s*(?P<y{n}>\d{{1,4}}|元)"
_BRACKETED_WESTERN = re.compile(r"\(\s*(\d{4})\s*(?:年度|年)?\s*\)", re.ASCII)
_FISCAL = re.compile(
    _YEAR.format(n=1)
    + r"\s*(?:年度)?(?:\s*(?:～|から)\s*(?:"
    + _YEAR.format(n=2)
    + r"\s*(?:年度)?)?)?(?P<open>\s*以降)?\s*(?:年度)?\s*(?:末|中)?\s*\Z",
    re.ASCII,
)
_CALENDAR = re.compile(
    _YEAR.format(n=1)
    + r"\s*(?:年\s*(?:(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*日)?)?|\.(?P<dm>\d{1,2})(?:\.(?P<dd>\d{1,2}))?)"
    + r"\s*(?:末|中)?\s*(?:時点|現在)?\s*\Z",
    re.ASCII,
)
_LABEL = re.compile(
    r"(?P<q>[1-4])\s*Q\s*\(\s*(?:R|令和)\s*(?P<y>\d{1,2}|元)\s*(?:年度)?\s*(?P<open>～)?\s*\)(?P<open2>～)?\Z",
    re.ASCII,
)


@dataclass(frozen=True, slots=True)
class Period:
    """A fiscal year, a fiscal-year range, a calendar month/date, or a plan label, as read.

    `start`/`end` are fiscal years (`end` None when open-ended: `令和7年度～`, `令和6年度以降`).
    Calendar periods also carry `year`, `month`, `day` as printed (day None for a month).
    """

    raw: str
    kind: Literal["fiscal", "calendar", "label"]
    start: int
    end: int | None
    era: str | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    label: str | None = None
    western_year: int | None = None  # the bracketed western year as printed
    is_mismatch: bool = False

    @property
    def date(self) -> datetime.date | None:
        """Return the calendar date when one was printed to the day, else None."""
        if self.day is None or self.year is None or self.month is None:
            return None
        return datetime.date(self.year, self.month, self.day)


def parse_fiscal_year(text: str, *, default_era: str = "令和") -> int:
    """Given a printed year (`令和6年度`, `R元年度`, `H29`, `6年度`, `1Q(R4)`, `R6.1`), return its fiscal year.

    Raises NormalizationError for a range or an open-ended period (use `parse_period`). For a calendar
    year without a month the fiscal year is ambiguous, so that raises too.
    """
    period = parse_period(text, default_era=default_era)
    if period.end != period.start:
        raise NormalizationError(text, "a range or open period, not one fiscal year")
    return period.start


def parse_period(text: str, *, default_era: str = "令和") -> Period:
    """Given a printed year, range, calendar month or date, or plan label, return its Period."""
    if not isinstance(text, str):
        raise NormalizationError(text, "not a string")
    if default_era not in ERAS:
        raise NormalizationError(default_era, "unknown default era")
    if len(text) > MAX_PERIOD_TEXT:
        raise NormalizationError(text, "too long to be a period")
    s = text.translate(_FOLD).strip()
    if m := _LABEL.match(s):
        fy = _western(text, "令和", m["y"])
        return Period(text, "label", fy, None if (m["open"] or m["open2"]) else fy, era="令和", label=f"{m['q']}Q")
    westerns = [int(w) for w in _BRACKETED_WESTERN.findall(s)]
    s = _BRACKETED_WESTERN.sub("", s)
    if len(westerns) > 2:
        raise NormalizationError(text, "too many bracketed western years")
    if m := _CALENDAR.match(s):
        period = _calendar(text, m, default_era)
    elif m := _FISCAL.match(s):
        period = _fiscal(text, s, m, default_era)
    else:
        raise NormalizationError(text, "not a period this parser can read")
    return _with_western(text, period, westerns)


def _with_western(text: str, period: Period, westerns: list[int]) -> Period:
    """Given a Period and the bracketed western years printed in it, return it with the mismatch flag."""
    if not westerns:
        return period
    printed = [period.year if period.kind == "calendar" else period.start]
    if len(westerns) == 2:
        if period.end is None:
            raise NormalizationError(text, "two western years for an open period")
        printed.append(period.end)
    if len(westerns) != len(printed):
        raise NormalizationError(text, "western years do not match the era years")
    mismatch = any(w != p for w, p in zip(westerns, printed, strict=True))
    return replace(period, western_year=westerns[0], is_mismatch=mismatch)


def _western(text: str, era: str | None, year_text: str) -> int:
    """Given an era and its printed year number (`元` = 1), return the western year."""
    if era is None:
        year = int(year_text)
        if not 1868 <= year <= 2200:
            raise NormalizationError(text, "western year out of range")
        return year
    n = 1 if year_text == "元" else int(year_text)
    first, last = ERAS[era]
    if not 1 <= n <= last:
        raise NormalizationError(text, f"{era}{n}年 does not exist")
    return first + n - 1


def _year(text: str, m: re.Match[str], n: int, default_era: str, era_hint: str | None) -> tuple[int, str | None]:
    """Given a match and which year (1 or 2), return (western year, era) for that end."""
    printed, y = m[f"era{n}"], m[f"y{n}"]
    four_digit = len(y) == 4 and not printed
    era = None if four_digit else _ABBREV.get(printed, printed) if printed else (era_hint or default_era)
    if y == "元" and era is None:
        raise NormalizationError(text, "元年 without an era")
    return _western(text, era, y), era


def _fiscal(text: str, s: str, m: re.Match[str], default_era: str) -> Period:
    """Given a match of a fiscal year or fiscal-year range, return its Period."""
    if "年度" not in s and not (m["era1"] in _ABBREV and "年" not in s):
        raise NormalizationError(text, "no 年度: not a fiscal year")
    start, era = _year(text, m, 1, default_era, None)
    end: int | None = start
    if m["y2"]:
        end, _ = _year(text, m, 2, default_era, era)
        if end < start:
            raise NormalizationError(text, "range runs backwards")
    elif m["open"] or re.search(r"(?:～|から)\s*\Z", s):
        end = None
    return Period(text, "fiscal", start, end, era=era)


def _calendar(text: str, m: re.Match[str], default_era: str) -> Period:
    """Given a match of a calendar year, month or date, return its Period with its fiscal year(s)."""
    if m["era1"] is None and len(m["y1"]) != 4:
        raise NormalizationError(text, "calendar year without an era")
    year, era = _year(text, m, 1, default_era, None)
    month_text, day_text = m["m"] or m["dm"], m["d"] or m["dd"]
    if month_text is None:
        return Period(text, "calendar", year - 1, year, era=era, year=year)
    month = int(month_text)
    day = int(day_text) if day_text else None
    try:
        datetime.date(year, month, day or 1)
    except ValueError as exc:
        raise NormalizationError(text, "no such calendar date") from exc
    fiscal = year if month >= 4 else year - 1
    return Period(text, "calendar", fiscal, fiscal, era=era, year=year, month=month, day=day)
