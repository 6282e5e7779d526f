"""Bad input gets a clear reason (DESIGN §5); good input opens."""

from __future__ import annotations

import pytest

from parsers.parse import parse_pdf
from tests.pdf_factory import encrypted_pdf, inflation_bomb_pdf, text_pdf

DOC_ID = "0" * 64


def test_zero_bytes_is_an_empty_file(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    result = parse_pdf(path, DOC_ID)
    assert (result.status, result.error) == ("failed", "empty file (0 bytes)")


def test_text_file_is_not_a_pdf(tmp_path):
    path = tmp_path / "notes.pdf"
    path.write_text("令和6年度 予算", encoding="utf-8")
    result = parse_pdf(path, DOC_ID)
    assert result.status == "failed"
    assert result.error.startswith("not a PDF: the file starts with")


def test_truncated_pdf_is_reported_as_damaged(table_pdf, tmp_path):
    data = table_pdf.read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 3])
    result = parse_pdf(path, DOC_ID)
    assert (result.status, result.error) == ("failed", "damaged or truncated PDF: the file ends unexpectedly")


def test_encrypted_pdf_says_it_needs_a_password(tmp_path):
    result = parse_pdf(encrypted_pdf(tmp_path / "locked.pdf"), DOC_ID)
    assert result.status == "failed"
    assert result.error == "encrypted PDF: it needs a password or uses unsupported encryption"


@pytest.mark.real
def test_blank_pages_are_reported_as_blank(real_dir):
    result = parse_pdf(real_dir / "broken" / "blank_pages.pdf", DOC_ID)
    assert (result.status, result.pages, result.error) == ("failed", 5, "no content: all 5 pages are blank")


@pytest.mark.real
def test_outlined_text_has_no_text_layer(real_dir):
    result = parse_pdf(real_dir / "broken" / "outlined_text_no_text_layer.pdf", DOC_ID)
    assert (result.status, result.text_layer, result.pages) == ("failed", "none", 16)
    assert result.error.startswith("no text layer: 16 page(s) are drawn as graphics")


def test_readable_pdf_of_unknown_family_keeps_its_cells(table_pdf):
    result = parse_pdf(table_pdf, DOC_ID)
    assert (result.status, result.text_layer, result.pages) == ("partial", "ok", 1)
    assert result.error == "text on 1 page, 1 table (8 cells kept in raw_cells) and no known layout"  # 3×3, one span
    texts = {(c.row_index, c.col_index): c.raw_text for c in result.records.rows["raw_cells"]}
    assert texts[(1, 1)] == "34, 577"
    assert texts[(1, 2)] == "▲104,143"
    assert texts[(2, 1)] == "■■■"


def test_a_page_box_that_is_not_numbers_is_reported_as_damaged(table_pdf, tmp_path):
    """Found by fuzzing (tests/fuzz): pdfplumber's MalformedPDFException was not turned into a reason."""
    data = table_pdf.read_bytes()
    start = data.index(b"/MediaBox [")
    end = data.index(b"]", start) + 1
    path = tmp_path / "bad_box.pdf"
    path.write_bytes(data[:start] + b"/MediaBox [ 0 0 842 5 /x 5 ]".ljust(end - start) + data[end:])
    result = parse_pdf(path, DOC_ID)
    assert result.status == "failed"
    assert result.error.startswith("damaged PDF: MalformedPDFException: Bounding box contains non-number")


def test_a_stream_inflating_beyond_the_cap_fails_the_document_naming_the_limit(tmp_path):
    bomb = inflation_bomb_pdf(tmp_path / "bomb.pdf", 64 << 20)  # 64 MiB of zeros in a ~65 KB file
    assert bomb.stat().st_size < 100_000
    result = parse_pdf(bomb, DOC_ID, max_inflated_bytes=1 << 20)
    assert (result.status, result.error) == (
        "failed",
        "inflated-size limit: stream 4 inflates to more than 1 MiB "
        "(a decompression bomb, or a limit set too low for this document)",
    )


def test_under_the_cap_the_stream_is_read(tmp_path):
    small = inflation_bomb_pdf(tmp_path / "small.pdf", 4096)
    result = parse_pdf(small, DOC_ID, max_inflated_bytes=1 << 20)
    assert result.error != "failed" and result.pages == 1


def test_text_without_table_or_known_layout_fails_saying_what_was_found(tmp_path):
    """Nothing read is `failed`, never `partial` with a word about cells that do not exist."""
    prose = ["令和6年度 事業計画書", "デジタル企画調整費 34,577 千円", "社会保障・税番号制度推進事業"]
    path = text_pdf(tmp_path / "prose.pdf", [prose, prose[1:], prose[:1]])
    result = parse_pdf(path, DOC_ID)
    assert (result.status, result.text_layer, result.pages, result.family) == ("failed", "ok", 3, None)
    assert result.error == "text on 3 pages, no table and no known layout"
    assert result.records.rows["raw_cells"] == []
