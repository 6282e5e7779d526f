"""The ingest flow's tasks. Each body calls into parsers/ or warehouse/ and logs one line.

- `fetch` touches the outside world, so it alone retries, with exponential backoff, and only on transient
  errors (a 503, a dropped connection); a 404 or a missing file fails its document at once.
- `parse` may run in another process. It returns a `ParsedRef` (a few hundred bytes), never the records:
  they go to a folder of Arrow files (`pipelines.parse_cache`) keyed by content (sha256), parser version and
  hints, never by path, under Prefect's local storage (PREFECT_HOME/storage/parsed), so a rebuilt warehouse
  need not parse the same bytes again. Prefect then has nothing big to walk or pickle.
- `parse_shipped` is the parse on a Dask worker, which may share no disk with the run: the PDF comes as
  bytes, the worker parses it into a temporary folder and returns that folder's files as bytes (Prefect
  does not walk bytes); the run stores them in its own cache (`_parsed` in the flow). The pages of a long
  document are first read in ranges by `read_shipped` tasks on any workers; Dask hands their page models
  to the `parse_shipped` task of the document, worker to worker.
- `load` runs in the flow's process: one DuckDB writer, one transaction per document, reading the parsed
  rows batch by batch from their folder.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from prefect import get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.tasks import exponential_backoff

from parsers import PARSER_VERSION
from parsers.documents.base import DocumentInfo
from parsers.pdf.inflate import InflateLimitExceeded
from parsers.pdf.read import PageRead, read_range
from pipelines.fetch import Fetched, FetchError, fetch_source
from pipelines.limits import run_limited
from pipelines.parse_cache import ParsedRef, folder_files, open_tables, parse_to_cache
from pipelines.progress import pages_read
from pipelines.review.site import build_site, review_dir
from pipelines.settings import DEFAULT_LIMITS, Limits, parquet_dir
from pipelines.summary import DocumentOutcome, RunSummary
from schemas.documents import Document
from warehouse.connection import WRITE_ERRORS, Writer, write_errors
from warehouse.export import export_parquet
from warehouse.load import load_document, record_failure

FETCH_RETRIES = 4
FETCH_BACKOFF_SECONDS = 2.0
"""First retry after ~2 s, then 4, 8, 16 (± jitter): about half a minute for a server to come back."""
SUMMARY_ARTIFACT_KEY = "gyosei-ingest-summary"


def _is_transient(task, task_run, state) -> bool:
    """Retry condition: only a FetchError that says a retry may help."""
    error = state.result(raise_on_failure=False)
    return isinstance(error, FetchError) and error.transient


@task(
    retries=FETCH_RETRIES,
    retry_delay_seconds=exponential_backoff(backoff_factor=FETCH_BACKOFF_SECONDS),
    retry_jitter_factor=0.5,
    retry_condition_fn=_is_transient,
    cache_policy=NO_CACHE,
    task_run_name="fetch {source.file_name}",
)
def fetch(source, download_dir: Path) -> Fetched:
    fetched = fetch_source(source, download_dir)
    get_run_logger().info("%s: %s bytes, sha256 %s", source.location, fetched.size_bytes, fetched.doc_id[:12])
    return fetched


@task(cache_policy=NO_CACHE, task_run_name="parse {path.name}")
def parse(
    path: Path,
    doc_id: str,
    hints: DocumentInfo,
    cache_dir: Path,
    refresh: bool = False,
    limits: Limits = DEFAULT_LIMITS,
) -> ParsedRef:
    """Parse into `cache_dir` (or reuse an earlier parse of these bytes unless `refresh`) in a child process
    within `limits`; return the reference. A limit hit raises LimitExceeded: nothing is cached (a busy
    machine, a higher limit next time), and the flow records the document as failed naming the limit. On a
    terminal, the pages read so far are shown (`pipelines.progress`)."""
    with pages_read(path.name) as on_progress:
        parsed = run_limited(
            limits, parse_to_cache, path, doc_id, hints, cache_dir, refresh=refresh, on_progress=on_progress
        )
    return _logged(path.name, parsed)


@task(cache_policy=NO_CACHE, task_run_name="parse {name} (shipped)")
def parse_shipped(
    content: bytes,
    name: str,
    doc_id: str,
    hints: DocumentInfo,
    limits: Limits = DEFAULT_LIMITS,
    reads: list[list[PageRead]] | None = None,
) -> dict[str, bytes]:
    """Parse a PDF sent as bytes in a temporary folder, with its pages' `reads` when other tasks read them
    (ranges, in order); return the parse's files as bytes. Of the limits, a Dask worker applies the inflate
    cap (its own memory limit, enforced by its nanny, bounds the rest)."""
    pages = None if reads is None else [read for part in reads for read in part]
    with _shipped_file(content, name) as path:
        parsed = parse_to_cache(
            path, doc_id, hints, path.parent / "parsed", refresh=True, reads=pages,
            max_inflated_bytes=limits.inflate_mb << 20,
        )  # fmt: skip
        return folder_files(_logged(name, parsed))


@task(cache_policy=NO_CACHE, task_run_name="read {name} pages {first}-{last}")
def read_shipped(content: bytes, name: str, first: int, last: int, limits: Limits = DEFAULT_LIMITS) -> list[PageRead]:
    """Read pages [first, last) of a PDF sent as bytes (on a Dask worker); a limit hit is returned as the
    range's reads, so that its document fails naming it."""
    with _shipped_file(content, name) as path:
        try:
            return read_range(str(path), first, last, limits.inflate_mb << 20)
        except InflateLimitExceeded as err:
            return [(first + 1, err)]


