"""What a document family provides: a detector over page models and a parser into a RecordSet."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from parsers.pdf.model import PageModel
from schemas.collect import RecordSet

T = TypeVar("T")


@dataclass(frozen=True)
class DocumentInfo:
    """What a family parser learns about the document as a whole."""

    municipality: str | None = None
    title: str | None = None
    fiscal_year_start: int | None = None
    fiscal_year_end: int | None = None
    family: str | None = None
    """Only in hints: the family a manifest names, used when no family's detector recognises the pages."""
    account: str | None = None  # 一般会計 or a 特別会計 (budget books)

    def filled_from(self, hints: DocumentInfo) -> DocumentInfo:
        """This info with its blanks taken from `hints`: what the document prints wins."""
        return DocumentInfo(
            municipality=self.municipality or hints.municipality,
            title=self.title or hints.title,
            fiscal_year_start=self.fiscal_year_start or hints.fiscal_year_start,
            fiscal_year_end=self.fiscal_year_end or hints.fiscal_year_end,
            account=self.account or hints.account,
        )


@dataclass(frozen=True)
class Family:
    """A document family: `detect(pages)` says whether it applies, `parse(pages, records, hints)` fills records.

    `hints` is what the caller knows from outside the document (a manifest's municipality and fiscal year);
    a family uses it only where the document prints nothing, e.g. a budget book split by 款 whose chapters
    print no year, so that their amounts still get one.
    """

    name: str
    detect: Callable[[Sequence[PageModel]], bool]
    parse: Callable[[Sequence[PageModel], RecordSet, DocumentInfo], DocumentInfo]
    cuts_imposed_pages: bool = False
    """Whether `parse` cuts 2-up sheets itself; otherwise it is given each half as a page
    (parsers/pdf/imposition.py)."""


def page_text(page: PageModel) -> str:
    """Given a page, return its words as one text, for the reject of a page that could not be read."""
    return " ".join(w.text for w in page.words)


def per_page(
    records: RecordSet | None, stage: str, pages: Sequence[PageModel], read: Callable[[PageModel], Iterable[T]]
) -> list[T]:
    """Given pages and a reader of one page, return everything read, page by page in order.

    With `records`, a page whose reading raises is left out and kept as a fault reject (its number,
    its text, the exception); without (detectors), the exception propagates.
    """
    return list(each_page(records, stage, pages, read))


def each_page(
    records: RecordSet | None, stage: str, pages: Iterable[PageModel], read: Callable[[PageModel], Iterable[T]]
) -> Iterator[T]:
    """`per_page` one page at a time, for a family that lets each page go once it is read."""
    for page in pages:
        if records is None:
            yield from read(page)
            continue
        out: list[T] = []
        with records.contain(stage, "page", page=page.number, raw_text=page_text(page)):
            out = list(read(page))
        yield from out
