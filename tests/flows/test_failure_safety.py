"""Failure safety of the ingest flow: SIGKILL mid-load, two runs at once, a full disk, bad PDFs in a batch.

Child processes run in their own process group and are killed by PID at the end of every test.
"""

from __future__ import annotations

import pytest

import warehouse.load as load_module
from pipelines.cli import main
from pipelines.flow import ingest_flow
from tests.flows.conftest import image_only_pdf
from tests.warehouse.children import Children, wait_for_line
from warehouse.connection import WarehouseError
from warehouse.query import run_query

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_harness")]

GOOD_ROWS = 8  # good.pdf: two pages of a 2×2 table


@pytest.fixture
def children():
    started = Children()
    yield started
    started.kill_all()


def sql(warehouse, query: str) -> list[tuple]:
    return run_query(warehouse, query)[1]


def test_a_run_killed_mid_load_leaves_a_consistent_warehouse_and_the_next_run_completes(children, batch, tmp_path):
    from prefect.settings import PREFECT_API_URL, PREFECT_LOCAL_STORAGE_PATH

    warehouse = tmp_path / "w.duckdb"
    ingest_flow(paths=[str(batch / "locked.pdf")], warehouse=str(warehouse))
    before = sql(warehouse, "select doc_id, status from documents")
    env = {
        "PREFECT_API_URL": PREFECT_API_URL.value(),
        "PREFECT_LOCAL_STORAGE_PATH": str(PREFECT_LOCAL_STORAGE_PATH.value()),
    }
    child = children.start("-m", "tests.flows.kill_child", str(warehouse), str(batch / "good.pdf"), env=env)
    wait_for_line(child, "inside-transaction", timeout=120)
    children.kill_all()  # SIGKILL the whole process group while the document's transaction is open

    assert sql(warehouse, "select doc_id, status from documents") == before  # nothing of good.pdf
    assert sql(warehouse, "select count(*) from raw_cells") == [(0,)]
    summary = ingest_flow(paths=[str(batch / "good.pdf")], warehouse=str(warehouse))
    assert [(o.status, o.rows) for o in summary.outcomes] == [("partial", GOOD_ROWS)]
    assert sql(warehouse, "select count(*) from raw_cells") == [(GOOD_ROWS,)]
    runs = sql(warehouse, "select status from ingest_runs order by started_at")
    assert runs == [("completed",), ("interrupted",), ("completed",)]


def test_a_second_run_waits_for_the_first(children, batch, tmp_path):
    warehouse = tmp_path / "w.duckdb"
    holder = children.start("-m", "tests.warehouse.writer_child", "hold", str(warehouse), "3")
    wait_for_line(holder, "holding", timeout=60)
    summary = ingest_flow(paths=[str(batch / "good.pdf")], warehouse=str(warehouse), lock_wait_seconds=120)
    assert [o.status for o in summary.outcomes] == ["partial"]


def test_a_second_run_gives_up_with_a_clear_message(children, batch, tmp_path, capsys):
    warehouse = tmp_path / "w.duckdb"
    holder = children.start("-m", "tests.warehouse.writer_child", "hold", str(warehouse), "120")
    wait_for_line(holder, "holding", timeout=60)
    with pytest.raises(WarehouseError, match=f"in use by another process \\(PID {holder.pid}\\)"):
        ingest_flow(paths=[str(batch / "good.pdf")], warehouse=str(warehouse), lock_wait_seconds=1)
    assert main(["ingest", str(batch / "good.pdf"), "--warehouse", str(warehouse), "--lock-wait", "1"]) == 1
    assert "another ingest run?" in capsys.readouterr().err


def test_a_full_disk_stops_the_run_with_a_clear_message_and_keeps_what_was_loaded(batch, tmp_path, monkeypatch, capsys):
    import duckdb

    warehouse = str(tmp_path / "w.duckdb")
    assert main(["ingest", str(batch / "good.pdf"), "--warehouse", warehouse]) == 0
    real_insert = load_module._insert

    def disk_full(con, table, records, **kwargs):
        if table == "raw_cells":
            raise duckdb.IOException(f'IO Error: Could not write file "{warehouse}.wal": No space left on device')
        return real_insert(con, table, records, **kwargs)

    monkeypatch.setattr(load_module, "_insert", disk_full)
    capsys.readouterr()
    assert main(["ingest", str(batch / "good.pdf"), "--force", "--warehouse", warehouse]) == 1
    err = capsys.readouterr().err
    assert "gyosei: cannot write the warehouse" in err and "No space left on device" in err
    assert sql(warehouse, "select count(*) from raw_cells") == [(GOOD_ROWS,)]
    assert sql(warehouse, "select status from ingest_runs order by started_at") == [("completed",), ("failed",)]


def test_corrupt_encrypted_and_image_only_pdfs_are_recorded_and_the_rest_load(batch):
    content = (batch / "good.pdf").read_bytes()
    (batch / "truncated.pdf").write_bytes(content[: len(content) // 3])
    image_only_pdf(batch / "scan.pdf")
    summary = ingest_flow(paths=[str(batch)], warehouse=str(batch / "w.duckdb"))
    outcomes = {o.file_name: (o.status, o.error or "") for o in summary.outcomes}
    assert outcomes["good.pdf"][0] == "partial"
    assert outcomes["locked.pdf"][0] == "failed" and outcomes["locked.pdf"][1].startswith("encrypted PDF")
    assert outcomes["scan.pdf"][0] == "failed" and "no text layer" in outcomes["scan.pdf"][1]
    assert outcomes["truncated.pdf"][0] == "failed", outcomes["truncated.pdf"]
    rows = sql(batch / "w.duckdb", "select file_name, status from documents where status = 'failed' order by 1")
    assert [name for name, _ in rows] == ["empty.pdf", "locked.pdf", "notes.pdf", "scan.pdf", "truncated.pdf"]
