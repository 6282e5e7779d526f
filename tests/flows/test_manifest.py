"""The manifest format and the choice of task runner (no Prefect server needed)."""

from __future__ import annotations

import pytest

from pipelines.discover import UsageError
from pipelines.sources import gather_sources, select_sources, sources_from_manifest
from tests.conftest import SAMPLE_DOCS

ENTRY = '[[document]]\nsource = "{source}"\nmunicipality = "相模原市"\nfamily = "ict_project_book"\ntitle = "{title}"\n'


def manifest(tmp_path, text: str):
    path = tmp_path / "manifest.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_sample_manifest_lists_every_sample_once():
    sources = sources_from_manifest(SAMPLE_DOCS / "manifest.toml")
    assert sorted(s.file_name for s in sources) == sorted(p.name for p in SAMPLE_DOCS.glob("*.pdf"))
    assert all(s.from_manifest and not s.is_url for s in sources)
    hachioji = select_sources(sources, "八王子市")
    assert [s.document_key for s in hachioji] == [
        "八王子市/action_plan_kpi/八王子市DX推進計画 アクションプラン 令和6年度"
    ]


def test_paths_are_relative_to_the_manifest_and_urls_are_kept(tmp_path):
    text = ENTRY.format(source="docs/a.pdf", title="A") + ENTRY.format(source="https://example.jp/b.pdf", title="B")
    a, b = sources_from_manifest(manifest(tmp_path, text))
    assert a.location == str(tmp_path / "docs" / "a.pdf") and a.document_key == "相模原市/ict_project_book/A"
    assert b.is_url and b.file_name == "b.pdf"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (ENTRY.format(source="a.pdf", title=""), "manifest entry 1: missing title"),
        (ENTRY.format(source="a.pdf", title="A") + "year = 2024\n", "unknown field.*year"),
        (ENTRY.format(source="a.pdf", title="A") * 2, "lists '相模原市/ict_project_book/A' twice"),
        (ENTRY.format(source="a.pdf", title="A") + "fiscal_year = 'next year'\n", "not a fiscal year"),
        (ENTRY.format(source="a.pdf", title="A") + "fiscal_year = 26\n", "out of range"),
        ("[[document]\n", "not valid TOML"),
        ("", "no \\[\\[document\\]\\] entries"),
    ],
)
def test_a_bad_manifest_is_a_usage_error(tmp_path, text, message):
    with pytest.raises(UsageError, match=message):
        sources_from_manifest(manifest(tmp_path, text))


@pytest.mark.parametrize("value", ["2026", "'2026'", "'令和8年度'", "'R8'"])
def test_the_optional_fiscal_year_becomes_a_parse_hint(tmp_path, value):
    text = ENTRY.format(source="a.pdf", title="A") + f"fiscal_year = {value}\n"
    [source] = sources_from_manifest(manifest(tmp_path, text))
    assert (source.hints.municipality, source.hints.fiscal_year_start, source.hints.fiscal_year_end) == (
        "相模原市",
        2026,
        2026,
    )


def test_a_manifest_entry_wins_over_the_same_file_given_by_path_and_select_must_match(tmp_path):
    pdf = SAMPLE_DOCS / "sagamihara_ict_jisshi_jigyoshu_2024.pdf"
    path = manifest(tmp_path, ENTRY.format(source=pdf, title="実施事業集"))
    [source], skipped = gather_sources([str(pdf)], str(path))
    assert skipped == []
    assert source.from_manifest
    with pytest.raises(UsageError, match="no document matches"):
        select_sources([source], "横浜市")
    with pytest.raises(UsageError, match="nothing to ingest"):
        gather_sources([], None)


def test_processes_parse_only_when_a_server_is_configured():
    from prefect.settings import PREFECT_API_URL, temporary_settings
    from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner

    from pipelines.flow import parse_task_runner

    with temporary_settings({PREFECT_API_URL: "http://127.0.0.1:4200/api"}):
        assert isinstance(parse_task_runner(), ProcessPoolTaskRunner)
    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        assert isinstance(parse_task_runner(), ThreadPoolTaskRunner)


def test_a_manifest_family_must_be_a_known_one(tmp_path):
    text = ENTRY.format(source="a.pdf", title="A").replace("ict_project_book", "budget_shet")
    with pytest.raises(UsageError) as raised:
        sources_from_manifest(manifest(tmp_path, text))
    assert str(raised.value) == (
        "manifest entry 1: unknown family 'budget_shet'; the known families are action_plan_kpi, budget_book, "
        "budget_sheet, dashboard, dx_strategy, ict_project_book, project_list"
    )


def test_a_file_keeps_the_key_of_the_manifest_beside_it_however_it_is_ingested(tmp_path):
    by_folder, skipped = gather_sources([str(SAMPLE_DOCS)], None)
    by_manifest = sources_from_manifest(SAMPLE_DOCS / "manifest.toml")
    assert sorted(by_folder, key=lambda s: s.location) == sorted(by_manifest, key=lambda s: s.location)
    assert "manifest.toml" in {s.path.name for s in skipped}
    [one_file], _ = gather_sources([str(SAMPLE_DOCS / "hachioji_dx_action_plan_2024.pdf")], None)
    assert one_file.document_key == "八王子市/action_plan_kpi/八王子市DX推進計画 アクションプラン 令和6年度"
    alone = tmp_path / "alone.pdf"
    alone.write_bytes(b"%PDF-1.7")
    [unnamed], _ = gather_sources([str(alone)], None)
    assert (unnamed.document_key, unnamed.from_manifest) == (str(alone.resolve()), False)


def test_the_optional_account_becomes_a_parse_hint(tmp_path):
    text = ENTRY.format(source="a.pdf", title="A") + "account = '国民健康保険特別会計'\n"
    [source] = sources_from_manifest(manifest(tmp_path, text))
    assert source.hints.account == "国民健康保険特別会計"
