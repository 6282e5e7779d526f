"""Hachioji drafts -> records: projects, texts, 取組内容 milestones, KPI indicators and values, checks.

A worded target (no figure) has no label: it stays on the row 目標・KPI. A year header's disagreeing
western year (`（2015年度）`) is kept as a text of the KPI table's 年度 row.

Checks (DESIGN §5): for every evaluated KPI with a printed difference, the sign agrees with its tag
(【達成】 ⇔ difference ≥ 0), and where the cell also prints that year's target, actual − target equals
the printed difference. Otherwise the target is derived (actual − difference) and marked `derived`.
"""

from __future__ import annotations

from decimal import Decimal

from parsers.documents.action_plan_kpi.kpi_cells import KpiChunk, cell_to_chunks
from parsers.documents.action_plan_kpi.projects import ProjectDraft, cells_by_year, markers, strip_markers
from parsers.documents.plans.rows import YearColumn, as_printed
from parsers.documents.plans.shared import add_project_text
from parsers.normalize import clean_text
from parsers.pdf.model import Cell
from schemas.budget import Project
from schemas.collect import Printed, RecordSet, Where, make_id
from schemas.plans import Indicator, IndicatorValue, Milestone

TABLE_KPI = "KPI"
ROW_KPI = "目標・KPI"
_TEXT_FIELDS = {"事業内容": "事業内容", "目的あるべき姿": "目的・あるべき姿"}


def add_project_draft(records: RecordSet, draft: ProjectDraft, plan_path: list[str]) -> str | None:
    """Add one 事業 with everything under it; return its project id (None if it has no name)."""
    if not draft.name:
        records.warnings.append(f"p{draft.page}: 管理番号 {draft.code} without a name")
        return None
    description = next((as_printed(c.text) for k, _, c in draft.texts if k == "事業内容"), None)
    project_id = make_id(records.doc_id, "project", draft.code)
    cell = draft.name_cell or draft.code_cell
    records.add_printed(
        Project,
        cell,
        page=draft.page,
        project_id=project_id,
        name=draft.name,
        name_normalized=clean_text(strip_markers(draft.name)),
        code=draft.code,
        department=draft.dept,
        departments=[clean_text(d) for d in _split_depts(draft.dept)],
        policy_ref=draft.code.split("-")[0],
        measure_ref="-".join(draft.code.split("-")[:2]),
        category="KPI事業" if draft.has_kpi_table else "事業",
        plan_path=[*plan_path, *filter(None, [draft.item])],
        flags=markers(draft.name, description) + draft.flags,
        pages=sorted(draft.pages),
        confidence=draft.confidence,
    )
    if draft.dept:
        add_project_text(records, project_id, "担当", draft.page, cell, draft.dept)
    for key, page, text_cell in draft.texts:
        add_project_text(records, project_id, _TEXT_FIELDS[key], page, text_cell, as_printed(text_cell.text))
    for page, action_cell, year in cells_by_year(draft.actions, draft.years):
        _add_year_text(
            records, project_id, ("取組内容", "取組内容"), page, action_cell, year, as_printed(action_cell.text)
        )
    for page, header_cell, year in cells_by_year(draft.year_header, draft.years):
        if year.conflict:  # the era is used; the disagreeing western year is kept as printed
            _add_year_text(records, project_id, (TABLE_KPI, "年度"), page, header_cell, year, year.conflict)
    _add_kpis(records, project_id, draft)
    return project_id


def _add_year_text(
    records: RecordSet, project_id: str, place: tuple[str, str], page: int, cell: Cell, year: YearColumn, text: str
) -> None:
    """Add one year's printed text of a table row (`place` = table, row label) as a Milestone."""
    records.add_printed(
        Milestone,
        cell,
        page=page,
        project_id=project_id,
        table_name=place[0],
        item=place[1],
        period_label=year.label,
        fiscal_year=year.fiscal_year,
        text=text or "-",
    )


def _split_depts(dept: str | None) -> list[str]:
    if not dept:
        return []
    out = []
    for part in dept.replace("、", "・").split("・"):
        part = part.strip()
        if part:
            out.append(part)
    # `子どもの教育・保育推進課` is one 課: rejoin pieces that are not a 課/室/所/センター on their own
    joined: list[str] = []
    for part in out:
        if joined and not joined[-1].endswith(("課", "室", "所", "センター", "館", "部", "局")):
            joined[-1] += "・" + part
        else:
            joined.append(part)
    return joined


