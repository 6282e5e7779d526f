"""The budget ordinance's first article, checked against the book's 第1表.

A 当初予算 opens with its ordinance (議案), whose 第1条 is the national form of 地方自治法施行規則 第14条
(様式第1号): `歳入歳出予算の総額は、歳入歳出それぞれ 110,800,000千円と定める。`. That total is printed apart
from every table, often on a page of prose that is scanned with its seal (南国市 国保 p.3), so it is a
figure the tables did not produce: it must equal 第1表's 歳入合計 and 歳出合計. A misread on either side
(OCR above all) fails the check, and the 合計 it compares is flagged. 補正予算 (`総額に…を追加し`) are not
read here: no 補正 book at hand prints its ordinance.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from parsers.documents.budget_book.amounts import read_yen, walk
from parsers.documents.budget_book.columns import TABLE_NAMES
from parsers.documents.budget_book.lines import Money, Node
from parsers.documents.budget_book.sheets import ReadSheet
from parsers.normalize.numbers import parse_amount_yen

CHECK_NAME = "budget_book_ordinance"
ARTICLE_1 = re.compile(r"歳入歳出予算の総額は、?歳入歳出それぞれ(?P<amount>[0-9,]+)(?P<unit>千円|円)と定める")


@dataclass(frozen=True)
class OrdinanceTotal:
    """第1条's total as printed (`raw`), in yen, and its page."""

    page: int
    raw: str
    yen: int


def ordinance_totals(sheets: Iterable[ReadSheet]) -> list[OrdinanceTotal]:
    """Every 第1条 total the sheets print (a page, or each half of a page imposed 2-up), read from each
    sheet's text lines joined (the article wraps); its page is the physical page where it starts."""
    found = []
    for read in sheets:
        text, starts = "", []
        for line in read.lines:
            for word in line.words:
                starts.append((len(text), word))
                text += re.sub(r"\s+", "", unicodedata.normalize("NFKC", word.text))
        for match in ARTICLE_1.finditer(text):
            first = [word for start, word in starts if start <= match.start()][-1]
            raw = match.group("amount") + match.group("unit")
            found.append(OrdinanceTotal(read.sheet.locate(first.bbox)[0], raw, parse_amount_yen(raw)))
    return found


def check_ordinance(printed: Sequence[OrdinanceTotal], roots: list[Node], check) -> None:
    """Check every 第1条 total `printed` (`ordinance_totals`) against 第1表's 歳入合計 and 歳出合計 (`check`
    records a check, with the amounts it compares, and a check that cannot run)."""
    if not printed:  # a chapter, a 補正予算, a book without its ordinance: nothing to look up in the tree
        return
    totals = {node.side: node for node in walk(roots) if node.level == "合計" and node.table == TABLE_NAMES["table1"]}
    for total in printed:
        for side in ("歳入", "歳出"):
            subject = f"第1条 歳入歳出予算の総額 {total.raw} (p.{total.page}) = 第1表 {side}合計"
            money: Money | None = totals[side].money.get("本年度") if side in totals else None
            if money is None:
                check.not_run(CHECK_NAME, subject, f"no {side}合計 of 第1表 in this document", page=total.page)
                continue
            check.check(
                CHECK_NAME,
                subject,
                expected=read_yen(money),
                actual=total.yen,
                page=total.page,
                detail=f"第1表 {side}合計 {money.cell.text} p.{money.cell.page}",
                values=[money],
            )
