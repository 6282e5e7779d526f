"""The read-only queries behind the review site and dashboard (SQL in sql/review/, one query per file).

Rows come back as dicts so the site builder can hand them to templates and JSON without knowing columns.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from warehouse.connection import open_reader
from warehouse.schema import SQL_DIR

REVIEW_SQL = SQL_DIR / "review"
STREAM_CHUNK = 10_000


@contextmanager
def review_reader(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """One read-only connection for a whole site build."""
    con = open_reader(path)
    try:
        yield con
    finally:
        con.close()


def review_rows(con: duckdb.DuckDBPyConnection, name: str, **params) -> list[dict]:
    """Run sql/review/<name>.sql with named parameters ($doc_id …); return its rows as dicts."""
    sql = (REVIEW_SQL / f"{name}.sql").read_text(encoding="utf-8")
    cursor = con.execute(sql, params) if params else con.execute(sql)
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def review_stream(con: duckdb.DuckDBPyConnection, name: str, *, chunk: int = STREAM_CHUNK, **params) -> Iterator[dict]:
    """`review_rows`, fetched `chunk` rows at a time: a 1,000-page book has 300k boxes, whose dicts alone
    would take half a gigabyte. The connection must run nothing else until the stream is exhausted."""
    sql = (REVIEW_SQL / f"{name}.sql").read_text(encoding="utf-8")
    cursor = con.execute(sql, params) if params else con.execute(sql)
    columns = [d[0] for d in cursor.description]
    while rows := cursor.fetchmany(chunk):
        for row in rows:
            yield dict(zip(columns, row, strict=True))
