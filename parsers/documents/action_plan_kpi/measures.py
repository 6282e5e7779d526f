"""The 施策 page's 目標・KPI table (one row per sub-theme, one target per year) and the 進捗 table.

A 施策 owns its KPIs the way a project does, so it becomes a Project row with category `施策` and
code `N-M` (基本方針 N, 施策 M). Its row label is the sub-theme as printed, unless every year's cell
prints the same KPI name before its figure (`LINEによる防犯情報取得者 前年比＋１０％`): then that name.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from parsers.documents.action_plan_kpi.records import indicator_for
from parsers.documents.plans.kpi_values import KpiValue, in_name, parse_kpi_cell
from parsers.documents.plans.rows import Line, Row, as_printed, find_year_columns, years_of_cell
from parsers.normalize import NormalizationError, clean_text, parse_fiscal_year, parse_number
from schemas.budget import Project
from schemas.collect import RecordSet, Where, make_id
from schemas.plans import Indicator, IndicatorValue

TABLE_MEASURE = "目標・KPI"
TABLE_PROGRESS = "進捗"


def is_measure_header(row: Row) -> bool:
    """A 施策 table header: label `年度`, an empty second cell, then year columns."""
    return (
        row.label_key == "年度"
        and bool(row.cells)
        and not row.cells[0].text.strip()
        and bool(find_year_columns(row.cells))
    )


def measure_id(records: RecordSet, code: str) -> str:
    """The project id of the 施策 `code` (`1-2`) in this document."""
    return make_id(records.doc_id, "measure", code)


def add_measure_table(
    records: RecordSet, measure: tuple[str, str], policy: str | None, header: Row, rows: list[Row]
) -> str:
    """Add the 施策 as a Project and its 目標・KPI rows as indicators with yearly targets; return its id."""
    code, heading = measure
    project_id = measure_id(records, code)
    records.add_printed(
        Project,
        Where(header.page, header.bbox, heading),
        project_id=project_id,
        name=heading,
        name_normalized=clean_text(heading),
        code=code,
        policy_ref=code.split("-")[0],
        measure_ref=code,
        category="施策",
        plan_path=[p for p in (policy, heading) if p],
        pages=[header.page],
    )
    years = find_year_columns(header.cells)
    for row in rows:
        cells = [(c, y) for c in row.cells for y in years_of_cell(c, years)]
        if not cells:
            continue
        read = [(c, y, _goal_figures(c.text)) for c, y in cells]
        single = all(len(values) == 1 for _, _, values in read)
        printed = as_printed(row.label).strip()
        label = (_common_label([(c, y, values[0]) for c, y, values in read]) if single else None) or printed
        label = label or TABLE_MEASURE  # the KPI's name
        row_label = printed or label  # the row as printed (`窓口キャッシュレス化`)
        indicators: dict[str, str] = {}
        for cell, year, values in read:
            for value in values:
                # a cell setting several KPIs names each one (`全職員必須研修 年２回` / `その他研修 年６回`)
                name = label if len(values) == 1 else f"{row_label} {value.label}"
                indicator_id = indicator_for(
                    records, indicators, project_id, name, Where(row.page, row.bbox, row.label)
                )
                records.add_printed(
                    IndicatorValue,
                    cell,
                    page=row.page,
                    raw_text=as_printed(cell.text),
                    indicator_id=indicator_id,
                    table_name=TABLE_MEASURE,
                    row_label=row_label if len(values) == 1 else name,
                    column_label=year.label,
                    fiscal_year=year.fiscal_year,
                    role="target",
                    **value.fields(),
                )
    return project_id


def _goal_figures(text: str) -> list[KpiValue]:
    """The figures a goal cell sets: each figure that ends its own printed line after its own name
    when there are several (`全職員必須研修\n年２回\nその他研修　年６回`), else the one it ends on
    (`年間1,000件以上の\n手続の30％を\nオンライン申請化` -> 30 %: the 1,000 only qualifies the 手続).
    A figure without a unit glued to the word after it is part of a name (`標準仕様2.0版`), no target."""
    cell = parse_kpi_cell(text)
    flat = "".join(text.split())
    figures = [v for v in cell.values if (v.value is not None or v.numerator is not None) and not in_name(v, flat)]
    lines = ["".join(line.split()) for line in text.split("\n")]
    ending = [v for v in figures if v.label and any(line.endswith("".join(v.raw.split())) for line in lines)]
    if len(ending) > 1 and len({v.label for v in ending}) == len(ending):
        return [replace(v, label="".join(v.label.split())) for v in ending]
    if not figures:
        worded = [v for v in cell.values if v.value is None and v.numerator is None]
        return [worded[0] if worded else KpiValue(raw=cell.raw_text, text=clean_text(flat) or "-")]
    last = figures[-1]
    label = flat[: flat.find("".join(last.raw.split()))] or None
    return [KpiValue(**{**last.__dict__, "label": label, "text": None})]


def _common_label(read) -> str | None:
    labels = {v.label for _, _, v in read}
    if len(labels) == 1 and (label := labels.pop()) and all(v.value is not None for _, _, v in read):
        return label
    return None


def add_progress_table(records: RecordSet, header: Row, rows: list[Row], events) -> dict[str, tuple[int, int]]:
    """Add the 進捗 table (one indicator per column, actual counts per 基本方針) and its sum checks.

    Returns {基本方針 number: (目標KPI設定事業件数, page)} for the parsed-projects check.
    """
    heading = next(
        (
            e
            for e in reversed(events)
            if isinstance(e, Line) and "進捗" in e.text and e.page == header.page and e.top < header.top
        ),
        None,
    )
    fiscal_year = _heading_year(heading.text) if heading else None
    columns = [as_printed(c.text) for c in header.cells]
    ids = {}
    for col, cell in zip(columns, header.cells, strict=True):
        ids[col] = make_id(records.doc_id, "indicator", "progress", col)
        records.add_printed(
            Indicator,
            cell,
            page=header.page,
            indicator_id=ids[col],
            kind="kpi",
            name=col,
        )
    counts: dict[str, tuple[int, int]] = {}
    for row in rows:
        values = {}
        for col, cell in zip(columns, row.cells, strict=False):
            try:
                nv = parse_number(cell.text)
            except NormalizationError:
                records.warnings.append(f"p{row.page}: unreadable 進捗 cell {cell.text!r}")
                continue
            values[col] = nv.value
            records.add_printed(
                IndicatorValue,
                cell,
                page=row.page,
                indicator_id=ids[col],
                table_name=TABLE_PROGRESS,
                row_label=as_printed(row.label),
                column_label=col,
                fiscal_year=fiscal_year,
                role="actual",
                value=nv.value,
                unit=nv.unit,
            )
        _progress_sums(records, as_printed(row.label), values, row.page)
        number = next((str(int(ch)) for ch in clean_text(row.label)[:4] if ch.isdigit()), None)
        if number and len(columns) > 0 and columns[0] in values:
            counts[number] = (int(values[columns[0]]), row.page)
    return counts


def _progress_sums(records: RecordSet, subject: str, values: dict, page: int) -> None:
    """件数 = 達成 + 未達成 + 一部未達成, and 達成率 = 達成 / 件数 (to 0.1 %)."""
    total = next((v for k, v in values.items() if "件数" in k), None)
    done = values.get("達成")
    parts = [values.get(k) for k in ("達成", "未達成", "一部未達成")]
    if total is not None and None not in parts:
        records.check("progress_parts_sum_to_total", subject, expected=total, actual=sum(parts), page=page)
    rate = values.get("達成率")
    if total and done is not None and rate is not None:
        computed = (Decimal(done) * 100 / Decimal(total)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        records.check("progress_rate", subject, expected=Decimal(rate), actual=computed, page=page)


def _heading_year(text: str) -> int | None:
    for token in text.split():
        try:
            return parse_fiscal_year(token.split("の")[0])
        except NormalizationError:
            continue
    return None
