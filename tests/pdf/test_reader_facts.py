"""Both page readers give the same records: every sample and real PDF parsed from pages read by pdfium (the
default) and by pdfplumber (the reference) yields the same rows in every table (facts, their values,
kinds, fiscal years and names, check results, rejects, warnings, status), provenance boxes within
BOX_TOLERANCE_PT (`test_pdfium_page.py` says why boxes may differ at all). Text repair reads its pages
with pdfplumber whichever reader read them first, so the repaired chapters of fuji_r8 are covered too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers.parse import ParsedDocument, parse_pdf
from parsers.pdf.open import page_count
from parsers.pdf.read import read_range
from tests.conftest import SAMPLE_DOCS
from tests.pdf.test_pdfium_page import REAL, near

DOC_ID = "f" * 64
BOX_HASHES = ("fact_id",)  # text_facts: make_id(doc, source, project, table, page, bbox, ...)


def parsed(path: Path, reader: str) -> ParsedDocument:
    reads = read_range(str(path), 0, page_count(path), reader=reader)
    return parse_pdf(path, DOC_ID, reads=reads)


def assert_same_records(path: Path) -> int:
    """Parse `path` with both readers and compare; return the number of rows compared."""
    new, ref = parsed(path, "pdfium"), parsed(path, "pdfplumber")
    assert (new.status, new.error, new.family, new.text_layer) == (ref.status, ref.error, ref.family, ref.text_layer)
    assert new.info == ref.info
    assert new.records.warnings == ref.records.warnings
    assert sorted(new.records.rows) == sorted(ref.records.rows)
    compared = 0
    for table, rows in ref.records.rows.items():
        theirs = new.records.rows[table]
        assert len(theirs) == len(rows), table
        for mine, reference in zip(theirs, rows, strict=True):
            a, b = mine.model_dump(), reference.model_dump()
            box_a, box_b = a.pop("bbox", None), b.pop("bbox", None)
            for boxed in BOX_HASHES:  # ids hashed from the box, which may differ by 0.01 pt
                a.pop(boxed, None), b.pop(boxed, None)
            assert a == b, table
            assert (box_a is None) == (box_b is None) and (box_a is None or near(box_a, box_b)), (table, a)
            compared += 1
    return compared


@pytest.mark.parametrize("path", sorted(SAMPLE_DOCS.glob("*.pdf")), ids=lambda p: p.stem)
def test_samples_give_the_same_records(path):
    assert assert_same_records(path) > 0


@pytest.mark.real
@pytest.mark.parametrize("name", REAL)
def test_real_documents_give_the_same_records(real_dir, name):
    assert assert_same_records(real_dir / name) > 0
