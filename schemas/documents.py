"""Documents and ingest runs (DESIGN §3 tables `documents`, `ingest_runs`)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field, model_validator

from schemas.base import Record
from schemas.types import DocId, FiscalYear, NonEmpty

TextLayer = Literal["ok", "partial", "none", "mismapped", "repaired", "ocr"]
Status = Literal["loaded", "partial", "failed", "superseded"]


class Document(Record):
    """One PDF ever seen, with what became of it, as one version of its document_key."""

    table = "documents"

    doc_id: DocId
    document_key: NonEmpty
    version: int = Field(default=1, ge=1)
    """1, 2, … per document_key; warehouse.load assigns it when the document is loaded."""
    source: str
    file_name: str
    municipality: str | None = None
    doc_family: str | None = None
    title: str | None = None
    fiscal_year_start: FiscalYear | None = None
    fiscal_year_end: FiscalYear | None = None
    account: str | None = None
    """一般会計 or a 特別会計 (budget books: as printed on the title page, else the manifest's)."""
    pages: int = Field(ge=0)
    text_layer: TextLayer | None = None
    status: Status
    error: str | None = None
    parser_version: str
    size_bytes: int = Field(ge=0)
    loaded_at: datetime
    warnings: list[str] = Field(default_factory=list)
    """The family parser's warnings: what it noticed but could not settle (shown by `gyosei status`)."""

    @model_validator(mode="after")
    def _failed_has_error(self) -> Document:
        if self.status == "failed" and not self.error:
            raise ValueError("a failed document must say why (error is empty)")
        return self


class DocumentVersion(Record):
    """One publication of a document key: which bytes were published as which version."""

    table = "document_versions"

    document_key: NonEmpty
    version: int = Field(ge=1)
    doc_id: DocId
    status: Status
    source: str
    file_name: str
    loaded_at: datetime

    @classmethod
    def of(cls, document: Document) -> DocumentVersion:
        return cls(**{name: getattr(document, name) for name in cls.model_fields})


class IngestRun(Record):
    """One run of the ingest flow and its counts."""

    table = "ingest_runs"

    run_id: str
    flow_run_id: str | None = None
    started_at: datetime
    ended_at: datetime | None = None
    warehouse: str
    documents_seen: int = 0
    documents_loaded: int = 0
    documents_partial: int = 0
    documents_skipped: int = 0
    documents_failed: int = 0
    documents_superseded: int = 0
    rows_loaded: int = 0
    rejects: int = 0
    status: Literal["running", "completed", "failed", "interrupted"] = "running"
    error: str | None = None
    pid: int | None = None
    """The process running the flow: `gyosei status` tells a run still going from one that died."""
    host: str | None = None
