"""Render query results for the terminal: an aligned table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from decimal import Decimal


def render(columns: list[str], rows: list[tuple], fmt: str) -> str:
    """Given a result set, return it as 'table', 'csv' or 'json' text."""
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_plain(v) for v in row] for row in rows])
        return buffer.getvalue().rstrip("\n")
    if fmt == "json":
        return json.dumps(
            [dict(zip(columns, map(_plain, row), strict=True)) for row in rows],
            ensure_ascii=False,
            indent=1,
            default=str,
        )
    return _table(columns, rows)


def _plain(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else str(value.normalize())
    return value


def _width(text: str) -> int:
    """Display width: East Asian wide characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(columns: list[str], rows: list[tuple]) -> str:
    cells = [columns] + [["NULL" if v is None else str(_plain(v)) for v in row] for row in rows]
    widths = [max(_width(r[i]) for r in cells) for i in range(len(columns))]
    lines = ["  ".join(c + " " * (w - _width(c)) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)
