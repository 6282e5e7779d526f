"""Open the warehouse: one writer at a time (DuckDB's file lock), readers read-only and sealed off.

An ingest run holds the warehouse's *run lock* (`run_lock`) from start to end, so that runs never overlap,
but DuckDB's file lock only while it writes (`Writer`): one document's load, the run's rows, the Parquet
export. Parsing, which may take minutes, holds no lock, so `gyosei status` and `gyosei sql` (which wait a
few seconds for a write to finish, `READ_WAIT_SECONDS`) answer during a run.
"""

from __future__ import annotations

import fcntl
import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from warehouse.schema import ensure_schema

LOCK_WAIT_SECONDS = 30.0
LOCK_POLL_SECONDS = 0.2
READ_WAIT_SECONDS = 15.0
"""How long a reader waits for a write in progress (one document's load, the Parquet export)."""
READER_CONFIG = {"enable_external_access": False, "lock_configuration": True}
"""A reader sees the warehouse and nothing else: no files (read_csv, COPY TO, ATTACH, EXPORT), no
extensions to install, and no `SET` that could undo this."""
WRITE_ERRORS = (duckdb.IOException, duckdb.FatalException, duckdb.PermissionException, OSError)
"""What a failed write raises: disk full, file too large, read-only file system, permissions."""


class WarehouseError(RuntimeError):
    """The warehouse cannot be opened or written; the message says why and what to do."""


def open_writer(
    path: Path, *, wait_seconds: float = LOCK_WAIT_SECONDS, schema: bool = True
) -> duckdb.DuckDBPyConnection:
    """Open `path` for writing, creating it and (unless `schema` is False: already done) its schema; wait
    for another writer up to `wait_seconds`."""
    path = _warehouse_folder(path)

    def in_use(err: duckdb.Error) -> WarehouseError:
        return WarehouseError(
            f"the warehouse {path} is in use by another process{_holder(err)} (another ingest run?); "
            f"waited {wait_seconds:g} s. Try again when it has finished."
        )

    def other(err: duckdb.Error) -> WarehouseError:
        return WarehouseError(
            f"cannot open the warehouse {path} for writing: {_reason(err)}. "
            "Check that its folder exists and is writable, or choose another with --warehouse."
        )

    con = _connect_waiting(lambda: duckdb.connect(str(path)), wait_seconds, in_use, other, duckdb.IOException)
    if schema:
        try:
            with write_errors(path):
                ensure_schema(con)
        except BaseException:
            con.close()
            raise
    return con


def _warehouse_folder(path: Path) -> Path:
    """`path`, its folder created; a clear error when it cannot be."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        reason = "a file of that name is in the way" if isinstance(err, FileExistsError) else err.strerror
        raise WarehouseError(f"cannot create the warehouse folder {path.parent}: {reason}") from err
    return path


def _connect_waiting(
    connect: Callable[[], duckdb.DuckDBPyConnection],
    wait_seconds: float,
    in_use: Callable[[duckdb.Error], WarehouseError],
    other: Callable[[duckdb.Error], WarehouseError],
    errors: type[duckdb.Error] | tuple = duckdb.Error,
) -> duckdb.DuckDBPyConnection:
    """`connect()`, retried while DuckDB's file lock is held by another process, up to `wait_seconds`."""
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            return connect()
        except errors as err:
            if "lock" not in str(err).lower():
                raise other(err) from err
            if time.monotonic() >= deadline:
                raise in_use(err) from err
            time.sleep(LOCK_POLL_SECONDS)


class Writer:
    """Opens the warehouse for one write at a time (`with writer() as con:`) and closes it after, so that
    DuckDB's file lock is held only while something is written, never while documents are parsed."""

    def __init__(self, path: Path, wait_seconds: float = LOCK_WAIT_SECONDS):
        self.path = Path(path)
        self.wait_seconds = wait_seconds
        self._schema_ready = False

    @contextmanager
    def __call__(self) -> Iterator[duckdb.DuckDBPyConnection]:
        con = open_writer(self.path, wait_seconds=self.wait_seconds, schema=not self._schema_ready)
        self._schema_ready = True
        try:
            yield con
        finally:
            con.close()


@contextmanager
def run_lock(path: Path, *, wait_seconds: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold the run lock of the warehouse `path` (a `.run-lock` file beside it, with the holder's PID): one
    ingest run at a time. The kernel releases it when its process dies, however it dies."""
    lock_file = _warehouse_folder(path).with_name(Path(path).name + ".run-lock")
    with open(lock_file, "a+") as handle:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip()
                    raise WarehouseError(
                        f"the warehouse {path} is in use by another ingest run"
                        f"{f' (PID {holder})' if holder.isdigit() else ''}; waited {wait_seconds:g} s. "
                        "Try again when it has finished."
                    ) from None
                time.sleep(LOCK_POLL_SECONDS)
        handle.truncate(0)
        handle.write(str(os.getpid()))
        handle.flush()
        yield


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


def open_reader(path: Path, *, wait_seconds: float = READ_WAIT_SECONDS) -> duckdb.DuckDBPyConnection:
    """Open `path` read-only, sealed off from the machine (READER_CONFIG), waiting up to `wait_seconds` for
    a write in progress; a missing warehouse is an error, not an empty new file."""
    path = Path(path)
    if not path.exists():
        raise WarehouseError(f"no warehouse at {path}: run `gyosei ingest` first")

    def in_use(err: duckdb.Error) -> WarehouseError:
        return WarehouseError(
            f"the warehouse {path} is being written by another process{_holder(err)} (an ingest run?); "
            f"waited {wait_seconds:g} s. Try again when it has finished."
        )

    def other(err: duckdb.Error) -> WarehouseError:
        return WarehouseError(f"cannot open the warehouse {path} read-only: {_reason(err)}")

    return _connect_waiting(
        lambda: duckdb.connect(str(path), read_only=True, config=READER_CONFIG), wait_seconds, in_use, other
    )
