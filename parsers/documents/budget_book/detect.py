"""Is this a budget book (予算書 / 歳入歳出予算事項別明細書)? And what does it say about itself?

A budget book is recognised by its table headers, not by a city's layout: a 目 table with
本年度予算額, 前年度予算額 and 節 or 説明 columns (the 事項別明細書), or a 款/項/金額 table
under the title 第1表 歳入歳出予算.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from parsers.documents.budget_book.sheets import ReadSheet
from parsers.normalize import NormalizationError, parse_fiscal_year

DEFAULT_DETECT_PAGES = 40  # pages looked at to recognise the family

_YEAR = re.compile(r"(令和|平成)([0-9０-９元]{1,2})年度")
_CITY_IN_TITLE = re.compile(r"年度(.{1,8}?[都道府県市区町村])(?:一般|特別)会計")
_CITY_ALONE = re.compile(r"^(.{1,8}?[市区町村])$")
_TITLE = re.compile(r"(?:一般|特別)会計.{0,8}予算書|歳入歳出予算事項別明細書")


def is_budget_book(sheets: Sequence[ReadSheet]) -> bool:
    """Given a document's first sheets, return whether they hold a budget book table."""
    for read in sheets:
        for band in read.bands:
            if band.kind == "detail" and band.get("前年度") and (band.get("説明") or band.get("区分")):
                return True
            if band.kind == "table1" and any("第1表" in _compact(line.text).replace("１", "1") for line in read.lines):
                return True
    return False


def read_document_info(sheets: Sequence[ReadSheet], pages: int = 3) -> tuple[str | None, str | None, int | None]:
    """Given a document's sheets, return (municipality, title, fiscal year) as printed near the start."""
    texts = [_compact(line.text) for read in sheets[:pages] for line in read.lines]
    city = next((m.group(1) for t in texts if (m := _CITY_IN_TITLE.search(t))), None)
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
    return city, title, year


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)
