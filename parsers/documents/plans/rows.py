"""Plan tables as one stream of labelled rows, and year columns matched by position.

Why: plan documents print each project as a ruled table whose first column is a label (`事業名`,
`年度別計画`, `成果指標`, `目標 KPI`), and a table may run over a page break (the continuation is a
new ruled table on the next page). Reading every table of the document as one stream of rows lets a
family parser walk labels like a state machine, independent of where the page breaks fall. Year
cells are matched to the year header by horizontal overlap, not by column index, so a merged cell
spanning several years belongs to each of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from parsers.documents.base import per_page
from parsers.normalize import NormalizationError, clean_text, parse_fiscal_year, parse_period
from parsers.pdf.geometry import union, x_overlap
from parsers.pdf.model import BBox, Cell, PageModel
from parsers.pdf.reading import TableRow, join_wrapped, page_stream
from schemas.collect import RecordSet

MIN_YEAR_OVERLAP = 0.5  # share of a year header's width a cell must cover to belong to that year


@dataclass(frozen=True)
class Row:
    """One table row: its page, table, the label (first column text) and the other cells."""

    page: int
    table: int
    label: str
    cells: tuple[Cell, ...]
    top: float = 0.0

    @property
    def label_key(self) -> str:
        """The label without spaces or line breaks (`年度別 計画` -> `年度別計画`)."""
        return "".join(self.label.split())

    @property
    def bbox(self) -> BBox:
        return union(c.bbox for c in self.cells) if self.cells else (0.0, 0.0, 0.0, 0.0)


@dataclass(frozen=True)
class YearColumn:
    """A year header cell: its label as printed, its fiscal year, and its x range in points.

    The era wins over a bracketed western year that disagrees (DESIGN §4); that text is kept in
    `conflict` so a family can record it and lower its confidence instead of dropping it.
    """

    label: str
    fiscal_year: int
    x0: float
    x1: float
    conflict: str | None = None  # printed text whose western year disagrees with the era (`（2015年度）`)


@dataclass(frozen=True)
class Line:
    """Words on one text line outside the tables, left to right."""

    page: int
    text: str
    bbox: BBox
    size: float

    @property
    def top(self) -> float:
        return self.bbox[1]


def document_rows(pages: Sequence[PageModel]) -> list[Row]:
    """Given a document's pages, return every ruled-table row in reading order (page, top)."""
    return [item for page in pages for item in _page_events(page) if isinstance(item, Row)]


def page_events(pages: Sequence[PageModel], records: RecordSet | None = None, stage: str = "read") -> list[Row | Line]:
    """Given a document's pages, return its table rows and text lines merged in reading order (page by
    page as given: the two halves of a 2-up sheet share a number).

    With `records`, a page that cannot be read is left out and kept as a fault reject at `stage`.
    """
    return per_page(records, stage, pages, _page_events)


def _page_events(page: PageModel) -> list[Row | Line]:
    """Given a page, return its table rows (first column: the label) and its lines, top to bottom."""
    out: list[Row | Line] = []
    for item in page_stream(page):
        if isinstance(item, TableRow):
            first = item.cells[0] if item.cells[0].col == 0 else None
            rest = tuple(c for c in item.cells if c is not first)
            out.append(Row(page.number, item.table.index, first.text if first else "", rest, item.top))
        else:
            out.append(Line(page.number, item.text, item.bbox, item.size))
    return out


def flat(text: str) -> str:
    """Given a cell's text, return it on one line: line breaks inside Japanese text are dropped."""
    return clean_text(text.replace("\n", " ")) if text else ""


def as_printed(text: str) -> str:
    """Given a cell's text, return it as printed on one line (line breaks -> nothing or a space)."""
    return join_wrapped(text.split("\n"))


def find_year_columns(cells: Sequence[Cell], *, default_era: str = "令和") -> list[YearColumn]:
    """Given a header row's cells, return those that are fiscal years (`令和6年度`, `令和4年度\n(2022年度）`)."""
    years = []
    for cell in cells:
        label = cell.text.split("\n")[0].strip()
        try:
            fy = parse_fiscal_year(cell.text.replace("\n", ""), default_era=default_era)
        except NormalizationError:
            try:
                fy = parse_fiscal_year(label, default_era=default_era)
            except NormalizationError:
                continue
        years.append(YearColumn(label, fy, cell.bbox[0], cell.bbox[2], _conflict(cell.text, label, default_era)))
    return years


def _conflict(text: str, label: str, default_era: str) -> str | None:
    """The header text after the label when its western year disagrees with the era, else None."""
    try:
        if not parse_period(text.replace("\n", ""), default_era=default_era).is_mismatch:
            return None
    except NormalizationError:
        return None
    printed = as_printed(text)
    return printed[len(label) :].strip() if printed.startswith(label) and printed != label else printed


def years_of_cell(cell: Cell, years: Sequence[YearColumn]) -> list[YearColumn]:
    """Given a cell and the year header, return the years the cell covers (several if merged)."""
    out = []
    for year in years:
        overlap = x_overlap(cell.bbox, (year.x0, 0.0, year.x1, 0.0))
        if overlap >= MIN_YEAR_OVERLAP * (year.x1 - year.x0):
            out.append(year)
    return out
