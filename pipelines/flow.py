"""The ingest flow (DESIGN §2): sources -> fetch and fingerprint -> skip if loaded -> parse (in parallel)
-> load (serially, one transaction per document) -> export Parquet -> review site -> run summary.

A run holds the warehouse's run lock throughout (one run at a time) but DuckDB's write lock only for each
write (`warehouse.connection.Writer`): a long parse never keeps `gyosei status` or `gyosei sql` waiting.

Parsing runs on the workers of a Dask cluster when a scheduler address is given (--dask-address or
$GYOSEI_DASK_ADDRESS), else in processes when a Prefect server is configured (PREFECT_API_URL), in threads
otherwise: without a server every process would start its own temporary one (DESIGN §6). Loading stays
in the flow's process, the only DuckDB writer.

What passes between tasks is small (DESIGN §2): a parse task gets (path, doc_id, hints, cache folder) and
returns a `ParsedRef`; its rows wait on disk until `load` streams them into DuckDB. Another executor (Dask,
a child process with limits) only needs `pipelines.parse_cache.parse_to_cache` with the same arguments.
"""

from __future__ import annotations

import os
import signal
import socket
import uuid
from contextlib import nullcontext
from datetime import datetime
from pathlib import Path

from prefect import flow
from prefect.context import FlowRunContext
from prefect.exceptions import TerminationSignal
from prefect.futures import PrefectFuture, as_completed
from prefect.runtime import flow_run
from prefect.settings import PREFECT_API_URL, PREFECT_LOCAL_STORAGE_PATH, get_current_settings, temporary_settings
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

from parsers import PARSER_VERSION
from parsers.pdf.open import page_count
from parsers.pdf.read import page_ranges
from pipelines.fetch import Fetched
from pipelines.limits import LimitExceeded
from pipelines.parse_cache import ParsedRef, cache_key, read_ref, store_files
from pipelines.settings import DEFAULT_LIMITS, Limits, dask_address, download_dir, parquet_dir, warehouse_path
from pipelines.sources import Source, gather_sources, select_sources
from pipelines.summary import DocumentOutcome, RunSummary
from pipelines.tasks import export, fetch, load, parse, parse_shipped, publish_summary, read_shipped, review
from schemas.documents import IngestRun
from warehouse.connection import LOCK_WAIT_SECONDS, Writer, run_lock
from warehouse.load import loaded_keys, mark_interrupted_runs, record_run

PARSE_WORKERS = max(1, min(4, os.cpu_count() or 1)) + 1
"""Documents parsed at once: one more than the cores (up to 4), so that no core waits while a parse is
handed over (Prefect starts its task, the child is forked, its result travels back): on 2 cores, fuji_r8
ingests in 20.5 s with 3, 22.0 s with 2, 20.8 s with 4."""
DEFAULT_SUBMIT_WINDOW = 64
SUBMIT_WINDOW_ENV = "GYOSEI_SUBMIT_WINDOW"
SPLIT_PAGES = 32
RANGE_PAGES = 16
"""On a Dask cluster, a document of more than SPLIT_PAGES pages has its pages read in ranges of RANGE_PAGES
by tasks of their own, spread over the workers; its parse then gets their page models (pages are most of
the work; a book of 600 pages would otherwise keep one worker busy while others wait)."""


def parse_task_runner(address: str | None = None) -> TaskRunner:
    """The workers of the Dask scheduler at `address` (or $GYOSEI_DASK_ADDRESS); else processes when a Prefect
    server is configured, threads in ephemeral mode (DESIGN §6)."""
    if address := dask_address(address):
        from prefect_dask import DaskTaskRunner  # imports distributed (~1 s): only when a cluster is used

        return DaskTaskRunner(address=address)
    if get_current_settings().api.url:
        return ProcessPoolTaskRunner(max_workers=PARSE_WORKERS)
    return ThreadPoolTaskRunner(max_workers=PARSE_WORKERS)


