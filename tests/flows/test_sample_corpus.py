"""The main job: the ingest flow over sample_docs/, as `make ingest` runs it, checked through SQL."""

from __future__ import annotations

import re
from decimal import Decimal as D

import duckdb
import pytest

from pipelines.cli import main
from pipelines.flow import ingest_flow
from tests.conftest import SAMPLE_DOCS
from warehouse.query import run_query

pytestmark = [pytest.mark.flow]


@pytest.fixture(scope="module")
def run(prefect_harness, tmp_path_factory):
    path = tmp_path_factory.mktemp("samples") / "gyosei.duckdb"
    summary = ingest_flow(paths=[str(SAMPLE_DOCS)], warehouse=str(path))
    assert not summary.any_failed, [o.line() for o in summary.outcomes if o.status == "failed"]
    return path, summary


@pytest.fixture(scope="module")
def warehouse(run):
    return run[0]


def sql(warehouse, query: str) -> list[tuple]:
    return run_query(warehouse, query)[1]


def test_every_sample_is_recorded_and_none_failed(warehouse):
    rows = sql(warehouse, "select file_name, status, text_layer from documents order by file_name")
    assert len(rows) == len(list(SAMPLE_DOCS.glob("*.pdf")))
    assert {status for _, status, _ in rows} <= {"loaded", "partial"}
    assert {layer for _, _, layer in rows} == {"ok"}


def test_raw_cells_keep_the_printed_text(warehouse):
    cells = sql(
        warehouse,
        "select r.page, r.raw_text from raw_cells r join documents d using (doc_id) "
        "where d.file_name = 'yokohama_2024_jigyo_keikakusho_digital.pdf' and r.raw_text in ('▲104,143', '■■■') "
        "order by r.page, r.raw_text",
    )
    assert {text for _, text in cells} == {"■■■", "▲104,143"}
    assert sql(warehouse, "select count(*) from raw_cells where raw_text = '310万件'") != [(0,)]


def test_parquet_copy_has_every_loaded_table_and_the_facts_beside_its_warehouse(warehouse):
    parquet = warehouse.with_name("gyosei.parquet")
    assert (parquet / "documents").is_dir() and (parquet / "raw_cells").is_dir()
    for name in ["raw_cells", "facts", "current_facts", "current_projects"]:
        [(n,)] = duckdb.sql(f"select count(*) from read_parquet('{parquet.as_posix()}/{name}/**/*.parquet')").fetchall()
        assert [(n,)] == sql(warehouse, f"select count(*) from {name}") != [(0,)], name


def test_the_folder_is_keyed_by_the_manifest_beside_it_and_its_family_reads_the_dashboard(warehouse):
    rows = sql(
        warehouse, "select document_key, doc_family from documents where file_name = 'yokohama_dx_dashboard_2023.pdf'"
    )
    assert rows == [("横浜市/dashboard/横浜DX戦略 ダッシュボード 2023", "dashboard")]
    [(keys,)] = sql(warehouse, "select count(*) from documents where document_key like '/%'")
    assert keys == 0  # no document keyed by its path


WITHHELD = "48 sign-off cell(s) with personal names withheld from raw_cells"


def test_parser_warnings_reach_the_terminal_and_gyosei_status(run, capsys):
    warehouse, summary = run
    lines = summary.terminal_lines()
    document_line = next(n for n, line in enumerate(lines) if line.endswith(f"  {YOKOHAMA}"))
    assert lines[document_line + 1] == f"         warning: {WITHHELD}"
    assert main(["status", "--warehouse", str(warehouse)]) == 0
    report = capsys.readouterr().out.split("== warnings\n")[1].split("\n\n")[0]
    assert [YOKOHAMA, "1", WITHHELD] in [re.split(r"\s{2,}", line) for line in report.splitlines()]


def test_files_that_are_not_pdfs_are_listed_once_on_the_terminal(run):
    _, summary = run
    assert {s.reason for s in summary.skipped} == {"not named *.pdf"}
    assert "README.md" in {s.path.name for s in summary.skipped}
    [line] = [line for line in summary.terminal_lines() if line.startswith("skipped")]
    assert line.startswith(f"skipped  {len(summary.skipped)} files not named *.pdf (")


# The README's example queries (section "Querying the warehouse"), run as written there.
YOKOHAMA = "yokohama_2024_jigyo_keikakusho_digital.pdf"


