"""parse_kpi_cell on hand-written cells as the seeds print them."""

from decimal import Decimal

from parsers.documents.plans.kpi_values import parse_kpi_cell


def _one(text):
    cell = parse_kpi_cell(text)
    assert len(cell.values) == 1, cell
    return cell, cell.values[0]


def test_plain_count_with_counter():
    _, v = _one("15 手続")
    assert (v.value, v.unit, v.text) == (15, "手続", None)


def test_compound_cell_gives_two_values():
    cell = parse_kpi_cell("25 拠点・ 14%")
    assert [(v.value, v.unit) for v in cell.values] == [(25, "拠点"), (14, "%")]


def test_relative_target_keeps_qualifier_and_basis():
    _, v = _one("R5 年度実績から 約 3%増")
    assert (v.value, v.unit, v.qualifier, v.comparator, v.basis) == (3, "%", "約|増", "~", "R5 年度実績から")


def test_blank_mark_is_no_target():
    cell, v = _one("-")
    assert cell.is_blank and v.value is None and v.text == "-"


def test_qualitative_target_is_text():
    _, v = _one("更新完了")
    assert v.value is None and v.text == "更新完了"
    assert v.fields()["text"] == "更新完了"


def test_baseline_with_note_per_value():
    cell = parse_kpi_cell("24 拠点・13.4% (拠点数は R6.1 実績、利用率は R4 年度実績)")
    assert [v.value for v in cell.values] == [24, Decimal("13.4")]
    assert cell.notes == ["拠点数は R6.1 実績、利用率は R4 年度実績"]


def test_figure_inside_prose_takes_counter_after_no():
    _, v = _one("紙資料を併用している 1以上の議会資料を ペーパーレス化")
    assert (v.value, v.unit, v.comparator) == (1, "議会資料", ">=")
    assert v.text == "紙資料を併用している1以上の議会資料をペーパーレス化"


def test_bounds_and_labels():
    cell = parse_kpi_cell("30校以上かつ 150件未満")
    assert [(v.value, v.unit, v.comparator) for v in cell.values] == [(30, "校", ">="), (150, "件", "<")]
    cell = parse_kpi_cell("X：600人 YouTube：750人")
    assert [(v.label, v.value) for v in cell.values] == [("X", 600), ("YouTube", 750)]


def test_evaluated_cell_status_value_delta():
    cell = parse_kpi_cell("【未達成】 申請化率：19.9％（対目標：▲10.1％）")
    assert cell.status == "未達成"
    assert [(v.label, v.value, v.status) for v in cell.values] == [("申請化率", Decimal("19.9"), "未達成")]
    assert cell.delta.value == Decimal("-10.1") and cell.delta.unit == "%"


def test_zero_delta_and_fraction_of_whole():
    assert parse_kpi_cell("5%（対目標：±0％）").delta.value == 0
    _, v = _one("24種中1種")
    assert (v.value, v.numerator, v.denominator, v.unit) == (1, 1, 24, "種")


def test_relative_to_previous_year_and_bracketed_whole_cell():
    _, v = _one("前年比＋１０％")
    assert (v.value, v.unit, v.qualifier) == (10, "%", "前年比")
    _, v = _one("（136万7千件）")
    assert (v.value, v.unit) == (1367000, "件")
