"""Open the warehouse: one writer at a time (DuckDB's file lock), readers read-only and sealed off."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from warehouse.schema import ensure_schema

LOCK_WAIT_SECONDS = 30.0
LOCK_POLL_SECONDS = 0.5
READER_CONFIG = {"enable_external_access": False, "lock_configuration": True}
"""A reader sees the warehouse and nothing else: no files (read_csv, COPY TO, ATTACH, EXPORT), no
extensions to install, and no `SET` that could undo this."""
WRITE_ERRORS = (duckdb.IOException, duckdb.FatalException, duckdb.PermissionException, OSError)
"""What a failed write raises: disk full, file too large, read-only file system, permissions."""


class WarehouseError(RuntimeError):
    """The warehouse cannot be opened or written; the message says why and what to do."""


def open_writer(path: Path, *, wait_seconds: float = LOCK_WAIT_SECONDS) -> duckdb.DuckDBPyConnection:
    """Open `path` for writing, creating it and its schema; wait for another writer up to `wait_seconds`."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        reason = "a file of that name is in the way" if isinstance(err, FileExistsError) else err.strerror
        raise WarehouseError(f"cannot create the warehouse folder {path.parent}: {reason}") from err
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            con = duckdb.connect(str(path))
            break
        except duckdb.IOException as err:
            if "lock" not in str(err).lower():
                raise WarehouseError(
                    f"cannot open the warehouse {path} for writing: {_reason(err)}. "
                    "Check that its folder exists and is writable, or choose another with --warehouse."
                ) from err
            if time.monotonic() >= deadline:
                raise WarehouseError(
                    f"the warehouse {path} is in use by another process{_holder(err)} (another ingest run?); "
                    f"waited {wait_seconds:g} s. Try again when it has finished."
                ) from err
            time.sleep(LOCK_POLL_SECONDS)
    try:
        with write_errors(path):
            ensure_schema(con)
    except BaseException:
        con.close()
        raise
    return con


@contextmanager
def write_errors(path: Path) -> Iterator[None]:
    """Turn a failed write (disk full, read-only file system, file too large) into a WarehouseError.

    DuckDB rolls the open transaction back first, so the message can promise that nothing was half-written.
    """
    try:
        yield
    except WRITE_ERRORS as err:
        raise WarehouseError(
            f"cannot write the warehouse {path}: {_reason(err)}. The write was rolled back and nothing "
            "half-written was kept; free disk space or fix the permissions, then run the ingest again."
        ) from err


def _holder(err: BaseException) -> str:
    """' (PID n)' when DuckDB's lock error names the process holding the file."""
    found = re.search(r"\(PID (\d+)\)", str(err))
    return f" (PID {found.group(1)})" if found else ""


def _reason(err: BaseException) -> str:
    """DuckDB's message without its 'IO Error: ' prefix, or the OS's strerror."""
    if isinstance(err, OSError) and err.strerror:
        return err.strerror
    return str(err).removeprefix("IO Error: ")


def open_reader(path: Path) -> duckdb.DuckDBPyConnection:
    """Open `path` read-only, sealed off from the machine (READER_CONFIG); a missing warehouse is an
    error, not an empty new file."""
    path = Path(path)
    if not path.exists():
        raise WarehouseError(f"no warehouse at {path}: run `gyosei ingest` first")
    try:
        return duckdb.connect(str(path), read_only=True, config=READER_CONFIG)
    except duckdb.Error as err:
        if "lock" in str(err).lower():
            raise WarehouseError(
                f"the warehouse {path} is being written by another process{_holder(err)} (an ingest run?); "
                "try again when it has finished"
            ) from err
        raise WarehouseError(f"cannot open the warehouse {path} read-only: {_reason(err)}") from err
