"""Load one document all-or-nothing: delete its rows everywhere, insert the new ones, one transaction.

Rows go in through Arrow (`insert ... by name select * from <arrow table>`): one statement per table,
not one per row, so a budget book with 100k cells loads in well under a second. A table may also come as a
stream of Arrow record batches (a parse cached on disk): DuckDB reads it batch by batch, so the loader
never holds a whole book's rows.

Versions (DESIGN §2): a document belongs to a `document_key`. Loading new bytes for a key gives them the
next version and marks the key's older documents 'superseded' in the same transaction, so a reader sees
either the old current version or the new one, never both or neither. Every publication is a row of
`document_versions`, also when bytes published before come back (`documents` has one row per file).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

import duckdb
import pyarrow as pa

from schemas.base import Record
from schemas.collect import RecordBatches
from schemas.documents import Document, DocumentVersion, IngestRun
from warehouse.schema import document_tables

LIVE_STATUSES = ("loaded", "partial")
"""Statuses whose facts are current: the only ones a skip may rely on and the only ones that supersede."""

Rows = Iterable[Record] | pa.RecordBatchReader
"""A table's rows: records, or a stream of Arrow record batches with the table's columns."""


@dataclass(frozen=True)
class LoadResult:
    """What one load did: rows inserted, the version given, the doc_ids it superseded."""

    rows: int
    version: int
    superseded: tuple[str, ...] = ()


def loaded_keys(con: duckdb.DuckDBPyConnection, parser_version: str) -> dict[str, str]:
    """Map the doc_id of every document loaded (or partially loaded) by this parser version, and current, to
    its document_key. Bytes loaded but later superseded are absent: when they come back, they are a new
    version."""
    rows = con.execute(
        "select doc_id, document_key from documents where parser_version = ? and status in (?, ?)",
        [parser_version, *LIVE_STATUSES],
    ).fetchall()
    return dict(rows)


def load_document(con: duckdb.DuckDBPyConnection, document: Document, rows: Mapping[str, Rows]) -> LoadResult:
    """Replace everything of `document` with `rows` ({table: rows}) in one transaction, as a version of its key."""
    con.execute("begin transaction")
    try:
        document = document.model_copy(update={"version": _version_for(con, document)})
        for table in document_tables(con):
            con.execute(f"delete from {table} where doc_id = ?", [document.doc_id])
        inserted = sum(_insert(con, table, records) for table, records in rows.items())
        _upsert(con, document)
        _upsert(con, DocumentVersion.of(document))
        superseded = _supersede_older(con, document) if document.status in LIVE_STATUSES else ()
        con.execute("commit")
    except BaseException:
        _rollback(con)
        raise
    return LoadResult(rows=inserted, version=document.version, superseded=superseded)


def record_failure(con: duckdb.DuckDBPyConnection, document: Document) -> bool:
    """Record a failed document, unless these bytes are already loaded: nothing loaded is ever lost.

    A failure is a version of its key but supersedes nothing: the last good version stays current.
    Returns True when the failure was recorded.
    """
    rows = con.execute("select status from documents where doc_id = ?", [document.doc_id]).fetchall()
    if rows and rows[0][0] != "failed":
        return False
    load_document(con, document, {})
    return True


def record_run(con: duckdb.DuckDBPyConnection, run: IngestRun) -> None:
    """Insert or update the row of an ingest run."""
    _upsert(con, run)


def mark_interrupted_runs(con: duckdb.DuckDBPyConnection, now: datetime) -> int:
    """Mark runs still 'running' as 'interrupted'; call only while holding the run lock.

    Only one run holds the warehouse's run lock at a time, so a 'running' row seen by its holder belongs to
    a process that died (killed, machine lost power) before it could finish its row.
    """
    rows = con.execute(
        "update ingest_runs set status = 'interrupted', ended_at = ?, "
        "error = 'the run stopped before finishing (killed?); its last document was rolled back' "
        "where status = 'running' returning run_id",
        [now],
    ).fetchall()
    return len(rows)


def _version_for(con: duckdb.DuckDBPyConnection, document: Document) -> int:
    """Keep the version of a current row with these bytes and key (a re-parse), else take the next one."""
    rows = con.execute(
        "select version from documents where doc_id = ? and document_key = ? and status <> 'superseded'",
        [document.doc_id, document.document_key],
    ).fetchall()
    if rows:
        return rows[0][0]
    [(latest,)] = con.execute(
        "select coalesce(max(version), 0) from document_versions where document_key = ?", [document.document_key]
    ).fetchall()
    return latest + 1


def _supersede_older(con: duckdb.DuckDBPyConnection, document: Document) -> tuple[str, ...]:
    """Mark the key's other files and its earlier live publications superseded; failed ones stay failed."""
    con.execute(
        "update document_versions set status = 'superseded' "
        "where document_key = ? and version <> ? and status in (?, ?)",
        [document.document_key, document.version, *LIVE_STATUSES],
    )
    rows = con.execute(
        "update documents set status = 'superseded' "
        "where document_key = ? and doc_id <> ? and status <> 'superseded' returning doc_id",
        [document.document_key, document.doc_id],
    ).fetchall()
    return tuple(sorted(doc_id for (doc_id,) in rows))


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back, keeping the original error when DuckDB can no longer roll back (it invalidated itself)."""
    try:
        con.execute("rollback")
    except duckdb.Error:
        pass


def _upsert(con: duckdb.DuckDBPyConnection, record: Record) -> None:
    _insert(con, record.table, [record], replace=True)


def records_to_arrow(records: Iterable[Record]) -> pa.Table:
    """Records as one Arrow table, columns named and typed as the records' fields."""
    if isinstance(records, RecordBatches):  # already validated and dumped, batch by batch
        return records.to_table()
    return pa.Table.from_pylist([r.model_dump() for r in records])


def _insert(con: duckdb.DuckDBPyConnection, table: str, records: Rows, *, replace=False) -> int:
    incoming = records if isinstance(records, pa.RecordBatchReader) else records_to_arrow(records)
    if not incoming.schema.names:  # an empty list of records
        return 0
    verb = "insert or replace into" if replace else "insert into"
    con.register("incoming_rows", incoming)
    try:
        [(inserted,)] = con.execute(f"{verb} {table} by name select * from incoming_rows").fetchall()
    finally:
        with contextlib.suppress(duckdb.TransactionException):  # after a failed insert: keep its error
            con.unregister("incoming_rows")
    return inserted
