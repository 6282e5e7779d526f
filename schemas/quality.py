"""Cross-check results and rejected records (DESIGN §5 tables `checks`, `rejects`)."""

from __future__ import annotations

from decimal import Decimal

from schemas.base import Record
from schemas.types import DocId, NonEmpty, Page


class Check(Record):
    """One cross-check: `expected` is what the rule says, `actual` what the document prints."""

    table = "checks"

    doc_id: DocId
    check_name: NonEmpty
    subject: NonEmpty
    page: Page | None = None
    expected: Decimal | None = None
    actual: Decimal | None = None
    passed: bool
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
