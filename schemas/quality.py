"""Cross-check results, rejected records and text-layer repairs (DESIGN §5 `checks`, `rejects`; #18)."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from schemas.base import Record
from schemas.types import DocId, NonEmpty, Page


class Check(Record):
    """One cross-check: `expected` is what the rule says, `actual` what the document prints.

    `passed` is None when the check could not run (`detail` says why): never counted as a pass.
    """

    table = "checks"

    doc_id: DocId
    check_name: NonEmpty
    subject: NonEmpty
    page: Page | None = None
    expected: Decimal | None = None
    actual: Decimal | None = None
    passed: bool | None
    detail: str | None = None


class Reject(Record):
    """A record that failed validation, with its raw payload (JSON) and the error."""

    table = "rejects"

    doc_id: DocId
    stage: NonEmpty
    record_type: NonEmpty
    page: Page | None = None
    payload: str
    error: NonEmpty


class TextRepair(Record):
    """One glyph of a font whose character was repaired: what the file's map said and what it prints.

    The original text of any repaired value is its text with `repaired` put back to `extracted`.
    """

    table = "text_repairs"

    doc_id: DocId
    font: NonEmpty
    cid: int = Field(ge=0)
    extracted: str  # '' when the map gave the glyph no character
    repaired: NonEmpty
    method: Literal["glyph_match"]
    score: float = Field(ge=-1, le=1)  # similarity of the glyph to the repaired character
    gain: float  # how much closer it is to `repaired` than to `extracted`
