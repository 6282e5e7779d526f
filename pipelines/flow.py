"""The ingest flow (DESIGN §2): discover -> fingerprint -> skip if loaded -> parse and validate -> load
-> export Parquet -> summarise. Task bodies call into parsers/ and warehouse/ and do nothing else."""

from __future__ import annotations

import uuid
from datetime import datetime
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from parsers import PARSER_VERSION
from parsers.parse import ParsedDocument, parse_pdf
from pipelines.discover import discover_files, sha256_file
from pipelines.settings import parquet_dir
from pipelines.summary import DocumentOutcome, RunSummary
from schemas.documents import Document, IngestRun
from schemas.quality import Reject
from warehouse.connection import open_writer
from warehouse.export import export_parquet
from warehouse.load import is_loaded, load_document, record_failure, record_run


@task(cache_policy=NO_CACHE)
def discover(paths: list[str]) -> list[Path]:
    return discover_files(Path(p) for p in paths)


@task(cache_policy=NO_CACHE)
def fingerprint(path: Path) -> str:
    return sha256_file(path)


@task(cache_policy=NO_CACHE)
def parse_and_validate(path: Path, doc_id: str) -> ParsedDocument:
    parsed = parse_pdf(path, doc_id)
    get_run_logger().info("%s: %s (%s pages, family %s)", path.name, parsed.status, parsed.pages, parsed.family)
    return parsed


@task(cache_policy=NO_CACHE)
def load(con, path: Path, parsed: ParsedDocument) -> DocumentOutcome:
    rows = parsed.records.rows if parsed.records and parsed.status != "failed" else {}
    if parsed.status == "failed":
        record_failure(con, _document_row(path, parsed))
    else:
        try:
            load_document(con, _document_row(path, parsed), rows)
        except Exception as err:  # the transaction rolled back; record why and go on with the next file
            parsed = ParsedDocument(
                doc_id=parsed.doc_id,
                status="failed",
                pages=parsed.pages,
                family=parsed.family,
                error=f"load failed: {type(err).__name__}: {err}",
            )
            record_failure(con, _document_row(path, parsed))
            rows = {}
    rejects = len(rows.get(Reject.table, []))
    return DocumentOutcome(
        file_name=path.name,
        doc_id=parsed.doc_id,
        status=parsed.status,
        family=parsed.family,
        pages=parsed.pages,
        rows=sum(map(len, rows.values())) - rejects,
        rejects=rejects,
        error=parsed.error,
    )


@task(cache_policy=NO_CACHE)
def export(con, warehouse: Path) -> dict[str, int]:
    return export_parquet(con, parquet_dir(warehouse))


@flow(name="ingest", log_prints=False)
def ingest_flow(paths: list[str], warehouse: str) -> RunSummary:
    """Ingest every PDF under `paths` into the DuckDB file `warehouse` (and its Parquet copy)."""
    warehouse_file = Path(warehouse)
    files = discover(paths)
    con = open_writer(warehouse_file)
    try:
        run = IngestRun(run_id=uuid.uuid4().hex, started_at=datetime.now(), warehouse=str(warehouse_file))
        record_run(con, run)
        summary = RunSummary(run_id=run.run_id, warehouse=str(warehouse_file))
        for path in files:
            doc_id = fingerprint(path)
            if is_loaded(con, doc_id, PARSER_VERSION):
                summary.outcomes.append(DocumentOutcome(file_name=path.name, doc_id=doc_id, status="skipped"))
                continue
            summary.outcomes.append(load(con, path, parse_and_validate(path, doc_id)))
        export(con, warehouse_file)
        record_run(con, _finished(run, summary))
    finally:
        con.close()
    return summary


def _document_row(path: Path, parsed: ParsedDocument) -> Document:
    info = parsed.info
    return Document(
        doc_id=parsed.doc_id,
        source=str(path),
        file_name=path.name,
        municipality=info.municipality,
        doc_family=parsed.family,
        title=info.title,
        fiscal_year_start=info.fiscal_year_start,
        fiscal_year_end=info.fiscal_year_end,
        pages=parsed.pages,
        text_layer=parsed.text_layer,
        status=parsed.status,
        error=parsed.error,
        parser_version=PARSER_VERSION,
        size_bytes=path.stat().st_size,
        loaded_at=datetime.now(),
    )


def _finished(run: IngestRun, summary: RunSummary) -> IngestRun:
    counts = summary.counts()
    return run.model_copy(
        update={
            "ended_at": datetime.now(),
            "documents_seen": len(summary.outcomes),
            "documents_loaded": counts["loaded"],
            "documents_partial": counts["partial"],
            "documents_skipped": counts["skipped"],
            "documents_failed": counts["failed"],
            "rows_loaded": sum(o.rows for o in summary.outcomes),
            "rejects": sum(o.rejects for o in summary.outcomes),
            "status": "completed",
        }
    )
