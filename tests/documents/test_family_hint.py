"""A manifest's family is the parser used when no family's detector recognises the pages."""

from __future__ import annotations

from parsers.documents.base import DocumentInfo
from parsers.parse import parse_pdf
from tests.pdf_factory import ruled_table_pdf

ROWS = [["款", "本年度"], ["市税", "49,286,300"]]


def test_without_a_hint_an_unrecognised_document_keeps_only_its_cells(tmp_path):
    parsed = parse_pdf(ruled_table_pdf(tmp_path / "t.pdf", ROWS), "0" * 64)
    assert (parsed.status, parsed.family) == ("partial", None)
    assert parsed.error == "text on 1 page, 1 table (4 cells kept in raw_cells) and no known layout"


def test_the_manifest_family_is_used_when_detection_fails_and_says_so(tmp_path):
    parsed = parse_pdf(ruled_table_pdf(tmp_path / "t.pdf", ROWS), "0" * 64, DocumentInfo(family="budget_book"))
    assert (parsed.family, parsed.status) == ("budget_book", "loaded")
    assert "no family recognised the pages; read as budget_book, as the manifest says" in parsed.records.warnings
    [line] = parsed.records.rows["budget_lines"]
    [amount] = parsed.records.rows["budget_amounts"]
    assert (line.name, amount.raw_text) == ("市税", "49,286,300")


def test_a_manifest_family_that_reads_nothing_leaves_the_document_partial(tmp_path):
    parsed = parse_pdf(ruled_table_pdf(tmp_path / "t.pdf", ROWS), "0" * 64, DocumentInfo(family="action_plan_kpi"))
    assert (parsed.family, parsed.status) == ("action_plan_kpi", "partial")
    assert parsed.error == (
        "text on 1 page, 1 table (4 cells kept in raw_cells); read as action_plan_kpi (as the manifest says), "
        "but nothing in it could be read"
    )
    assert [c.raw_text for c in parsed.records.rows["raw_cells"]] == ["款", "本年度", "市税", "49,286,300"]
