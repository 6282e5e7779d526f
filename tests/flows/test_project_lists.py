"""南国市's two project lists (../shared/real/nankoku) ingested through a manifest: their projects, amounts
with 財源内訳, 内容 and checks are in the warehouse with provenance, and `facts` shows them."""

from __future__ import annotations

import pytest

from pipelines.flow import ingest_flow
from warehouse.query import run_query

pytestmark = [pytest.mark.real, pytest.mark.flow, pytest.mark.usefixtures("prefect_harness")]
FILES = {"nankoku_r4_shinki_jigyo.pdf": "主な新規事業", "nankoku_r4_keizoku_jigyo.pdf": "主な継続事業"}


@pytest.fixture(scope="module")
def warehouse(real_dir, tmp_path_factory):
    folder = tmp_path_factory.mktemp("nankoku_lists")
    entries = [
        f'[[document]]\nsource = "{real_dir / "nankoku" / name}"\nmunicipality = "南国市"\nfamily = "project_list"\n'
        f'title = "令和4年度当初予算 {title}"\n'
        for name, title in FILES.items()
    ]
    (folder / "manifest.toml").write_text("\n".join(entries), encoding="utf-8")
    summary = ingest_flow(manifest=str(folder / "manifest.toml"), warehouse=str(folder / "w.duckdb"))
    assert [o.status for o in summary.outcomes] == ["loaded", "loaded"]
    return str(folder / "w.duckdb")


def sql(warehouse: str, query: str) -> list[tuple]:
    return run_query(warehouse, query)[1]


def test_projects_and_amounts_are_loaded_with_provenance(warehouse):
    assert sql(warehouse, "select file_name, doc_family, fiscal_year_start from documents order by 1") == [
        ("nankoku_r4_keizoku_jigyo.pdf", "project_list", 2022),
        ("nankoku_r4_shinki_jigyo.pdf", "project_list", 2022),
    ]
    assert sql(warehouse, "select count(*) from projects") == [(46,)]
    rows = sql(
        warehouse,
        """select f.measure, f.fiscal_year, f.value, f.raw_text, f.page from facts f
           where f.source = 'table' and f.municipality = '南国市' and f.project = '防災費'
             and f.file_name = 'nankoku_r4_keizoku_jigyo.pdf'
           order by f.measure, f.fiscal_year""",
    )
    assert rows == [
        ("その他", 2022, 55_169_000, "55,169", 2),
        ("一般財源", 2022, 3_544_000, "3,544", 2),
        ("事業費", 2021, 56_819_000, "56,819", 2),
        ("事業費", 2022, 98_325_000, "98,325", 2),
        ("国", 2022, 1_120_000, "1,120", 2),
        ("地方債", 2022, 17_500_000, "17,500", 2),
        ("増減", 2022, 41_506_000, "41,506", 2),
        ("県", 2022, 20_992_000, "20,992", 2),
    ]


def test_checks_pass_or_are_recorded_as_not_run(warehouse):
    rows = sql(
        warehouse,
        """select d.file_name, c.check_name, c.passed, count(*) from checks c join documents d using (doc_id)
           group by all order by all""",
    )
    assert rows == [
        ("nankoku_r4_keizoku_jigyo.pdf", "project_list_change", True, 27),
        ("nankoku_r4_keizoku_jigyo.pdf", "project_list_funding", True, 27),
        ("nankoku_r4_keizoku_jigyo.pdf", "project_list_total", None, 1),
        ("nankoku_r4_shinki_jigyo.pdf", "project_list_funding", True, 19),
        ("nankoku_r4_shinki_jigyo.pdf", "project_list_total", None, 1),
    ]
