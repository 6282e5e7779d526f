"""Per-document limits: a parse runs in a child process within a time limit, a memory limit and a cap on
inflated stream size; a document that hits one is failed with the limit named, and the run goes on."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from parsers.parse import parse_pdf
from pipelines.discover import UsageError
from pipelines.limits import LimitExceeded, run_limited
from pipelines.settings import Limits
from pipelines.sources import sources_from_manifest
from tests.pdf_factory import inflation_bomb_pdf, ruled_table_pdf

DOC_ID = "0" * 64


def test_a_parse_within_its_limits_returns_its_result(tmp_path):
    pdf = ruled_table_pdf(tmp_path / "good.pdf", [["款", "本年度"], ["市税", "49,286,300"]])
    parsed = run_limited(Limits(seconds=300, memory_mb=4096, inflate_mb=16), parse_pdf, pdf, DOC_ID)
    assert [c.raw_text for c in parsed.records.rows["raw_cells"]] == ["款", "本年度", "市税", "49,286,300"]


def test_a_parse_over_its_time_is_stopped(tmp_path):
    bomb = inflation_bomb_pdf(tmp_path / "bomb.pdf", 256 << 20)  # minutes of pdfminer's time
    with pytest.raises(LimitExceeded, match=r"^time limit: the parse took longer than 3 s$"):
        run_limited(Limits(seconds=3, memory_mb=4096, inflate_mb=1024), parse_pdf, bomb, DOC_ID)


def test_a_parse_over_its_memory_fails_inside_its_own_process(tmp_path):
    bomb = inflation_bomb_pdf(tmp_path / "bomb.pdf", 1 << 30)  # inflating it needs 1 GiB at once
    with pytest.raises(LimitExceeded, match=r"^memory limit: the parse needed more than 700 MB$"):
        run_limited(Limits(seconds=300, memory_mb=700, inflate_mb=2048), parse_pdf, bomb, DOC_ID)


def test_a_stream_over_the_inflate_cap_fails_the_document(tmp_path):
    bomb = inflation_bomb_pdf(tmp_path / "bomb.pdf", 64 << 20)
    parsed = run_limited(Limits(seconds=300, memory_mb=4096, inflate_mb=8), parse_pdf, bomb, DOC_ID)
    assert (parsed.status, parsed.error) == (
        "failed",
        "inflated-size limit: stream 4 inflates to more than 8 MiB "
        "(a decompression bomb, or a limit set too low for this document)",
    )


ENTRY = '[[document]]\nsource = "a.pdf"\nmunicipality = "相模原市"\nfamily = "ict_project_book"\ntitle = "A"\n'


def test_a_manifest_entry_sets_its_own_limits(tmp_path):
    path = tmp_path / "manifest.toml"
    path.write_text(ENTRY + "time_limit = 1200\nmemory_limit_mb = 8192\ninflate_limit_mb = 512\n", encoding="utf-8")
    [source] = sources_from_manifest(path)
    assert Limits().merged(source.limits) == Limits(seconds=1200, memory_mb=8192, inflate_mb=512)
    path.write_text(ENTRY + "time_limit = -5\n", encoding="utf-8")
    with pytest.raises(UsageError, match="manifest entry 1: time_limit must be a positive number, not -5"):
        sources_from_manifest(path)


@pytest.mark.flow
def test_a_bomb_fails_with_its_limit_and_the_others_load_first(prefect_harness, batch, tmp_path):
    from pipelines.flow import ingest_flow
    from warehouse.query import run_query

    folder = tmp_path / "run"
    folder.mkdir()
    inflation_bomb_pdf(folder / "a_bomb.pdf", 512 << 20)  # listed first, parses for minutes
    (folder / "b_good.pdf").write_bytes((batch / "good.pdf").read_bytes())
    warehouse = tmp_path / "w.duckdb"
    readers = _ReaderDuringRun(warehouse)
    summary = ingest_flow(paths=[str(folder)], warehouse=str(warehouse), limits={"seconds": 60, "inflate_mb": 1024})
    seen = readers.stop()
    # while the bomb was parsing, another process read the warehouse and saw the good file already loaded:
    # the slow document held no lock
    assert "file_name\nb_good.pdf\n" in seen, seen
    outcomes = {o.file_name: (o.status, o.error) for o in summary.outcomes}
    assert outcomes == {
        "a_bomb.pdf": ("failed", "time limit: the parse took longer than 60 s"),
        "b_good.pdf": ("partial", "text on 2 pages, 2 tables (8 cells kept in raw_cells) and no known layout"),
    }
    loaded = run_query(warehouse, "select file_name from documents order by loaded_at")[1]
    assert loaded == [("b_good.pdf",), ("a_bomb.pdf",)]  # the good file did not wait for the bomb

    again = ingest_flow(paths=[str(folder)], warehouse=str(warehouse), limits={"inflate_mb": 16})
    assert {o.file_name: o.error for o in again.outcomes}["a_bomb.pdf"].startswith(
        "inflated-size limit: stream 4 inflates to more than 16 MiB"
    )


class _ReaderDuringRun:
    """Another process (`gyosei sql`) that reads the warehouse's documents again and again during a run."""

    def __init__(self, warehouse):
        self.warehouse, self.answers, self.done = warehouse, [], threading.Event()
        self.thread = threading.Thread(target=self._read)
        self.thread.start()

    def _read(self) -> None:
        query = "select file_name from documents order by file_name"
        while not self.done.is_set():
            if self.warehouse.exists():
                answer = subprocess.run(
                    [sys.executable, "-m", "pipelines.cli", "sql", query, "--format", "csv", "--warehouse",
                     str(self.warehouse)],
                    capture_output=True, text=True, timeout=120,
                )  # fmt: skip
                self.answers.append(answer.stdout or answer.stderr)
            self.done.wait(0.5)

    def stop(self) -> list[str]:
        self.done.set()
        self.thread.join()
        return self.answers
