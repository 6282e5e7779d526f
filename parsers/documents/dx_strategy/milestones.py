"""Milestone grids (item × `1Q(R4)`…`4Q(R7)`): one project per row, one milestone per printed item,
and the figures inside the cells as indicator values.

Why this shape: the 7つのコアINDEX table and every 取組と達成目標 table share it. Columns are found by
their header text: step labels and fiscal years are period columns; before them come label columns
(the item, a sub-item column with an empty header, description columns with their own header). A
blank cell is an absent period and stays absent (never filled with 継続). A merged item cell names
every row it covers.
"""

from __future__ import annotations

from dataclasses import dataclass

from parsers.documents.dx_strategy.detect import header_period, is_step_label
from parsers.documents.dx_strategy.figures import find_figures, is_delta, value_fields
from parsers.documents.dx_strategy.layout import CellText, LogicalTable
from parsers.documents.dx_strategy.records import add_milestone, add_text
from parsers.normalize import NormalizationError, NumberValue, parse_number, parse_period
from schemas.budget import Project
from schemas.collect import RecordSet, make_id
from schemas.plans import Indicator, IndicatorValue

MILESTONE_TABLE = "マイルストーン"
CORE_INDEX_TABLE = "コアINDEX"
MAX_CAPTION_CHARS = 40  # a longer line before a table is a paragraph, not the table's caption
LOW_CONFIDENCE = 0.6


@dataclass(frozen=True)
class Columns:
    """Where things are in a milestone grid: item column, sub-item and description columns, periods."""

    item: int
    subs: tuple[int, ...]
    texts: tuple[int, ...]
    periods: tuple[int, ...]


def find_columns(header: tuple[str, ...]) -> Columns | None:
    """Given a milestone grid's header row, return its columns, or None without period columns."""
    periods = tuple(i for i, h in enumerate(header) if header_period(h) is not None)
    if not periods:
        return None
    labels = range(periods[0])
    return Columns(
        item=0,
        subs=tuple(i for i in labels if i and not header[i].strip()),
        texts=tuple(i for i in labels if i and header[i].strip()),
        periods=periods,
    )


def parse_milestone_table(table: LogicalTable, records: RecordSet, doc_id: str) -> None:
    """Given a milestone grid, add its projects, milestones, indicators and values to `records`."""
    columns = find_columns(table.header)
    if columns is None:
        records.warnings.append(f"p{table.page}: milestone grid without period columns {table.header}")
        return
    table_name = CORE_INDEX_TABLE if any("INDEX" in h for h in table.headings) else MILESTONE_TABLE
    plan_path = [*table.headings]
    if table.caption and len(table.caption) <= MAX_CAPTION_CHARS:
        plan_path.append(table.caption)
    first_step = min(
        (header_period(table.header[i]).start for i in columns.periods if is_step_label(table.header[i])),
        default=None,
    )
    for index, row in enumerate(table.rows):
        _parse_row(table, columns, row, index, table_name, plan_path, first_step, records, doc_id)


