"""The dashboard family on the Yokohama DX dashboard sample and its card-layout variant (parse_pdf, no
Prefect, no DuckDB): exact values with their periods, the grid read on either axis, the total check,
and the score against the hand-written expected facts."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from parsers.parse import ParsedDocument, parse_pdf
from tests.documents.dashboard.facts import dashboard_facts
from tests.expected_facts import load_facts, score

ROOT = Path(__file__).resolve().parents[3]
STEM = "yokohama_dx_dashboard_2023"
RENDERINGS = {"main": f"{STEM}.pdf", "variant_a": f"{STEM}_variant_a.pdf"}
EXPECTED = ROOT / "tests" / "expected" / f"{STEM}.jsonl"
# Of the 54 expected facts both renderings miss one: the deadline 令和7（2025）年度末 in a sentence of
# the 標準化（概要） block, a date in prose, not a figure with a unit.
MIN_FOUND = 53


@cache
def parsed(name: str) -> ParsedDocument:
    path = ROOT / "sample_docs" / RENDERINGS[name]
    return parse_pdf(path, hashlib.sha256(path.read_bytes()).hexdigest())


def rows(name: str, table: str) -> list:
    return parsed(name).records.rows.get(table, [])


def values_of(name: str, indicator_name: str) -> list:
    ids = {i.indicator_id for i in rows(name, "indicators") if i.name == indicator_name}
    return [v for v in rows(name, "indicator_values") if v.indicator_id in ids]


@pytest.mark.parametrize("name", RENDERINGS)
def test_recognised_with_its_info(name):
    doc = parsed(name)
    assert (doc.status, doc.family, doc.error) == ("loaded", "dashboard", None)
    assert (doc.info.municipality, doc.info.title) == ("横浜市", "横浜 DX 戦略 ダッシュボード")
    assert doc.info.fiscal_year_start == doc.info.fiscal_year_end == 2023
    assert rows(name, "rejects") == []
    ids = [i.indicator_id for i in rows(name, "indicators")]
    assert len(ids) == len(set(ids))
    tabs = [p.name for p in rows(name, "projects") if p.category == "ダッシュボード"]
    assert tabs[0] == "上位100手続オンライン化" and tabs[-1] == "住民情報系システム標準化" and len(tabs) == 6


@pytest.mark.parametrize("name", RENDERINGS)
def test_headline_figure_keeps_its_period_as_printed(name):
    [cards] = values_of(name, "マイナンバーカード保有枚数")
    assert (cards.value, cards.unit, cards.role, cards.raw_text) == (Decimal(2639436), "枚", "actual", "2,639,436 枚")
    assert (cards.column_label, cards.fiscal_year) == ("2023年7月31日 時点の数値", 2023)
    [reports] = values_of(name, "活動報告")
    assert (reports.value, reports.unit, reports.comparator, reports.fiscal_year) == (Decimal(5000), "件/月", "~", 2023)


@pytest.mark.parametrize("name", RENDERINGS)
def test_printed_change_is_a_delta_of_its_figure(name):
    by_role = {v.role: v for v in values_of(name, "After 手続時間")}
    assert (by_role["actual"].value, by_role["delta"].value, by_role["delta"].unit) == (5, -15, "分")


@pytest.mark.parametrize("name", RENDERINGS)
def test_period_grid_is_read_on_either_axis_and_adds_up_to_its_total(name):
    """The main rendering puts the periods on rows, the variant on columns; both give period × ward."""
    grid = {
        (v.row_label, v.column_label): (v.value, v.fiscal_year, v.unit)
        for v in rows(name, "indicator_values")
        if v.table_name == "チーム数"
    }
    assert grid == {
        ("R5", "西区"): (7, 2023, "チーム"),
        ("R5", "港南区"): (4, 2023, "チーム"),
        ("R4", "西区"): (7, 2022, "チーム"),
        ("R4", "港南区"): (15, 2022, "チーム"),
    }
    [check] = [c for c in rows(name, "checks") if c.check_name == "dashboard_total_equals_grid"]
    assert (check.expected, check.actual, check.passed) == (33, 33, True)


@pytest.mark.parametrize("name", RENDERINGS)
def test_dated_steps_are_milestones(name):
    steps = {m.period_label: m.fiscal_year for m in rows(name, "milestones") if m.item and m.item.startswith("取組")}
    assert steps == {"R4.12実施済": 2022, "R6.4予定": 2024, "R6後半": 2024}


@pytest.mark.parametrize("name", RENDERINGS)
def test_prose_figures_and_merged_departments(name):
    ranges = [t for t in rows(name, "text_facts") if t.value_max is not None]
    assert [(t.value_min, t.value_max, t.unit, t.qualifier, t.fiscal_year) for t in ranges] == [
        (55, 75, "分", "約", 2022)
    ]
    offices = {p.name: p.departments for p in rows(name, "projects") if p.category == "標準化の対象事務"}
    assert len(offices) == 20
    assert offices["子ども・子育て支援"] == ["こども青少年局"]  # a merged cell in the main rendering
    assert offices["健康管理"] == ["健康福祉局", "こども青少年局", "医療局"]


@pytest.mark.parametrize("name", RENDERINGS)
def test_expected_facts_found(name):
    result = score(load_facts(EXPECTED), dashboard_facts(parsed(name).records))
    assert result.total == 54
    assert not result.wrong, result.wrong
    assert len(result.found) >= MIN_FOUND, result.summary(name)


@pytest.mark.parametrize("name", RENDERINGS)
def test_navigation_repeated_on_every_page_is_not_read(name):
    """Both renderings print the six tab names on every page (a header in one, a footer in the other):
    page furniture, so no figure is read from it (its `上位100手続オンライン化` is not 100 手続)."""
    tabs = [p.name for p in rows(name, "projects") if p.category == "ダッシュボード"]
    assert len(tabs) == 6
    assert not [t for t in rows(name, "text_facts") if sum(tab in t.context for tab in tabs) >= 3]
    assert not [i for i in rows(name, "indicators") if sum(tab in i.name for tab in tabs) >= 3]


def test_a_value_printed_once_for_the_rows_around_it_is_theirs():
    """Without rules, 市民局 printed once for three 事務 sits on the middle one's line; the blank rows as
    many above as below are its rows. A blank beside one value only (the run is uneven) stays blank."""
    from parsers.documents.dashboard.reader import _centred_values

    printed = ["こども青少年局", "", "", "市民局", "", "選挙管理委員会事務局", "財政局", "", "", "", "市民局"]
    printed.append("教育委員会事務局")
    assert _centred_values(printed) == [
        "こども青少年局",
        "",
        "市民局",
        "市民局",
        "市民局",
        "選挙管理委員会事務局",
        "財政局",
        "",
        "",
        "",
        "市民局",
        "教育委員会事務局",
    ]
