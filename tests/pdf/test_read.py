"""Pages read by worker processes (in a document's parse child) are the pages read in one process."""

from __future__ import annotations

import threading

import pytest

from parsers.parse import parse_pdf
from parsers.pdf.inflate import InflateLimitExceeded
from parsers.pdf.open import page_count
from parsers.pdf.read import (
    PAGES_PER_TASK,
    READER_ENV,
    page_ranges,
    page_reader,
    page_workers,
    read_pages,
    read_range,
)
from pipelines.limits import run_limited
from pipelines.settings import DEFAULT_LIMITS
from tests.conftest import SAMPLE_DOCS
from tests.pdf_factory import inflation_bomb_pdf

PLAN = SAMPLE_DOCS / "hachioji_dx_action_plan_2024.pdf"  # dozens of pages: several ranges per worker
PAGES = page_count(PLAN)
DOC_ID = "0" * 64


def read_all(path, n_pages: int, workers: int) -> list:
    """In the parse child (one thread, not a daemon): where the workers really start."""
    assert page_workers(n_pages, workers) == workers, "the parse child may start page workers"
    return list(read_pages(path, n_pages, workers))


def test_worker_processes_return_the_same_models_in_page_order():
    pooled = run_limited(DEFAULT_LIMITS, read_all, PLAN, PAGES, 2)
    assert PAGES > 2 * PAGES_PER_TASK
    assert pooled == list(read_pages(PLAN, PAGES, workers=0))
    assert [number for number, _ in pooled] == list(range(1, PAGES + 1))
    assert all(model.words for _, model in pooled)


def test_a_file_gone_before_the_workers_open_it_costs_its_pages_not_the_process(tmp_path):
    reads = run_limited(DEFAULT_LIMITS, read_all, tmp_path / "gone.pdf", 20, 2)
    assert [number for number, _ in reads] == list(range(1, 21))
    assert all(isinstance(model, str) and "FileNotFoundError" in model for _, model in reads)


def test_a_worker_applies_the_inflate_cap_it_is_given(tmp_path):
    bomb = inflation_bomb_pdf(tmp_path / "bomb.pdf", 64 << 20)
    with pytest.raises(InflateLimitExceeded, match="inflates to more than 8 MiB"):
        read_range(str(bomb), 0, 1, cap=8 << 20)


def test_a_process_running_other_threads_reads_its_pages_itself():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert page_workers(PAGES, 2) == 0  # forking a threaded process is unsafe
    finally:
        stop.set()
        other.join()


def test_a_document_parsed_from_ranges_read_elsewhere_is_the_document_read_whole():
    whole = parse_pdf(PLAN, DOC_ID)
    reads = [read for first, last in page_ranges(PAGES, 16) for read in read_range(str(PLAN), first, last)]
    split = parse_pdf(PLAN, DOC_ID, reads=reads)
    assert (split.status, split.family, split.pages) == (whole.status, whole.family, PAGES)
    assert split.records.rows == whole.records.rows
    assert len(whole.records.rows["indicator_values"]) > 100


def test_a_limit_hit_in_a_range_read_elsewhere_fails_the_document(tmp_path):
    bomb = inflation_bomb_pdf(tmp_path / "bomb.pdf", 64 << 20)
    try:
        read_range(str(bomb), 0, 1, cap=8 << 20)
    except InflateLimitExceeded as err:
        hit = err
    parsed = parse_pdf(bomb, DOC_ID, reads=[(1, hit)])
    assert (parsed.status, parsed.error) == ("failed", str(hit))
    assert str(hit).startswith("inflated-size limit: stream")


def test_the_pdfium_reader_reads_what_it_can_and_hands_the_rest_to_pdfplumber(monkeypatch):
    declined = SAMPLE_DOCS / "yokohama_dx_dashboard_2023_variant_a.pdf"  # printed in fonts not embedded
    reads = read_range(str(PLAN), 0, 3, reader="pdfium") + read_range(str(declined), 0, 1, reader="pdfium")
    assert [model.reader for _, model in reads] == ["pdfium"] * 3 + ["pdfplumber"]
    reference = read_range(str(PLAN), 0, 3, reader="pdfplumber")
    assert [[w.text for w in m.words] for _, m in reads[:3]] == [[w.text for w in m.words] for _, m in reference]
    monkeypatch.delenv(READER_ENV, raising=False)
    assert page_reader() == "pdfium"
    monkeypatch.setenv(READER_ENV, "pdfplumber")
    assert page_reader() == "pdfplumber"
    monkeypatch.setenv(READER_ENV, "pdfmonster")
    with pytest.raises(ValueError, match="GYOSEI_READER must be one of pdfium, pdfplumber"):
        page_reader()
