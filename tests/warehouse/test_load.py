"""Loading is per document, idempotent and all-or-nothing; every contract table exists."""

from __future__ import annotations

from datetime import datetime

import pytest

import warehouse.load as load_module
from schemas.cells import RawCell
from schemas.collect import RecordSet
from schemas.documents import Document
from warehouse.connection import WarehouseError, open_reader
from warehouse.export import export_parquet
from warehouse.load import load_document, loaded_keys, record_failure

DOC = "a" * 64
CONTRACT_TABLES = {
    "documents",
    "projects",
    "budget_lines",
    "budget_amounts",
    "indicators",
    "indicator_values",
    "milestones",
    "project_texts",
    "raw_cells",
    "tokens",
    "checks",
    "rejects",
    "ingest_runs",
}


def document(status="loaded", error=None) -> Document:
    return Document(
        doc_id=DOC,
        document_key="x.pdf",
        source="x.pdf",
        file_name="x.pdf",
        pages=1,
        status=status,
        error=error,
        parser_version="test",
        size_bytes=10,
        loaded_at=datetime(2026, 1, 1),
    )


def cells(texts: list[str]) -> RecordSet:
    records = RecordSet(DOC)
    for i, text in enumerate(texts):
        records.add(
            RawCell,
            doc_id=DOC,
            page=1,
            bbox=(0, 0, 1, 1),
            raw_text=text,
            table_index=0,
            row_index=i,
            col_index=0,
        )
    return records


def count(con, table: str) -> int:
    return con.execute(f"select count(*) from {table}").fetchall()[0][0]


def test_every_contract_table_and_view_exists(con):
    names = {n for (n,) in con.execute("select table_name from information_schema.tables").fetchall()}
    assert CONTRACT_TABLES <= names
    assert {"facts", "current_facts", "current_projects"} <= names


def test_loading_twice_replaces_instead_of_adding(con):
    load_document(con, document(), cells(["1,048,514", "▲785"]).rows)
    load_document(con, document(), cells(["1,048,514", "▲785"]).rows)
    assert (count(con, "raw_cells"), count(con, "documents")) == (2, 1)
    assert DOC in loaded_keys(con, "test") and DOC not in loaded_keys(con, "other-version")


def test_a_failure_mid_load_leaves_the_previous_state(con, monkeypatch):
    load_document(con, document(), cells(["old"]).rows)
    records = cells(["new"])
    records.reject("parse", "Thing", {"x": 1}, "broken")
    real_insert = load_module._insert

    def fail_on_rejects(con_, table, rows, **kw):
        if table == "rejects":
            raise RuntimeError("disk full")
        return real_insert(con_, table, rows, **kw)

    monkeypatch.setattr(load_module, "_insert", fail_on_rejects)
    with pytest.raises(RuntimeError):
        load_document(con, document(), records.rows)
    assert con.execute("select raw_text from raw_cells").fetchall() == [("old",)]


def test_a_failure_never_erases_loaded_bytes(con):
    load_document(con, document(), cells(["kept"]).rows)
    assert record_failure(con, document("failed", "load failed: boom")) is False
    assert con.execute("select status from documents").fetchall() == [("loaded",)]
    assert count(con, "raw_cells") == 1


def test_parquet_copy_is_partitioned(con, tmp_path):
    load_document(con, document(), cells(["x"]).rows)
    written = export_parquet(con, tmp_path / "parquet")
    assert written == {"documents": 1, "document_versions": 1, "raw_cells": 1, "current_documents": 1}
    files = sorted(p.relative_to(tmp_path / "parquet").as_posix() for p in (tmp_path / "parquet").rglob("*.parquet"))
    assert "raw_cells/municipality_part=unknown/fiscal_year_part=-1/data_0.parquet" in files
    con.execute("delete from raw_cells")
    assert "raw_cells" not in export_parquet(con, tmp_path / "parquet")
    assert not (tmp_path / "parquet" / "raw_cells").exists()  # no stale copy of an emptied table


def test_reader_refuses_a_missing_warehouse(tmp_path):
    with pytest.raises(WarehouseError, match="run `gyosei ingest` first"):
        open_reader(tmp_path / "none.duckdb")
