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
BOX_PAGES = 50
"""Pages whose boxes one query fetches: DuckDB sorts all a query returns before the first row comes (a
1,000-page book's 300k boxes at once took 115 MB), and a budget book's page has ~300 boxes."""
LAST_PAGE = 2_147_483_647  # the last range reaches to here, and holds any box without a page


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


def review_boxes(con: duckdb.DuckDBPyConnection, doc_id: str, pages: int | None) -> Iterator[dict]:
    """The `boxes` of a document of `pages` pages in page order, fetched BOX_PAGES pages at a time."""
    pages = pages or 0
    for after in range(0, max(pages, 1), BOX_PAGES):
        upto = after + BOX_PAGES if after + BOX_PAGES < pages else LAST_PAGE
        yield from review_stream(con, "boxes", doc_id=doc_id, after_page=after, upto_page=upto)
