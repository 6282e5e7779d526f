"""Project lists: a city's year's main projects, one row per project (南国市 `主な新規事業`, `主な継続事業`).

Each row becomes a `projects` row (番号 as code, 主管課, 款項目 as account code, 事業名), its figures
`budget_amounts` of that project (事業費 or each year's 予算額, 増減, 財源内訳 by source) and its 内容 a
`project_texts` row, all with page, box and text as printed. A row that names two budget items (two
款項目 codes, a 事業名 and a 主管課 beside each) is one project of both. Checks: 財源内訳 = 事業費
(`project_list_funding`), 増減 = this year − last year (`project_list_change`), and a printed 合計 row =
Σ rows (`project_list_total`); a check that cannot run is recorded as not run, never passed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from parsers.documents.base import DocumentInfo, Family, page_text
from parsers.documents.plans.shared import add_project_text
from parsers.documents.project_list.header import Column, Header, find_header, year_in
from parsers.documents.project_list.rows import TOTAL, ListCell, ListRow, page_to_rows
from parsers.normalize import NormalizationError, clean_text, parse_amount_yen
from parsers.pdf.model import PageModel
from parsers.pdf.reading import readable_lines, wrap_homes
from schemas.budget import BudgetAmount, Project
from schemas.collect import RecordSet, Where, make_id

_CODE = re.compile(r"^([0-9０-９]+)(?:\s*[．.。・･]\s*([0-9０-９]+))*$")
_KIND = re.compile(r"(新規|継続|拡充|重点)事業")
FUNDING_CHECK, CHANGE_CHECK, TOTAL_CHECK = "project_list_funding", "project_list_change", "project_list_total"


def detect_project_list(pages: Sequence[PageModel]) -> bool:
    """Given a document's pages, return whether one prints a project list's header (事業名, an amount
    column and 財源内訳 sources, in one header band)."""
    return any(find_header(page, readable_lines(page.words)) is not None for page in pages[:3])


def parse_project_list(pages: Sequence[PageModel], records: RecordSet, hints: DocumentInfo) -> DocumentInfo:
    """Given a document's pages, add its projects, amounts, texts and checks; return what it prints."""
    title, header, rows = None, None, []
    for page in pages:
        with records.contain("project_list:read", "page", page=page.number, raw_text=page_text(page)):
            lines = readable_lines(page.words)
            found = find_header(page, lines)
            if found is not None:
                title = title or _title(lines, found)
                header = found
            elif header is None:
                continue
            body_top = found.bottom if found is not None else 0.0
            rows.extend(page_to_rows(page, header, body_top))
    year = year_in(title or "") or hints.fiscal_year_start
    table = clean_text(title) if title else "事業一覧"
    projects, totals = [], []
    for row in rows:
        with records.contain("project_list:records", "row", page=row.page, raw_text=row.raw_text):
            if _is_total(row):
                totals.append(row)
            elif (added := _add_project(records, row, table, year, title)) is not None:
                projects.append(added)
    with records.contain("project_list:checks", "check"):
        _check_total(records, projects, totals, table, year)
    return DocumentInfo(title=title, fiscal_year_start=year, fiscal_year_end=year).filled_from(hints)


def _title(lines, header: Header) -> str | None:
    """The text line nearest above the header that prints a fiscal year, else the nearest one."""
    above = [line for line in lines if line.bottom <= header.top]
    dated = [line for line in above if year_in("".join(line.text.split()))]
    chosen = (dated or above)[-1:]
    return "".join(chosen[0].text.split()) if chosen else None


def _is_total(row: ListRow) -> bool:
    labels = [c.joined for c in row.cells if c.column.role in ("number", "name", "department", "code")]
    return bool(labels) and all(TOTAL.match(text) for text in labels)


def _add_project(records: RecordSet, row: ListRow, table: str, year: int | None, title: str | None):
    """Add one row's project, amounts and 内容; return (project_id, {(measure, fiscal year): (cell, yen)})
    or None when the row names no project."""
    names = row.of("name")
    if not names:
        if any(c.column.role in ("amount", "funding") for c in row.cells):
            error = "a row with figures but no 事業名"
            records.reject("parse", "Project", {"raw_text": row.raw_text}, error, page=row.page)
        return None
    name_cell = names[0]
    codes = [_code(line.text) for c in row.of("code") for line in c.lines]
    items = [code for code in codes if code is not None]
    name = _split_by_items(name_cell, row.of("code")) if len(items) > 1 else name_cell.joined
    departments = _departments(row, len(items) > 1)
    number = next((c.joined for c in row.of("number")), None)
    project_id = make_id(records.doc_id, "project_list", row.page, number, name)
    kind = _KIND.search(title or "")
    project = records.add_printed(
        Project,
        row,
        raw_text=name_cell.raw_text,
        project_id=project_id,
        name=name,
        name_normalized=clean_text(name) or name,
        code=number,
        department=departments[0] if departments else None,
        departments=departments,
        account_code="、".join(items) or None,
        category=kind.group(0) if kind else None,
        flags=[kind.group(1)] if kind else [],
        pages=[row.page],
    )
    if project is None:
        return None
    money = {}
    for cell in row.cells:
        if cell.column.role in ("amount", "change", "funding"):
            yen = _add_amount(records, row.page, project_id, name, cell, table, year)
            money[(cell.column.measure, cell.column.fiscal_year or year)] = (cell, yen)
    for cell in row.of("content"):
        field = "".join(cell.column.label.split()) or "内容"
        add_project_text(records, project_id, field, row.page, cell, cell.raw_text)
    _check_project(records, row.page, f"{number or ''} {name} p.{row.page}".strip(), money, year)
    return project_id, money


