"""Per-project budget sheets of the Yokohama kind (令和6年度 事業計画書, issue #5).

The document is read as one stream of rows (rows.py), cut into the 目次 and sheets and each sheet
into blocks by their printed labels (blocks.py), and each block is read by its own module. Records:
projects, budget_lines (細事業, 目次), budget_amounts (財源内訳, 歳出予算/決算, 細事業, 目次),
indicators and their values, project_texts, and checks (checks.py). Sign-off blocks hold officials'
personal names: they are not read, and their name cells are withheld from raw_cells.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from parsers.documents.base import DocumentInfo, Family
from parsers.documents.budget_sheet.amounts import read_funding, read_spending, read_subprojects
from parsers.documents.budget_sheet.blocks import Book, Sheet, rows_to_book
from parsers.documents.budget_sheet.checks import check_sheet, check_toc
from parsers.documents.budget_sheet.context import SheetContext, unit_of, year_of_label
from parsers.documents.budget_sheet.detect import detect_budget_sheet
from parsers.documents.budget_sheet.indicators import read_indicator
from parsers.documents.budget_sheet.rows import cell_text, label_key, pages_to_rows
from parsers.documents.budget_sheet.signoff import withhold_signoff_names
from parsers.documents.budget_sheet.texts import read_header, read_narrative, read_start_year
from parsers.documents.budget_sheet.toc import read_toc
from parsers.normalize import clean_text
from parsers.pdf.model import PageModel
from schemas.budget import Project
from schemas.collect import RecordSet, Where
from schemas.plans import ProjectText

_CITY = re.compile(r"(?<![一-龥])([一-龥]{1,4}?[都道府県市区町村])(?=の|内|は|が|では|行政|中期)")
_TITLE_YEAR = re.compile(r"^\s*((?:令和|平成)\s*[0-9０-９元]+\s*年度)")


def parse_budget_sheet(pages: Sequence[PageModel], records: RecordSet, hints: DocumentInfo) -> DocumentInfo:
    """Given the page models of a 事業計画書 book, fill `records` and return what the document says of itself."""
    book = rows_to_book(pages_to_rows(pages, records))
    by_page: dict[int, list[PageModel]] = {}
    for page in pages:
        by_page.setdefault(page.number, []).append(page)
    plan_year = _plan_year(book)
    sheets: dict[int, tuple[str, list, list[str]]] = {}
    projects = []
    for sheet in book.sheets:
        title = cell_text(sheet.title.cells[0]) if sheet.title else None
        with records.contain("budget_sheet:sheets", "sheet", page=next(iter(sheet.pages), None), raw_text=title):
            ctx = SheetContext(records, by_page, sheet.ordinal, plan_year, unit=unit_of(sheet.units))
            project = _read_sheet(ctx, sheet)
            subject = f"{project['name']} (計画書頁 {sheet.ordinal}, p.{project['where'].page})"
            failed = check_sheet(records, subject, plan_year, ctx.amounts)
            sheets[sheet.ordinal] = (subject, ctx.amounts, project["flags"])
            projects.append((project, failed))
    toc_failed: dict = {}
    with records.contain("budget_sheet:toc", "table", page=min(by_page, default=None)):
        toc_ctx = SheetContext(records, by_page, 0, plan_year, unit=unit_of(book.toc_heading))
        names = {project["plan_page"]: project["name"] for project, _ in projects}
        toc = read_toc(toc_ctx, book.toc_rows, names)
        toc_failed = check_toc(records, toc, sheets, plan_year) if toc else {}
    for project, failed in projects:
        failed = failed | toc_failed.get(project["plan_page"], set())
        project["flags"] = project["flags"] + [f"check_failed:{name}" for name in sorted(failed)]
        records.add_printed(Project, project.pop("where"), **project)
    withhold_signoff_names(book, records)
    return _document_info(book, records, plan_year)


def _read_sheet(ctx: SheetContext, sheet: Sheet) -> dict:
    """Given one sheet, add its amounts, lines, indicators and texts; return its Project fields."""
    head = read_header(ctx, sheet.blocks.get("header", []))
    ctx.name = head.name
    read_funding(ctx, sheet.blocks.get("funding", []))
    read_spending(ctx, sheet.blocks.get("spending", []))
    for page, cell in read_subprojects(ctx, sheet.blocks.get("subprojects", [])):
        read_narrative_text(ctx, "増減説明", cell_text(cell), page, cell.bbox)
    for block in ("indicator1", "indicator2"):
        read_indicator(ctx, block, sheet.blocks.get(block, []))
    for block, rows in sheet.blocks.items():
        if block.startswith("text:"):
            read_narrative(ctx, block.removeprefix("text:"), rows)
    start, _ = read_start_year(sheet.blocks.get("text:事業開始年度", []))
    cell = head.name_cell
    return dict(
        where=Where(head.page, cell.bbox if cell else (0.0, 0.0, 0.0, 0.0), head.name),
        project_id=ctx.project_id,
        name=head.name or f"計画書頁 {sheet.ordinal}",
        name_normalized=clean_text(head.name) or f"計画書頁 {sheet.ordinal}",
        department=" ".join(x for x in (head.bureau, head.section) if x) or None,
        departments=[x for x in (head.bureau, head.section) if x],
        account=head.account,
        account_code=head.account_code,
        policy_ref=head.policy_ref,
        measure_ref=head.measure_ref,
        evaluation_ref=head.evaluation_ref,
        plan_page=sheet.ordinal,
        flags=head.flags,
        start_fiscal_year=start,
        pages=sheet.pages,
    )


def read_narrative_text(ctx: SheetContext, field: str, text: str, page: int, bbox) -> None:
    """Add a narrative printed apart from its label cell (sheet 10's detached 増減説明 row)."""
    ctx.records.add_printed(
        ProjectText,
        Where(page, bbox, text),
        project_id=ctx.project_id,
        field=field,
        text=clean_text(text),
    )


def _plan_year(book: Book) -> int:
    """The plan's fiscal year: from the sheet title (`令和6年度 事業計画書`), else the latest 財源内訳 year."""
    for sheet in book.sheets:
        if sheet.title is not None and (m := _TITLE_YEAR.match(sheet.title.cells[0].text)):
            year = year_of_label(m.group(1), 0)
            if year:
                return year
    years = [year_of_label(cell_text(r.cells[0]), 0) or 0 for s in book.sheets for r in s.blocks.get("funding", [])]
    return max(years, default=0) or 2024


def _document_info(book: Book, records: RecordSet, plan_year: int) -> DocumentInfo:
    """Title from the sheet title and the bureau line of the 目次; the municipality only if printed."""
    bureau = next(
        (
            cell_text(r.cells[0]).strip("[]［］ ")
            for r in book.toc_heading
            if label_key(r.cells[0].text).startswith("[")
        ),
        None,
    )
    title_line = next((cell_text(s.title.cells[0]) for s in book.sheets if s.title is not None), "事業計画書")
    title = " ".join(x for x in (title_line, bureau) if x)
    return DocumentInfo(
        municipality=_municipality(book, records),
        title=title,
        fiscal_year_start=plan_year,
        fiscal_year_end=plan_year,
    )


def _municipality(book: Book, records: RecordSet) -> str | None:
    """The city the document names itself by: a city in its heading lines, else the city its own
    narratives speak of at least twice (`横浜市の…`, `横浜市内…`). None when it names none."""
    heading = " ".join(cell_text(r.cells[0]) for r in book.toc_heading)
    if m := _CITY.search(heading):
        return m.group(1)
    counts = Counter(
        m.group(1) for text in records.rows.get(ProjectText.table, []) for m in _CITY.finditer(text.raw_text)
    )
    city, n = counts.most_common(1)[0] if counts else (None, 0)
    if n < 2:
        records.warnings.append("the document does not name its municipality")
        return None
    return city


FAMILY = Family(name="budget_sheet", detect=detect_budget_sheet, parse=parse_budget_sheet)

__all__ = ["FAMILY", "parse_budget_sheet"]
