"""Benchmark (issue #19): a manifest of 200 documents parsed on a loopback Dask cluster of 1, then 2 workers.

Run: .venv/bin/python bench/bench_dask.py [--documents 200] [--workers 1 2]
The manifest is generated in a temporary folder, never committed: the sample PDFs and, when present,
../shared/real/fuji_r8, repeated under distinct titles; each copy gets distinct bytes (a PDF comment after
its end), so that none is skipped as the same bytes as another. For each worker count the benchmark starts
a `dask scheduler` and that many `dask worker` processes (one thread each, tests/flows/dask_cluster.py) on
127.0.0.1 and runs the ingest flow with the cluster as its task runner into a fresh warehouse, in
ephemeral mode (a temporary Prefect server, started before the clock starts).

Reported per run (one JSON line, appended to bench/results/dask.jsonl, git-ignored): wall time,
documents/s, pages/s, and the writer's share: the time the flow's process spent in its `load` and
`export` tasks (Prefect's own task-run times) over the wall time, with the writer's own pages/s (its
ceiling); also the summed parse time on the workers, the CPU seconds the workers used (pages per worker
CPU second holds on a busy machine, where wall times do not) and the run process's CPU seconds. Machine and
load average are included. No timing is ever asserted anywhere.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from itertools import cycle, islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pipelines  # noqa: E402, F401  (Prefect's environment defaults before prefect is imported)

SAMPLE_MANIFEST = ROOT / "sample_docs" / "manifest.toml"
FUJI = ROOT.parent / "shared" / "real" / "fuji_r8"
RESULTS = ROOT / "bench" / "results" / "dask.jsonl"
WRITER_TASKS = ("load", "export")


def originals() -> list[dict]:
    """The manifest entries to repeat: the samples' own, and one per fuji_r8 chapter when present."""
    from pipelines.sources import sources_from_manifest

    entries = [
        {"source": s.location, "municipality": s.municipality, "family": s.family, "title": s.title}
        for s in sources_from_manifest(SAMPLE_MANIFEST)
    ]
    for path in sorted(FUJI.glob("*.pdf")):
        entries.append(
            {
                "source": str(path),
                "municipality": "富士市",
                "family": "budget_book",
                "title": f"令和8年度 一般会計予算書 {path.stem}",
                "fiscal_year": 2026,
            }
        )
    return entries


def build_manifest(folder: Path, documents: int) -> Path:
    """Write `documents` copies (distinct bytes, distinct titles) and their manifest into `folder`."""
    lines = []
    for n, entry in enumerate(islice(cycle(originals()), documents), start=1):
        copy = folder / f"{n:04d}-{Path(entry['source']).name}"
        shutil.copyfile(entry["source"], copy)
        with open(copy, "ab") as handle:  # after %%EOF: readers ignore it, the sha256 changes
            handle.write(f"\n% gyosei bench copy {n}\n".encode())
        fields = {**entry, "source": copy.name, "title": f"{entry['title']} (bench copy {n})"}
        lines.append(
            "[[document]]\n" + "".join(f"{k} = {json.dumps(v, ensure_ascii=False)}\n" for k, v in fields.items())
        )
    manifest = folder / "manifest.toml"
    manifest.write_text("\n".join(lines), encoding="utf-8")
    return manifest


def task_seconds(flow_run_id) -> Counter:
    """Seconds spent per task (by task name) in one flow run, as Prefect recorded them."""
    from prefect import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    seconds: Counter = Counter()
    with get_client(sync_client=True) as client:
        offset = 0
        while runs := client.read_task_runs(
            flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])), limit=200, offset=offset
        ):
            for run in runs:
                seconds[run.task_key.rsplit("-", 1)[0]] += run.total_run_time.total_seconds()
            offset += len(runs)
    return seconds


def run_once(manifest: Path, workers: int, folder: Path) -> dict:
    from pipelines.flow import ingest_flow, parse_task_runner
    from tests.flows.dask_cluster import LoopbackCluster

    cluster = LoopbackCluster(folder / f"cluster-{workers}")
    cluster.folder.mkdir()
    try:
        cluster.start(workers=workers)
        flow = ingest_flow.with_options(task_runner=parse_task_runner(cluster.address))
        load_before = os.getloadavg()
        cpu_before = resource.getrusage(resource.RUSAGE_SELF)
        started = time.perf_counter()
        warehouse = str(folder / f"w{workers}.duckdb")
        state = flow(manifest=str(manifest), warehouse=warehouse, force=True, return_state=True)  # no cache hits
        wall = time.perf_counter() - started
        run_cpu = cpu_seconds(resource.getrusage(resource.RUSAGE_SELF)) - cpu_seconds(cpu_before)
        worker_cpu = sum(cluster.client().run(worker_cpu_seconds).values())
        summary = state.result()
    finally:
        cluster.close()
    seconds = task_seconds(state.state_details.flow_run_id)
    writer = sum(seconds[name] for name in WRITER_TASKS)
    pages = sum(o.pages for o in summary.outcomes)
    return {
        "workers": workers,
        "documents": len(summary.outcomes),
        "statuses": dict(Counter(o.status for o in summary.outcomes)),
        "pages": pages,
        "rows": summary.rows,
        "wall_s": round(wall, 1),
        "documents_per_s": round(len(summary.outcomes) / wall, 2),
        "pages_per_s": round(pages / wall, 2),
        "parse_s_on_workers": round(seconds["parse_shipped"], 1),
        "load_s": round(seconds["load"], 1),
        "export_s": round(seconds["export"], 1),
        "writer_share": round(writer / wall, 3),
        "writer_pages_per_s": round(pages / writer, 1) if writer else None,
        "worker_cpu_s": round(worker_cpu, 1),
        "pages_per_worker_cpu_s": round(pages / worker_cpu, 2) if worker_cpu else None,
        "run_process_cpu_s": round(run_cpu, 1),
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
    }


def cpu_seconds(usage) -> float:
    return usage.ru_utime + usage.ru_stime


def worker_cpu_seconds() -> float:
    """CPU seconds of the worker process this runs in (sent to every worker by `Client.run`)."""
    import psutil

    times = psutil.Process().cpu_times()
    return times.user + times.system


def warm_up() -> float:
    """Start Prefect's temporary server (an empty flow) so that no run below pays for it."""
    from prefect import flow

    started = time.perf_counter()
    flow(name="warm-up")(lambda: None)()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    if not FUJI.is_dir():
        print(f"note: {FUJI} is absent: the manifest repeats the samples only", file=sys.stderr)
    machine = {"machine": platform.machine(), "cpus": os.cpu_count(), "python": platform.python_version()}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="gyosei-bench-dask-") as tmp:
        folder = Path(tmp)
        manifest = build_manifest(folder, args.documents)
        warm_up_s = warm_up()
        for workers in args.workers:
            result = {
                "bench": "dask",
                "at": datetime.now(UTC).isoformat(timespec="seconds"),
                **machine,
                "prefect_warm_up_s": round(warm_up_s, 1),
                "fuji_r8": FUJI.is_dir(),
                **run_once(manifest, workers, folder),
            }
            line = json.dumps(result, ensure_ascii=False)
            print(line, flush=True)
            with open(RESULTS, "a", encoding="utf-8") as out:
                out.write(line + "\n")


if __name__ == "__main__":
    main()
