"""Load one document all-or-nothing: delete its rows everywhere, insert the new ones, one transaction.

Rows go in through Arrow (`insert ... by name select * from <arrow table>`): one statement per table,
not one per row, so a budget book with 100k cells loads in well under a second.
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb
import pyarrow as pa

from schemas.base import Record
from schemas.documents import Document, IngestRun
from warehouse.schema import document_tables


def is_loaded(con: duckdb.DuckDBPyConnection, doc_id: str, parser_version: str) -> bool:
    """Return True when these bytes were already loaded (or partially loaded) by this parser version."""
    [(count,)] = con.execute(
        "select count(*) from documents where doc_id = ? and parser_version = ? "
        "and status in ('loaded', 'partial', 'superseded')",
        [doc_id, parser_version],
    ).fetchall()  # DuckDB 2: fetchone() leaves the result open and blocks the connection
    return count > 0


def load_document(con: duckdb.DuckDBPyConnection, document: Document, rows: dict[str, list[Record]]) -> int:
    """Replace everything of `document` with `rows` in one transaction; return the rows inserted."""
    con.execute("begin transaction")
    try:
        for table in document_tables(con):
            con.execute(f"delete from {table} where doc_id = ?", [document.doc_id])
        inserted = sum(_insert(con, table, records) for table, records in rows.items() if records)
        _upsert(con, document)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return inserted


def record_failure(con: duckdb.DuckDBPyConnection, document: Document) -> bool:
    """Record a failed document, unless these bytes are already loaded: nothing loaded is ever lost.

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


def _upsert(con: duckdb.DuckDBPyConnection, record: Record) -> None:
    _insert(con, record.table, [record], replace=True)


def _insert(con: duckdb.DuckDBPyConnection, table: str, records: Iterable[Record], *, replace=False) -> int:
    incoming = pa.Table.from_pylist([r.model_dump() for r in records])
    verb = "insert or replace into" if replace else "insert into"
    con.register("incoming_rows", incoming)
    try:
        con.execute(f"{verb} {table} by name select * from incoming_rows")
    finally:
        con.unregister("incoming_rows")
    return incoming.num_rows
