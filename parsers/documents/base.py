"""What a document family provides: a detector over page models and a parser into a RecordSet."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from parsers.pdf.model import PageModel
from schemas.collect import RecordSet


@dataclass(frozen=True)
class DocumentInfo:
    """What a family parser learns about the document as a whole."""

    municipality: str | None = None
    title: str | None = None
    fiscal_year_start: int | None = None
    fiscal_year_end: int | None = None


@dataclass(frozen=True)
class Family:
    """A document family: `detect(pages)` says whether it applies, `parse(pages, records)` fills records."""

    name: str
    detect: Callable[[Sequence[PageModel]], bool]
    parse: Callable[[Sequence[PageModel], RecordSet], DocumentInfo]