def _code(text: str) -> str | None:
    """`２．１．６` -> `2.1.6` (款.項.目; `１０。５．２` too), else None."""
    key = "".join(text.split())
    if not _CODE.match(key):
        return None
    return ".".join(re.findall(r"[0-9０-９]+", key)).translate(str.maketrans("０１２３４５６７８９", "0123456789"))


def _split_by_items(cell: ListCell, code_cells: list[ListCell]) -> str:
    """A name cell beside several 款項目 codes: each line goes to the code it is printed around
    (`wrap_homes`); one name per item."""
    anchors = [line.top for c in code_cells for line in c.lines if _code(line.text)]
    parts: list[str] = ["" for _ in anchors]
    for line, home in zip(cell.lines, wrap_homes([line.top for line in cell.lines], anchors), strict=True):
        parts[home] += "".join(line.text.split())
    return "、".join(p for p in parts if p)


def _departments(row: ListRow, several: bool) -> list[str]:
    """The 主管課 of a row: one per line when the row names several items, else its lines joined
    (`子育て支援` / `課` is one 課)."""
    cells = row.of("department")
    if not cells:
        return []
    if several:
        return ["".join(line.text.split()) for line in cells[0].lines]
    return [cells[0].joined]


def _add_amount(records: RecordSet, page: int, project_id: str, name: str, cell: ListCell, table: str, year):
    """Add one figure of a project; return its yen (None when it could not be read: then a reject)."""
    column: Column = cell.column
    raw = " ".join(line.text for line in cell.lines)
    try:
        yen = parse_amount_yen(raw, column.unit or "円")
    except NormalizationError as err:
        records.reject("normalize", "BudgetAmount", {"raw_text": raw, "column": column.label}, str(err), page=page)
        return None
    records.add_printed(
        BudgetAmount,
        Where(page, cell.bbox, raw),
        project_id=project_id,
        table_name=table,
        row_label=name,
        column_label=clean_text(column.label),
        fiscal_year=column.fiscal_year or year,
        measure=column.measure,
        amount_yen=yen,
        unit=column.unit or "円",
    )
    return yen


def _check_project(records: RecordSet, page: int, subject: str, money: dict, year: int | None) -> None:
    """財源内訳 = 事業費 of the year, and 増減 = this year − last year where the list prints both."""
    budget = money.get(("事業費", year), (None, None))[1]
    funding = [(cell, yen) for (_, _), (cell, yen) in money.items() if cell.column.role == "funding"]
    if not funding:
        records.not_run(FUNDING_CHECK, subject, "no 財源内訳 printed", page=page)
    elif budget is None or any(yen is None for _, yen in funding):
        records.not_run(FUNDING_CHECK, subject, f"no readable 事業費 of {year} or 財源内訳", page=page)
    else:
        parts = " + ".join(f"{cell.column.measure} {cell.raw_text}" for cell, _ in funding)
        records.check(
            FUNDING_CHECK, subject, expected=budget, actual=sum(y for _, y in funding), page=page, detail=parts
        )
    if not any(measure == "増減" for measure, _ in money) and not _has_years(money, year):
        return
    change = money.get(("増減", year), (None, None))[1]
    before = money.get(("事業費", None if year is None else year - 1), (None, None))[1]
    if None in (change, budget, before):
        records.not_run(CHANGE_CHECK, subject, "増減, this year's or last year's 事業費 not printed", page=page)
    else:
        records.check(CHANGE_CHECK, subject, expected=budget - before, actual=change, page=page)


def _has_years(money: dict, year: int | None) -> bool:
    return year is not None and ("事業費", year - 1) in money


def _check_total(records: RecordSet, projects: list, totals: list[ListRow], table: str, year: int | None) -> None:
    """A printed 合計 row = Σ the projects' figures, column by column; no 合計 row: not run."""
    if not totals:
        records.not_run(TOTAL_CHECK, f"{table}: 合計 = Σ rows", "the list prints no 合計 row")
        return
    for total in totals:
        for cell in total.cells:
            if cell.column.role not in ("amount", "change", "funding"):
                continue
            key = (cell.column.measure, cell.column.fiscal_year or year)
            subject = f"{table}: 合計 {cell.column.label} = Σ rows"
            try:
                printed = parse_amount_yen(" ".join(line.text for line in cell.lines), cell.column.unit or "円")
            except NormalizationError as err:
                records.not_run(TOTAL_CHECK, subject, f"合計 unreadable: {err}", page=total.page)
                continue
            values = [money[key][1] for _, money in projects if key in money]  # a blank cell adds nothing
            if printed is None or any(v is None for v in values):
                records.not_run(TOTAL_CHECK, subject, "a figure is blank or unreadable", page=total.page)
            else:
                records.check(TOTAL_CHECK, subject, expected=sum(values), actual=printed, page=total.page)


FAMILY = Family("project_list", detect_project_list, parse_project_list)
