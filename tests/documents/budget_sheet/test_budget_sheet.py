"""Budget sheets (事業計画書, issue #5) end to end on the sample PDFs: the expected facts are found with
no wrong value on every rendering, the lead facts are exact, every check passes, a doctored figure
fails its check by name, and no official's name is kept."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sample_docs.data.yokohama_budget_sheets import SHEETS
from tests.documents.budget_sheet.doctored import doctored_sheet_pdf
from tests.documents.budget_sheet.facts import EXPECTED, PDFS, all_facts, parse, parsed
from tests.expected_facts import load_facts, score

MIN_FOUND = 0.98


@pytest.mark.parametrize("name", PDFS)
def test_expected_facts_found_with_no_wrong_value(name):
    result = score(load_facts(EXPECTED), all_facts(parsed(name).records))
    print(result.summary(name))
    assert not result.wrong, result.wrong[:3]
    assert result.found_share >= MIN_FOUND, result.missing[:5]


@pytest.mark.parametrize("name", PDFS)
def test_document_is_a_loaded_budget_sheet_book(name):
    doc = parsed(name)
    assert (doc.status, doc.family) == ("loaded", "budget_sheet")
    assert doc.info.municipality == "横浜市" and doc.info.fiscal_year_start == 2024
    assert len(doc.records.rows["projects"]) == 17
    assert not doc.records.rows.get("rejects")


def _one(facts, **match):
    found = [f for f in facts if match.items() <= f.items()]
    assert len(found) == 1, (match, found)
    return found[0]


@pytest.mark.parametrize("name", PDFS)
def test_lead_facts_are_exact(name):
    facts = all_facts(parsed(name).records)
    cost = _one(facts, project="デジタル企画調整費", table_name="財源内訳", row_label="令和6年度", measure="金額")
    assert (cost["value"], cost["raw_text"], cost["fiscal_year"]) == ("34577000", "34, 577", 2024)
    national = _one(
        facts, project="社会保障・税番号制度推進事業", table_name="財源内訳", row_label="増▲減", measure="国"
    )
    assert national["value"] == "-180000000"
    target = _one(
        facts, project="行政手続オンライン化推進事業", table_name="事業指標①", measure="target", fiscal_year=2023
    )
    assert (target["raw_text"], target["value"]) == ("48/100", "48")
    trained = _one(facts, row_label="DX推進研修受講者数", measure="actual", fiscal_year=2022)
    assert (trained["value"], trained["unit"]) == ("2800", "人")
    fraction = next(v for v in parsed(name).records.rows["indicator_values"] if v.raw_text == "48/100")
    assert (fraction.numerator, fraction.denominator) == (48, 100)


def test_projects_carry_header_fields_and_start_year():
    projects = {p.plan_page: p for p in parsed("main").records.rows["projects"]}
    assert projects[16].start_fiscal_year == 1961  # 昭和36年度
    assert projects[13].flags == ["新規"] and projects[3].flags == ["拡充"] and projects[6].flags == ["拡充"]
    assert projects[12].departments == ["デジタル統括本部", "D X 基盤課"]
    assert (projects[2].account, projects[2].account_code, projects[2].evaluation_ref) == (
        "一般会計",
        "2款5項4目",
        "10",
    )
    assert projects[1].evaluation_ref is None and projects[1].policy_ref is None


def test_subproject_totals_sum_and_empty_indicators_are_absent():
    records = parsed("main").records
    lines = [a for a in records.rows["budget_amounts"] if a.table_name == "細事業" and a.column_label == "5年度"]
    totals = [a for a in lines if a.row_label == "細事業合計"]
    assert len(totals) == 17
    assert sum(a.amount_yen for a in totals) == sum(a.amount_yen for a in lines if a.row_label != "細事業合計")
    owners = {i.project_id for i in records.rows["indicators"]}
    assert len(owners) == 14  # sheets 1, 2 and 4 print empty 事業指標 grids
    assert sum(a.is_redacted for a in records.rows["budget_amounts"]) == 16


@pytest.mark.parametrize("name", PDFS)
def test_every_check_passes(name):
    checks = parsed(name).records.rows["checks"]
    names = {c.check_name for c in checks}
    assert {"funding_sum", "funding_change", "subprojects_sum", "subprojects_total_matches_funding"} <= names
    assert {"toc_matches_sheet", "toc_flag_matches_sheet", "toc_total_sum", "spending_cost_covers_funding"} <= names
    assert [c for c in checks if not c.passed] == []


def test_no_personal_name_is_kept():
    names = {
        part
        for blocks in SHEETS
        for block in blocks
        if block.kind == "signoff"
        for row in block.rows[1:] + [block.rows[0][1:]]
        for cell in row
        for part in [cell.replace("課長", "").replace("係長", "").strip()]
        if part
    }
    assert names
    for name in PDFS:
        texts = [getattr(r, "raw_text", "") for rows in parsed(name).records.rows.values() for r in rows]
        assert not [t for t in texts if any(n in t for n in names)]


def test_doctored_sheet_fails_its_checks_by_name(tmp_path):
    """Sheet 2 rebuilt with its 令和6年度 国 changed from 0 to 100 (千円): the sum and the change fail."""
    path = doctored_sheet_pdf(tmp_path / "doctored.pdf")
    records = parse(path).records
    failed = {c.check_name: c for c in records.rows["checks"] if not c.passed}
    assert set(failed) == {"funding_sum", "funding_change"}
    check = failed["funding_sum"]
    assert "デジタル企画調整費" in check.subject and "令和6年度" in check.subject and check.page == 1
    assert (check.expected, check.actual) == (Decimal(34677000), Decimal(34577000))
    assert "34, 577" in check.detail and "国 100" in check.detail
    project = records.rows["projects"][0]
    assert "check_failed:funding_sum" in project.flags
