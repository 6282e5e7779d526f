"""Manifests, downloads from a loopback server, versions, retries, the parse cache and the run summary."""

from __future__ import annotations

import uuid

import pytest

import pipelines.parse_cache as cache_module
import pipelines.tasks as tasks_module
from pipelines.cli import main
from pipelines.flow import ingest_flow
from pipelines.tasks import SUMMARY_ARTIFACT_KEY
from tests.pdf_factory import ruled_table_pdf
from warehouse.query import run_query

pytestmark = [pytest.mark.flow, pytest.mark.usefixtures("prefect_harness")]

KEY = "八王子市/action_plan_kpi/DX推進計画 アクションプラン"


def pdf_bytes(tmp_path, *cells: str) -> bytes:
    """A small ruled-table PDF, unique to this call (a fresh sha256, so no parse result is cached yet)."""
    path = tmp_path / f"{uuid.uuid4().hex}.pdf"
    ruled_table_pdf(path, [["事業", "令和6年度"], [*cells, uuid.uuid4().hex][:2]])
    return path.read_bytes()


def write_manifest(path, *entries: tuple[str, str]) -> str:
    """Entries are (source, title); municipality and family are fixed."""
    blocks = [
        f'[[document]]\nsource = "{source}"\nmunicipality = "八王子市"\nfamily = "action_plan_kpi"\ntitle = "{title}"\n'
        for source, title in entries
    ]
    path.write_text("\n".join(blocks), encoding="utf-8")
    return str(path)


def sql(warehouse, query: str) -> list[tuple]:
    return run_query(warehouse, query)[1]


def by_file(summary) -> dict:
    return {o.file_name: o for o in summary.outcomes}


def test_a_republished_plan_is_a_new_version_and_the_old_one_stays_queryable(loopback, tmp_path, capsys):
    warehouse = tmp_path / "w.duckdb"
    local = tmp_path / "local.pdf"
    local.write_bytes(pdf_bytes(tmp_path, "ローカル"))
    manifest = write_manifest(
        tmp_path / "manifest.toml",
        (loopback.url("plan.pdf"), "DX推進計画 アクションプラン"),
        ("local.pdf", "ローカル計画"),
    )
    loopback.files["plan.pdf"] = pdf_bytes(tmp_path, "旧版")
    first = ingest_flow(manifest=manifest, warehouse=str(warehouse))
    assert {(o.file_name, o.status, o.version) for o in first.outcomes} == {
        ("plan.pdf", "partial", 1),
        ("local.pdf", "partial", 1),
    }
    [v1] = sql(warehouse, f"select doc_id from documents where document_key = '{KEY}'")
    assert (tmp_path / "downloads" / f"{v1[0]}.pdf").read_bytes() == loopback.files["plan.pdf"]

    loopback.files["plan.pdf"] = pdf_bytes(tmp_path, "新版")  # the city republishes its plan
    second = ingest_flow(manifest=manifest, warehouse=str(warehouse))
    assert by_file(second)["plan.pdf"].version == 2 and by_file(second)["plan.pdf"].superseded == 1
    assert by_file(second)["local.pdf"].status == "skipped"
    rows = sql(warehouse, f"select version, status, source from documents where document_key = '{KEY}' order by 1")
    assert rows == [(1, "superseded", loopback.url("plan.pdf")), (2, "partial", loopback.url("plan.pdf"))]
    printed = sql(warehouse, "select d.version, r.raw_text from raw_cells r join documents d using (doc_id) "
                  "where r.raw_text in ('旧版', '新版') order by 1")  # fmt: skip
    assert printed == [(1, "旧版"), (2, "新版")]  # the old version stays queryable
    assert sql(warehouse, f"select version from current_documents where document_key = '{KEY}'") == [(2,)]
    old_page = (tmp_path / "review" / "docs" / f"{v1[0]}.html").read_text(encoding="utf-8")
    assert '<span class="badge superseded">superseded</span>' in old_page  # its page was rebuilt too
    assert list((tmp_path / "review" / "img" / v1[0]).glob("p1-*"))  # drawn from the download

    third = ingest_flow(manifest=manifest, warehouse=str(warehouse))
    assert {o.status for o in third.outcomes} == {"skipped"}
    assert third.review_site is None  # nothing changed: the site is left as it was
    assert main(["status", "--warehouse", str(warehouse)]) == 0
    out = capsys.readouterr().out
    assert "== document versions" in out and KEY in out and "superseded" in out


def test_a_transient_503_is_retried_and_a_404_fails_only_its_document(loopback, tmp_path):
    loopback.files["flaky.pdf"] = pdf_bytes(tmp_path, "一時的")
    loopback.failures["flaky.pdf"] = [503]
    manifest = write_manifest(
        tmp_path / "manifest.toml", (loopback.url("flaky.pdf"), "flaky"), (loopback.url("gone.pdf"), "gone")
    )
    summary = ingest_flow(manifest=manifest, warehouse=str(tmp_path / "w.duckdb"))
    outcomes = by_file(summary)
    assert outcomes["flaky.pdf"].status == "partial" and loopback.requests["flaky.pdf"] == 2
    assert outcomes["gone.pdf"].status == "failed" and "HTTP 404" in outcomes["gone.pdf"].error
    assert loopback.requests["gone.pdf"] == 1  # a 404 is not retried


def test_parse_results_are_cached_by_content_not_by_path(tmp_path, monkeypatch):
    # parse in this process, where the counting stand-in below is seen (not in a limited child)
    monkeypatch.setattr(
        tasks_module, "run_limited", lambda limits, function, *args, on_progress, **kwargs: function(*args, **kwargs)
    )
    calls = []
    real_parse = cache_module.parse_pdf
    monkeypatch.setattr(
        cache_module,
        "parse_pdf",
        lambda path, doc_id, hints, **kw: calls.append(path) or real_parse(path, doc_id, hints, **kw),
    )
    content = pdf_bytes(tmp_path, "キャッシュ")
    for name in ["a", "b"]:
        (tmp_path / name).mkdir()
        (tmp_path / name / f"{name}.pdf").write_bytes(content)
        summary = ingest_flow(paths=[str(tmp_path / name)], warehouse=str(tmp_path / name / "w.duckdb"))
        assert [o.status for o in summary.outcomes] == ["partial"]
    assert len(calls) == 1  # same bytes at another path, into another warehouse: parsed once
    forced = ingest_flow(paths=[str(tmp_path / "b")], warehouse=str(tmp_path / "b" / "w.duckdb"), force=True)
    assert [o.status for o in forced.outcomes] == ["partial"] and len(calls) == 2


def test_the_run_summary_is_published_as_a_markdown_artifact(batch):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    summary = ingest_flow(paths=[str(batch)], warehouse=str(batch / "w.duckdb"))
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[SUMMARY_ARTIFACT_KEY]))
        )
    [artifact] = [a for a in artifacts if summary.run_id in a.data]
    assert artifact.type == "markdown" and artifact.description == summary.total_line()
    assert "| failed |" in artifact.data and "locked.pdf" in artifact.data and "encrypted PDF" in artifact.data