@flow(name="ingest", task_runner=parse_task_runner(), log_prints=False)
def ingest_flow(
    paths: list[str] | None = None,
    manifest: str | None = None,
    warehouse: str | None = None,
    select: str | None = None,
    force: bool = False,
    lock_wait_seconds: float = LOCK_WAIT_SECONDS,
    limits: dict | None = None,
) -> RunSummary:
    """Ingest the PDFs under `paths` and those listed in `manifest` into the DuckDB file `warehouse`.

    `select` keeps the documents whose key or location contains it; `force` parses and loads them again
    even when unchanged. A second run on the same warehouse waits up to `lock_wait_seconds` for the first.
    `limits` ({"seconds": …, "memory_mb": …, "inflate_mb": …}) overrides DEFAULT_LIMITS for every document
    of the run; a manifest entry's own limits override these.
    """
    run_limits = DEFAULT_LIMITS.merged(limits or {}).check()
    warehouse_file = warehouse_path(warehouse)
    sources, skipped = gather_sources(paths, manifest)
    sources = select_sources(sources, select)
    with run_lock(warehouse_file, wait_seconds=lock_wait_seconds):
        writer = Writer(warehouse_file, wait_seconds=lock_wait_seconds)
        run = IngestRun(
            run_id=uuid.uuid4().hex,
            flow_run_id=flow_run.id,
            started_at=datetime.now(),
            warehouse=str(warehouse_file),
            pid=os.getpid(),
            host=socket.gethostname(),
        )
        with writer() as con:
            mark_interrupted_runs(con, run.started_at)
            record_run(con, run)
            loaded = loaded_keys(con, PARSER_VERSION)
        summary = RunSummary(
            run_id=run.run_id, warehouse=str(warehouse_file), started_at=run.started_at, skipped=skipped
        )
        try:
            summary.outcomes = ingest_sources(writer, sources, force, run_limits, loaded)
            if any(o.status != "skipped" for o in summary.outcomes) or not parquet_dir(warehouse_file).exists():
                export(writer)  # a run that changed nothing leaves the Parquet copy as it is
            summary.ended_at = datetime.now()
            with writer() as con:
                record_run(con, finished(run, summary))
        except BaseException as err:
            _record_stopped_run(writer, run, err)
            raise
    summary.review_site, summary.review_error = review(warehouse_file, summary)
    publish_summary(summary)
    return summary


def ingest_sources(
    writer: Writer, sources: list[Source], force: bool, limits: Limits, loaded: dict[str, str]
) -> list[DocumentOutcome]:
    """Fetch every source, parse the new ones in parallel, load each as soon as its parse finishes (one
    slow document holds up no other); outcomes in source order. `loaded` maps the doc_id of each document
    this parser version has loaded to its key (the run lock keeps it true during the run).

    At most `submit_window()` parses are in flight: a night of thousands of documents neither queues them
    all at once nor holds all their bytes for a cluster; the next is fetched when one is loaded."""
    outcomes: dict[int, DocumentOutcome] = {}
    in_flight: dict[int, tuple[int, Fetched, PrefectFuture]] = {}  # by id() of the future
    seen: dict[str, str] = {}
    cache_dir = parse_cache_dir()
    submit_parse = _parse_submitter(cache_dir, force)
    window = submit_window()

    def load_finished(keep: int) -> None:
        """Load parses as they finish until at most `keep` are still in flight."""
        while len(in_flight) > keep:
            future = next(as_completed([future for _, _, future in in_flight.values()]))
            n, fetched, _ = in_flight.pop(id(future))
            outcomes[n] = load(writer, fetched, _parsed(fetched, future, cache_dir))

    for n, source in enumerate(sources):
        load_finished(keep=window - 1)
        fetched = fetch(source, download_dir(writer.path), return_state=True).result(raise_on_failure=False)
        if isinstance(fetched, BaseException):
            outcomes[n] = DocumentOutcome(
                file_name=source.file_name,
                doc_id=None,
                status="failed",
                error=str(fetched),
                document_key=source.document_key,
            )
            continue
        if fetched.doc_id in seen:
            outcomes[n] = _skipped(fetched, f"same bytes as {seen[fetched.doc_id]}")
        elif not force and is_unchanged(loaded, fetched):
            outcomes[n] = _skipped(fetched)
        elif isinstance(parse := submit_parse(fetched, limits.merged(source.limits).check()), ParsedRef):
            outcomes[n] = load(writer, fetched, parse)  # in the parse cache: not sent to the cluster again
        else:
            in_flight[id(parse)] = (n, fetched, parse)
        seen.setdefault(fetched.doc_id, source.file_name)
    load_finished(keep=0)
    return [outcomes[n] for n in sorted(outcomes)]


def submit_window() -> int:
    """How many parses may be in flight at once: $GYOSEI_SUBMIT_WINDOW, else 64 (a few per worker of a
    cluster of dozens; on one machine the task runner's own pool decides how many run)."""
    return max(1, int(os.environ.get(SUBMIT_WINDOW_ENV) or DEFAULT_SUBMIT_WINDOW))


def parse_cache_dir() -> Path:
    """Parsed documents live in Prefect's local storage (PREFECT_HOME/storage), under parsed/."""
    return Path(PREFECT_LOCAL_STORAGE_PATH.value()) / "parsed"


