"""A long document's page models are spilled to a temporary file and read back one at a time (#15): the
store must give back exactly what went in, and a parse from spilled pages must equal one from held pages."""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

import pytest

from parsers.parse import parse_pdf
from parsers.pdf import page_store
from parsers.pdf.model import Cell, PageModel, Rule, Table, Word
from parsers.pdf.page_store import PageStore, page_numbers

SAMPLES = Path(__file__).resolve().parents[2] / "sample_docs"


def _page(number: int) -> PageModel:
    words = (
        Word("報酬", (10.0, 20.0, 30.0, 28.5), 9.0),
        Word("口", (40.0, 20.0, 48.0, 28.0), 9.0, confidence=0.8, alternatives=("目", "日")),
        Word(f"{number * 1000:,}", (60.0, 20.0, 90.0, 28.0), 9.0),
    )
    cell = Cell(0, 1, "48,000", (50.0, 10.0, 100.0, 30.0))
    return PageModel(
        number=number,
        width=595.3,
        height=841.9,
        words=words,
        rules=(Rule("h", (0.0, 10.0, 100.0, 10.0)),),
        tables=(Table(0, (0.0, 10.0, 100.0, 30.0), (cell,)),),
        char_count=9,
        has_graphics=True,
        char_fonts=(("報", ("ABCDEF+IPAexMincho",)),),
        reader="pdfium",
    )


def test_a_model_comes_back_from_a_pickle_equal_field_for_field():
    page = _page(7)
    assert pickle.loads(pickle.dumps(page)) == page
    assert pickle.loads(pickle.dumps(page.words[1])).alternatives == ("目", "日")


def test_pages_past_the_threshold_go_to_the_file_and_come_back_in_order():
    pages = [_page(n) for n in range(1, 6)]
    store = PageStore.of(pages, spill_after=2)
    assert store.spilled
    assert list(store) == pages
    assert store[3] == pages[3] and store[-1] == pages[-1]
    assert store[1:4] == pages[1:4]
    assert page_numbers(store) == [1, 2, 3, 4, 5]
    assert len(store) == 5


def test_a_short_document_keeps_its_pages_as_they_are():
    pages = [_page(n) for n in range(1, 4)]
    store = PageStore.of(pages, spill_after=3)
    assert not store.spilled
    assert store[0] is pages[0]
    assert page_numbers(pages) == [1, 2, 3]


def _parse(path: Path, monkeypatch, spill_after: int):
    monkeypatch.setattr(page_store, "SPILL_AFTER_PAGES", spill_after)
    return parse_pdf(path, hashlib.sha256(path.read_bytes()).hexdigest())


def _same_parse(path: Path, monkeypatch) -> None:
    held, spilled = _parse(path, monkeypatch, 10_000), _parse(path, monkeypatch, 0)
    assert spilled.status == held.status == "loaded"
    assert spilled.records.rows == held.records.rows
    assert spilled.records.warnings == held.records.warnings
    assert (spilled.info, spilled.text_layer, spilled.family) == (held.info, held.text_layer, held.family)


def test_a_budget_sheet_parses_the_same_from_spilled_pages(monkeypatch):
    _same_parse(SAMPLES / "yokohama_2024_jigyo_keikakusho_digital.pdf", monkeypatch)


@pytest.mark.real
def test_a_repaired_budget_book_parses_the_same_from_spilled_pages(real_dir, monkeypatch):
    """議会費's glyph maps are repaired (報郸 -> 報酬): repair reads the spilled pages and spills its own."""
    path = real_dir / "fuji_r8" / "歳出_01款_議会費.pdf"
    _same_parse(path, monkeypatch)
    spilled = _parse(path, monkeypatch, 0)
    assert spilled.text_layer == "repaired"
    assert [
        (a.page, a.raw_text, a.amount_yen) for a in spilled.records.rows["budget_amounts"] if a.row_label == "1 報酬"
    ][:1] == [(1, "205,920", 205_920_000)]
