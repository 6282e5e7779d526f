"""Walk a dashboard's reading-order stream and turn tabs, headline figures and grids into records.

Why one walker: what a figure means depends on what came before it in the stream (the tab and
block headings, the label lines above a large figure, the `全33チーム` total a grid then breaks
down), so the reader keeps that context as it goes. How a figure, a period and a grid are told
apart is in the helpers, each on its own (see the family docstring).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from parsers.documents.dx_strategy.layout import Line, LogicalTable
from parsers.normalize import NormalizationError, Period, clean_text, parse_number, parse_period
from parsers.normalize.prose import ProseFigure, figures_in_prose
from parsers.text_facts import FOOTNOTE, add_text_facts, lines_to_paragraphs
from schemas.budget import Project
from schemas.collect import RecordSet, Where, make_id
from schemas.plans import Indicator, IndicatorValue, Milestone
from schemas.types import BBox

CATEGORY = "ダッシュボード"
LABEL_HEADER, FIGURE_HEADER = "指標", "数値"  # the header of a table of headline figures
UPDATED = "最終更新日"
FIGURE_SHARE = 0.5  # a line is a headline figure when its figures cover at least this share of its text
MAX_NOTE_LINES = 2  # small lines right under a headline figure that belong to it (its as-of note)
_DATE = re.compile(
    r"(?:令和|平成|[RH])?\s?(?:\d{1,2}|元)\s?年\s?\d{1,2}\s?月(?:\s?\d{1,2}\s?日)?(?:末)?"
    r"|(?:19|20)\d\d\s?年\s?\d{1,2}\s?月\s?\d{1,2}\s?日|(?:令和|[RH])\s?\d{1,2}\s?年度|[RH]\d{1,2}\.\d{1,2}"
    r"|[RH]\d{1,2}(?=後半|前半|予定|実施)"
)
_ERA = re.compile(r"令和|平成|[RH](?=\d)")
RUNNING_SHARE = 0.8  # a body line printed identically on at least this share of the pages is page furniture
MAX_PERIOD_NOTE = 30  # characters: a longer note is prose, and only its date is kept as the period label
_SENTENCE_END = ("。", "！", "!")


@dataclass
class Kpi:
    """The last headline figure read: what a following grid inherits (its label, unit and total)."""

    label: str
    unit: str | None
    value: object
    is_total: bool
    block: str | None


@dataclass
class DashboardReader:
    """Reads the stream into `records`; keeps the title, the years of 最終更新日 and every text seen."""

    records: RecordSet
    title: str | None = None
    updated_years: set[int] = field(default_factory=set)
    all_text: list[str] = field(default_factory=list)
    tab_id: str | None = None
    tab: str | None = None
    tab_page: int | None = None
    block: str | None = None
    pending: list[Line] = field(default_factory=list)
    pending_updated: list[Line] = field(default_factory=list)
    last_kpi: Kpi | None = None
    indicator_ids: set[str] = field(default_factory=set)

    def read(self, stream: list[Line | LogicalTable]) -> None:
        """Given the stream of one document, add every record it holds."""
        furniture = running_lines([item for item in stream if isinstance(item, Line)])
        stream = [item for item in stream if not (isinstance(item, Line) and item.text in furniture)]
        lines = [item for item in stream if isinstance(item, Line)]
        figure_sizes = _figure_sizes(lines)
        sizes = sorted({ln.heading for ln in lines if ln.heading and ln.heading not in figure_sizes}, reverse=True)
        title_size, tab_size = (sizes + [None, None])[:2]
        body = Counter(ln.size for ln in lines if ln.heading is None).most_common(1)
        body_size = body[0][0] if body else 0.0
        items = list(stream)
        i = 0
        while i < len(items):
            item = items[i]
            i += 1
            if isinstance(item, LogicalTable):
                self._flush_prose()
                self._table(item)
                continue
            self.all_text.append(item.text)
            if item.size in figure_sizes or (item.heading is None and item.size > body_size):
                notes = []
                while i < len(items) and len(notes) < MAX_NOTE_LINES and _is_note(items[i], body_size):
                    notes.append(items[i])
                    i += 1
                self.all_text += [n.text for n in notes]
                self._figure_line(item, notes)
            elif item.heading is not None and item.heading == title_size:
                self._flush_prose()
                self.title = self.title or item.text
            elif item.heading is not None and item.heading == tab_size:
                self._flush_prose()
                self._open_tab(item)
            elif item.heading is not None:
                self._flush_prose()
                self.block = item.text
                self.last_kpi = None
            elif UPDATED in item.text and self.tab_page == item.page:
                self._updated(item)
            elif UPDATED in item.text:
                self.pending_updated.append(item)
            else:
                self.pending.append(item)
        self._flush_prose()

    # -- structure -------------------------------------------------------------------------------

    def _open_tab(self, line: Line) -> None:
        self.tab, self.tab_page, self.block, self.last_kpi = line.text, line.page, None, None
        self.tab_id = make_id(self.records.doc_id, "tab", line.text)
        self.records.add_printed(
            Project,
            line,
            project_id=self.tab_id,
            name=line.text,
            name_normalized=clean_text(line.text) or line.text,
            category=CATEGORY,
            pages=[line.page],
        )
        for updated in self.pending_updated:
            self._updated(updated)
        self.pending_updated = []

    def _updated(self, line: Line) -> None:
        period = find_period(line.text)
        if period is None:
            return
        _, read = period
        self.updated_years.add(read.start)
        self.records.add_printed(
            Milestone,
            line,
            project_id=self.tab_id,
            table_name="ページ",
            item=UPDATED,
            period_label=read.raw,
            fiscal_year=read.start,
            text=line.text,
        )

    def _flush_prose(self) -> None:
        """Pending body lines that no figure claimed as its label are prose: read their figures."""
        for paragraph in lines_to_paragraphs(self.pending):
            add_text_facts(
                self.records,
                paragraph[0],
                page=paragraph[1],
                bbox=paragraph[2],
                source="lines",
                table_name=self.block or self.tab or "本文",
                project_id=self.tab_id,
            )
        self.pending = []

    # -- headline figures ------------------------------------------------------------------------

    def _figure_line(self, line: Line, notes: list[Line]) -> None:
        """A figure standing alone in large type: its label is the body lines above it after the last
        sentence, its notes the small lines under it."""
        cut = max((k + 1 for k, ln in enumerate(self.pending) if ln.text.rstrip().endswith(_SENTENCE_END)), default=0)
        label_lines, self.pending = self.pending[cut:], self.pending[:cut]
        self._flush_prose()
        label = " ".join(ln.text for ln in label_lines) or self.block or self.tab or ""
        self._kpi(label, line.text, [n.text for n in notes], line.page, line.bbox)

    def _kpi(self, label: str, figure_text: str, notes: list[str], page: int, bbox: BBox) -> None:
        """Given a label, the figure text and its notes, add its indicators and values (or milestone)."""
        figures = [f for f in figures_in_prose(figure_text) if not f.number.is_negative]
        deltas = [f for note in notes for f in figures_in_prose(note) if f.number.is_negative]
        period = next((p for p in map(find_period, notes) if p is not None), None)
        if not figures:
            dated = find_period(figure_text)
            if dated is not None:
                self._milestone(label, figure_text, notes, dated, page, bbox)
            return
        column = next((n.strip() for n in notes if find_period(n)), None)
        role = "target" if "目標" in label + "".join(notes) else "actual"
        first_id = None
        for k, figure in enumerate(figures):
            name = label if len(figures) == 1 or not figure.label else f"{label} {figure.label}"
            indicator_id = self._indicator(name, figure.number.unit, page, bbox, k)
            first_id = first_id or indicator_id
            year = period[1].start if period else figure.fiscal_year
            self._value(indicator_id, figure, role, year, column, page, bbox)
        for delta in deltas:
            self._value(first_id, delta, "delta", period[1].start if period else None, column, page, bbox)
        top = figures[0]
        self.last_kpi = Kpi(label, top.number.unit, top.number.value, "全" in (top.qualifier or ""), self.block)

    def _indicator(self, name: str, unit: str | None, page: int, bbox: BBox, ordinal: int) -> str:
        indicator_id = make_id(self.records.doc_id, self.tab, self.block, name, ordinal)
        if indicator_id in self.indicator_ids:  # the same label printed twice in a block (Before 移動時間)
            return indicator_id
        self.indicator_ids.add(indicator_id)
        self.records.add_printed(
            Indicator,
            Where(page, bbox, name),
            indicator_id=indicator_id,
            project_id=self.tab_id,
            kind="kpi",
            name=name,
            unit=unit,
        )
        return indicator_id

    def _value(self, indicator_id, figure: ProseFigure, role, year, column, page, bbox, row_label=None) -> None:
        number = figure.number
        low = number.range[0] if number.range else None
        self.records.add_printed(
            IndicatorValue,
            Where(page, bbox, figure.raw),
            indicator_id=indicator_id,
            table_name=self.block or self.tab or CATEGORY,
            row_label=row_label,
            column_label=column,
            fiscal_year=year,
            role=role,
            value=number.value if number.value is not None else low,
            unit=number.unit,
            comparator=number.comparator,
            qualifier=figure.qualifier,
            numerator=number.numerator,
            denominator=number.denominator,
            text=figure.raw if number.range else None,
        )

    def _milestone(self, label: str, text: str, notes: list[str], dated, page: int, bbox: BBox) -> None:
        period_label, period = dated
        self.records.add_printed(
            Milestone,
            Where(page, bbox, text),
            project_id=self.tab_id,
            table_name=self.block or self.tab or CATEGORY,
            item=label,
            period_label=period_label,
            fiscal_year=period.start,
            text=" ".join([text, *notes]).strip(),
        )

    # -- tables ----------------------------------------------------------------------------------

    def _table(self, table: LogicalTable) -> None:
        rows = [[c.text if c else "" for c in row] for row in table.rows]
        header = list(table.header)
        if _period_grid(header, rows) is not None:
            self._grid(table, header, rows)
        elif any(_figure_cell(row) is not None for row in [header, *rows]):
            named = _kpi_columns(header)
            body = rows if named or _figure_cell(header) is None else [header, *rows]
            cells = table.rows if body is rows else [None, *table.rows]
            for row, printed in zip(body, cells, strict=True):
                label_at, at = named or (None, _figure_cell(row))
                if at is None:
                    continue
                where = printed[at] if printed and printed[at] else None
                page, bbox = (where.page, where.bbox) if where else (table.page, (0.0, 0.0, 0.0, 0.0))
                labels = row[:at] if label_at is None else [row[label_at]]
                notes = row[at + 1 :] if label_at is None else [c for k, c in enumerate(row) if k not in (at, label_at)]
                label = " ".join(c for c in labels if c.strip())
                self._kpi(label, row[at], [c for c in notes if c.strip()], page, bbox)
        elif len(header) == 2:
            self._attributes(table, header, rows)
        self.all_text += [c for row in [header, *rows] for c in row]

    def _grid(self, table: LogicalTable, header: list[str], rows: list[list[str]]) -> None:
        """A small grid with periods on one axis: one indicator per series, one value per period."""
        periods_on_rows = _period_grid(header, rows)
        kpi = self.last_kpi if self.last_kpi and self.last_kpi.block == self.block else None
        name = kpi.label if kpi else table.caption or self.block or CATEGORY
        unit = kpi.unit if kpi else None
        saved_block, self.block = self.block, name
        total = 0
        series_ids: dict[str, str] = {}
        for r, row in enumerate(rows):
            for c in range(1, len(header)):
                period_text, series = (row[0], header[c]) if periods_on_rows else (header[c], row[0])
                cell = table.rows[r][c]
                if cell is None or not cell.text.strip():
                    continue
                try:
                    number = parse_number(cell.text.strip(), context=unit)
                except NormalizationError:
                    continue
                if number.value is None:
                    continue
                total += number.value
                if series not in series_ids:
                    series_ids[series] = self._indicator(f"{name} {series}", unit, cell.page, cell.bbox, 0)
                indicator_id = series_ids[series]
                figure = ProseFigure(cell.text.strip(), number, 0, 0, "", None, None, None)
                year = parse_period(period_text).start
                self._value(indicator_id, figure, "actual", year, series, cell.page, cell.bbox, row_label=period_text)
        self.block = saved_block
        if kpi and kpi.is_total:
            self.records.check(
                "dashboard_total_equals_grid",
                f"{self.tab} / {name}",
                expected=kpi.value,
                actual=total,
                page=table.page,
            )

    def _attributes(self, table: LogicalTable, header: list[str], rows: list[list[str]]) -> None:
        """A two-column table of names and text (事務 → 所管局): each row a project with its department."""
        departments = _centred_values([row[1].strip() for row in rows])
        for r, row in enumerate(rows):
            cell = table.rows[r][0]
            if cell is None or not row[0].strip():
                continue
            department = departments[r] or None
            self.records.add_printed(
                Project,
                cell,
                raw_text=cell.raw,
                project_id=make_id(self.records.doc_id, "row", header[0], row[0]),
                name=row[0].strip(),
                name_normalized=clean_text(row[0]) or row[0].strip(),
                department=department,
                departments=department.split("・") if department else [],
                category=header[0].strip() or CATEGORY,
                plan_path=[x for x in (self.tab, self.block) if x],
                pages=[cell.page],
            )


def _centred_values(values: list[str]) -> list[str]:
    """Given a column of values (blank where a row prints none), return it with each value given to the
    blank rows around it, as many above as below: a value printed once for three rows of a table
    without rules sits on the middle row's line (a grid merges the three cells; here nothing else says
    so). Where a grid merged them, the rows already read the value; a blank beside one value only is
    left blank."""
    out = list(values)
    for at, value in enumerate(values):
        reach = 0
        while value and 0 <= at - reach - 1 and at + reach + 1 < len(values):
            if out[at - reach - 1] or out[at + reach + 1]:  # a row taken by the value above is no blank
                break
            reach += 1
        for row in range(at - reach, at + reach + 1):
            out[row] = out[row] or value
    return out


def running_lines(lines: list[Line]) -> set[str]:
    """Given a document's lines, return the texts of its running headers and footers: body lines printed
    the same on (nearly) every page of a multi-page document, like a web page's navigation. Headings
    are kept (the repeated page title is how the reader finds the title)."""
    pages = {ln.page for ln in lines}
    if len(pages) < 2:
        return set()
    seen: dict[str, set[int]] = {}
    for ln in lines:
        if ln.heading is None:
            seen.setdefault(ln.text, set()).add(ln.page)
    return {text for text, on in seen.items() if len(on) >= max(2, RUNNING_SHARE * len(pages))}


def _figure_sizes(lines: list[Line]) -> set[float]:
    """Given the lines, return the large type sizes used for headline figures, not headings: those whose
    lines are mostly figures or dates (`15 手続`, `R4.12実施済`), like the cards of a web dashboard."""
    by_size: dict[float, list[str]] = {}
    for ln in lines:
        if ln.heading is not None:
            by_size.setdefault(ln.heading, []).append(ln.text)
    return {
        size
        for size, texts in by_size.items()
        if sum(is_figure_line(t) or find_period(t) is not None for t in texts) >= FIGURE_SHARE * len(texts)
    }


def is_figure_line(text: str) -> bool:
    """Whether a line is a headline figure: its figures cover most of its printed characters."""
    printed = re.sub(r"\s", "", text)
    if not printed:
        return False
    covered = sum(len(re.sub(r"\s", "", f.raw)) for f in figures_in_prose(text))
    return covered >= FIGURE_SHARE * len(printed)


def find_period(text: str) -> tuple[str, Period] | None:
    """Given a note, return its last date or fiscal year as printed and read (`令和5年8月末時点`).

    A date printed without an era after one with it (`令和4年4月～5年8月末`) takes that era.
    """
    found, era = None, None
    for m in _DATE.finditer(text):
        printed = m.group(0).strip()
        named = _ERA.match(printed)
        era = named.group(0) if named else era
        try:
            found = (printed, parse_period(printed if named or era is None else era + printed))
        except NormalizationError:
            continue
    if found is None:
        return None
    return (text.strip() if len(text.strip()) <= MAX_PERIOD_NOTE else found[0]), found[1]


def _is_note(item, body_size: float) -> bool:
    return isinstance(item, Line) and item.heading is None and item.size < body_size and not FOOTNOTE.match(item.text)


def _kpi_columns(header: list[str]) -> tuple[int, int] | None:
    """Given a table's header, return where its label and its figure are when the header names them
    (`指標`, `数値`: a dashboard prints its figures under those, in whatever column order), else None."""
    keys = [clean_text(h).replace(" ", "") for h in header]
    if LABEL_HEADER in keys and FIGURE_HEADER in keys:
        return keys.index(LABEL_HEADER), keys.index(FIGURE_HEADER)
    return None


def _figure_cell(row: list[str]) -> int | None:
    """Given a table row, return the index of its figure cell (not the first cell), or None."""
    for k, text in enumerate(row[1:], start=1):
        if figures_in_prose(text) or (k == 1 and find_period(text) and len(row) > 2):
            return k
    return None


def _period_grid(header: list[str], rows: list[list[str]]) -> bool | None:
    """True when the rows are periods (`R5`, `R4`), False when the header cells are, None if neither."""
    if len(header) < 2 or not rows:
        return None
    if all(_is_period(row[0]) for row in rows) and not any(_is_period(h) for h in header[1:]):
        return True
    if all(_is_period(h) for h in header[1:]) and not any(_is_period(row[0]) for row in rows):
        return False
    return None


def _is_period(text: str) -> bool:
    text = text.strip()
    if not text or len(text) > 12:
        return False
    try:
        parse_period(text)
    except NormalizationError:
        return False
    return True
