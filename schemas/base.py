"""Base classes: frozen, closed records, and the provenance every fact row carries (DESIGN §3)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, ConfigDict

from schemas.types import BBox, DocId, Page


class Record(BaseModel):
    """A warehouse row. `table` names the DuckDB table it is loaded into."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    table: ClassVar[str]
    columnar: ClassVar[bool] = False
    """Kept by `RecordSet` as Arrow record batches once validated, not as objects (`RecordBatches`): for
    tables of hundreds of thousands of rows per document."""


class Provenanced(Record):
    """A row read from a PDF: which document, which page, where on it, and the text as printed."""

    doc_id: DocId
    page: Page
    bbox: BBox
    raw_text: str
