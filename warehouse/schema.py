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


HISTORY_TABLES = ("documents", "document_versions")
"""Tables about documents rather than read from one: a load never deletes their rows by doc_id."""


def document_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Return the tables whose rows were read from one document (they have a doc_id), except HISTORY_TABLES."""
    rows = con.execute(
        "select table_name from information_schema.columns "
        f"where column_name = 'doc_id' and table_name not in {HISTORY_TABLES} "
        "and table_name in (select table_name from information_schema.tables where table_type = 'BASE TABLE') "
        "order by table_name"
    ).fetchall()
    return [name for (name,) in rows]
