"""A budget book split by 款 (../shared/real/fuji_r8), ingested through a manifest that gives the year the
chapters do not print: their amounts get fiscal years, and 第1表 / 総括 totals are checked against them."""

from __future__ import annotations

import pytest

from pipelines.cli import main
from pipelines.flow import ingest_flow
from warehouse.connection import open_writer
from warehouse.query import run_query
from warehouse.schema import SQL_DIR

pytestmark = [pytest.mark.real, pytest.mark.flow, pytest.mark.usefixtures("prefect_harness")]
CROSSCHECKS_SQL = (SQL_DIR / "status" / "crosschecks.sql").read_text(encoding="utf-8")
FILES = ["00_概要.pdf", "歳入_01款_市税.pdf", "歳出_01款_議会費.pdf"]


@pytest.fixture(scope="module")
def warehouse(real_dir, tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuji")
    entries = [
        f'[[document]]\nsource = "{real_dir / "fuji_r8" / name}"\nmunicipality = "富士市"\nfamily = "budget_book"\n'
        f'title = "令和8年度 一般会計予算書 {name[:-4]}"\nfiscal_year = "令和8年度"\n'
        for name in FILES
    ]
    (folder / "manifest.toml").write_text("\n".join(entries), encoding="utf-8")
    summary = ingest_flow(manifest=str(folder / "manifest.toml"), warehouse=str(folder / "w.duckdb"))
    assert [o.status for o in summary.outcomes] == ["loaded"] * len(FILES)
    return str(folder / "w.duckdb")


def sql(warehouse: str, query: str) -> list[tuple]:
    return run_query(warehouse, query)[1]


def test_chapter_amounts_take_the_manifest_year(warehouse):
    rows = sql(
        warehouse,
        """select a.measure, a.fiscal_year, a.amount_yen from budget_amounts a
           join budget_lines l using (line_id) join documents d on d.doc_id = a.doc_id
           where d.file_name = '歳入_01款_市税.pdf' and l.level = '項' and l.name = '市民税' order by a.measure""",
    )
    assert rows == [("前年度", 2025, 18_420_900_000), ("本年度", 2026, 18_719_000_000), ("比較", 2026, 298_100_000)]
    years = sql(warehouse, "select distinct fiscal_year_start from documents")
    assert years == [(2026,)]


def test_table1_and_summary_match_the_loaded_chapters(warehouse):
    rows = sql(
        warehouse,
        """select table_name, side, level, kan_code, kou_code, name, summary_yen, chapter_yen, status
           from budget_book_crosscheck where status <> 'no chapter'
           order by table_name, side, level, kan_code, kou_code""",
    )
    assert rows == [
        ("歳入歳出予算事項別明細書 総括", "歳入", "款", "1", None, "市税", 49_286_300_000, 49_286_300_000, "pass"),
        ("歳入歳出予算事項別明細書 総括", "歳出", "款", "1", None, "議会費", 488_451_000, 488_451_000, "pass"),
        ("第1表 歳入歳出予算", "歳入", "款", "1", None, "市税", 49_286_300_000, 49_286_300_000, "pass"),
        ("第1表 歳入歳出予算", "歳入", "項", "1", "1", "市民税", 18_719_000_000, 18_719_000_000, "pass"),
        ("第1表 歳入歳出予算", "歳入", "項", "1", "2", "固定資産税", 23_861_300_000, 23_861_300_000, "pass"),
        ("第1表 歳入歳出予算", "歳入", "項", "1", "3", "軽自動車税", 896_700_000, 896_700_000, "pass"),
        ("第1表 歳入歳出予算", "歳入", "項", "1", "4", "市たばこ税", 2_001_000_000, 2_001_000_000, "pass"),
        ("第1表 歳入歳出予算", "歳入", "項", "1", "5", "都市計画税", 3_808_300_000, 3_808_300_000, "pass"),
        ("第1表 歳入歳出予算", "歳出", "款", "1", None, "議会費", 488_451_000, 488_451_000, "pass"),
        ("第1表 歳入歳出予算", "歳出", "項", "1", "1", "議会費", 488_451_000, 488_451_000, "pass"),
    ]
    [(unmatched,)] = sql(warehouse, "select count(*) from budget_book_crosscheck where status = 'no chapter'")
    assert unmatched > 0  # the chapters not in this manifest are reported, not passed


def test_status_counts_the_crosschecks(warehouse, capsys):
    assert main(["status", "--warehouse", warehouse]) == 0
    report = capsys.readouterr().out.split("== crosschecks")[1]
    assert "第1表 歳入歳出予算" in report and "富士市" in report
    rows = sql(warehouse, "select table_name, passed, failed from (" + CROSSCHECKS_SQL + ") order by table_name")
    assert rows == [("歳入歳出予算事項別明細書 総括", 2, 0), ("第1表 歳入歳出予算", 8, 0)]


def test_a_chapter_that_disagrees_with_table1_fails(warehouse, tmp_path):
    doctored = tmp_path / "doctored.duckdb"
    con = open_writer(doctored)
    try:
        con.execute(f"attach '{warehouse}' as source (read_only)")
        for (table,) in con.execute("select table_name from duckdb_tables() where database_name = 'source'").fetchall():
            con.execute(f"insert into {table} select * from source.{table}")
        con.execute(  # as if the chapter printed its 項 total one 千円 higher than 第1表
            """update budget_amounts set amount_yen = amount_yen + 1000 where measure = '本年度' and line_id in
               (select line_id from budget_lines where level = '項' and name = '市たばこ税'
                and doc_id in (select doc_id from documents where file_name = '歳入_01款_市税.pdf'))"""
        )
    finally:
        con.close()
    rows = sql(str(doctored), "select name, summary_yen, chapter_yen from budget_book_crosscheck where status = 'fail'")
    assert rows == [("市たばこ税", 2_001_000_000, 2_001_001_000)]