def _parse_submitter(cache_dir: Path, force: bool):
    """How a document goes to its parse: to a local thread or process as a path, the parse cache in
    `cache_dir`, within its limits; to a Dask worker (which may share no disk with the run) as bytes, unless
    that cache already holds its parse. A Dask worker applies no per-document limits: its process is a
    daemon, which may not start the limits' child process; the worker's own memory limit (its nanny
    restarts it, the parse is retried elsewhere, then fails as KilledWorker) is what bounds a parse there."""
    if not on_dask():
        return lambda fetched, limits: parse.submit(
            fetched.path, fetched.doc_id, fetched.source.hints, cache_dir, force, limits
        )

    def ship(fetched: Fetched, limits: Limits) -> PrefectFuture | ParsedRef:
        hints = fetched.source.hints
        if not force and (cached := read_ref(cache_dir / cache_key(fetched.doc_id, hints))) is not None:
            return cached
        content, name = fetched.path.read_bytes(), fetched.path.name
        with _api_for_workers():
            reads = None
            if (n_pages := page_count(fetched.path)) > SPLIT_PAGES:
                reads = [
                    read_shipped.submit(content, name, *part, limits) for part in page_ranges(n_pages, RANGE_PAGES)
                ]
            return parse_shipped.submit(content, name, fetched.doc_id, hints, limits, reads)

    return ship


def on_dask() -> bool:
    return type(FlowRunContext.get().task_runner).__module__.startswith("prefect_dask")


def _api_for_workers():
    """Tell the workers which Prefect API records their task runs: without a configured server, the flow's
    temporary one (reachable from workers on this host only), else each worker would start its own."""
    if get_current_settings().api.url:
        return nullcontext()
    return temporary_settings({PREFECT_API_URL: str(FlowRunContext.get().client.api_url)})


def is_unchanged(loaded: dict[str, str], fetched: Fetched) -> bool:
    """Skip bytes already loaded by this parser version, unless a manifest now gives them another key."""
    key = loaded.get(fetched.doc_id)
    return key is not None and (key == fetched.source.document_key or not fetched.source.from_manifest)


def finished(run: IngestRun, summary: RunSummary) -> IngestRun:
    counts = summary.counts()
    return run.model_copy(
        update={
            "ended_at": summary.ended_at,
            "documents_seen": len(summary.outcomes),
            "documents_loaded": counts["loaded"],
            "documents_partial": counts["partial"],
            "documents_skipped": counts["skipped"],
            "documents_failed": counts["failed"],
            "documents_superseded": summary.superseded,
            "rows_loaded": summary.rows,
            "rejects": summary.rejects,
            "status": "completed",
        }
    )


def _parsed(fetched: Fetched, future: PrefectFuture, cache_dir: Path) -> ParsedRef:
    try:
        result = future.result(raise_on_failure=False)
    except Exception as err:  # Dask gave up on the task (its workers kept dying: KilledWorker)
        result = err
    if isinstance(result, dict):  # a Dask worker's parse, as files: stored in this run's cache
        return store_files(result, cache_dir / cache_key(fetched.doc_id, fetched.source.hints))
    if isinstance(result, LimitExceeded):
        return ParsedRef(doc_id=fetched.doc_id, status="failed", error=str(result))
    if isinstance(result, BaseException):  # a parser bug, not bad input: the document fails, the run goes on
        return ParsedRef(
            doc_id=fetched.doc_id, status="failed", error=f"parse crashed: {type(result).__name__}: {result}"
        )
    return result


def _skipped(fetched: Fetched, note: str | None = None) -> DocumentOutcome:
    return DocumentOutcome(
        file_name=fetched.source.file_name,
        doc_id=fetched.doc_id,
        status="skipped",
        error=note,
        document_key=fetched.source.document_key,
    )


def interruption(err: BaseException) -> str | None:
    """What stopped the run from outside (Ctrl-C, SIGTERM), or None for a failure of its own."""
    if isinstance(err, KeyboardInterrupt):
        return str(err) or "Ctrl-C"
    if isinstance(err, TerminationSignal):
        return signal.Signals(err.signal).name
    return None


def _record_stopped_run(writer: Writer, run: IngestRun, err: BaseException) -> None:
    """Record the run as interrupted (Ctrl-C, SIGTERM) or failed. Best effort: the warehouse may be the
    thing that failed (disk full)."""
    if stopped_by := interruption(err):
        update = {
            "status": "interrupted",
            "error": f"stopped by {stopped_by}; the document being loaded was rolled back",
        }
    else:
        update = {"status": "failed", "error": str(err) or type(err).__name__}
    try:
        with writer() as con:
            record_run(con, run.model_copy(update={"ended_at": datetime.now(), **update}))
    except Exception:
        pass
