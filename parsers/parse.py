"""Parse one PDF: open, read every page into the page model, triage, keep every table cell, run the
document's family parser. A page that fails becomes a reject; the document goes on without it. An
exception inside the family parser costs the unit it happened in (the family contains its rows, pages
and sheets; anything that escapes costs the family's records, never the raw cells): the document is
`partial`, with a reject saying where and why.

A document with text from which nothing could be read (no family knows its layout, or its family read
nothing, and it has no table cells to keep) is `failed`, and its reason says what was found in it
(`text on 32 pages, no table and no known layout`): an operator must see that a whole document gave nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from parsers.documents.base import DocumentInfo, Family
from parsers.documents.registry import classify_family, family_named
from parsers.heap import release_freed_memory
from parsers.pdf.errors import UnreadablePdf
from parsers.pdf.health import (
    PageText,
    classify_page_text,
    describe_missing_text,
    describe_textless_pages,
    pages_to_text_layer,
)
from parsers.pdf.imposition import split_imposed
from parsers.pdf.inflate import InflateLimitExceeded, inflate_cap
from parsers.pdf.model import PageModel
from parsers.pdf.ocr import ocr_pages
from parsers.pdf.open import check_pdf_bytes, open_pdf
from parsers.pdf.page_store import PageStore, page_numbers
from parsers.pdf.read import PageRead, read_pages
from parsers.pdf.repair import repair_pages
from parsers.search_index import records_to_tokens
from parsers.text_facts import records_to_text_facts
from schemas.cells import RawCell
from schemas.collect import RecordSet
from schemas.quality import Check

Status = Literal["loaded", "partial", "failed"]
NO_HINTS = DocumentInfo()
RELEASE_AFTER_PAGES = 64
"""A document this long gives back the memory its opening and its reading freed (a 1,000-page book: 70
and 120 MB less in its parse process); text repair and OCR always do. Shorter ones are not worth the
collection (40 ms each: a second over fuji_r8's 33 files)."""
Progress = Callable[[int, int], None]
"""Told (pages read, pages in the document) after each page: a long book shows how far it is."""


@dataclass
class ParseSummary:
    """What is known of a parsed PDF besides its records."""

    doc_id: str
    status: Status
    pages: int = 0
    text_layer: str | None = None
    family: str | None = None
    info: DocumentInfo = field(default_factory=DocumentInfo)
    error: str | None = None


@dataclass
class ParsedDocument(ParseSummary):
    """Everything parsed from one PDF, ready to validate and load."""

    records: RecordSet | None = None


def parse_pdf(
    path: Path,
    doc_id: str,
    hints: DocumentInfo = NO_HINTS,
    *,
    max_inflated_bytes: int | None = None,
    progress: Progress | None = None,
    reads: Iterable[PageRead] | None = None,
) -> ParsedDocument:
    """Given a PDF file and its sha256, return its records, or a failed result saying why.

    `hints` (a manifest's municipality, fiscal year) fill what the document does not print. A stream
    inflating beyond `max_inflated_bytes` fails the whole document, naming that limit. `progress` is told
    of every page read. `reads` are its pages already read elsewhere (ranges read on several machines, in
    order), else they are read here.
    """
    with inflate_cap(max_inflated_bytes):
        try:
            return _parse_pdf(path, doc_id, hints, progress, reads)
        except InflateLimitExceeded as err:
            return ParsedDocument(doc_id=doc_id, status="failed", error=str(err))


def _parse_pdf(
    path: Path, doc_id: str, hints: DocumentInfo, progress: Progress | None, reads: Iterable[PageRead] | None
) -> ParsedDocument:
    try:
        n_pages, title = _page_count_and_title(path)
    except UnreadablePdf as err:
        return ParsedDocument(doc_id=doc_id, status="failed", error=str(err))
    if n_pages >= RELEASE_AFTER_PAGES:
        release_freed_memory()  # the page tree just read: 70 MB for a 1,000-page book, else kept to the end
    records = RecordSet(doc_id)
    models, states = _read_pages(read_pages(path, n_pages) if reads is None else reads, n_pages, records, progress)
    models, states, repaired = repair_pages(path, models, states, records)
    models, states, read_by_ocr = ocr_pages(path, models, states, records)
    if repaired or read_by_ocr or n_pages >= RELEASE_AFTER_PAGES:
        release_freed_memory()  # else it only adds to the peak; a collection costs 40 ms, worth it only here
    done = {"states": states, "repaired": repaired, "read_by_ocr": read_by_ocr}
    return parse_pages(models, records, pages=n_pages, hints=hints, pdf_title=title, **done)


def _page_count_and_title(path: Path) -> tuple[int, object]:
    """Open the PDF (raising UnreadablePdf with the reason when it cannot be) for its page count and title;
    its page tree is let go on return."""
    with Path(path).open("rb") as head:
        check_pdf_bytes(head.read(2048))  # the head alone: a book is tens of megabytes
    with open_pdf(path) as pdf:
        return len(pdf.pages), (pdf.metadata or {}).get("Title")


def parse_pages(
    models: Sequence[PageModel],
    records: RecordSet,
    *,
    pages: int,
    hints: DocumentInfo = NO_HINTS,
    pdf_title=None,
    states: list | None = None,
    repaired: bool = False,
    read_by_ocr: int = 0,
) -> ParsedDocument:
    """Given the page models read from a PDF of `pages` pages (a page that could not be read is
    missing, with its reject in `records`; `states`, `repaired` and `read_by_ocr` say what text
    repair and OCR made of them), triage them and run the document's family parser."""
    states = states if states is not None else [classify_page_text(m) for m in models]
    result = ParsedDocument(
        doc_id=records.doc_id,
        status="loaded",
        pages=pages,
        records=records,
        text_layer=pages_to_text_layer(states, repaired=repaired) if models else None,
    )
    missing = describe_missing_text(states) if models else "no page could be read"
    if missing:
        result.status, result.error = "failed", missing
        return result
    cells = _add_raw_cells(models, records)
    family = detected = classify_family(models, records)
    if family is None and (family := family_named(hints.family)):
        records.warnings.append(f"no family recognised the pages; read as {family.name}, as the manifest says")
    problems = [f"{pages - len(models)} page(s) could not be read"] if len(models) < pages else []
    if read_by_ocr:
        problems.append(f"{read_by_ocr} page(s) had no text and were read by OCR: their values are unverified")
    if textless := describe_textless_pages(
        [number for number, state in zip(page_numbers(models), states, strict=True) if state == "none"]
    ):
        problems.append(textless)
    read_nothing = family is None
    if family is None:
        found = _what_was_found(models, cells)
        result.info = DocumentInfo(title=pdf_title if isinstance(pdf_title, str) else None).filled_from(hints)
        problems.insert(0, f"{found} and no known layout")
    else:
        result.family = family.name
        before = _values_read(records)
        result.info = run_family(family, models, records, hints)
        read_nothing = _values_read(records) == before
        if read_nothing:
            found = _what_was_found(models, cells)
            how = " (as the manifest says)" if detected is None else ""
            problems.insert(0, f"{found}; read as {family.name}{how}, but nothing in it could be read")
    if records.faults:
        problems.append(f"{records.faults} part(s) could not be parsed (see rejects)")
    if read_nothing and not cells:
        result.status, result.error = "failed", "; ".join(problems)
    elif problems:
        result.status, result.error = "partial", "; ".join(problems)
    return result


def _values_read(records: RecordSet) -> int:
    """How many rows a family has added or rejected; its cross-checks alone are not something read."""
    return sum(len(rows) for table, rows in records.rows.items() if table != Check.table)


def _what_was_found(models: Sequence[PageModel], cells: int) -> str:
    """What a document holds, said plainly, for a status reason: `text on 32 pages, no table`."""
    with_text = tables = 0
    for model in models:
        with_text, tables = with_text + bool(model.words), tables + len(model.tables)
    pages = f"text on {with_text} page{'s' if with_text != 1 else ''}"
    if not tables:
        return f"{pages}, no table"
    return f"{pages}, {tables} table{'s' if tables != 1 else ''} ({cells} cells kept in raw_cells)"


def run_family(family: Family, models: Sequence[PageModel], records: RecordSet, hints: DocumentInfo) -> DocumentInfo:
    """Given a document's pages and its family, fill `records`; return what the document says of itself.

    A fault the family did not contain itself is kept as a reject of the whole family run.
    """
    info = DocumentInfo()
    with records.contain(f"parse:{family.name}", "document", raw_text=f"{len(models)} pages"):
        info = family.parse(models if family.cuts_imposed_pages else split_imposed(models), records, hints)
    with records.contain("text_facts", "document"):
        records_to_text_facts(records)
    with records.contain("tokenize", "document"):
        records_to_tokens(records)
    return info.filled_from(hints)


def _read_pages(
    reads: Iterable[PageRead], n_pages: int, records: RecordSet, progress: Progress | None
) -> tuple[PageStore, list[PageText]]:
    """The pages' models (in a temporary file when the document is long) and their text states. A page
    that could not be read becomes a reject and the document goes on without it, but a limit hit in a
    range read elsewhere (it travels as its exception) fails the document."""
    models, states = PageStore(), []
    for done, (number, model) in enumerate(reads, start=1):
        if isinstance(model, PageModel):
            models.append(model)
            states.append(classify_page_text(model))
        elif isinstance(model, InflateLimitExceeded):
            raise model
        else:
            records.reject("extract", "page", {"page": number}, model, page=number)
        if progress:
            progress(done, n_pages)
    return models, states


def _add_raw_cells(models: Sequence[PageModel], records: RecordSet) -> int:
    """Keep every table cell as printed; return how many were kept."""
    for model in models:
        for table in model.tables:
            for cell in table.cells:
                records.add_printed(
                    RawCell,
                    cell,
                    page=model.number,
                    table_index=table.index,
                    row_index=cell.row,
                    col_index=cell.col,
                )
    return len(records.rows[RawCell.table])
