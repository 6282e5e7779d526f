"""The 施策 page's goal cells and 参考 lines read by structure, on texts other than the sample's:
several KPIs in one cell each on its own line after its own name, a figure that only qualifies the
noun after it, a figure glued to a word (a version number), the 参考 marker in brackets, a KPI
name broken over lines, and the plan period among the periods of related plans."""

from __future__ import annotations

from decimal import Decimal

from parsers.documents.action_plan_kpi import own_period
from parsers.documents.action_plan_kpi.measures import _goal_figures
from parsers.documents.action_plan_kpi.records import _whole_name
from parsers.documents.action_plan_kpi.reference import add_reference_line
from parsers.documents.plans.rows import Line
from schemas.collect import RecordSet


def test_a_cell_of_several_named_kpis_yields_each():
    read = _goal_figures("説明会の開催\n年３回\n個別相談会　年１２回\n出前講座の実施５件")
    assert [(v.label, v.value, v.unit) for v in read] == [
        ("説明会の開催", 3, "回/年"),
        ("個別相談会", 12, "回/年"),
        ("出前講座の実施", 5, "件"),
    ]


def test_a_figure_that_qualifies_the_noun_after_it_is_not_the_target():
    [read] = _goal_figures("年間500件以上の\n手続の45％を\n電子化")
    assert (read.value, read.unit) == (45, "%")


def test_a_figure_glued_to_a_word_is_part_of_a_name():
    [read] = _goal_figures("仕様書3.1版の\n確認")
    assert (read.value, read.text) == (None, "仕様書3.1版の確認")


def test_a_bracketed_reference_marker_gives_a_baseline():
    records = RecordSet(doc_id="0" * 64)
    line = Line(3, "【参考】令和２年度（2020年度）における相談件数 約1,500件", (0.0, 0.0, 10.0, 10.0), 8.0)
    add_reference_line(records, "p", line)
    [value] = records.rows["indicator_values"]
    assert (value.table_name, value.row_label, value.fiscal_year, value.role) == ("参考", "相談件数", 2020, "baseline")
    assert (value.value, value.unit, value.qualifier) == (Decimal(1500), "件", "約")


def test_a_kpi_name_broken_over_lines_takes_the_whole_name_other_years_print():
    named = {"大腸がん検診受診率", "受診率"}
    assert _whole_name("受診率", named, "大腸がん検診\n受診率５０％") == "大腸がん検診受診率"
    assert _whole_name("受診率", named, "受診率５０％") == "受診率"  # the cell prints only part of it
    assert _whole_name(None, named, "-") is None


def test_the_plan_period_is_the_tightest_printed_period_covering_the_planned_years():
    printed = [(2024, 2031), (2023, 2026), (2019, 2023), (2023, 2027)]
    periods = [{"fiscal_year_start": a, "fiscal_year_end": b} for a, b in printed]
    assert own_period(periods, [2023, 2024, 2025, 2026]) == {"fiscal_year_start": 2023, "fiscal_year_end": 2026}
    assert own_period(periods, []) == periods[0]  # nothing planned: the first printed
    assert own_period([], [2023]) is None
