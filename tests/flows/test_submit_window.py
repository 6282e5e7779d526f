"""At most GYOSEI_SUBMIT_WINDOW parses are in flight: with a window of one, a long document listed first is
loaded before a short one is even fetched; with the default window, the short one does not wait."""

from __future__ import annotations

import shutil

import pytest

from pipelines.flow import SUBMIT_WINDOW_ENV, ingest_flow
from tests.conftest import SAMPLE_DOCS
from tests.pdf_factory import ruled_table_pdf
from warehouse.query import run_query

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_harness")]


@pytest.fixture
def long_then_short(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(SAMPLE_DOCS / "hachioji_dx_action_plan_2024.pdf", folder / "a_long.pdf")  # 37 pages
    ruled_table_pdf(folder / "b_short.pdf", [["款", "本年度"], ["市税", "49,286,300"]])
    return folder


def loaded_order(folder, tmp_path) -> list[str]:
    warehouse = tmp_path / "w.duckdb"
    summary = ingest_flow(paths=[str(folder)], warehouse=str(warehouse), force=True)
    assert [o.status for o in summary.outcomes] == ["loaded", "partial"]
    return [name for (name,) in run_query(warehouse, "select file_name from documents order by loaded_at")[1]]


def test_a_window_of_one_parses_one_document_at_a_time(long_then_short, tmp_path, monkeypatch):
    monkeypatch.setenv(SUBMIT_WINDOW_ENV, "1")
    assert loaded_order(long_then_short, tmp_path) == ["a_long.pdf", "b_short.pdf"]


def test_with_the_default_window_a_short_document_does_not_wait_for_a_long_one(long_then_short, tmp_path):
    assert loaded_order(long_then_short, tmp_path) == ["b_short.pdf", "a_long.pdf"]