def _add_kpis(records: RecordSet, project_id: str, draft: ProjectDraft) -> None:
    if not draft.years:
        return
    last_year = max(y.fiscal_year for y in draft.years)
    indicators: dict[str, str] = {}
    read = [
        (page, cell, year, cell_to_chunks(cell.text)) for page, cell, year in cells_by_year(draft.kpis, draft.years)
    ]
    named = {chunk.label for *_, chunks in read for chunk in chunks if chunk.label}
    for page, cell, year, chunks in read:
        is_target = year.fiscal_year == last_year
        for chunk in chunks:
            label = _whole_name(chunk, named) or _named_elsewhere(chunk, named) or ROW_KPI
            where = Where(page, cell.bbox, cell.text)
            indicator_for(records, indicators, project_id, label, where)
            base = {
                "indicator_id": indicators[label],
                "table_name": TABLE_KPI,
                "row_label": label,
                "column_label": year.label,
                "fiscal_year": year.fiscal_year,
            }
            _add_chunk(records, where, base, chunk, is_target)


def indicator_for(records: RecordSet, indicators: dict[str, str], owner_id: str, name: str, where: Printed) -> str:
    """The id of `owner_id`'s KPI called `name`, added to `records` (printed at `where`) the first
    time a table names it; `indicators` remembers the ones added."""
    if name not in indicators:
        indicators[name] = make_id(records.doc_id, "indicator", owner_id, name)
        records.add_printed(
            Indicator,
            where,
            indicator_id=indicators[name],
            project_id=owner_id,
            kind="kpi",
            name=name,
        )
    return indicators[name]


def _whole_name(chunk: KpiChunk, named: set[str]) -> str | None:
    """A KPI whose name this cell breaks over lines (`キャッシュレス` / `利用率4０％`, read as 利用率) takes
    as much of the name another year prints (`キャッシュレス利用率`; `ポータルサイト` / `閲覧数　6万件` of
    `…運用支援ポータルサイト閲覧数`) as the cell prints right before its figure."""
    label = chunk.label
    if not label or chunk.value is None:
        return label
    flat = "".join(chunk.raw_text.split())
    figure = "".join(chunk.value.raw.split())
    whole = []
    for name in named:
        name = "".join(name.split())
        end = name.rfind(label)
        if end < 0 or name == label:
            continue
        end += len(label)
        whole += [name[start:end] for start in range(end - len(label)) if name[start:end] + figure in flat][:1]
    return max(whole, key=len) if whole else label


def _named_elsewhere(chunk: KpiChunk, named: set[str]) -> str | None:
    """An unlabelled KPI that prints the name other years give their KPI (`生涯学習活動の成果を…割合` /
    `前年度以上`), or a bare figure in a table naming one KPI (`３商店街/年` under `補助件数（実績）`)."""
    flat = "".join(chunk.raw_text.split())
    printed = [name for name in named if "".join(name.split()) in flat]
    if printed:
        return max(printed, key=len)
    has_figure = chunk.value is not None and chunk.value.value is not None
    return next(iter(named)) if has_figure and len(named) == 1 else None


def _add_chunk(records: RecordSet, where: Printed, base: dict, chunk: KpiChunk, is_target: bool) -> None:
    """Add the values of one KPI: actual (+ status), delta, printed or derived target; and the checks."""
    role = "target" if is_target and chunk.status is None else "actual"
    for value in (*chunk.extras, chunk.value) if chunk.value is not None else ():
        fields = value.fields() | {"status": chunk.status}
        records.add_printed(IndicatorValue, where, **base, raw_text=chunk.raw_text, role=role, **fields)
    if chunk.delta is None:
        if chunk.printed_target is not None:  # `1,700件 （実績：1,722件）`: target and actual, no difference
            target = chunk.printed_target.fields() | {"status": None}
            records.add_printed(IndicatorValue, where, **base, raw_text=chunk.raw_text, role="target", **target)
        return
    records.add_printed(IndicatorValue, where, **base, raw_text=chunk.delta.raw, role="delta", **chunk.delta.fields())
    actual = chunk.value.value if chunk.value is not None else None
    delta = chunk.delta.value
    if actual is None or delta is None:
        return
    subject = f"{base['row_label']} {base['fiscal_year']}"
    if chunk.status in ("達成", "未達成"):
        records.check(
            "kpi_delta_sign_matches_status",
            subject,
            expected=Decimal(1 if chunk.status == "達成" else 0),
            actual=Decimal(1 if delta >= 0 else 0),
            page=where.page,
            detail=chunk.raw_text,
        )
    if chunk.printed_target is not None and chunk.printed_target.value is not None:
        records.check(
            "kpi_actual_minus_target_equals_delta",
            subject,
            expected=Decimal(delta),
            actual=Decimal(actual) - Decimal(chunk.printed_target.value),
            page=where.page,
            detail=chunk.raw_text,
        )
        target = chunk.printed_target.fields()
    else:
        target = chunk.value.fields() | {"value": Decimal(actual) - Decimal(delta), "qualifier": "derived"}
    records.add_printed(
        IndicatorValue, where, **base, raw_text=chunk.raw_text, role="target", **(target | {"status": None})
    )
