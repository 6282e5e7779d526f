"""The faster table finder (parsers/pdf/grid.py) against pdfplumber's own, page by page: the same tables,
the same cell boxes in the same order, the same cell texts, on every sample and on the real budget books."""

from __future__ import annotations

import pdfplumber
import pytest

from parsers.pdf.grid import GridFinder, table_texts
from parsers.pdf.tables import DEFAULT_TABLE_SETTINGS
from tests.conftest import REAL_DIR, SAMPLE_DOCS

SETTINGS = DEFAULT_TABLE_SETTINGS.to_pdfplumber()
REAL = sorted((REAL_DIR / "fuji_r8").glob("*.pdf")) + [
    REAL_DIR / "nankoku" / name for name in ("nankoku_r4_keizoku_jigyo.pdf", "nankoku_r4_shinki_jigyo.pdf")
]


def assert_same_tables(path) -> int:
    """Compare both finders on every page of `path`; return the number of cells compared."""
    compared = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            theirs = page.find_tables(SETTINGS)
            ours = GridFinder(page.edges, SETTINGS).tables
            assert [t.cells for t in ours] == [t.cells for t in theirs], f"{path.name} p.{page.page_number}"
            for mine, reference in zip(ours, theirs, strict=True):
                assert table_texts(mine, page.chars) == reference.extract(), f"{path.name} p.{page.page_number}"
                compared += len(mine.cells)
            page.close()
    return compared


@pytest.mark.parametrize("path", sorted(SAMPLE_DOCS.glob("*.pdf")), ids=lambda p: p.stem)
def test_samples(path):
    assert assert_same_tables(path) > 0


@pytest.mark.real
@pytest.mark.parametrize("name", [p.relative_to(REAL_DIR).as_posix() for p in REAL])
def test_real_budget_books(real_dir, name):
    assert assert_same_tables(real_dir / name) > 0
