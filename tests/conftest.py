"""Shared fixtures: the real corpus (skipped when absent) and small PDFs made on the fly."""

from __future__ import annotations

from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
REAL_DIR = PROJECT_ROOT.parent / "shared" / "real"
SAMPLE_DOCS = PROJECT_ROOT / "sample_docs"


@pytest.fixture(scope="session")
def real_dir() -> Path:
    """../shared/real, or skip with the reason when this checkout has no real corpus beside it."""
    if not REAL_DIR.is_dir():
        pytest.skip(f"real corpus not found at {REAL_DIR} (only present beside the project in CI)")
    return REAL_DIR


@pytest.fixture(scope="session")
def shapes():
    """The reference fonts' shapes for reading outlined glyphs; the test is skipped, saying which
    Debian package to install, when a font is missing."""
    from parsers.pdf.glyph_match import NoReferenceFont, shape_set

    try:
        return shape_set()
    except NoReferenceFont as err:
        pytest.skip(str(err))


@pytest.fixture
def table_pdf(tmp_path) -> Path:
    """A one-page PDF with a ruled 3×3 table whose first header cell spans two columns."""
    from tests.pdf_factory import ruled_table_pdf

    rows = [["事業名", "", "令和6年度"], ["デジタル企画調整費", "34, 577", "▲104,143"], ["計", "■■■", "-"]]
    return ruled_table_pdf(tmp_path / "table.pdf", rows, spans=[((0, 0), (1, 0))])
