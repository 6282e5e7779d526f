"""RecordSet: build records, validating each; a record that fails becomes a Reject, never a drop.

A family parser runs its units (a page, a row, a sheet, a check) inside `RecordSet.contain`: an
exception there becomes a fault reject (page, raw text, exception) and the parser goes on with the
next unit, so a bug or an odd page costs that unit, never the document.

A table whose model is `columnar` (raw cells: every cell of every table) is kept as Arrow record batches
(`RecordBatches`): each record is still validated, and one that fails is still a Reject.
"""

from __future__ import annotations

import hashlib
import json
import traceback
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

import pyarrow as pa
from pydantic import ValidationError

from schemas.base import Record
from schemas.quality import Check, Reject
from schemas.types import BBox


def make_id(*parts: object) -> str:
    """Given the parts that identify a record, return a short stable id (hex)."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode()).hexdigest()[:20]


MAX_FAULT_TEXT = 2000  # characters of a failed unit's text kept in its reject


class Printed(Protocol):
    """Anything read off a page (a table cell, a line, a word): where it stands and its text as printed."""

    @property
    def page(self) -> int: ...
    @property
    def bbox(self) -> BBox: ...
    @property
    def text(self) -> str: ...


class Where(NamedTuple):
    """A place on a page given piece by piece, for a value that is no single cell or line."""

    page: int
    bbox: BBox
    text: str


BATCH_ROWS = 10_000


class RecordBatches:
    """The validated rows of one table as Arrow record batches: what a list of its records would hold,
    in a fraction of the memory. Behaves as that list where the parsers and tests use one (append, len,
    iteration as records, truncation by `del rows[n:]`, equality with a list)."""

    __hash__ = None

    def __init__(self, model: type[Record], batch_rows: int = BATCH_ROWS) -> None:
        self.model, self.batch_rows = model, batch_rows
        self.batches: list[pa.RecordBatch] = []
        self.pending: list[dict] = []  # dumped records not yet in a batch

    def append(self, record: Record) -> None:
        self.pending.append(record.model_dump())
        if len(self.pending) >= self.batch_rows:
            self._flush()

    def to_table(self) -> pa.Table:
        """All rows as one Arrow table, as `pa.Table.from_pylist` makes it of the dumped records."""
        self._flush()
        if not self.batches:
            return pa.Table.from_pylist([])
        return pa.concat_tables([pa.Table.from_batches([b]) for b in self.batches], promote_options="default")

    def __len__(self) -> int:
        return sum(b.num_rows for b in self.batches) + len(self.pending)

    def __iter__(self) -> Iterator[Record]:
        self._flush()
        for batch in self.batches:
            for row in batch.to_pylist():
                yield self.model.model_validate(row)

    def __delitem__(self, key: slice) -> None:
        """`del rows[n:]`: keep the first n rows (a unit that failed takes back what it added)."""
        if not isinstance(key, slice) or key.stop is not None or key.step is not None:
            raise TypeError("only the rows from an index on can be deleted")
        start = key.start or 0
        if start >= len(self):
            return
        self.batches, self.pending = self.to_table().slice(0, start).to_batches(), []

    def __eq__(self, other: object) -> bool:
        if isinstance(other, list | RecordBatches):
            return list(self) == list(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"RecordBatches({self.model.__name__}, {len(self)} rows)"

    def _flush(self) -> None:
        if self.pending:  # each batch's types are inferred as from_pylist would; to_table unifies them
            self.batches.append(pa.RecordBatch.from_pylist(self.pending))
            self.pending = []


@dataclass
class RecordSet:
    """The rows a parser produced for one document, grouped by table, plus its rejects."""

    doc_id: str
    rows: dict[str, list[Record] | RecordBatches] = field(default_factory=lambda: defaultdict(list))
    warnings: list[str] = field(default_factory=list)
    faults: int = 0  # exceptions contained (each one a reject): the document is then `partial`

    def add(self, model: type[Record], *, stage: str = "parse", **fields: object) -> Record | None:
        """Validate `fields` as `model` and keep the record, or record a Reject and return None."""
        try:
            record = model(**fields)
        except ValidationError as err:
            page = fields.get("page") if isinstance(fields.get("page"), int) else None
            self.reject(stage, model.__name__, fields, _short(err), page=page)
            return None
        rows = self.rows.get(model.table)
        if rows is None:
            rows = self.rows[model.table] = RecordBatches(model) if model.columnar else []
        rows.append(record)
        return record

    def add_printed(self, model: type[Record], where: Printed, *, stage: str = "parse", **fields: object):
        """Add a record read off the page at `where` (see `add`): the document, page, bbox and raw text
        (`where.text`) are its provenance, unless `fields` name one (a cell whose page is its row's,
        a figure whose raw text is part of the cell's). The one place provenance is filled in."""
        for name, attr in (("page", "page"), ("bbox", "bbox"), ("raw_text", "text")):
            if name not in fields:
                fields[name] = getattr(where, attr)
        return self.add(model, stage=stage, doc_id=self.doc_id, **fields)

    def reject(self, stage: str, record_type: str, payload: object, error: str, *, page: int | None = None):
        """Keep a record that could not be accepted, with its raw payload and the reason.

        Valid by construction, so that recording a problem can never fail: a page that is not a
        1-based page number is unknown (NULL), blank names and errors get a placeholder.
        """
        body = json.dumps(payload, ensure_ascii=False, default=str, sort_keys=True)
        known_page = page if isinstance(page, int) and not isinstance(page, bool) and page >= 1 else None
        self.rows[Reject.table].append(
            Reject(
                doc_id=self.doc_id,
                stage=str(stage) or "unknown",
                record_type=str(record_type) or "unknown",
                page=known_page,
                payload=body,
                error=str(error) or "unknown error",
            )
        )

    @contextmanager
    def contain(self, stage: str, unit: str, *, page: int | None = None, raw_text: str | None = None) -> Iterator[None]:
        """Run one unit of parsing (`unit` = row, page, sheet, check…); an exception in it becomes a
        fault reject with the page, the raw text and the exception, and the caller goes on.

        The records the unit added before it failed are taken back: a unit loads whole or not at all.
        """
        sizes = {table: len(rows) for table, rows in self.rows.items()}
        try:
            yield
        except Exception as err:  # the unit is lost, never the document
            for table, rows in self.rows.items():
                del rows[sizes.get(table, 0) :]
            self.fault(stage, unit, err, page=page, raw_text=raw_text)

    def fault(self, stage: str, unit: str, err: BaseException, *, page: int | None = None, raw_text=None) -> None:
        """Record an exception raised while parsing one unit as a reject (see `contain`)."""
        self.faults += 1
        where = traceback.extract_tb(err.__traceback__)[-3:]
        payload = {
            "raw_text": None if raw_text is None else str(raw_text)[:MAX_FAULT_TEXT],
            "traceback": [f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}" for f in where],
        }
        self.reject(stage, unit, payload, f"{type(err).__name__}: {err}", page=page)

    def check(self, name: str, subject: str, *, expected, actual, page: int | None = None, detail=None) -> bool:
        """Record a cross-check result and return whether it passed."""
        passed = expected == actual
        self.add(
            Check,
            doc_id=self.doc_id,
            check_name=name,
            subject=subject,
            page=page,
            expected=expected,
            actual=actual,
            passed=passed,
            detail=detail,
        )
        return passed

    def check_text(self, name: str, subject: str, *, expected: str, actual: str, page: int | None = None) -> bool:
        """Record a cross-check of two printings of one text (passed when they agree once layout
        spaces are gone); both are kept in `detail`. Return whether it passed."""
        passed = "".join(expected.split()) == "".join(actual.split())
        detail = f"expected {expected!r}, printed {actual!r}"
        self.add(Check, doc_id=self.doc_id, check_name=name, subject=subject, page=page, passed=passed, detail=detail)
        return passed

    def not_run(self, name: str, subject: str, reason: str, *, page: int | None = None) -> None:
        """Record a cross-check that could not run, and why: reported as not run, never as passed."""
        self.add(Check, doc_id=self.doc_id, check_name=name, subject=subject, page=page, passed=None, detail=reason)

    def count(self) -> int:
        return sum(len(v) for v in self.rows.values())


def _short(err: ValidationError) -> str:
    return "; ".join(f"{'.'.join(map(str, e['loc'])) or 'record'}: {e['msg']}" for e in err.errors())
