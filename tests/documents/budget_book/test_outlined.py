"""Our own budget-book renderings with every glyph turned into outlines (Ghostscript -dNoOutputFonts, #18)
parse by OCR to the same facts as their text layer, each amount with its OCR confidence; an amount
that takes part in a failing check is flagged, never loaded as certain (here a misprinted 比較), and
`gyosei status` counts both.

Needs Ghostscript (`.ci/run` installs ghostscript) and the reference fonts (fonts-ipaexfont-*).
"""

from __future__ import annotations

import shutil
from datetime import datetime

import pytest

from bench.ocr_fuji import outlined
from parsers.parse import parse_pdf
from schemas.documents import Document
from tests.documents.budget_book import render as book
from tests.documents.budget_book.helpers import Parsed, parse_file
from tests.documents.budget_book.render import PORTRAIT, SPLIT
from tests.documents.budget_book.test_rendered import EXPECTED, facts
from warehouse.connection import open_writer
from warehouse.load import load_document
from warehouse.status import status_reports

pytestmark = [
    pytest.mark.skipif(shutil.which("gs") is None, reason="ghostscript not installed (Debian ghostscript)"),
    pytest.mark.usefixtures("shapes"),
]


def parse_outlined(tmp_path, layout, monkeypatch) -> Parsed:
    monkeypatch.setenv("GYOSEI_OCR", "on")
    drawn = outlined(book.render(tmp_path / "book.pdf", layout), tmp_path / "outlined.pdf")
    result = parse_pdf(drawn, "0" * 64)
    assert (result.family, result.text_layer, result.status) == ("budget_book", "ocr", "partial")
    return Parsed(result.info, result.records, detected=True)


@pytest.mark.parametrize("layout", [PORTRAIT, SPLIT], ids=["portrait", "split-spread"])
def test_an_outlined_rendering_parses_to_the_same_facts(tmp_path, layout, monkeypatch):
    parsed = parse_outlined(tmp_path, layout, monkeypatch)
    assert facts(parsed) == EXPECTED
    amounts = parsed.records.rows["budget_amounts"]
    assert all(a.confidence is not None and 0.5 < a.confidence <= 1 for a in amounts)
    assert not any(a.in_failing_check for a in amounts)
    assert parsed.checks and all(c.passed for c in parsed.checks)


def misprinted_book() -> dict:
    """BOOK with 目1's 比較 printed 1,200 (本年度 10,000 − 前年度 9,000 is 1,000)."""
    wrong = dict(book.BOOK)
    first, *rest = wrong["目"]
    wrong["目"] = [(*first[:4], "1,200", *first[5:]), *rest]
    return wrong


@pytest.mark.parametrize("drawn", ["text", "outlines"])
def test_amounts_of_a_failing_check_are_flagged(tmp_path, monkeypatch, drawn):
    monkeypatch.setattr(book, "BOOK", misprinted_book())
    if drawn == "text":
        parsed = parse_file(book.render(tmp_path / "book.pdf", PORTRAIT))
    else:
        parsed = parse_outlined(tmp_path, PORTRAIT, monkeypatch)
    by_id = {line.line_id: line for line in parsed.lines}
    flagged = {
        (by_id[a.line_id].level, by_id[a.line_id].code, a.measure, a.amount_yen)
        for a in parsed.records.rows["budget_amounts"]
        if a.in_failing_check
    }
    assert flagged == {
        ("目", "1", "本年度", 10_000_000),  # 比較 = 本年度 − 前年度 fails for 目1
        ("目", "1", "前年度", 9_000_000),
        ("目", "1", "比較", 1_200_000),
        ("項", "1", "比較", 500_000),  # 項's 比較 = Σ目.比較 fails (1,200 − 500 is not 500)
        ("目", "2", "比較", -500_000),
    }
    failed = {c.subject.split(": ")[-1] for c in parsed.checks if c.passed is False}
    assert failed == {"比較 = 本年度 − 前年度", "比較 = Σ目.比較 (2)"}


@pytest.mark.parametrize("drawn", ["text", "outlines"])
def test_status_shows_how_many_amounts_ocr_read_and_how_many_are_flagged(tmp_path, monkeypatch, drawn):
    """`gyosei status` (its quality report) counts a document's amounts read by OCR and those flagged."""
    monkeypatch.setattr(book, "BOOK", misprinted_book())
    monkeypatch.setenv("GYOSEI_OCR", "on")
    path = book.render(tmp_path / "book.pdf", PORTRAIT)
    if drawn == "outlines":
        path = outlined(path, tmp_path / "outlined.pdf")
    result = parse_pdf(path, "b" * 64)
    document = Document(
        doc_id="b" * 64,
        document_key=path.name,
        source=str(path),
        file_name=path.name,
        doc_family=result.family,
        pages=result.pages,
        text_layer=result.text_layer,
        status=result.status,
        error=result.error,
        parser_version="test",
        size_bytes=path.stat().st_size,
        loaded_at=datetime(2026, 12, 6),
    )
    con = open_writer(tmp_path / "w.duckdb")
    try:
        load_document(con, document, result.records.rows)
    finally:
        con.close()
    reports = {name: (columns, rows) for name, columns, rows in status_reports(tmp_path / "w.duckdb")}
    columns, [row] = reports["quality"]
    quality = dict(zip(columns, row, strict=True))
    amounts = len(result.records.rows["budget_amounts"])
    assert amounts > 20
    assert quality["failed_checks"] == 2 and quality["flagged_amounts"] == 5
    assert quality["ocr_amounts"] == (amounts if drawn == "outlines" else 0)
