"""The parse cache between the ingest flow's tasks: a small reference out, every row back in, by content."""

from __future__ import annotations

import hashlib
import pickle

import pytest

import pipelines.parse_cache as cache_module
from parsers.documents.base import DocumentInfo
from parsers.parse import parse_pdf
from pipelines.parse_cache import open_tables, parse_to_cache, read_ref
from tests.conftest import SAMPLE_DOCS
from warehouse.load import records_to_arrow

SHEETS = SAMPLE_DOCS / "yokohama_2024_jigyo_keikakusho_digital.pdf"
DOC_ID = hashlib.sha256(SHEETS.read_bytes()).hexdigest()
HINTS = DocumentInfo(municipality="横浜市")


@pytest.fixture(scope="module")
def cached(tmp_path_factory):
    return parse_to_cache(SHEETS, DOC_ID, HINTS, tmp_path_factory.mktemp("parsed"))


def test_every_table_reads_back_row_for_row(cached):
    direct = parse_pdf(SHEETS, DOC_ID, HINTS)
    expected = {table: records_to_arrow(records) for table, records in direct.records.rows.items() if records}
    assert {"projects", "budget_amounts", "raw_cells", "checks"} <= expected.keys()
    with open_tables(cached) as streams:
        assert streams.keys() == expected.keys()
        for table, stream in streams.items():
            assert stream.read_all().to_pylist() == expected[table].to_pylist(), table
    assert cached.row_counts == {table: rows.num_rows for table, rows in expected.items()}
    assert (cached.status, cached.pages, cached.family, cached.info) == (
        direct.status,
        direct.pages,
        direct.family,
        direct.info,
    )


def test_the_reference_is_small_and_names_no_records(cached):
    assert cached.rows > 1000
    assert len(pickle.dumps(cached)) < 2048  # what Prefect walks and pickles, for a document of ~1000 rows


def test_the_same_bytes_and_hints_reuse_the_folder_other_hints_or_refresh_parse_again(cached, monkeypatch):
    calls = []
    monkeypatch.setattr(cache_module, "parse_pdf", lambda *args, **kw: calls.append(args) or parse_pdf(*args, **kw))
    cache_dir = cached.folder.parent
    assert parse_to_cache(SHEETS, DOC_ID, HINTS, cache_dir) == cached and calls == []
    other = parse_to_cache(SHEETS, DOC_ID, DocumentInfo(municipality="横浜市", fiscal_year_start=2024), cache_dir)
    assert other.folder != cached.folder and len(calls) == 1
    assert parse_to_cache(SHEETS, DOC_ID, HINTS, cache_dir, refresh=True) == cached and len(calls) == 2
    assert read_ref(cached.folder) == cached
    assert not [p for p in cache_dir.iterdir() if p.name.startswith(".")]  # no staging folder left behind


def test_a_failed_parse_is_cached_with_nothing_to_load(tmp_path):
    (tmp_path / "notes.pdf").write_text("not a pdf", encoding="utf-8")
    ref = parse_to_cache(tmp_path / "notes.pdf", "0" * 64, DocumentInfo(), tmp_path / "parsed")
    assert ref.status == "failed" and "not a PDF" in ref.error and ref.row_counts == {}
    with open_tables(ref) as streams:
        assert streams == {}
    assert read_ref(ref.folder) == ref
