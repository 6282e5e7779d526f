"""The ingest flow's tasks. Each body calls into parsers/ or warehouse/ and logs one line.

- `fetch` touches the outside world, so it alone retries, with exponential backoff, and only on transient
  errors (a 503, a dropped connection); a 404 or a missing file fails its document at once.
- `parse` may run in another process; its result is cached by content (sha256) and parser version, never
  by path, and persisted under PREFECT_HOME so a rebuilt warehouse need not parse the same bytes again.
- `load` runs in the flow's process: one DuckDB writer, one transaction per document.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path

import duckdb
from prefect import get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.tasks import exponential_backoff

import parsers
from parsers import PARSER_VERSION
from parsers.documents.base import DocumentInfo
from parsers.parse import ParsedDocument, parse_pdf
from pipelines.fetch import Fetched, FetchError, fetch_source
from pipelines.settings import parquet_dir
from pipelines.summary import DocumentOutcome, RunSummary
from schemas.documents import Document
from schemas.quality import Reject
from warehouse.connection import WRITE_ERRORS, write_errors
from warehouse.export import export_parquet
from warehouse.load import load_document, record_failure

FETCH_RETRIES = 4
FETCH_BACKOFF_SECONDS = 2.0
"""First retry after ~2 s, then 4, 8, 16 (± jitter): about half a minute for a server to come back."""
PARSE_CACHE_DAYS = 30
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


@lru_cache(maxsize=1)
def parsers_code_digest() -> str:
    """sha256 of the parsers' source files: a change not (yet) reflected in PARSER_VERSION still misses."""
    digest = hashlib.sha256()
    root = Path(parsers.__file__).parent
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def parse_cache_key(context, parameters: dict) -> str:
    """Cache key of a parse: the bytes (doc_id), the parser version and the manifest's hints, not the path."""
    hints = parameters["hints"]
    return (
        f"parse-{parameters['doc_id']}-{PARSER_VERSION}-{parsers_code_digest()}"
        f"-{hints.municipality}-{hints.fiscal_year_start}"
    )


@task(
    cache_key_fn=parse_cache_key,
    cache_expiration=timedelta(days=PARSE_CACHE_DAYS),
    persist_result=True,
    task_run_name="parse {path.name}",
)
def parse(path: Path, doc_id: str, hints: DocumentInfo) -> ParsedDocument:
    parsed = parse_pdf(path, doc_id, hints)
    logger = get_run_logger()
    logger.info("%s: %s (%s pages, family %s)", path.name, parsed.status, parsed.pages, parsed.family)
    for warning in parser_warnings(parsed):
        logger.warning("%s: %s", path.name, warning)
    return parsed


@task(cache_policy=NO_CACHE, task_run_name="load {fetched.path.name}")
def load(con: duckdb.DuckDBPyConnection, warehouse: Path, fetched: Fetched, parsed: ParsedDocument) -> DocumentOutcome:
    """Load one parsed document; a write error (disk full) aborts the run, any other error fails the document."""
    rows = parsed.records.rows if parsed.records and parsed.status != "failed" else {}
    version, superseded = None, 0
    with write_errors(warehouse):
        if parsed.status == "failed":
            record_failure(con, document_row(fetched, parsed))
        else:
            try:
                result = load_document(con, document_row(fetched, parsed), rows)
                version, superseded = result.version, len(result.superseded)
            except WRITE_ERRORS:
                raise
            except Exception as err:  # the transaction rolled back; record why and go on with the next file
                parsed = failed(parsed, f"load failed: {type(err).__name__}: {err}")
                record_failure(con, document_row(fetched, parsed))
                rows = {}
    outcome = outcome_of(fetched, parsed, rows, version=version, superseded=superseded)
    get_run_logger().info("%s", outcome.line())
    return outcome


@task(cache_policy=NO_CACHE)
def export(con: duckdb.DuckDBPyConnection, warehouse: Path) -> dict[str, int]:
    with write_errors(warehouse):
        written = export_parquet(con, parquet_dir(warehouse))
    get_run_logger().info("Parquet: %s rows in %s tables", sum(written.values()), len(written))
    return written


@task(cache_policy=NO_CACHE)
def publish_summary(summary: RunSummary) -> None:
    """Publish the run summary as a markdown artifact (key gyosei-ingest-summary: one history per key)."""
    create_markdown_artifact(
        markdown=summary.markdown(),
        key=SUMMARY_ARTIFACT_KEY,
        description=summary.total_line(),
    )
    get_run_logger().info("%s", summary.total_line())


def document_row(fetched: Fetched, parsed: ParsedDocument) -> Document:
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
        pages=parsed.pages,
        text_layer=parsed.text_layer,
        status=parsed.status,
        error=parsed.error,
        parser_version=PARSER_VERSION,
        size_bytes=fetched.size_bytes,
        loaded_at=datetime.now(),
        warnings=parser_warnings(parsed),
    )


def parser_warnings(parsed: ParsedDocument) -> list[str]:
    return list(parsed.records.warnings) if parsed.records else []


def failed(parsed: ParsedDocument, error: str) -> ParsedDocument:
    """A failed copy of a parse result, keeping what is known about the file."""
    return ParsedDocument(
        doc_id=parsed.doc_id, status="failed", pages=parsed.pages, family=parsed.family, info=parsed.info, error=error
    )


def outcome_of(fetched: Fetched, parsed: ParsedDocument, rows: dict, **extra) -> DocumentOutcome:
    rejects = len(rows.get(Reject.table, []))
    return DocumentOutcome(
        file_name=fetched.source.file_name,
        doc_id=parsed.doc_id,
        status=parsed.status,
        family=parsed.family,
        pages=parsed.pages,
        rows=sum(map(len, rows.values())) - rejects,
        rejects=rejects,
        error=parsed.error,
        document_key=fetched.source.document_key,
        warnings=tuple(parser_warnings(parsed)),
        **extra,
    )