@contextmanager
def _shipped_file(content: bytes, name: str) -> Iterator[Path]:
    """The PDF sent to a worker as bytes, as a file in a temporary folder of its own."""
    with tempfile.TemporaryDirectory(prefix="gyosei-") as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        yield path


def _logged(name: str, parsed: ParsedRef) -> ParsedRef:
    logger = get_run_logger()
    logger.info("%s: %s (%s pages, family %s)", name, parsed.status, parsed.pages, parsed.family)
    for warning in parsed.warnings:
        logger.warning("%s: %s", name, warning)
    return parsed


@task(cache_policy=NO_CACHE, task_run_name="load {fetched.path.name}")
def load(writer: Writer, fetched: Fetched, parsed: ParsedRef) -> DocumentOutcome:
    """Load one parsed document, holding the warehouse's write lock only meanwhile; a write error (disk
    full) aborts the run, any other error fails the document."""
    version, superseded = None, 0
    with writer() as con, write_errors(writer.path):
        if parsed.status == "failed":
            record_failure(con, document_row(fetched, parsed))
        else:
            try:
                with open_tables(parsed) as rows:
                    result = load_document(con, document_row(fetched, parsed), rows)
                version, superseded = result.version, len(result.superseded)
            except WRITE_ERRORS:
                raise
            except Exception as err:  # the transaction rolled back; record why and go on with the next file
                parsed = parsed.failed(f"load failed: {type(err).__name__}: {err}")
                record_failure(con, document_row(fetched, parsed))
    outcome = outcome_of(fetched, parsed, version=version, superseded=superseded)
    get_run_logger().info("%s", outcome.line())
    return outcome


@task(cache_policy=NO_CACHE)
def export(writer: Writer) -> dict[str, int]:
    with writer() as con, write_errors(writer.path):
        written = export_parquet(con, parquet_dir(writer.path))
    get_run_logger().info("Parquet: %s rows in %s tables", sum(written.values()), len(written))
    return written


@task(cache_policy=NO_CACHE)
def review(warehouse: Path, summary: RunSummary) -> tuple[str | None, str | None]:
    """Rebuild the review site for the documents this run loaded (all of them when there is no site yet).

    Returns (its index.html, or None when nothing needed rebuilding; why it could not be built). The
    warehouse is already committed: a site that cannot be written is logged, never a failed run.
    """
    changed = {o.doc_id for o in summary.outcomes if o.status != "skipped" and o.doc_id}
    if not changed and (review_dir(warehouse) / "index.html").exists():
        return None, None
    try:
        build = build_site(warehouse, doc_ids=changed)
    except Exception as err:
        get_run_logger().warning("review site not built: %s: %s", type(err).__name__, err)
        return None, f"{type(err).__name__}: {err}"
    get_run_logger().info("%s", build.line())
    return str(build.index.resolve()), None


@task(cache_policy=NO_CACHE)
def publish_summary(summary: RunSummary) -> None:
    """Publish the run summary as a markdown artifact (key gyosei-ingest-summary: one history per key)."""
    create_markdown_artifact(
        markdown=summary.markdown(),
        key=SUMMARY_ARTIFACT_KEY,
        description=summary.total_line(),
    )
    get_run_logger().info("%s", summary.total_line())


def document_row(fetched: Fetched, parsed: ParsedRef) -> Document:
    """The documents row: manifest metadata first, what the parser found second."""
    source, info = fetched.source, parsed.info
    return Document(
        doc_id=parsed.doc_id,
        document_key=source.document_key,
        source=source.location,
        file_name=source.file_name,
        municipality=source.municipality or info.municipality,
        doc_family=parsed.family or source.family,
        title=source.title or info.title,
        fiscal_year_start=info.fiscal_year_start,
        fiscal_year_end=info.fiscal_year_end,
        account=info.account,
        pages=parsed.pages,
        text_layer=parsed.text_layer,
        status=parsed.status,
        error=parsed.error,
        parser_version=PARSER_VERSION,
        size_bytes=fetched.size_bytes,
        loaded_at=datetime.now(),
        warnings=list(parsed.warnings),
    )


def outcome_of(fetched: Fetched, parsed: ParsedRef, **extra) -> DocumentOutcome:
    return DocumentOutcome(
        file_name=fetched.source.file_name,
        doc_id=parsed.doc_id,
        status=parsed.status,
        family=parsed.family,
        pages=parsed.pages,
        rows=parsed.rows,
        rejects=parsed.rejects,
        error=parsed.error,
        document_key=fetched.source.document_key,
        warnings=parsed.warnings,
        **extra,
    )
