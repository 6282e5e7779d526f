"""Read-only queries on the warehouse, for the CLI and for analysts' scripts."""

from __future__ import annotations

from pathlib import Path

from warehouse.connection import open_reader


class QueryUsageError(ValueError):
    """The request cannot be answered as asked: an empty query, an unknown document key."""


def run_query(path: Path, sql: str, params: list | None = None) -> tuple[list[str], list[tuple]]:
    """Run one read-only statement and return (column names, rows)."""
    con = open_reader(path)
    try:
        if not con.extract_statements(sql):
            raise QueryUsageError('the query is empty: give one SQL statement, e.g. "select count(*) from facts"')
        cursor = con.execute(sql, params or [])
        columns = [d[0] for d in cursor.description] if cursor.description else []
        return columns, cursor.fetchall()
    finally:
        con.close()
