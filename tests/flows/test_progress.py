"""Progress of long documents: pages read / total on a terminal, nothing in logs (issue #20)."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from parsers.parse import NO_HINTS
from pipelines.limits import run_limited
from pipelines.parse_cache import parse_to_cache
from pipelines.progress import PageProgress
from pipelines.settings import DEFAULT_LIMITS
from tests.warehouse.children import PROJECT_ROOT

SAMPLE = PROJECT_ROOT / "sample_docs" / "sagamihara_ict_jisshi_jigyoshu_2024.pdf"  # 9 pages
DOC_ID = "0" * 64


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_parse_process_reports_every_page_it_reads(tmp_path):
    told = []
    parsed = run_limited(
        DEFAULT_LIMITS, parse_to_cache, SAMPLE, DOC_ID, NO_HINTS, tmp_path, refresh=True,
        on_progress=lambda done, total: told.append((done, total)),
    )  # fmt: skip
    assert parsed.pages == 9
    assert told == [(n, 9) for n in range(1, 10)]


def test_the_line_shows_every_document_being_read_and_goes_when_they_are_done():
    terminal = Terminal()
    progress = PageProgress(terminal)
    progress.reporter("歳出.pdf")(408, 408)  # a last page is always drawn
    progress.reporter("plan.pdf")(10, 10)
    assert terminal.getvalue().endswith("\r\x1b[Kreading 歳出.pdf 408/408 pages · plan.pdf 10/10 pages")
    progress.finish("歳出.pdf")
    progress.finish("plan.pdf")
    assert terminal.getvalue().endswith("\r\x1b[Kreading plan.pdf 10/10 pages\r\x1b[K")  # the line is cleared


def test_no_progress_is_written_where_there_is_no_terminal():
    log = io.StringIO()
    progress = PageProgress(log)
    assert progress.reporter("歳出.pdf") is None  # so the parse is not even asked to report
    progress.finish("歳出.pdf")
    assert log.getvalue() == ""


@pytest.mark.flow
def test_an_ingest_on_a_terminal_shows_the_pages_read_and_a_log_does_not(tmp_path):
    on_terminal = _ingest(tmp_path / "tty", terminal=True)
    assert f"reading {SAMPLE.name} 9/9 pages" in on_terminal, on_terminal[-2000:]
    in_a_log = _ingest(tmp_path / "log", terminal=False)
    assert "sagamihara_ict_jisshi_jigyoshu_2024.pdf" in in_a_log  # the summary names it ...
    assert "9/9 pages" not in in_a_log  # ... without progress
    assert "\x1b[K" not in in_a_log and "\r" not in in_a_log


def _ingest(folder: Path, *, terminal: bool) -> str:
    """`gyosei ingest SAMPLE` as a user runs it (its own temporary Prefect server), its output."""
    args = [sys.executable, "-m", "pipelines.cli", "ingest", str(SAMPLE), "--warehouse", str(folder / "w.duckdb")]
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_URL", "PREFECT_LOGGING_LEVEL")}
    (folder / "prefect").mkdir(parents=True)
    env["PREFECT_HOME"] = str(folder / "prefect")
    env["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = "300"  # a busy 2-core machine starts it slowly
    if not terminal:
        done = subprocess.run(args, env=env, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        return done.stdout + done.stderr
    controller, tty = pty.openpty()
    child = subprocess.Popen(args, env=env, cwd=PROJECT_ROOT, stdin=tty, stdout=tty, stderr=tty)
    os.close(tty)
    output = bytearray()
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # EIO: every writer of the terminal has gone
            break
        if not chunk:
            break
        output += chunk
    os.close(controller)
    assert child.wait(timeout=600) == 0, output.decode(errors="replace")
    return output.decode(errors="replace")
