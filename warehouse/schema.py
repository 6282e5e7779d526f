"""Apply the DDL and views in sql/ (files run in name order) and list the per-document tables."""

from __future__ import annotations

from pathlib import Path

import duckdb

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"


def sql_files(kind: str) -> list[Path]:
    """Given 'tables' or 'views', return that folder's .sql files in the order they must run."""
    return sorted((SQL_DIR / kind).glob("*.sql"))


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table and (re)create every view; safe to run on every open."""
    for path in sql_files("tables") + sql_files("views"):
        con.execute(path.read_text(encoding="utf-8"))


def document_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Return the tables whose rows belong to one document (they have a doc_id), except `documents`."""
    rows = con.execute(
        "select table_name from information_schema.columns "
        "where column_name = 'doc_id' and table_name <> 'documents' "
        "and table_name in (select table_name from information_schema.tables where table_type = 'BASE TABLE') "
        "order by table_name"
    ).fetchall()
    return [name for (name,) in rows]
