"""Sagamihara 実施事業集 and its two variant renderings, parsed with no change: exact facts and checks."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.conftest import PROJECT_ROOT, SAMPLE_DOCS
from tests.documents.ict_project_book.plan_facts import parse_sample, plan_facts
from tests.expected_facts import load_facts, score

STEM = "sagamihara_ict_jisshi_jigyoshu_2024"
PDFS = [f"{STEM}.pdf", f"{STEM}_variant_a.pdf", f"{STEM}_variant_b.pdf"]
EXPECTED = PROJECT_ROOT / "tests" / "expected" / f"{STEM}.jsonl"


@pytest.fixture(scope="module", params=PDFS)
def doc(request):
    return parse_sample(SAMPLE_DOCS / request.param)


def _values(doc, project: str, role: str, row_label: str | None = None):
    rows = doc.records.rows
    pid = next(p.project_id for p in rows["projects"] if "".join(p.name.split()) == project)
    ids = {i.indicator_id for i in rows["indicators"] if i.project_id == pid}
    return {
        (v.row_label, v.fiscal_year): v
        for v in rows["indicator_values"]
        if v.indicator_id in ids and v.role == role and (row_label is None or v.row_label == row_label)
    }


def _project(doc, name: str):
    return next(p for p in doc.records.rows["projects"] if "".join(p.name.split()) == name)


def test_family_and_document_info(doc):
    assert doc.family == "ict_project_book" and doc.status == "loaded"
    assert doc.info.municipality == "相模原市"
    assert doc.info.title == "第2次相模原市ICT総合戦略 実施事業集"
    assert (doc.info.fiscal_year_start, doc.info.fiscal_year_end) == (2024, 2027)
    assert not doc.records.rows.get("rejects")


def test_projects_hierarchy_and_categories(doc):
    projects = doc.records.rows["projects"]
    assert len(projects) == 26
    assert sorted(p.category for p in projects).count("A") == 16
    rpa = _project(doc, "RPAによる業務効率化の推進")
    assert rpa.plan_path[1:] == [
        "基本目標 2 経営資源を最大限に活用した行財政改革",
        "施策 2-1 デジタル技術を生かした行政事務改革",
    ]
    assert rpa.measure_ref == "2-1" and rpa.category == "A"
    window = _project(doc, "デジタルを活用した窓口サービスの利便性向上")
    assert window.category == "C" and window.departments == ["DX推進課", "窓口を有する各課・機関"]
    assert _project(doc, "職員のICTスキル等の向上").departments == ["人材育成課", "DX推進課"]
    texts = doc.records.rows["project_texts"]
    # 26 担当課 + 26 事業内容 + the second 事業内容 paragraph of デジタル・ディバイド対策事業
    assert [t.field for t in texts].count("担当課・機関") == 26 and len(texts) == 53


def test_targets_and_compound_cells(doc):
    e_app = _values(doc, "電子申請の利用促進", "target")
    assert e_app[("電子申請の新規導入手続数", 2025)].value == Decimal(15)
    assert e_app[("電子申請の新規導入手続数", 2025)].unit == "手続"
    cashless = _values(doc, "公金収納におけるキャッシュレス決済の推進", "target")
    assert (cashless[("導入拠点", 2024)].value, cashless[("利用率", 2024)].value) == (25, 14)
    assert (cashless[("導入拠点", 2027)].value, cashless[("利用率", 2027)].unit) == (30, "%")
    hp = _values(doc, "相模原市公式ホームページ管理システム更新", "target")[("ホームページアクセス件数", 2024)]
    assert (hp.value, hp.unit, hp.qualifier, hp.comparator) == (3, "%", "約|増", "~")
    build = _values(doc, "建築確認台帳等管理システムの更新及び審査報告書等の電子化", "target")
    assert build[next(k for k in build if k[1] == 2024)].value is None
    assert build[next(k for k in build if k[1] == 2024)].text == "-"
    info = _values(doc, "情報共有基盤システムの更新", "target")
    assert info[next(k for k in info if k[1] == 2024)].text == "更新完了"


def test_baselines_carry_their_own_dates(doc):
    base = _values(doc, "公金収納におけるキャッシュレス決済の推進", "baseline")
    assert (base[("導入拠点", 2023)].value, base[("利用率", 2022)].value) == (24, Decimal("13.4"))
    hp = _values(doc, "相模原市公式ホームページ管理システム更新", "baseline")
    assert hp[("ホームページアクセス件数", 2023)].value == 19623761
    sns = _values(doc, "SNS等を活用した文化事業及び文化資源に関する情報発信", "baseline")
    assert sns[("Xのフォロワー数", None)].value == 568 and sns[("YouTubeのチャンネル登録者数", None)].value == 730


def test_action_cells_belong_to_every_year_they_span(doc):
    rows = doc.records.rows
    rpa = _project(doc, "RPAによる業務効率化の推進").project_id
    spans = [m for m in rows["milestones"] if m.project_id == rpa]
    assert len(spans) == 12 and {m.fiscal_year for m in spans} == {2024, 2025, 2026, 2027}
    build = _project(doc, "建築確認台帳等管理システムの更新及び審査報告書等の電子化").project_id
    per_year = {m.fiscal_year: m.text for m in rows["milestones"] if m.project_id == build}
    assert per_year[2025] == "システム評価予算要求" and per_year[2027] == "継続運用"


def test_cross_checks_pass(doc):
    checks = {c.check_name: c for c in doc.records.rows["checks"]}
    assert {"index_rows_equal_projects", "lead_measure_count", "lead_project_count"} <= set(checks)
    assert all(c.passed for c in checks.values())


def test_expected_facts_score(doc):
    result = score(load_facts(EXPECTED), plan_facts(doc.records))
    print(result.summary(STEM))
    assert not result.wrong
    assert not result.missing
