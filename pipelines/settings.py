"""Defaults for paths, per-document limits and Prefect's environment (DESIGN §6); every one can be overridden."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_WAREHOUSE = PROJECT_ROOT / "warehouse" / "gyosei.duckdb"
SAMPLE_DOCS = PROJECT_ROOT / "sample_docs"
DASK_ADDRESS_ENV = "GYOSEI_DASK_ADDRESS"  # e.g. tcp://10.0.0.5:8786; the nightly deployment sets it in prefect.yaml

PREFECT_DEFAULTS = {
    "PREFECT_HOME": str(PROJECT_ROOT / ".prefect"),  # keep Prefect's database and logs inside the project
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",  # else the server tries to phone home
    "DO_NOT_TRACK": "1",
    "PREFECT_LOGGING_LEVEL": "WARNING",  # the CLI prints its own one-line-per-document summary
    # the temporary server of a serverless run needs more than the default 20 s on a busy 2-core machine
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
}


USER_CHOSE_LOG_LEVEL = "PREFECT_LOGGING_LEVEL" in os.environ
RUN_LOGGERS = ("prefect.flow_runs", "prefect.task_runs", "prefect.engine")
"""Loggers of runs and of the engine that runs them (its "Crash detected!" on a Ctrl-C, with a traceback)."""


def quiet_run_logs() -> None:
    """For the CLI: leave errors to gyosei's own one-line messages instead of Prefect's tracebacks.

    A busy or full warehouse is reported once, as `gyosei: ...`; a bad file appears in its document's line.
    Only the terminal is spared: the run's logs still reach the Prefect API. Skipped when
    PREFECT_LOGGING_LEVEL is set (the user wants Prefect's own output).
    """
    if not USER_CHOSE_LOG_LEVEL:
        for handler in logging.getLogger().handlers:  # Prefect's console handler sits on the root logger
            handler.addFilter(_drop_run_records)


def _drop_run_records(record: logging.LogRecord) -> bool:
    return not record.name.startswith(RUN_LOGGERS)


def configure_environment() -> None:
    """Set Prefect's environment defaults unless the user already set them (call before importing prefect)."""
    for key, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)


def dask_address(cli_value: str | None = None) -> str | None:
    """The Dask scheduler that parses documents: --dask-address, else $GYOSEI_DASK_ADDRESS, else none (local)."""
    return cli_value or os.environ.get(DASK_ADDRESS_ENV) or None


def warehouse_path(cli_value: str | None = None) -> Path:
    """The warehouse file: --warehouse, else $GYOSEI_WAREHOUSE, else warehouse/gyosei.duckdb in the project."""
    return Path(cli_value or os.environ.get("GYOSEI_WAREHOUSE") or DEFAULT_WAREHOUSE)


def parquet_dir(warehouse: Path) -> Path:
    """Parquet copies go beside the warehouse file, in a folder named after it (gyosei.duckdb ->
    gyosei.parquet/<table>/), so two warehouses in one folder never overwrite each other's copy."""
    return warehouse.with_name(f"{warehouse.stem}.parquet")


def download_dir(warehouse: Path) -> Path:
    """Downloaded PDFs go beside the warehouse file, under downloads/<sha256>.pdf (kept for re-parsing)."""
    return warehouse.parent / "downloads"


MANIFEST_LIMITS = {"time_limit": "seconds", "memory_limit_mb": "memory_mb", "inflate_limit_mb": "inflate_mb"}
"""Manifest field -> Limits field."""


@dataclass(frozen=True)
class Limits:
    """What one document's parse may use."""

    seconds: float = 600.0
    """Wall-clock time of the parse."""
    memory_mb: int = 4096
    """Address space (RLIMIT_AS) of the parse's process."""
    inflate_mb: int = 256
    """How far one PDF stream may inflate."""

    def merged(self, overrides: dict[str, Any]) -> Limits:
        """These limits with the fields in `overrides` (those not None) replaced."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})

    def check(self) -> Limits:
        if self.seconds <= 0 or self.memory_mb <= 0 or self.inflate_mb <= 0:
            raise ValueError(f"limits must be positive: {self}")
        return self


DEFAULT_LIMITS = Limits()
