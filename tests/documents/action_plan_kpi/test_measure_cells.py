"""The 施策 page's goal cells and 参考 lines read by structure, on texts other than the sample's:
several KPIs in one cell each on its own line after its own name, a figure that only qualifies the
noun after it, a figure glued to a word (a version number), the 参考 marker in brackets, a KPI
name broken over lines, and the plan period among the periods of related plans."""

from __future__ import annotations

from decimal import Decimal

from parsers.documents.action_plan_kpi import own_period
from parsers.documents.action_plan_kpi.kpi_cells import cell_to_chunks
from parsers.documents.action_plan_kpi.measures import _goal_figures
from parsers.documents.action_plan_kpi.records import _named_elsewhere, _whole_name
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

    def whole(text: str) -> str | None:
        (chunk,) = cell_to_chunks(text)
        return _whole_name(chunk, named)

    assert whole("大腸がん検診\n受診率５０％") == "大腸がん検診受診率"
    assert whole("受診率５０％") == "受診率"  # the cell prints only part of it
    assert whole("大腸がん検診の実施\n受診率５０％") == "受診率"  # printed, but not as the figure's name
    # as much of the name as the cell prints before the figure: `ポータルサイト` / `閲覧数　6万件`
    named = {"観光情報ポータルサイト運用支援ポータルサイト閲覧数"}
    assert whole("ポータルサイト\n閲覧数　6万件") == "ポータルサイト閲覧数"
    assert whole("-") is None


def test_an_unlabelled_figure_takes_the_one_kpi_its_table_names():
    named = {"補助件数（実績）"}
    (bare,) = cell_to_chunks("３商店街/年")
    assert (bare.label, bare.value.value, bare.value.unit) == (None, 3, "商店街/年")
    assert _named_elsewhere(bare, named) == "補助件数（実績）"
    assert _named_elsewhere(bare, named | {"補助金額"}) is None  # two KPIs: which one is not printed
    (worded,) = cell_to_chunks("地域活動に活かして\nいる市民の割合\n前年度以上")
    assert _named_elsewhere(worded, {"地域活動に活かしている市民の割合", "x"}) == "地域活動に活かしている市民の割合"


def test_bullets_and_a_restated_change_split_and_join_kpis():
    chunks = cell_to_chunks("【達成】\n・収蔵資料の\nデータベース化\n80%完了\n・主要な資料の\nオンライン公開\n20%完了")
    assert [(c.status, c.label, c.value.value) for c in chunks] == [
        ("達成", "収蔵資料のデータベース化", 80),
        ("達成", "主要な資料のオンライン公開", 20),
    ]
    (line,) = cell_to_chunks("戦略的なSNS活用に\n向けた継続的な検討\nLINE登録者数\n前年比３割増\n47,161人")
    assert [(v.value, v.unit) for v in (*line.extras, line.value)] == [(30, "%"), (47161, "人")]
    assert line.label == "戦略的なSNS活用に向けた継続的な検討LINE登録者数"
    (dated,) = cell_to_chunks("【達成】\n令和４年４月１日\nオンライン公開開始\n窓口閲覧件数前年度\n比58％の低減")
    assert dated.value.value == 58  # a date line does not end a KPI


def test_the_plan_period_is_the_tightest_printed_period_covering_the_planned_years():
    printed = [(2024, 2031), (2023, 2026), (2019, 2023), (2023, 2027)]
    periods = [{"fiscal_year_start": a, "fiscal_year_end": b} for a, b in printed]
    assert own_period(periods, [2023, 2024, 2025, 2026]) == {"fiscal_year_start": 2023, "fiscal_year_end": 2026}
    assert own_period(periods, []) == periods[0]  # nothing planned: the first printed
    assert own_period([], [2023]) is None


def test_a_change_on_the_year_before_an_ordinal_and_a_version_are_not_the_value():
    (faq,) = cell_to_chunks("【達成】\n庁内チャットボットFAQ\n掲載所管課数：計７所管\n（対前年度：＋１所管）")
    assert (faq.value.value, faq.value.unit, faq.printed_target) == (7, "所管", None)
    assert [(v.value, v.qualifier) for v in faq.extras] == [(1, "対前年度")]
    (council,) = cell_to_chunks("・オンライン委員会を開催する\n「議会機能向上協議会」\n（第1回目）を開催する。")
    assert council.value.value is None  # `第1回目` is an ordinal: no figure, a worded target
    (spec,) = cell_to_chunks("【達成】\n標準仕様2.0版の\n確認・運用検討")
    assert (spec.status, spec.value.value, spec.value.text) == ("達成", None, "標準仕様2.0版の確認・運用検討")
