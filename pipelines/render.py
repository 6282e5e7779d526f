"""Render query results for the terminal: an aligned table, CSV or JSON.

Each value has one printed form whatever the format: a DECIMAL is its exact digits without trailing
zeros (`30000`, `7.5`, a JSON number too), dates and timestamps are ISO 8601, booleans `true`/`false`,
NULL is `NULL` in a table, empty in CSV and `null` in JSON; lists and structs keep their shape in JSON.
"""

from __future__ import annotations

import csv
import io
import json
import math
import unicodedata
import uuid
from datetime import date, datetime, time, timedelta
from decimal import Decimal


def render(columns: list[str], rows: list[tuple], fmt: str) -> str:
    """Given a result set, return it as 'table', 'csv' or 'json' text."""
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([["" if v is None else text(v) for v in row] for row in rows])
        return buffer.getvalue().rstrip("\n")
    if fmt == "json":
        objects = [
            "{"
            + ", ".join(f"{json.dumps(c, ensure_ascii=False)}: {_json(v)}" for c, v in zip(columns, row, strict=True))
            + "}"
            for row in rows
        ]
        return "[\n" + ",\n".join(f" {o}" for o in objects) + "\n]" if objects else "[]"
    return _table(columns, rows)


def text(value) -> str:
    """The one printed form of a non-NULL value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return _decimal(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, bytes):
        return "\\x" + value.hex()
    if isinstance(value, list | tuple | dict):
        return _json(value)
    return str(value)


def _decimal(value: Decimal) -> str:
    """Exact digits, no exponent, no trailing zeros: Decimal('30000.000000') -> '30000'."""
    return format(value.normalize(), "f") if value.is_finite() else str(value)


def _json(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, Decimal) and value.is_finite():
        return _decimal(value)  # a JSON number with every digit (no float rounding)
    if isinstance(value, bool | int) or (isinstance(value, float) and math.isfinite(value)):
        return json.dumps(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(map(_json, value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(str(k), ensure_ascii=False)}: {_json(v)}" for k, v in value.items()) + "}"
    if isinstance(value, uuid.UUID | timedelta):
        return json.dumps(str(value))
    return json.dumps(text(value), ensure_ascii=False)


def _width(cell: str) -> int:
    """Display width: East Asian wide characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in cell)


def _table(columns: list[str], rows: list[tuple]) -> str:
    cells = [columns] + [["NULL" if v is None else text(v) for v in row] for row in rows]
    widths = [max(_width(r[i]) for r in cells) for i in range(len(columns))]
    lines = ["  ".join(c + " " * (w - _width(c)) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)
