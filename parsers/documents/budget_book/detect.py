"""Is this a budget book (予算書 / 歳入歳出予算事項別明細書)? And what does it say about itself?

A budget book is recognised by its table headers, not by a city's layout: a 目 table with
本年度予算額, 前年度予算額 and 節 or 説明 columns (the 事項別明細書), or a 款/項/金額 table
under the title 第1表 歳入歳出予算.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from parsers.documents.base import DocumentInfo
from parsers.documents.budget_book.sheets import ReadSheet
from parsers.normalize import NormalizationError, parse_fiscal_year

DEFAULT_DETECT_PAGES = 40  # pages looked at to recognise the family
IDENTITY_SHEETS = 3  # sheets whose text says the city, title, year and account (the cover, the ordinance)

_YEAR = re.compile(r"(令和|平成)([0-9０-９元]{1,2})年度")
_CITY_IN_TITLE = re.compile(r"年度(.{1,8}?[都道府県市区町村])(一般会計|[^、。・]{1,24}?特別会計)")
_CITY_ALONE = re.compile(r"^(.{1,8}?[市区町村])$")
_TITLE = re.compile(
    r"(?:令和|平成)[0-9０-９元]{1,2}年度.{1,30}?(?:一般|特別)会計(?:補正)?予算書?$"
    r"|(?:一般|特別)会計.{0,8}予算書|歳入歳出(?:補正)?予算事項別明細書"
)


def is_budget_book(sheets: Sequence[ReadSheet]) -> bool:
    """Given a document's first sheets, return whether they hold a budget book table."""
    for read in sheets:
        for band in read.bands:
            before = band.get("前年度") or band.get("補正前の額")  # 当初予算 or 補正予算
            if band.kind == "detail" and before and (band.get("説明") or band.get("区分")):
                return True
            if band.kind == "table1" and any("第1表" in _compact(line.text).replace("１", "1") for line in read.lines):
                return True
    return False


def read_document_info(sheets: Sequence[ReadSheet], pages: int = IDENTITY_SHEETS) -> DocumentInfo:
    """Given a document's sheets, return the municipality, title, fiscal year and account (一般会計 or
    a 特別会計) printed on its first pages (`令和８年度南国市国民健康保険事業特別会計予算`)."""
    texts = [_compact(line.text) for read in sheets[:pages] for line in read.lines]
    titled = next((m for t in texts if (m := _CITY_IN_TITLE.search(t))), None)
    city = titled.group(1) if titled else None
    city = city or next((m.group(1) for t in texts if (m := _CITY_ALONE.match(t))), None)
    title = next((m.group(0) for t in texts if (m := _TITLE.search(t))), None)
    year = None
    for text in texts:
        if m := _YEAR.search(text):
            try:
                year = parse_fiscal_year(m.group(0))
            except NormalizationError:
                continue
            break
    account = titled.group(2) if titled else None
    return DocumentInfo(municipality=city, title=title, fiscal_year_start=year, fiscal_year_end=year, account=account)


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)
