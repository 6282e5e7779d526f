"""Parse a PDF with the budget book family and index its records, for the tests."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

import pdfplumber

from parsers.documents.base import DocumentInfo
from parsers.documents.budget_book import FAMILY
from parsers.parse import NO_HINTS
from parsers.pdf.page import page_to_model
from schemas.budget import BudgetAmount, BudgetLine
from schemas.collect import RecordSet


@dataclass
class Parsed:
    """A parsed budget book: its info, its records, and lookups by printed label."""

    info: DocumentInfo
    records: RecordSet
    detected: bool

    @property
    def lines(self) -> list[BudgetLine]:
        return self.records.rows["budget_lines"]

    @property
    def checks(self):
        return self.records.rows["checks"]

    def line(self, *path: str, table: str = "歳入歳出予算事項別明細書") -> BudgetLine:
        """Given names from the top (`市税`, `市民税`, `個人`), return the one line at that path."""
        by_id = {line.line_id: line for line in self.lines}
        found = []
        for line in self.lines:
            names, cursor = [], line
            while cursor is not None:
                names.append(cursor.name)
                cursor = by_id.get(cursor.parent_line_id)
            if tuple(reversed(names)) == path and self.table_of(line) in (table, None):
                found.append(line)
        assert len(found) == 1, f"{path}: {len(found)} lines"
        return found[0]

    def table_of(self, line: BudgetLine) -> str | None:
        return next((a.table_name for a in self.amounts_of(line)), None)

    def amounts_of(self, line: BudgetLine) -> list[BudgetAmount]:
        return [a for a in self.records.rows["budget_amounts"] if a.line_id == line.line_id]

    def yen(self, line: BudgetLine) -> dict[str, int | None]:
        return {a.measure: a.amount_yen for a in self.amounts_of(line)}


def parse_file(path: Path, hints: DocumentInfo = NO_HINTS, *, keep_rule=None) -> Parsed:
    """Given a PDF (and what a manifest would say of it), return it parsed by the budget book family;
    with `keep_rule`, only the rules it keeps are on the pages (the book as printed with fewer rules)."""
    with pdfplumber.open(path) as pdf:
        pages = [page_to_model(p) for p in pdf.pages]
    if keep_rule is not None:
        pages = [replace(p, rules=tuple(filter(keep_rule, p.rules)), tables=()) for p in pages]
    records = RecordSet(hashlib.sha256(path.read_bytes()).hexdigest())
    detected = FAMILY.detect(pages)
    info = FAMILY.parse(pages, records, hints)
    return Parsed(info, records, detected)
