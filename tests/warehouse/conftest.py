"""A fresh warehouse writer per test."""

from __future__ import annotations

import pytest

from warehouse.connection import open_writer


@pytest.fixture
def con(tmp_path):
    connection = open_writer(tmp_path / "w.duckdb")
    yield connection
    connection.close()
