"""RecordSet: build records, validating each; a record that fails becomes a Reject, never a drop.

A family parser runs its units (a page, a row, a sheet, a check) inside `RecordSet.contain`: an
exception there becomes a fault reject (page, raw text, exception) and the parser goes on with the
next unit, so a bug or an odd page costs that unit, never the document.
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


@dataclass
class RecordSet:
    """The rows a parser produced for one document, grouped by table, plus its rejects."""

    doc_id: str
    rows: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
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
        self.rows[model.table].append(record)
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
