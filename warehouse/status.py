"""The queries behind `gyosei status` (SQL in sql/status/, one report per file)."""

from __future__ import annotations

from pathlib import Path

from warehouse.query import run_query
from warehouse.schema import SQL_DIR

REPORTS = [
    "needs_attention",
    "last_runs",
    "documents_by_status",
    "document_versions",
    "quality",
    "warnings",
    "crosschecks",
]


def status_reports(path: Path) -> list[tuple[str, list[str], list[tuple]]]:
    """Return (report name, columns, rows) for each status report, in display order."""
    out = []
    for name in REPORTS:
        sql = (SQL_DIR / "status" / f"{name}.sql").read_text(encoding="utf-8")
        columns, rows = run_query(path, sql)
        out.append((name, columns, rows))
    return out
