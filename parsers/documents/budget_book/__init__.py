"""Budget book family (歳入歳出予算事項別明細書, issue #7): 款・項・目・節 with 説明, 第1表, 総括.

The national standard format, read from its header labels so that any city's rendering parses:
`sheets` (pages, split spreads) -> `columns` (header bands) -> `rows` (events per line) -> `lines`
(the tree) -> `amounts` (records) and `checks` (sums). What we assume about the format is written
down in `FORMAT.md` beside this file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from parsers.documents.base import DocumentInfo, Family
from parsers.documents.budget_book.amounts import tree_to_records
from parsers.documents.budget_book.checks import check_tree
from parsers.documents.budget_book.columns import TABLE_NAMES, Band
from parsers.documents.budget_book.detect import (
    DEFAULT_DETECT_PAGES,
    IDENTITY_SHEETS,
    is_budget_book,
    read_document_info,
)
from parsers.documents.budget_book.lines import TreeBuilder, borrow_summary_amounts
from parsers.documents.budget_book.ordinance import ordinance_totals
from parsers.documents.budget_book.rows import Event, line_to_events
from parsers.documents.budget_book.sheets import ReadSheet, each_sheet, pages_to_sheets
from parsers.pdf.geometry import union
from parsers.pdf.glyphs import MissingGlyphs, page_missing_glyphs
from parsers.pdf.mapping import chars_to_document_mapping, page_suspect_chars
from parsers.pdf.model import PageModel, Word
from schemas.collect import RecordSet

ROW_RULE_SHARE = 0.25  # a horizontal rule this share of the sheet wide separates table rows (a name never crosses it)


def detect_budget_book(pages: Sequence[PageModel]) -> bool:
    """Given a document's pages, return whether it is a budget book."""
    return is_budget_book(pages_to_sheets(pages[:DEFAULT_DETECT_PAGES]))


def parse_budget_book(pages: Sequence[PageModel], records: RecordSet, hints: DocumentInfo) -> DocumentInfo:
    """Given a budget book's pages, add its lines, amounts and checks to `records`; return its info.

    Every stage runs unit by unit inside `records.contain`: a page that cannot be read, a line that
    cannot be cut into events, an event the tree cannot place, a line that cannot be recorded, a
    check that cannot be computed each become a fault reject, and the rest of the book loads.
    """
    builder, first, ordinance, suspects, lost = TreeBuilder(records=records), [], [], set(), {}
    for read in each_sheet(_gathering(pages, records, suspects, lost), records):  # one pass, a sheet at a time
        builder.feed(sheet_to_events(read, records), row_rules(read))
        if len(first) < IDENTITY_SHEETS:
            first.append(read)
        with records.contain("budget_book:ordinance", "check"):
            ordinance += ordinance_totals([read])
    borrow_summary_amounts(builder.roots)
    printed = DocumentInfo()
    with records.contain("budget_book:identity", "document"):
        printed = read_document_info(first)
    year = printed.fiscal_year_start
    for what, mine, theirs in (
        ("fiscal year", year, hints.fiscal_year_start),
        ("account", printed.account, hints.account),
    ):
        if mine is not None and theirs not in (None, mine):
            records.warnings.append(f"the book prints {what} {mine}, the caller says {theirs}")
    info = replace(printed, title=printed.title or TABLE_NAMES["detail"]).filled_from(hints)  # the printed wins
    failing = check_tree(builder.roots, records, ordinance)
    mapping, glyphs = chars_to_document_mapping(suspects), MissingGlyphs(lost)
    tree_to_records(
        builder.roots, records, info.fiscal_year_start, mapping, account=info.account, glyphs=glyphs, failing=failing
    )
    records.warnings.extend(builder.warnings)
    return info


def _gathering(
    pages: Iterable[PageModel], records: RecordSet, suspects: set[str], lost: dict[int, tuple[Word, ...]]
) -> Iterator[PageModel]:
    """Hand the pages on, gathering into `suspects` each one's suspect characters (`mapping.py`) and into
    `lost` its words that lost a glyph (`glyphs.py`): a long book's pages are read back once, not thrice."""
    for page in pages:
        with records.contain("budget_book:mapping", "page", page=page.number):
            suspects |= page_suspect_chars(page)
        with records.contain("budget_book:glyphs", "page", page=page.number):
            if words := page_missing_glyphs(page):
                lost[page.number] = words
        yield page


def row_rules(read: ReadSheet) -> list[float]:
    """Given a sheet, return the heights of its horizontal ruling lines that separate table rows: a
    quarter of the sheet's width or longer, and fewer than its text lines (a ruled background, one
    line every few points as on Fuji's pages, separates nothing)."""
    sheet = read.sheet
    heights = {
        round(r.bbox[1], 1)
        for r in sheet.rules
        if r.orientation == "h" and r.bbox[2] - r.bbox[0] >= ROW_RULE_SHARE * sheet.width
    }
    return sorted(heights) if len(heights) < len(read.lines) else []


def sheet_to_events(read: ReadSheet, records: RecordSet) -> list[tuple[Event, Band | None]]:
    """Given a sheet, return (event, table header above it) for every line outside a header.

    A line that cannot be cut into events is left out and kept as a fault reject.
    """
    out = []
    for line in read.lines:
        above = [b for b in read.bands if b.top <= line.top]
        band = above[-1] if above else None
        if band is not None and line.top <= band.bottom:
            continue
        page, _ = read.sheet.locate(union([w.bbox for w in line.words]))
        with records.contain("budget_book:rows", "row", page=page, raw_text=line.text):
            out.extend([(event, band) for event in line_to_events(read.sheet, line, band)])
    return out


FAMILY = Family(name="budget_book", detect=detect_budget_book, parse=parse_budget_book, cuts_imposed_pages=True)
