"""The main job: the ingest flow over sample_docs/, as `make ingest` runs it, checked through SQL."""

from __future__ import annotations

import pytest

from pipelines.flow import ingest_flow
from tests.conftest import SAMPLE_DOCS
from warehouse.query import run_query

pytestmark = [pytest.mark.flow]


@pytest.fixture(scope="module")
def warehouse(prefect_harness, tmp_path_factory):
    path = tmp_path_factory.mktemp("samples") / "gyosei.duckdb"
    summary = ingest_flow(paths=[str(SAMPLE_DOCS)], warehouse=str(path))
    assert not summary.any_failed, [o.line() for o in summary.outcomes if o.status == "failed"]
    return path


def sql(warehouse, query: str) -> list[tuple]:
    return run_query(warehouse, query)[1]


def test_every_sample_is_recorded_and_none_failed(warehouse):
    rows = sql(warehouse, "select file_name, status, text_layer from documents order by file_name")
    assert len(rows) == len(list(SAMPLE_DOCS.glob("*.pdf")))
    assert {status for _, status, _ in rows} <= {"loaded", "partial"}
    assert {layer for _, _, layer in rows} == {"ok"}


def test_raw_cells_keep_the_printed_text(warehouse):
    cells = sql(
        warehouse,
        "select r.page, r.raw_text from raw_cells r join documents d using (doc_id) "
        "where d.file_name = 'yokohama_2024_jigyo_keikakusho_digital.pdf' and r.raw_text in ('▲104,143', '■■■') "
        "order by r.page, r.raw_text",
    )
    assert {text for _, text in cells} == {"■■■", "▲104,143"}
    assert sql(warehouse, "select count(*) from raw_cells where raw_text = '310万件'") != [(0,)]


def test_parquet_copy_has_every_loaded_table(warehouse):
    parquet = warehouse.parent / "parquet"
    assert (parquet / "documents").is_dir() and (parquet / "raw_cells").is_dir()
    [(n,)] = sql(warehouse, f"select count(*) from read_parquet('{parquet.as_posix()}/raw_cells/**/*.parquet')")
    assert [(n,)] == sql(warehouse, "select count(*) from raw_cells")
