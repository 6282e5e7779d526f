"""The ingest flow end to end under Prefect, and the CLI's exit codes."""

from __future__ import annotations

import json

import duckdb
import pytest

from pipelines.cli import main
from pipelines.flow import ingest_flow
from warehouse.query import run_query

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_harness")]

FACT_TABLES = [
    "raw_cells",
    "projects",
    "budget_lines",
    "budget_amounts",
    "indicators",
    "indicator_values",
    "milestones",
    "project_texts",
    "tokens",
    "checks",
    "rejects",
]


def table_counts(warehouse) -> dict[str, int]:
    return {t: run_query(warehouse, f"select count(*) from {t}")[1][0][0] for t in ["documents", *FACT_TABLES]}


def test_bad_files_are_recorded_and_the_rest_loads(batch, tmp_path):
    warehouse = tmp_path / "w.duckdb"
    summary = ingest_flow(paths=[str(batch)], warehouse=str(warehouse))
    by_file = {o.file_name: o for o in summary.outcomes}
    assert by_file["good.pdf"].status == "partial"  # unknown family: only raw cells
    assert by_file["good.pdf"].rows == 8
    assert by_file["empty.pdf"].error == "empty file (0 bytes)"
    assert by_file["locked.pdf"].error.startswith("encrypted PDF")
    assert by_file["notes.pdf"].error.startswith("not a PDF")
    assert summary.any_failed
    _, rows = run_query(warehouse, "select file_name, status from documents order by file_name")
    assert rows == [
        ("empty.pdf", "failed"),
        ("good.pdf", "partial"),
        ("locked.pdf", "failed"),
        ("notes.pdf", "failed"),
    ]
    _, cells = run_query(
        warehouse, "select raw_text from raw_cells where page = 2 and row_index = 1 order by col_index"
    )
    assert cells == [("市税",), ("49,286,300",)]
    assert (tmp_path / "w.parquet" / "raw_cells").is_dir()  # beside w.duckdb, named after it
    site = tmp_path / "review" / "index.html"  # the flow (re)builds the review site and the summary links it
    assert summary.review_site == str(site.resolve()) and f"Review site: [{site.resolve()}]" in summary.markdown()
    assert all(name in site.read_text(encoding="utf-8") for name in by_file)

    other = tmp_path / "other.duckdb"  # a second warehouse in the same folder keeps its own copy
    ingest_flow(paths=[str(batch / "good.pdf")], warehouse=str(other))
    assert (tmp_path / "other.parquet" / "raw_cells").is_dir()
    [(rows,)] = run_query(warehouse, "select count(*) from raw_cells")[1]
    parquet_rows = duckdb.sql(f"select count(*) from '{(tmp_path / 'w.parquet').as_posix()}/raw_cells/**/*.parquet'")
    assert parquet_rows.fetchall() == [(rows,)]


def test_running_twice_changes_nothing(batch, tmp_path):
    warehouse = tmp_path / "w.duckdb"
    ingest_flow(paths=[str(batch)], warehouse=str(warehouse))
    first = table_counts(warehouse)
    second_run = ingest_flow(paths=[str(batch)], warehouse=str(warehouse))
    assert table_counts(warehouse) == first
    assert {o.file_name: o.status for o in second_run.outcomes}["good.pdf"] == "skipped"
    _, runs = run_query(warehouse, "select documents_skipped, documents_failed from ingest_runs order by started_at")
    assert runs == [(0, 3), (1, 3)]


def test_cli_exit_codes_and_output(batch, tmp_path, capsys):
    warehouse = str(tmp_path / "cli.duckdb")
    good = str(batch / "good.pdf")
    assert main(["ingest", good, "--warehouse", warehouse]) == 0
    out = capsys.readouterr().out
    assert "partial" in out and "good.pdf" in out and out.strip().splitlines()[-1].startswith("total: 1 documents")
    assert main(["ingest", str(batch), "--warehouse", warehouse]) == 1
    assert main(["ingest", str(tmp_path / "missing.pdf"), "--warehouse", warehouse]) == 2
    capsys.readouterr()
    assert main(["sql", "select count(*) as n from raw_cells", "--format", "json", "--warehouse", warehouse]) == 0
    assert json.loads(capsys.readouterr().out) == [{"n": 8}]
    assert main(["sql", "delete from raw_cells", "--warehouse", warehouse]) == 1  # read-only
    assert main(["status", "--warehouse", warehouse]) == 0
    assert "documents by status" in capsys.readouterr().out
    with pytest.raises(SystemExit) as usage:
        main(["frobnicate"])
    assert usage.value.code == 2


def test_a_document_that_gave_nothing_is_failed_and_listed_reason_first(batch, tmp_path, capsys):
    """Text no family can read fails; the CLI's last lines and `gyosei status` put it first, with its reason."""
    from tests.pdf_factory import text_pdf

    prose = text_pdf(batch / "prose.pdf", [["令和6年度 事業計画書", "デジタル企画調整費 34,577 千円"]] * 2)
    warehouse = str(tmp_path / "attention.duckdb")
    assert main(["ingest", str(prose), str(batch / "good.pdf"), "--warehouse", warehouse]) == 1
    last = capsys.readouterr().out.strip().splitlines()[-4:]
    assert last[:3] == [
        "needs attention: 2 documents not fully loaded",
        "  text on 2 pages, no table and no known layout  (failed: prose.pdf)",
        "  text on 2 pages, 2 tables (8 cells kept in raw_cells) and no known layout  (partial: good.pdf)",
    ]
    assert last[3].startswith("total: 2 documents: 0 loaded, 1 partial, 0 unchanged, 1 failed")
    assert main(["status", "--warehouse", warehouse]) == 0
    report = capsys.readouterr().out.splitlines()
    assert report[0] == "== needs attention"
    first = next(i for i, line in enumerate(report) if "prose.pdf" in line)
    assert "text on 2 pages, no table and no known layout" in report[first] and "failed" in report[first]
    assert "partial" in report[first + 1] and "good.pdf" in report[first + 1]
