"""Two writers at once, an unwritable path, a disk that fills up: a clear error and nothing half-written.

Child processes run in their own process group and are killed by PID at the end of every test.
"""

from __future__ import annotations

import os
import time

import pytest

from tests.warehouse.children import Children, wait_for_line
from tests.warehouse.test_load import cells, count, document
from warehouse.connection import WarehouseError, open_writer, run_lock
from warehouse.load import load_document


@pytest.fixture
def children():
    started = Children()
    yield started
    started.kill_all()


@pytest.fixture
def warehouse(tmp_path):
    path = tmp_path / "w.duckdb"
    con = open_writer(path)
    load_document(con, document(), cells(["kept"]).rows)
    con.close()
    return path


def test_a_second_writer_fails_with_a_clear_message_after_a_short_wait(children, warehouse):
    holder = children.start("-m", "tests.warehouse.writer_child", "hold", str(warehouse), "60")
    wait_for_line(holder, "holding", timeout=60)
    started = time.monotonic()
    with pytest.raises(WarehouseError, match=rf"in use by another process \(PID {holder.pid}\).*waited 1 s"):
        open_writer(warehouse, wait_seconds=1)
    assert time.monotonic() - started >= 1


def test_a_second_writer_waits_for_the_first_to_finish(children, warehouse):
    holder = children.start("-m", "tests.warehouse.writer_child", "hold", str(warehouse), "2")
    wait_for_line(holder, "holding", timeout=60)
    started = time.monotonic()
    con = open_writer(warehouse, wait_seconds=60)
    waited = time.monotonic() - started
    try:
        assert count(con, "raw_cells") == 1 and waited > 0.5
    finally:
        con.close()


def test_one_run_at_a_time_and_the_lock_goes_with_its_holder(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    with run_lock(warehouse):
        message = f"in use by another ingest run \\(PID {os.getpid()}\\); waited 0.5 s"
        with pytest.raises(WarehouseError, match=message), run_lock(warehouse, wait_seconds=0.5):
            pass
        con = open_writer(warehouse, wait_seconds=0)  # the run lock does not lock the warehouse itself
        con.close()
    with run_lock(warehouse, wait_seconds=0):  # released
        pass


def test_an_unwritable_path_is_a_clear_error(tmp_path):
    # Tests run as root in CI, and root ignores permission bits (a chmod'ed folder stays writable), so the
    # unwritable places are a path below a regular file and a file inside /proc.
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(WarehouseError, match="cannot create the warehouse folder .*a-file/sub: Not a directory"):
        open_writer(blocker / "sub" / "w.duckdb")
    with pytest.raises(WarehouseError, match="cannot create the warehouse folder .*a-file: a file of that name is in"):
        open_writer(blocker / "w.duckdb")
    with pytest.raises(
        WarehouseError, match=r"cannot open the warehouse /proc/gyosei\.duckdb for writing: .*--warehouse"
    ):
        open_writer("/proc/gyosei.duckdb")


def test_a_full_disk_rolls_the_document_back(children, warehouse):
    cap = warehouse.stat().st_size + 256 * 1024  # room for the WAL header, not for 200k cells
    filler = children.start("-m", "tests.warehouse.writer_child", "fill", str(warehouse), str(cap))
    output = filler.communicate(timeout=120)[0]
    assert "WarehouseError: cannot write the warehouse" in output, output
    assert "File too large" in output and "nothing half-written" in output
    con = open_writer(warehouse)
    try:
        assert con.execute("select raw_text from raw_cells").fetchall() == [("kept",)]
        assert con.execute("select count(*) from documents").fetchall() == [(1,)]
    finally:
        con.close()
