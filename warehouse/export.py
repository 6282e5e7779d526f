"""Export every table, `facts` and the `current_*` views to Parquet under <parquet_dir>/<name>/,
hive-partitioned by municipality and year.

Each is rewritten whole (OVERWRITE), so the Parquet copy always equals the DuckDB file after a run. The
fiscal year of a row is its own `fiscal_year` where it has one, else its document's. The views go too
because a Parquet reader (Spark, Trino, pandas) has no DuckDB to evaluate them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from warehouse.schema import HISTORY_TABLES, document_tables

PARTITION_SQL = """
copy (
    select t.*,
        coalesce(d.municipality, 'unknown') as municipality_part,
        coalesce({year_expr}, -1) as fiscal_year_part
    from {table} as t
    left join documents as d on d.doc_id = t.doc_id
) to '{target}' (format parquet, partition_by (municipality_part, fiscal_year_part), overwrite true)
"""


def export_parquet(con: duckdb.DuckDBPyConnection, parquet_dir: Path) -> dict[str, int]:
    """Write every table, `facts` and the `current_*` views to Parquet; return rows written per name."""
    written: dict[str, int] = {}
    Path(parquet_dir).mkdir(parents=True, exist_ok=True)
    for table in [*HISTORY_TABLES, *document_tables(con), *exported_views(con)]:
        [(count,)] = con.execute(f"select count(*) from {table}").fetchall()
        if count == 0:
            shutil.rmtree(Path(parquet_dir) / table, ignore_errors=True)  # no stale copy of what is gone
            continue
        columns = {
            c
            for (c,) in con.execute(
                "select column_name from information_schema.columns where table_name = ?", [table]
            ).fetchall()
        }
        year_expr = "t.fiscal_year" if "fiscal_year" in columns else "d.fiscal_year_start"
        target = (Path(parquet_dir) / table).as_posix().replace("'", "''")
        con.execute(PARTITION_SQL.format(table=table, year_expr=year_expr, target=target))
        written[table] = count
    return written


def exported_views(con: duckdb.DuckDBPyConnection) -> list[str]:
    """`facts` and the `current_*` views, in name order."""
    rows = con.execute(
        "select table_name from information_schema.tables where table_type = 'VIEW' "
        "and (table_name = 'facts' or starts_with(table_name, 'current_')) order by table_name"
    ).fetchall()
    return [name for (name,) in rows]