def _parse_row(table, columns, row, index, table_name, plan_path, first_step, records, doc_id) -> None:
    """Given one grid row, add its project, milestones and figures."""
    label_cells = [row[i] for i in (columns.item, *columns.subs) if row[i] is not None and row[i].text]
    label = " ".join(c.text for c in label_cells)
    anchor = next((c for c in row if c is not None and c.text), None)
    if anchor is None:
        return
    confidence = 1.0
    if not label:
        # no row label printed: the item is the heading the grid stands under (a column's title), not its
        # caption, which names the kind of table (`取組と達成目標`) and is shared by many grids
        label = (table.headings[-1] if table.headings else None) or (plan_path[-1] if plan_path else table.header[0])
        confidence = LOW_CONFIDENCE
    if any(c is not None and c.is_ambiguous for c in row):
        confidence = min(confidence, LOW_CONFIDENCE)
    source = label_cells[0] if label_cells else anchor
    project_id = make_id(doc_id, "milestone", table.page, index, label)
    cells = [c for c in row if c is not None]
    records.add_printed(
        Project,
        source,
        raw_text=" ".join(c.raw for c in label_cells) or label,
        project_id=project_id,
        name=label,
        name_normalized=label.replace(" ", ""),
        category=table.header[0].strip() or None,
        plan_path=plan_path,
        pages=sorted({c.page for c in cells}),
        confidence=confidence,
    )
    for i in columns.texts:
        if row[i] is not None and row[i].text:
            add_text(
                records, row[i], project_id=project_id, field=table.header[i].strip(), text="\n".join(row[i].items)
            )
    indicator = _Indicator(project_id, _strip_baseline(label), table_name, label, doc_id)
    indicator.add_baseline(label_cells, records)
    for i in columns.periods:
        cell = row[i]
        if cell is None or not cell.items:
            continue
        period_label = table.header[i].strip()
        period = header_period(period_label)
        for item in cell.items:
            add_milestone(
                records,
                cell,
                project_id=project_id,
                table_name=table_name,
                item=label,
                period_label=period_label,
                fiscal_year=period.start,
                text=item,
            )
            role = "actual" if first_step is not None and period.start < first_step else "target"
            for figure in find_figures(item):
                kind = "delta" if is_delta(figure) else role
                indicator.add_value(cell, period_label, period.start, kind, figure, records)


class _Indicator:
    """The indicator of one grid row, created when its first figure is found."""

    def __init__(self, project_id: str, name: str, table_name: str, row_label: str, doc_id: str):
        self.project_id, self.name, self.table_name, self.row_label = project_id, name, table_name, row_label
        self.doc_id = doc_id
        self.indicator_id: str | None = None

    def _ensure(self, cell: CellText, figure: NumberValue, records: RecordSet) -> str:
        if self.indicator_id is None:
            self.indicator_id = make_id(self.doc_id, "indicator", self.project_id)
            records.add_printed(
                Indicator,
                cell,
                raw_text=cell.raw,
                indicator_id=self.indicator_id,
                project_id=self.project_id,
                kind="kpi",
                name=self.name,
                unit=figure.unit,
            )
        return self.indicator_id

    def add_value(self, cell, column_label, fiscal_year, role, figure: NumberValue, records, row_label=None) -> None:
        """Given a figure read from `cell`, add it as an IndicatorValue of this row."""
        records.add_printed(
            IndicatorValue,
            cell,
            raw_text=figure.raw,
            indicator_id=self._ensure(cell, figure, records),
            table_name=self.table_name,
            row_label=row_label or self.row_label,
            column_label=column_label,
            fiscal_year=fiscal_year,
            role=role,
            **value_fields(figure),
        )

    def add_baseline(self, label_cells: list[CellText], records: RecordSet) -> None:
        """Given the row's label cells, add a bracketed baseline (`(R3年度実績約100万件)`) as a value."""
        for cell in label_cells:
            figure = _bracketed_baseline(cell.text)
            if figure is None:
                continue
            basis = figure.basis or ""
            try:
                fiscal_year = parse_period(basis.removesuffix("実績")).start
            except NormalizationError:
                fiscal_year = None
            self.add_value(cell, basis, fiscal_year, "baseline", figure, records, row_label=self.name)


def _bracketed_baseline(text: str) -> NumberValue | None:
    """Given a row label, return the figure of its trailing bracket when that names a basis year."""
    if not text.endswith(")") or "(" not in text:
        return None
    try:
        figure = parse_number(text[text.rindex("(") :])
    except NormalizationError:
        return None
    return figure if figure.basis and figure.value is not None else None


def _strip_baseline(label: str) -> str:
    """Given a row label, return it without a trailing bracketed baseline figure."""
    if _bracketed_baseline(label) is None:
        return label
    return label[: label.rindex("(")].strip()
