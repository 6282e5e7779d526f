"""RecordSet: build records, validating each; a record that fails becomes a Reject, never a drop."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field

from pydantic import ValidationError

from schemas.base import Record
from schemas.quality import Check, Reject


def make_id(*parts: object) -> str:
    """Given the parts that identify a record, return a short stable id (hex)."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode()).hexdigest()[:20]


@dataclass
class RecordSet:
    """The rows a parser produced for one document, grouped by table, plus its rejects."""

    doc_id: str
    rows: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    warnings: list[str] = field(default_factory=list)

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

    def reject(self, stage: str, record_type: str, payload: object, error: str, *, page: int | None = None):
        """Keep a record that could not be accepted, with its raw payload and the reason."""
        body = json.dumps(payload, ensure_ascii=False, default=str, sort_keys=True)
        self.rows[Reject.table].append(
            Reject(doc_id=self.doc_id, stage=stage, record_type=record_type, page=page, payload=body, error=error)
        )

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

    def count(self) -> int:
        return sum(len(v) for v in self.rows.values())


def _short(err: ValidationError) -> str:
    return "; ".join(f"{'.'.join(map(str, e['loc'])) or 'record'}: {e['msg']}" for e in err.errors())
