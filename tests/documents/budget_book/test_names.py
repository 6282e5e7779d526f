"""Names (issue #13): a wrapped name stops at the ruling line under its row, a name printed twice is
checked, and a name whose glyph has no character in the text layer is flagged."""

from __future__ import annotations

import dataclasses
import hashlib

import pdfplumber
import pytest

from parsers.documents.budget_book import FAMILY
from parsers.parse import NO_HINTS
from parsers.pdf.model import Word
from parsers.pdf.page import page_to_model
from schemas.collect import RecordSet
from tests.documents.budget_book.helpers import Parsed, parse_file
from tests.documents.budget_book.render import PORTRAIT, render


def _pages(path):
    with pdfplumber.open(path) as pdf:
        return [page_to_model(page) for page in pdf.pages]


def _parse_pages(pages, doc_id: str) -> Parsed:
    records = RecordSet(doc_id)
    return Parsed(FAMILY.parse(pages, records, NO_HINTS), records, FAMILY.detect(pages))


def _replace_word(pages, page_number: int, old: str, new: str):
    """The pages with `old` read as `new` in the first word ending with `old` on `page_number`, same box."""
    out, done = [], False
    for page in pages:
        words = []
        for word in page.words:
            if page.number == page_number and not done and word.text.endswith(old):
                word, done = Word(word.text.replace(old, new), word.bbox, word.size), True
            words.append(word)
        out.append(dataclasses.replace(page, words=tuple(words)))
    assert done, f"no word {old!r} on p.{page_number}"
    return out


def test_a_name_that_lost_a_glyph_is_flagged(tmp_path):
    pages = _pages(render(tmp_path / "book.pdf", PORTRAIT))
    damaged = _replace_word(pages, 1, "一般管理費", "一般管費")  # 理 printed, not extracted
    book = _parse_pages(damaged, "0" * 64)
    flagged = {line.name for line in book.lines if line.is_text_suspect}
    assert flagged == {"一般管費"}
    assert not any(line.is_text_suspect for line in _parse_pages(pages, "0" * 64).lines)


@pytest.fixture(scope="module")
def kokuho(real_dir):
    path = real_dir / "nankoku" / "nankoku_r8_kokuho_yosan.pdf"
    if not path.exists():
        pytest.skip(f"{path} is not present")
    return path


def test_a_wrapped_name_stops_at_the_rule_under_its_row(kokuho):
    book = parse_file(kokuho)
    names = [line.name for line in book.lines if line.level == "目" and line.side == "歳出"][:8]
    # `1.一般被保険` / `者療養給付` / `費`, then the rule, then `2.一般被保険` / `者療養費`
    assert names[4:7] == ["一般被保険者療養給付費", "一般被保険者療養費", "審査支払手数料"]


def test_a_name_printed_differently_in_table1_fails_its_check(kokuho):
    pages = _pages(kokuho)
    book = _parse_pages(pages, hashlib.sha256(kokuho.read_bytes()).hexdigest())
    names = [c for c in book.checks if c.check_name == "budget_book_name"]
    assert names and all(c.passed for c in names)
    kou = next(
        line for line in book.lines if book.table_of(line) == "第1表 歳入歳出予算" and line.name == "他会計繰入金"
    )
    damaged = _replace_word(pages, kou.page, "他会計繰入金", "他会計繰出金")
    failed = [c for c in _parse_pages(damaged, "1" * 64).checks if c.passed is False]
    assert [c.check_name for c in failed] == ["budget_book_name"]
    assert "他会計繰入金" in failed[0].detail and "他会計繰出金" in failed[0].detail
