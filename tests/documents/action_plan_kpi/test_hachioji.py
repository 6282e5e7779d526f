"""Hachioji アクションプラン sample: KPI results, differences, markers, 進捗 table and its checks."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from tests.conftest import PROJECT_ROOT, SAMPLE_DOCS
from tests.documents.ict_project_book.plan_facts import parse_sample, plan_facts
from tests.expected_facts import load_facts, score

STEM = "hachioji_dx_action_plan_2024"
EXPECTED = PROJECT_ROOT / "tests" / "expected" / f"{STEM}.jsonl"


@pytest.fixture(scope="module")
def doc():
    return parse_sample(SAMPLE_DOCS / f"{STEM}.pdf")


def _project(doc, code: str):
    return next(p for p in doc.records.rows["projects"] if p.code == code)


def _values(doc, code: str):
    rows = doc.records.rows
    pid = _project(doc, code).project_id
    ids = {i.indicator_id for i in rows["indicators"] if i.project_id == pid}
    return [v for v in rows["indicator_values"] if v.indicator_id in ids]


def test_family_and_document_info(doc):
    assert doc.family == "action_plan_kpi" and doc.status == "loaded"
    assert doc.info.municipality == "八王子市"
    assert (doc.info.fiscal_year_start, doc.info.fiscal_year_end) == (2022, 2025)
    assert not doc.records.rows.get("rejects")


def test_projects_codes_markers_and_confidence(doc):
    codes = [p.code for p in doc.records.rows["projects"] if p.category != "施策"]
    per_measure = Counter(code.rsplit("-", 1)[0] for code in codes)  # all 170 事業 (seed-notes §1.2)
    assert per_measure == {"1-1": 19, "1-2": 12, "1-3": 5, "1-4": 15, "1-5": 4, "1-6": 14} | {
        "2-1": 4,
        "2-2": 10,
        "2-3": 9,
        "2-4": 7,
        "2-5": 5,
        "2-6": 16,
    } | {"3-1": 13, "3-2": 2, "3-3": 21, "3-4": 4, "3-5": 4, "3-6": 6}
    kpi_tables = Counter(p.policy_ref for p in doc.records.rows["projects"] if p.category == "KPI事業")
    assert kpi_tables == {"1": 44, "2": 29, "3": 39}  # the 進捗 table's 目標ＫＰＩ設定事業件数
    measures = [p.code for p in doc.records.rows["projects"] if p.category == "施策"]
    # 18 施策, each once: the 記載方式 example (a copy of the 1-2 page, printed first) is not read
    assert sorted(measures) == [f"{p}-{m}" for p in (1, 2, 3) for m in range(1, 7)]
    page = {p.code: p.pages[0] for p in doc.records.rows["projects"] if p.category == "施策"}
    assert page["1-1"] < page["1-2"] < page["1-3"]  # 施策② is read where the plan prints it
    assert [c for c in codes if c.startswith("1-1-")] == [f"1-1-{n}" for n in range(1, 20)]
    new = _project(doc, "1-1-13")
    assert new.flags == ["新", "western_year_mismatch"] and new.name_normalized == "一時預かりWEB予約システム"
    assert new.confidence < 1  # its year header prints 令和5年度（2015年度）: the era wins, the text is kept
    header = [(m.item, m.period_label, m.fiscal_year, m.text) for m in doc.records.rows["milestones"]]
    assert ("年度", "令和5年度", 2023, "（2015年度）") in header
    assert new.departments == ["子どもの教育・保育推進課"]
    assert new.plan_path[-2:] == ["施策➀ 行政手続のオンライン化", "①申請のオンライン化"]
    compact = _project(doc, "1-1-15")
    assert (compact.name, compact.department, compact.category) == (
        "宅地開発等におけるオンライン申請化",
        "開発指導課",
        "事業",
    )
    assert compact.confidence < 1 and "name_department_split_guessed" in compact.flags


def test_unachieved_results_with_their_differences(doc):
    values = _values(doc, "1-1-1")
    actual = {v.fiscal_year: v for v in values if v.role == "actual"}
    delta = {v.fiscal_year: v.value for v in values if v.role == "delta"}
    assert [(actual[y].value, actual[y].status, delta[y]) for y in (2022, 2023, 2024)] == [
        (Decimal("19.9"), "未達成", Decimal("-10.1")),
        (Decimal("24.8"), "未達成", Decimal("-35.2")),
        (Decimal("28.7"), "未達成", Decimal("-51.3")),
    ]
    derived = {v.fiscal_year: v.value for v in values if v.role == "target" and v.qualifier == "derived"}
    assert derived == {2022: 30, 2023: 60, 2024: 80}  # the 施策 page's 30/60/80 %


def test_two_kpis_in_one_cell_and_final_year_targets(doc):
    values = _values(doc, "1-1-5")
    r4 = {v.row_label: v.value for v in values if v.role == "actual" and v.fiscal_year == 2022}
    assert r4 == {"インターネット受付比率": Decimal("49.5"), "オンライン決済の件数比率": Decimal("36.8")}
    r7 = {v.row_label: v.value for v in values if v.role == "target" and v.fiscal_year == 2025}
    assert r7 == {"インターネット受付比率": 63, "オンライン決済の件数比率": 47}


def test_worded_final_target_stays_on_the_goal_row(doc):
    final = [v for v in _values(doc, "1-1-1") if v.fiscal_year == 2025]
    assert [(v.row_label, v.role, v.value) for v in final] == [("目標・KPI", "target", None)]
    assert "原則オンライン申請化" in final[0].text


def test_reference_line_baselines(doc):
    reference = {
        v.row_label: (v.fiscal_year, v.column_label, v.role, v.value, v.numerator, v.denominator, v.unit)
        for v in doc.records.rows["indicator_values"]
        if v.table_name == "参考"
    }
    year = (2021, "令和３年度（2021年度）", "baseline")
    assert reference == {
        "オンライン申請化率": (*year, 228, 228, 3018, "件"),
        "オンライン申請化率 (分母)": (*year, 3018, None, None, "件"),
        "うち年1,000件以上": (*year, 24, 24, 141, "件"),
        "うち年1,000件以上 (分母)": (*year, 141, None, None, "件"),
        # 基本方針2 施策⑤ `【参考】令和３年度（2021年度）におけるオープンデータ公開数 約4000件` and
        # 基本方針3 施策③ `（参考）令和３年度 一般会計 用紙類購入費 40,016千円 ※A4用紙換算 1,200万枚相当`
        "オープンデータ公開数": (*year, 4000, None, None, "件"),
        "一般会計 用紙類購入費": (2021, "令和３年度", "baseline", 40016, None, None, "千円"),
        "※A4用紙換算": (2021, "令和３年度", "baseline", 12000000, None, None, "枚"),
    }


def test_measure_page_targets(doc):
    rows = doc.records.rows
    crime = {
        v.fiscal_year: (v.value, v.unit, v.qualifier)
        for v in rows["indicator_values"]
        if v.row_label == "防犯情報の提供"
    }
    assert crime == {y: (10, "%", "前年比") for y in (2022, 2023, 2024, 2025)}
    online = {v.fiscal_year: v for v in rows["indicator_values"] if v.row_label == "オンライン申請"}
    assert [online[y].value for y in (2022, 2023, 2024)] == [30, 60, 80] and online[2025].value is None


def test_kpi_checks(doc):
    checks = doc.records.rows["checks"]
    sign = [c for c in checks if c.check_name == "kpi_delta_sign_matches_status"]
    assert len(sign) == 119 and all(c.passed for c in sign)  # 59 in 基本方針1, 36 in 2, 24 in 3
    printed = [c for c in checks if c.check_name == "kpi_actual_minus_target_equals_delta"]
    assert [(c.expected, c.actual, c.passed) for c in printed] == [(Decimal("-7.6"), Decimal("-7.6"), True)]


def test_progress_table_and_its_checks(doc):
    rows = doc.records.rows
    total = {
        v.column_label: v.value for v in rows["indicator_values"] if v.table_name == "進捗" and v.row_label == "合計"
    }
    assert total == {
        "目標ＫＰＩ設定事業件数": 112,
        "達成": 94,
        "未達成": 15,
        "一部未達成": 3,
        "達成率": Decimal("83.9"),
    }
    checks = rows["checks"]
    assert all(c.passed for c in checks if c.check_name.startswith("progress_") and "parsed" not in c.check_name)
    parsed = {c.subject: (c.expected, c.actual) for c in checks if c.check_name == "progress_kpi_projects_equal_parsed"}
    # the sample holds every KPI project of the plan
    assert parsed == {"基本方針1": (44, 44), "基本方針2": (29, 29), "基本方針3": (39, 39)}


def test_measure_sections_are_texts_with_their_figures(doc):
    """The （１）–（３） sections under a 施策's matrix are texts of the 施策; their figures are text facts,
    and the 施策 printed `施策➀` carries the code 1-1 (as Sagamihara's `施策 1-1`) beside its printed name."""
    measure = next(p for p in doc.records.rows["projects"] if p.category == "施策" and p.code == "1-1")
    assert (measure.name, measure.measure_ref, measure.plan_path[-1]) == (
        "施策➀ 行政手続のオンライン化",
        "1-1",
        measure.name,
    )
    fields = [t.field for t in doc.records.rows["project_texts"] if t.project_id == measure.project_id]
    assert fields == ["目的・あるべき姿", "事業の方向性", "実施内容"]
    figures = [
        (t.raw_text, t.value, t.unit, t.qualifier, t.row_label)
        for t in doc.records.rows["text_facts"]
        if t.project_id == measure.project_id
    ]
    assert figures == [
        ("1,000件以上", 1000, "件/年", "以上", "申請件数"),
        ("141手続", 141, "手続", None, "手続"),
        ("136万7千件", 1367000, "件", None, "全体申請件数"),
        ("約90％", 90, "%", "約", None),
    ]


def test_expected_facts_score(doc):
    result = score(load_facts(EXPECTED), plan_facts(doc.records))
    print(result.summary(STEM))
    assert not result.wrong
    # 13 of 1699 not read (the figures of 事業の方向性 are read from its text: 1,000件以上, 141手続,
    # 136万7千件, 約９０％): a final-year target named otherwise than the KPI of the years before
    # (`実施 ４業務` for オンライン相談の実施業務数), a worded target; a figure inside a narrative cell
    # (`申請化（１件）`); a baseline printed beside a 備考; a 備考 text; two 担当 with a bracketed office
    # (`成人保健課 （南大沢保健福祉センター）`); the text before a figure in a cell, read as its label
    # (`電子雑誌の導入`, `・プレミアムポイント付与 …`, `・デジタル化した食育 …`); an untagged worded R4
    # cell (`標準仕様1.0版の 確認・運用検討`); a final-year cell of two targets in brackets
    # (`（対象農家：約350戸）`, `（３～１０件）`). (`キャッシュレス` / `利用率4０％` and `ポータルサイト` /
    # `閲覧数　6万件` take the name the years before print; `３商店街/年` the one KPI its table names.)
    assert len(result.missing) <= 13
    assert result.found_share >= 0.98
