"""A run stopped from outside: `kill -9` leaves no process behind (Prefect's temporary server included)
and `gyosei status` shows the run dead at once; Ctrl-C stops it with one line and an `interrupted` run.

The child runs `gyosei ingest` without a Prefect server configured, so it starts its own temporary one,
and stops inside its first document's load transaction (tests/flows/kill_child.py)."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from pipelines.cli import main
from tests.warehouse.children import Children, wait_for_line
from warehouse.query import run_query

pytestmark = [pytest.mark.flow]

SERVER_START_SECONDS = 240  # the temporary server starts slowly on a busy machine
STOP_SECONDS = 90  # a Ctrl-C'd run stops in a few seconds


@pytest.fixture
def children():
    started = Children()
    yield started
    started.kill_all()


def descendants(pid: int) -> set[int]:
    """Every live process below `pid` (from /proc)."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z":
            parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pids: set[int]) -> set[int]:
    left = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            left.add(pid)
    return left


def start_run(children, batch, tmp_path):
    warehouse = tmp_path / "w.duckdb"
    env = {"PREFECT_HOME": str(tmp_path / "prefect")}
    args = ["-m", "tests.flows.kill_child", str(warehouse), str(batch / "good.pdf")]
    # as a user runs it: no Prefect log level chosen (the test session sets one), no server configured
    child = children.start(*args, env=env, unset=("PREFECT_LOGGING_LEVEL", "PREFECT_API_URL"))
    wait_for_line(child, "inside-transaction", timeout=SERVER_START_SECONDS)
    below = descendants(child.pid)
    assert below, "the run's temporary Prefect server is its child"
    return child, warehouse, below


def wait_until_gone(pids: set[int], seconds: float = 30) -> set[int]:
    deadline = time.monotonic() + seconds
    while alive(pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    return alive(pids)


def test_kill_9_leaves_no_process_and_status_shows_the_run_dead(children, batch, tmp_path, capsys):
    child, warehouse, below = start_run(children, batch, tmp_path)
    os.kill(child.pid, signal.SIGKILL)  # the CLI alone, not its process group
    child.wait(timeout=30)
    assert wait_until_gone(below) == set()
    assert main(["status", "--warehouse", str(warehouse)]) == 0
    runs = capsys.readouterr().out.split("== last runs\n")[1].split("\n\n")[0]
    assert f"dead (PID {child.pid} gone)" in runs
    assert run_query(warehouse, "select count(*) from raw_cells")[1] == [(0,)]


def test_ctrl_c_stops_with_one_line_and_an_interrupted_run(children, batch, tmp_path):
    child, warehouse, below = start_run(children, batch, tmp_path)
    os.kill(child.pid, signal.SIGINT)
    output, _ = child.communicate(timeout=STOP_SECONDS)
    assert child.returncode == 130
    assert output.splitlines() == [
        "gyosei: interrupted by Ctrl-C: the document being loaded was rolled back, those loaded before stay; "
        "run the same command again to finish"
    ]
    assert wait_until_gone(below) == set()
    [(status, error)] = run_query(warehouse, "select status, error from ingest_runs")[1]
    assert (status, error) == ("interrupted", "stopped by Ctrl-C; the document being loaded was rolled back")
    assert run_query(warehouse, "select count(*) from raw_cells")[1] == [(0,)]
