"""Export every table to Parquet under <parquet_dir>/<table>/, hive-partitioned by municipality and year.

Each table is rewritten whole (OVERWRITE), so the Parquet copy always equals the DuckDB file after a
run. The fiscal year of a row is its own `fiscal_year` where it has one, else its document's.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.schema import document_tables

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
    """Write every document table and `documents` to Parquet; return rows written per table."""
    written: dict[str, int] = {}
    Path(parquet_dir).mkdir(parents=True, exist_ok=True)
    for table in ["documents", *document_tables(con)]:
        [(count,)] = con.execute(f"select count(*) from {table}").fetchall()
        if count == 0:
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
