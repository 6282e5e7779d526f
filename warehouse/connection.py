"""Open the warehouse: one writer at a time (DuckDB's file lock), readers read-only."""

from __future__ import annotations

import time
from pathlib import Path

import duckdb

from warehouse.schema import ensure_schema

DEFAULT_WAREHOUSE = Path("warehouse") / "gyosei.duckdb"
LOCK_WAIT_SECONDS = 30.0
LOCK_POLL_SECONDS = 0.5


class WarehouseError(RuntimeError):
    """The warehouse cannot be opened or written; the message says why and what to do."""


def open_writer(path: Path, *, wait_seconds: float = LOCK_WAIT_SECONDS) -> duckdb.DuckDBPyConnection:
    """Open `path` for writing, creating it and its schema; wait for another writer up to `wait_seconds`."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise WarehouseError(f"cannot create the warehouse folder {path.parent}: {err.strerror}") from err
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            con = duckdb.connect(str(path))
            break
        except duckdb.IOException as err:
            if "lock" not in str(err).lower():
                raise WarehouseError(f"cannot open the warehouse {path}: {err}") from err
            if time.monotonic() >= deadline:
                raise WarehouseError(
                    f"the warehouse {path} is in use by another process (another ingest run?); "
                    f"waited {wait_seconds:.0f} s. Try again when it has finished."
                ) from err
            time.sleep(LOCK_POLL_SECONDS)
    ensure_schema(con)
    return con


def open_reader(path: Path) -> duckdb.DuckDBPyConnection:
    """Open `path` read-only; a missing warehouse is an error, not an empty new file."""
    path = Path(path)
    if not path.exists():
        raise WarehouseError(f"no warehouse at {path}: run `gyosei ingest` first")
    try:
        return duckdb.connect(str(path), read_only=True)
    except duckdb.Error as err:
        raise WarehouseError(f"cannot open the warehouse {path} read-only: {err}") from err
