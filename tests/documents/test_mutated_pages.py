"""Property: however a real page is damaged, no document is lost (issue #13).

Real pages (the sample documents of every family, our own rendered budget book and, when present, a
Fuji budget-book chapter) are mutated the way bad extraction damages them: words dropped, amounts
blanked or garbled, lines shuffled, a page cut in half. Parsing the damaged document must never
raise, must keep every raw table cell, and must end `loaded` or `partial`. It may end `failed` only
when nothing at all was kept, and then it says why: the damage removed every word, or left text that
no layout recognises and no table (a budget-book page cut in half loses the headings that say what it
is) — an operator must see that such a document gave nothing.
"""

from __future__ import annotations

import dataclasses
import hashlib
from functools import cache
from pathlib import Path

import pdfplumber
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from parsers.parse import parse_pages
from parsers.pdf.model import PageModel, Word
from parsers.pdf.page import page_to_model
from schemas.collect import RecordSet
from tests.documents.budget_book.render import PORTRAIT, render

ROOT = Path(__file__).resolve().parents[2]
MAX_PAGES = 4  # pages of each document kept, so that each example parses in well under a second
SAMPLES = [
    "yokohama_2024_jigyo_keikakusho_digital.pdf",
    "hachioji_dx_action_plan_2024.pdf",
    "sagamihara_ict_jisshi_jigyoshu_2024.pdf",
    "yokohama_dx_strategy_action_2024.pdf",
]
FUJI_CHAPTER = ROOT.parent / "shared" / "real" / "fuji_r8" / "歳出_01款_議会費.pdf"
GARBLE = ["", "-", "△", "１,２", "12,,3", "▲0", "千円", "9" * 25]


@cache
def _pages(path: Path) -> tuple[PageModel, ...]:
    with pdfplumber.open(path) as pdf:
        return tuple(page_to_model(p) for p in pdf.pages[:MAX_PAGES])


class Documents(list):
    """(doc_id, pages) of each document; its repr is short, since hypothesis prints it on failure."""

    def __repr__(self) -> str:
        return f"<{len(self)} documents>"


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> Documents:
    paths = [ROOT / "sample_docs" / name for name in SAMPLES]
    paths.append(render(tmp_path_factory.mktemp("book") / "portrait.pdf", PORTRAIT))
    if FUJI_CHAPTER.exists():  # the real-corpus folder is optional; the others always run
        paths.append(FUJI_CHAPTER)
    return Documents((hashlib.sha256(p.read_bytes()).hexdigest(), _pages(p)) for p in paths)


def _drop_words(page: PageModel, keep: list[bool]) -> PageModel:
    words = tuple(w for i, w in enumerate(page.words) if keep[i % len(keep)])
    return dataclasses.replace(page, words=words)


def _blank_amounts(page: PageModel, garble: list[str]) -> PageModel:
    words, n = [], 0
    for word in page.words:
        if any(ch.isdigit() for ch in word.text):
            word = Word(garble[n % len(garble)], word.bbox, word.size)
            n += 1
        words.append(word)
    return dataclasses.replace(page, words=tuple(words))


def _shuffle_lines(page: PageModel, order: list[int]) -> PageModel:
    """Give each printed line (words sharing a rounded top) the vertical place of another line."""
    tops = sorted({round(w.bbox[1]) for w in page.words})
    moved = {top: tops[order[i % len(order)] % len(tops)] for i, top in enumerate(tops)}
    words = []
    for w in page.words:
        dy = moved[round(w.bbox[1])] - round(w.bbox[1])
        words.append(Word(w.text, (w.bbox[0], w.bbox[1] + dy, w.bbox[2], w.bbox[3] + dy), w.size))
    return dataclasses.replace(page, words=tuple(words))


def _cut_in_half(page: PageModel, vertical: bool) -> PageModel:
    """Keep the top (or left) half of the page: words, rules and tables beyond the cut are gone."""
    limit = page.width / 2 if vertical else page.height / 2
    axis = 2 if vertical else 3

    def inside(bbox) -> bool:
        return bbox[axis] <= limit

    return dataclasses.replace(
        page,
        words=tuple(w for w in page.words if inside(w.bbox)),
        rules=tuple(r for r in page.rules if inside(r.bbox)),
        tables=tuple(t for t in page.tables if inside(t.bbox)),
    )


MUTATION = st.one_of(
    st.tuples(st.just("drop"), st.lists(st.booleans(), min_size=1, max_size=12)),
    st.tuples(st.just("blank"), st.lists(st.sampled_from(GARBLE), min_size=1, max_size=5)),
    st.tuples(st.just("shuffle"), st.lists(st.integers(0, 200), min_size=1, max_size=30)),
    st.tuples(st.just("cut"), st.booleans()),
    st.tuples(st.just("keep"), st.none()),
)


def _mutate(page: PageModel, mutation) -> PageModel:
    kind, arg = mutation
    if not page.words or kind == "keep":
        return page
    if kind == "drop":
        return _drop_words(page, arg)
    if kind == "blank":
        return _blank_amounts(page, arg)
    if kind == "shuffle":
        return _shuffle_lines(page, arg)
    return _cut_in_half(page, arg)


@settings(
    max_examples=40,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],  # no slow "explain" phase
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_no_document_is_lost_however_its_pages_are_damaged(documents, data):
    doc_id, pages = documents[data.draw(st.integers(0, len(documents) - 1), label="document")]
    mutations = data.draw(st.lists(MUTATION, min_size=len(pages), max_size=len(pages)), label="mutations")
    damaged = [_mutate(page, m) for page, m in zip(pages, mutations, strict=True)]
    records = RecordSet(doc_id)
    result = parse_pages(damaged, records, pages=len(damaged))
    cells = sum(len(t.cells) for p in damaged for t in p.tables)
    if result.family != "budget_sheet":  # which withholds the sign-off block's personal names
        assert len(records.rows["raw_cells"]) == cells, "every table cell is kept, whatever the family made of it"
    if result.status == "failed":
        assert cells == 0 and not records.rows["raw_cells"], result.error
        if any(p.words for p in damaged):
            assert "no known layout" in result.error or "nothing in it could be read" in result.error
        assert result.error
    else:
        assert result.status in ("loaded", "partial")
        assert (result.status == "partial") == bool(result.error)
    for reject in records.rows["rejects"]:
        assert reject.page is None or 1 <= reject.page <= max(p.number for p in pages)