def test_budget_sheet_facts(warehouse):
    rows = sql(
        warehouse,
        "select project, measure, row_label, fiscal_year, value, raw_text from facts "
        f"where file_name = '{YOKOHAMA}' and table_name = '財源内訳' and ("
        "(project = 'デジタル企画調整費' and measure = '金額' and row_label = '令和6年度') or "
        "(project = '社会保障・税番号制度推進事業' and measure = '国' and row_label = '増▲減')) order by project",
    )
    assert rows == [
        ("デジタル企画調整費", "金額", "令和6年度", 2024, 34577000, "34, 577"),
        ("社会保障・税番号制度推進事業", "国", "増▲減", 2024, -180000000, "▲180,000"),
    ]
    [target] = sql(
        warehouse,
        "select v.numerator, v.denominator, v.raw_text from indicator_values v "
        "join indicators i using (doc_id, indicator_id) join projects p using (doc_id, project_id) "
        f"join documents d using (doc_id) where d.file_name = '{YOKOHAMA}' "
        "and p.name = '行政手続オンライン化推進事業' and i.kind = 'output' "
        "and v.role = 'target' and v.fiscal_year = 2023",
    )
    assert target == (48, 100, "48/100")
    [actual] = sql(
        warehouse,
        "select value, unit from facts "
        f"where file_name = '{YOKOHAMA}' and row_label = 'DX推進研修受講者数' and measure = 'actual' "
        "and fiscal_year = 2022",
    )
    assert actual == (2800, "人")


def test_action_plan_facts(warehouse):
    assert sql(
        warehouse,
        "select file_name, value, unit from facts where municipality = '相模原市' and project = '電子申請の利用促進' "
        "and table_name = '成果指標' and measure = 'target' and fiscal_year = 2025 order by file_name",
    ) == [(f"sagamihara_ict_jisshi_jigyoshu_2024{v}.pdf", 15, "手続") for v in ("", "_variant_a", "_variant_b")]
    assert sql(
        warehouse,
        "select project_code, fiscal_year, actual, delta_printed from kpi_target_vs_actual "
        "where municipality = '八王子市' and status = '未達成' and project_code between '1-1-1' and '1-1-5' "
        "order by project_code, fiscal_year",
    ) == [
        ("1-1-1", 2022, D("19.9"), D("-10.1")),
        ("1-1-1", 2023, D("24.8"), D("-35.2")),
        ("1-1-1", 2024, D("28.7"), D("-51.3")),
        ("1-1-3", 2023, D("22.4"), D("-7.6")),
        ("1-1-5", 2022, D("49.5"), D("-0.5")),
        ("1-1-5", 2023, D("52.1"), D("-0.4")),
    ]
    unachieved_2024 = sql(  # the 進捗 table's 合計, 令和6年度: 未達成 15件 + 一部未達成 3件
        warehouse,
        "select count(distinct project_code) from kpi_target_vs_actual "
        "where municipality = '八王子市' and status = '未達成' and fiscal_year = 2024",
    )
    assert unachieved_2024 == [(15 + 3,)]
    assert sql(
        warehouse,
        "select cast(p.code as int) as rank, f.project, f.value, f.unit from facts f "
        "join projects p on p.doc_id = f.doc_id and p.name = f.project and p.category = '手続TOP100' "
        "where f.table_name = '手続TOP100' order by rank limit 1",
    ) == [(1, "図書の予約申し込み", 3100000, "件")]


DASHBOARD = "yokohama_dx_dashboard_2023.pdf"


def test_dashboard_facts(warehouse):
    assert sql(
        warehouse,
        "select project, row_label, column_label, fiscal_year, value, unit from facts "
        f"where file_name = '{DASHBOARD}' and row_label = 'マイナンバーカード保有枚数'",
    ) == [("上位100手続オンライン化", "マイナンバーカード保有枚数", "2023年7月31日 時点の数値", 2023, 2639436, "枚")]
    assert sql(
        warehouse,
        "select k.indicator_name, k.fiscal_year, k.actual, k.unit from kpi_target_vs_actual k "
        f"join documents d using (doc_id) where d.file_name = '{DASHBOARD}' and k.indicator_name = 'チーム数 港南区' "
        "order by k.fiscal_year",
    ) == [("チーム数 港南区", 2022, 15, "チーム"), ("チーム数 港南区", 2023, 4, "チーム")]


def test_figures_from_text_and_start_years(warehouse):
    counts = sql(
        warehouse,
        "select fiscal_year, value, unit, context like '%情報照会%' from facts "
        f"where file_name = '{YOKOHAMA}' and source = 'text' and project = '社会保障・税番号制度推進事業' "
        "and table_name = '根拠・データ等' and fiscal_year = 2022 order by value",
    )
    assert counts == [(2022, 658284, "件", True), (2022, 4179100, "件", True)]
    assert sql(
        warehouse,
        "select value, unit, qualifier from facts where source = 'text' "
        f"and file_name = '{DASHBOARD}' and raw_text = '約55～75分'",
    ) == [(55, "分", "約")]
    assert sql(
        warehouse,
        "select project, fiscal_year, raw_text from facts "
        f"where file_name = '{YOKOHAMA}' and measure = '事業開始年度' and fiscal_year < 1990",
    ) == [("情報システム運営管理事業", 1961, "昭和36年度")]
