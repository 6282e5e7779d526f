"""What changed between two versions of a document key: the `document_changes` view, for `gyosei diff`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from warehouse.connection import open_reader
from warehouse.query import QueryUsageError

COLUMNS = [
    "change",
    "project",
    "table_name",
    "row_label",
    "column_label",
    "measure",
    "fiscal_year",
    "old_value",
    "new_value",
    "unit",
    "old_page",
    "new_page",
]


@dataclass(frozen=True)
class Diff:
    """The facts added, removed and changed in `version` of `key` against `previous_version`."""

    key: str
    version: int
    previous_version: int
    columns: list[str]
    rows: list[tuple]

    def headline(self) -> str:
        counts = Counter(row[0] for row in self.rows)
        return (
            f"{self.key}: version {self.version} against version {self.previous_version}: "
            f"{counts['added']} added, {counts['removed']} removed, {counts['changed']} changed"
        )


def document_diff(path: Path, key: str, version: int | None = None) -> Diff:
    """Given a document key (or a unique part of it) and optionally a version (default: the latest),
    return the facts that changed against the version before it."""
    con = open_reader(path)
    try:
        key = _resolve_key(con, key)
        versions = [
            v
            for (v,) in con.execute(
                "select version from document_versions where document_key = ? and status <> 'failed' order by version",
                [key],
            ).fetchall()
        ]
        version = versions[-1] if version is None and versions else version
        if version not in versions:
            raise QueryUsageError(f"{key} has no loaded version {version}; its versions: {versions or 'none loaded'}")
        if versions.index(version) == 0:
            raise QueryUsageError(f"{key}: version {version} is its first loaded version, there is nothing to compare")
        rows = con.execute(
            f"select {', '.join(COLUMNS)} from document_changes where document_key = ? and version = ? "
            "order by change, table_name, project, row_label, column_label, measure, fiscal_year",
            [key, version],
        ).fetchall()
        return Diff(key, version, versions[versions.index(version) - 1], COLUMNS, rows)
    finally:
        con.close()


def _resolve_key(con, text: str) -> str:
    keys = [
        k
        for (k,) in con.execute(
            "select distinct document_key from document_versions where contains(document_key, ?) order by 1", [text]
        ).fetchall()
    ]
    if text in keys:
        return text
    if len(keys) == 1:
        return keys[0]
    if not keys:
        raise QueryUsageError(f"no document key contains {text!r} (see `gyosei status`, document versions)")
    raise QueryUsageError(f"{len(keys)} document keys contain {text!r}: " + "; ".join(keys))
