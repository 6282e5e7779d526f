"""The budget tree -> BudgetLine and BudgetAmount records, each with page, bbox and the text as printed.

Which amount a node owns: a 目 its row; a 項 its 計 row (its chapter header amount is a check); a 款
its chapter header (the detail book prints no other 款 total); 節, 細節 and 説明 items their 金額.
A 項 without a 計 row falls back on its chapter header amount. Blank cells (a 目 with no 地方債) get
no record; sums read them as zero.
"""

from __future__ import annotations

from collections.abc import Iterator

from parsers.documents.budget_book.lines import Money, Node
from parsers.documents.budget_book.rows import Cell
from parsers.normalize import NormalizationError, clean_text, parse_amount_yen
from parsers.pdf.glyphs import NO_MISSING_GLYPHS, MissingGlyphs
from parsers.pdf.mapping import NO_EVIDENCE, DocumentMapping, is_suspect_text
from schemas.budget import BudgetAmount, BudgetLine
from schemas.collect import RecordSet, make_id

MEASURE_YEAR_OFFSET = {"前年度": -1}  # every other measure is of the budget's own fiscal year


def read_yen(money: Money) -> int | None:
    """Given a printed amount, return integer yen, or None when it cannot be read (a reject says why)."""
    try:
        return parse_amount_yen(money.cell.text.replace(" ", ""), unit=money.unit)
    except NormalizationError:
        return None


def owned_money(node: Node) -> dict[str, Money]:
    """Given a node, return the amounts stored for it: its own row, else its chapter-header amount."""
    if node.money or not node.header:
        return node.money
    return {"本年度": node.header[0]}


def printed_cell(node: Node) -> Cell | None:
    """Given a node, return where it is printed: its label, else its first amount, else None."""
    return node.cell or next((m.cell for m in owned_money(node).values()), None)


def walk(nodes: list[Node]) -> Iterator[Node]:
    """Given root nodes, yield every node, parents before children, in printed order."""
    for node in nodes:
        yield node
        yield from walk(node.children)


def tree_to_records(
    roots: list[Node],
    records: RecordSet,
    fiscal_year: int | None,
    mapping: DocumentMapping = NO_EVIDENCE,
    *,
    account: str | None = None,
    glyphs: MissingGlyphs = NO_MISSING_GLYPHS,
    failing: frozenset[int] | set[int] = frozenset(),
) -> dict[int, str]:
    """Given the forest, add one BudgetLine per node and one BudgetAmount per printed amount.

    A line whose printed text the document's `mapping` marks as probably mis-extracted (a wrong
    ToUnicode map, see parsers/pdf/mapping.py), or whose label holds a word that printed a glyph the
    text layer lacks (`glyphs`, see parsers/pdf/glyphs.py), gets `is_text_suspect`; its amounts are
    unaffected. An amount whose `id` is in `failing` (it takes part in a failing check) is flagged
    `in_failing_check`; an amount read by OCR carries its cell's confidence.

    Returns line ids by `id(node)`, for the checks' subjects.
    """
    ids: dict[int, str] = {}
    for node in walk(roots):
        where = printed_cell(node)
        with records.contain("budget_book:records", "line", page=where and where.page, raw_text=node.label):
            suspect = _is_suspect(where, mapping, glyphs)
            _add_line(records, node, roots, ids, fiscal_year, suspect, account, failing)
    return ids


def _add_line(
    records: RecordSet,
    node: Node,
    roots: list[Node],
    ids: dict[int, str],
    fiscal_year: int | None,
    is_text_suspect: bool,
    account: str | None,
    failing: frozenset[int] | set[int],
) -> None:
    """Add one node's BudgetLine and its BudgetAmounts; its id goes into `ids`."""
    parent_id = ids.get(id(node.parent)) if node.parent is not None else None
    siblings = node.parent.children if node.parent is not None else roots
    ordinal = siblings.index(node)
    line_id = make_id(records.doc_id, node.table, node.side, parent_id, node.level, node.code, node.name, ordinal)
    cell = printed_cell(node)
    if cell is None:
        raise ValueError(f"line {node.label!r} has neither a printed label nor an amount")
    records.add_printed(
        BudgetLine,
        cell,
        raw_text=f"{node.code} {cell.text}" if node.code else cell.text,
        line_id=line_id,
        parent_line_id=parent_id,
        side=node.side,
        level=node.level,
        code=node.code,
        name=_clean_name(node.name) or node.label,
        ordinal=ordinal,
        note="\n".join(node.notes) or None,
        is_text_suspect=is_text_suspect,
        account=account,
    )
    for money in owned_money(node).values():
        _add_amount(records, node, line_id, money, fiscal_year, in_failing_check=id(money) in failing)
    ids[id(node)] = line_id  # only once the line is recorded: children of a failed line hang from none


def _is_suspect(cell: Cell | None, mapping: DocumentMapping, glyphs: MissingGlyphs) -> bool:
    """Whether a line's printed label probably does not read as printed (mis-mapped or lost glyphs)."""
    return cell is not None and (is_suspect_text(cell.text, mapping) or glyphs.overlaps(cell.page, cell.bbox))


def _add_amount(
    records: RecordSet, node: Node, line_id: str, money: Money, fiscal_year: int | None, *, in_failing_check: bool
) -> None:
    raw = money.cell.text
    try:
        yen = parse_amount_yen(raw.replace(" ", ""), unit=money.unit)
    except NormalizationError as err:
        records.reject(
            "parse",
            "BudgetAmount",
            {"line": node.label, "measure": money.key, "raw": raw},
            str(err),
            page=money.cell.page,
        )
        return
    year = fiscal_year + MEASURE_YEAR_OFFSET.get(money.key, 0) if fiscal_year is not None else None
    records.add_printed(
        BudgetAmount,
        money.cell,
        raw_text=raw,
        line_id=line_id,
        table_name=node.table,
        row_label=node.label,
        column_label=money.label,
        fiscal_year=year,
        stage="予算",
        measure=money.key,
        amount_yen=yen,
        unit=money.unit,
        confidence=money.cell.confidence,
        in_failing_check=in_failing_check,
    )


def _clean_name(name: str) -> str:
    """Given a name as printed, return it without layout spaces (`土 地` -> `土地`)."""
    return clean_text(name) if name else ""
