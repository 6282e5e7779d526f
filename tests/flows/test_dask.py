"""Parsing on a real Dask cluster (a `dask scheduler` and `dask worker` processes on 127.0.0.1, no mocks):
the warehouse is the same as after a local run, the scheduler's workers really parsed the documents, and a
worker killed in the middle of a run loses no document."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pyarrow.dataset
import pytest

from parsers.pdf.open import page_count
from parsers.pdf.read import page_ranges
from pipelines.flow import RANGE_PAGES, SPLIT_PAGES, ingest_flow, parse_task_runner
from pipelines.settings import parquet_dir
from tests.conftest import PROJECT_ROOT, SAMPLE_DOCS
from tests.flows.dask_cluster import LoopbackCluster
from warehouse.query import run_query

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_harness")]

SAMPLES = sorted(SAMPLE_DOCS.glob("*.pdf"))


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    started = LoopbackCluster(tmp_path_factory.mktemp("dask"))
    try:
        yield started.start(workers=2)
    finally:
        started.close()


@pytest.fixture(scope="module")
def local_warehouse(prefect_harness, tmp_path_factory):
    path = tmp_path_factory.mktemp("local") / "gyosei.duckdb"
    ingest_flow(paths=[str(SAMPLE_DOCS)], warehouse=str(path))
    return path


def contents(warehouse) -> dict[str, list[tuple]]:
    """Every row of the facts view and of every table but the runs, without load times, sorted."""
    tables = run_query(
        warehouse,
        "select table_name, list(column_name) from information_schema.columns where table_name in "
        "(select table_name from information_schema.tables where table_type = 'BASE TABLE') "
        "and table_name <> 'ingest_runs' group by table_name",
    )[1]
    queries = {"facts": "select * from facts"}
    queries |= {t: f"select * {'exclude (loaded_at)' if 'loaded_at' in c else ''} from {t}" for t, c in tables}
    return {name: run_query(warehouse, f"{query} order by all")[1] for name, query in queries.items()}


def parse_tasks(stream: list[dict], name: str = "parse_shipped") -> list[dict]:
    """The task stream's entries for the parse task (their keys are named after it), or another task."""
    return [t for t in stream if t["key"].startswith(f"{name}-")]


def test_facts_on_the_cluster_are_those_of_a_local_run_and_its_workers_parsed_them(cluster, local_warehouse, tmp_path):
    client = cluster.client()
    client.get_task_stream()  # the scheduler records its task stream from the first request on
    started = time.time()
    warehouse = tmp_path / "gyosei.duckdb"
    flow = ingest_flow.with_options(task_runner=parse_task_runner(cluster.address))
    summary = flow(paths=[str(SAMPLE_DOCS)], warehouse=str(warehouse), force=True)  # parsed by the local run

    assert len(summary.outcomes) == len(SAMPLES) and not summary.any_failed
    expected = contents(local_warehouse)
    assert len(expected["facts"]) > 1000 and len(expected["raw_cells"]) > 1000
    assert contents(warehouse) == expected
    documents = pyarrow.dataset.dataset(parquet_dir(warehouse) / "documents", partitioning="hive").to_table()
    assert sorted(documents["municipality_part"].to_pylist()) == sorted(  # hive partitions, names decoded
        m for (m,) in run_query(warehouse, "select coalesce(municipality, 'unknown') from documents")[1]
    )
    stream = client.get_task_stream(start=started)
    ran, read = parse_tasks(stream), parse_tasks(stream, "read_shipped")
    assert len(ran) == len(SAMPLES)
    # the long documents' pages were read in ranges by tasks of their own
    long_ones = [n for n in map(page_count, SAMPLES) if n > SPLIT_PAGES]
    assert long_ones and len(read) == sum(len(page_ranges(n, RANGE_PAGES)) for n in long_ones)
    workers = {cluster.worker_address("worker-1"), cluster.worker_address("worker-2")}
    assert {t["worker"] for t in ran + read} <= workers
    assert all(t["status"] == "OK" for t in ran + read)


def test_documents_already_in_the_parse_cache_are_not_sent_to_the_cluster(cluster, local_warehouse, tmp_path):
    client = cluster.client()
    client.get_task_stream()
    started = time.time()
    warehouse = tmp_path / "gyosei.duckdb"
    flow = ingest_flow.with_options(task_runner=parse_task_runner(cluster.address))
    summary = flow(paths=[str(SAMPLE_DOCS)], warehouse=str(warehouse))  # the local run parsed them all

    assert len(summary.outcomes) == len(SAMPLES) and not summary.any_failed
    assert parse_tasks(client.get_task_stream(start=started)) == []
    assert contents(warehouse) == contents(local_warehouse)


def test_a_worker_killed_mid_run_loses_no_document(cluster, local_warehouse, tmp_path):
    """`gyosei ingest --dask-address` in a child process, as a user runs it (no Prefect server: the workers
    report to the run's temporary one); a third worker is SIGKILLed (with its nanny) while the scheduler has
    a parse task on it; its documents are parsed again elsewhere and every one loads."""
    cluster.add_worker("victim")
    client = cluster.client()
    victim = cluster.worker_address("victim")
    warehouse = tmp_path / "gyosei.duckdb"
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"} | {"PREFECT_HOME": str(tmp_path / "home")}
    cli = subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", "ingest", str(SAMPLE_DOCS), "--warehouse", str(warehouse),
         "--dask-address", cluster.address],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )  # fmt: skip
    try:
        held = _wait_for_parse_task_on(client, victim, timeout=300)
        cluster.kill_worker("victim")
        output, _ = cli.communicate(timeout=600)
    finally:
        if cli.poll() is None:
            os.killpg(cli.pid, 9)
            cli.wait(timeout=30)

    assert held, "the victim held no parse task when it was killed"
    assert cli.returncode == 0, output
    assert f"total: {len(SAMPLES)} documents:" in output and " 0 failed," in output, output
    assert contents(warehouse) == contents(local_warehouse)


def _wait_for_parse_task_on(client, worker: str, timeout: float) -> list[str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        held = [key for key in client.processing(workers=[worker]).get(worker, ()) if "parse_shipped" in str(key)]
        if held:
            return held
        time.sleep(0.02)
    raise AssertionError(f"no parse task reached {worker} within {timeout} s")
