"""One Prefect test harness (a real API server in a subprocess) shared by the flow tests only."""

from __future__ import annotations

import pytest

import pipelines  # noqa: F401  (sets PREFECT_HOME and telemetry defaults before prefect is imported)


@pytest.fixture(scope="session")
def prefect_harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def batch(tmp_path, table_pdf):
    """A folder with one good PDF, one empty file, one text file and one encrypted PDF."""
    from tests.pdf_factory import encrypted_pdf, ruled_table_pdf

    folder = tmp_path / "batch"
    folder.mkdir()
    ruled_table_pdf(folder / "good.pdf", [["款", "本年度"], ["市税", "49,286,300"]], pages=2)
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "notes.pdf").write_text("not a pdf", encoding="utf-8")
    encrypted_pdf(folder / "locked.pdf")
    return folder
