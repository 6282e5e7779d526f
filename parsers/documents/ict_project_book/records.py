"""ProjectDraft / ExploreBlock -> Project, ProjectText, Milestone, Indicator and IndicatorValue records.

The 成果指標 name may name several indicators (`導入拠点及び利用率`, `Xのフォロワー数、YouTubeの…`)
whose values share one cell (`25 拠点・ 14%`): the name is split on 及び / 、 / 並びに when the cells
hold that many figures. The 現状値 is the baseline; its note dates each value (`拠点数は R6.1 実績、
利用率は R4 年度実績`: one date per value).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.documents.ict_project_book.tables import ProjectDraft, split_indicator_header
from parsers.documents.plans.kpi_values import KpiValue, parse_kpi_cell
from parsers.documents.plans.rows import as_printed, years_of_cell
from parsers.normalize import NormalizationError, clean_text, parse_period
from schemas.budget import Project
from schemas.collect import RecordSet, make_id
from schemas.plans import Indicator, IndicatorValue, Milestone

_NAME_SPLIT = re.compile(r"及び|並びに|、")
_DEPT_SPLIT = re.compile(r"[、,]")
_PERIOD = re.compile(
    r"(?:令和|平成|R|H)\s*(?:\d+|元)(?:\s*[~～〜˜]\s*\d+)?(?:\.\d{1,2})?(?:\s*年度|\s*年\s*\d{1,2}\s*月)?"
)
TABLE_INDICATOR = "成果指標"
TABLE_ACTIONS = "行動目標"


@dataclass(frozen=True)
class PlanPlace:
    """Where a project sits: its hierarchy, 区分, and how sure we are of it."""

    plan_path: tuple[str, ...]
    measure_code: str | None
    category: str | None
    flags: tuple[str, ...] = ()
    confidence: float = 1.0


def add_project(
    records: RecordSet, *, name: str, name_cell, page: int, place: PlanPlace, dept: str | None, pages: set[int]
) -> str:
    """Add the Project record; return its id."""
    normalized = clean_text(name)
    project_id = make_id(records.doc_id, "project", "".join(normalized.split()))
    departments = [clean_text(d) for d in _DEPT_SPLIT.split(dept or "") if d.strip()]
    goal = next((p for p in place.plan_path if p.startswith("基本目標")), None)
    records.add_printed(
        Project,
        name_cell,
        page=page,
        project_id=project_id,
        name=name,
        name_normalized=normalized,
        department=dept,
        departments=departments,
        policy_ref=re.sub(r"\D", "", goal)[:2] if goal else None,
        measure_ref=place.measure_code,
        category=place.category,
        plan_path=list(place.plan_path),
        flags=list(place.flags),
        pages=sorted(pages),
        confidence=place.confidence,
    )
    return project_id


def add_draft_details(records: RecordSet, project_id: str, draft: ProjectDraft) -> None:
    """Add the 行動目標 milestones, the 成果指標 indicators, baselines and yearly targets of a table."""
    for page, cell in draft.actions:
        text = as_printed(cell.text).strip()
        if not text:
            continue
        for year in years_of_cell(cell, draft.years) or [None]:
            records.add_printed(
                Milestone,
                cell,
                page=page,
                project_id=project_id,
                table_name=TABLE_ACTIONS,
                item=TABLE_ACTIONS,
                period_label=year.label if year else "年度別計画",
                fiscal_year=year.fiscal_year if year else None,
                text=clean_text(text),
            )
    if draft.indicator_cell is None:
        return
    _add_indicators(records, project_id, draft)


def _add_indicators(records: RecordSet, project_id: str, draft: ProjectDraft) -> None:
    page, header = draft.indicator_cell
    name, baseline = split_indicator_header(header.text)
    cells = [(p, c, parse_kpi_cell(c.text)) for p, c in draft.value_cells]
    widest = max((len(k.values) for _, _, k in cells if not k.is_blank), default=1)
    names = split_indicator_name(name, widest)
    ids = []
    for sub in names:
        indicator_id = make_id(records.doc_id, "indicator", project_id, sub)
        ids.append(indicator_id)
        records.add_printed(
            Indicator,
            header,
            page=page,
            indicator_id=indicator_id,
            project_id=project_id,
            kind="outcome",
            name=sub,
            unit=None,
            baseline_text=baseline,
        )
    common = {"table_name": TABLE_INDICATOR}
    if baseline:
        kpi = parse_kpi_cell(baseline)
        years = baseline_years(kpi.notes, len(kpi.values))
        for i, value in enumerate(kpi.values[: len(ids)]):
            records.add_printed(
                IndicatorValue,
                header,
                **common,
                page=page,
                raw_text=baseline,
                indicator_id=ids[i],
                row_label=names[i],
                column_label="現状値",
                fiscal_year=years[i],
                role="baseline",
                **value.fields(),
            )
    for cell_page, cell, kpi in cells:
        values: list[KpiValue] = kpi.values * len(ids) if kpi.is_blank else kpi.values
        if len(values) != len(ids):
            records.warnings.append(f"p{cell_page}: {len(values)} figures for {len(ids)} indicators in {cell.text!r}")
        for year in years_of_cell(cell, draft.years):
            for i, value in enumerate(values[: len(ids)]):
                records.add_printed(
                    IndicatorValue,
                    cell,
                    **common,
                    page=cell_page,
                    raw_text=as_printed(cell.text),
                    indicator_id=ids[i],
                    row_label=names[i],
                    column_label=year.label,
                    fiscal_year=year.fiscal_year,
                    role="target",
                    **value.fields(),
                )


def split_indicator_name(name: str, parts: int) -> list[str]:
    """Given an indicator name and how many figures its cells hold, return one name per figure.

    `導入拠点及び利用率` -> [導入拠点, 利用率]; a short tail borrows the head's stem
    (`…要望校数並びに件数` -> […要望校数, …要望件数]). Unsplittable names are numbered.
    """
    if parts <= 1:
        return [name]
    pieces = [p.strip() for p in _NAME_SPLIT.split(name) if p.strip()]
    if len(pieces) != parts:
        return [name] + [f"{name} ({i + 1})" for i in range(1, parts)]
    head = pieces[0]
    return [head] + [head[: -len(p)] + p if _is_short_tail(p, head) else p for p in pieces[1:]]


def _is_short_tail(piece: str, head: str) -> bool:
    """`件数` after `…要望校数`: a short piece ending like the head names the same thing."""
    return len(piece) <= 3 and len(piece) < len(head) and piece[-1] == head[-1]


def baseline_years(notes: list[str], count: int) -> list[int | None]:
    """Given the notes of a 現状値 and how many figures it has, return each figure's fiscal year.

    One note part per figure (`拠点数は R6.1 実績、利用率は R4 年度実績`) dates each figure; otherwise
    the first date of the notes dates all. A range (`令和3~5年度平均`) dates none.
    """
    text = " ".join(notes)
    parts = [p for p in re.split(r"[、,]", text) if p.strip()]
    if count > 1 and len(parts) == count:
        return [_first_year(p) for p in parts]
    return [_first_year(text)] * max(count, 1)


def _first_year(text: str) -> int | None:
    m = _PERIOD.search(text)
    if not m:
        return None
    try:
        period = parse_period(m.group().replace("˜", "~"))
    except NormalizationError:
        return None
    return period.start if period.end == period.start else None
