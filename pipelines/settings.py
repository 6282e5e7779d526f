"""Defaults for paths and for Prefect's environment (DESIGN §6); every one can be overridden."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_WAREHOUSE = PROJECT_ROOT / "warehouse" / "gyosei.duckdb"
SAMPLE_DOCS = PROJECT_ROOT / "sample_docs"

PREFECT_DEFAULTS = {
    "PREFECT_HOME": str(PROJECT_ROOT / ".prefect"),  # keep Prefect's database and logs inside the project
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",  # else the server tries to phone home
    "DO_NOT_TRACK": "1",
    "PREFECT_LOGGING_LEVEL": "WARNING",  # the CLI prints its own one-line-per-document summary
}


def configure_environment() -> None:
    """Set Prefect's environment defaults unless the user already set them (call before importing prefect)."""
    for key, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)


def warehouse_path(cli_value: str | None = None) -> Path:
    """The warehouse file: --warehouse, else $GYOSEI_WAREHOUSE, else warehouse/gyosei.duckdb in the project."""
    return Path(cli_value or os.environ.get("GYOSEI_WAREHOUSE") or DEFAULT_WAREHOUSE)


def parquet_dir(warehouse: Path) -> Path:
    """Parquet copies go beside the warehouse file, under parquet/<table>/."""
    return warehouse.parent / "parquet"
