"""Pages drawn as glyph outlines, read shape by shape (#18): our own outlined rendering of a fuji_r8
chapter (Ghostscript -dNoOutputFonts; truth = the original's text layer) and the real outlined chapter
(truth = what its first page prints: 5款 労働費, as its image shows).

Needs Ghostscript (`.ci/run` installs ghostscript) and the reference fonts (fonts-ipaexfont-*); skipped
with the reason where they are missing.
"""

from __future__ import annotations

import shutil
from collections import Counter

import pytest

from bench.ocr_fuji import outlined
from parsers.pdf.open import open_pdf
from parsers.pdf.outlines import read_outlined_page
from parsers.pdf.page import page_to_model

pytestmark = [
    pytest.mark.real,
    pytest.mark.usefixtures("shapes"),
    pytest.mark.skipif(shutil.which("gs") is None, reason="ghostscript not installed (Debian ghostscript)"),
]


def number_words(page) -> Counter:
    return Counter(w.text for w in page.words if w.text[:1].isdigit() and "," in w.text)


def test_an_outlined_chapter_reads_the_amounts_its_text_layer_holds(real_dir, tmp_path):
    src = real_dir / "fuji_r8" / "歳入_11款_地方交付税.pdf"
    with open_pdf(src) as pdf:
        truth = page_to_model(pdf.pages[0])
    page = read_outlined_page(outlined(src, tmp_path / "outlined.pdf"), 1)
    assert page is not None
    assert number_words(page)["200,000"] == number_words(truth)["200,000"] == 6
    texts = {w.text for w in page.words}
    assert {"地方交付税", "特別交付税", "千円", "200,000千円"} <= texts
    assert all(w.confidence is not None and 0 <= w.confidence <= 1 for w in page.words)
    assert {r.orientation for r in page.rules} == {"h", "v"}
    words = {w.text: w for w in page.words}
    printed = {w.text: w for w in truth.words}
    for text in ("特別交付税", "200,000千円"):  # placed where the text layer puts them, within a point
        assert all(abs(a - b) <= 1.0 for a, b in zip(words[text].bbox[::2], printed[text].bbox[::2], strict=True))


def test_a_decimal_point_is_read_as_a_point_not_as_a_bullet(real_dir, tmp_path):
    """`2,097,405×0.6` (歳入 15款 p.1, 3号分): the point matches ● in shape; it must not set its line's size
    (its `6` then left the word and joined the next amount, 61,258,443)."""
    src = real_dir / "fuji_r8" / "歳入_15款_国庫支出金.pdf"
    with open_pdf(src) as pdf:
        truth = Counter(w.text for w in page_to_model(pdf.pages[0]).words)
    page = read_outlined_page(outlined(src, tmp_path / "outlined.pdf"), 1)
    assert page is not None
    texts = Counter(w.text for w in page.words)
    assert texts["2,097,405×0.6"] == truth["2,097,405×0.6"] == 1
    assert texts["1,258,443"] == truth["1,258,443"] == 1
    assert texts["6"] == truth["6"]


def test_the_real_outlined_chapter_reads_its_amounts_once_each(real_dir):
    page = read_outlined_page(real_dir / "broken" / "outlined_text_no_text_layer.pdf", 1)
    assert page is not None
    texts = Counter(w.text for w in page.words)
    assert {"256,499千円", "114,424", "111,568", "2,856", "114,149", "労働費", "労政費"} <= set(texts)
    assert texts["256,499千円"] == 2  # 款 and 項 headers; each glyph is painted twice in the file, read once


def test_a_page_with_no_glyph_outlines_is_not_read_as_text(real_dir, tmp_path):
    from bench.ocr_fuji import scanned

    scan = scanned(real_dir / "fuji_r8" / "歳入_11款_地方交付税.pdf", tmp_path / "scan.pdf")
    assert read_outlined_page(scan, 1) is None


def budget_facts(path, monkeypatch):
    """(level, code, measure, yen) of every budget-book amount parsed from `path`, with OCR on."""
    from bench.ocr_fuji import facts

    monkeypatch.setenv("GYOSEI_OCR", "on")
    return facts(path)


@pytest.mark.parametrize(
    ("name", "kan", "yen"),
    [
        ("歳入_11款_地方交付税.pdf", "11", 200_000_000),
        ("歳入_02款_地方譲与税.pdf", "2", 685_000_000),
        ("歳入_14款_使用料及び手数料.pdf", "14", 1_274_952_000),  # １４款: a full-width 4 inked wider than half an em
    ],
)
def test_an_outlined_chapter_gives_the_budget_facts_of_the_original(real_dir, tmp_path, monkeypatch, name, kan, yen):
    src = real_dir / "fuji_r8" / name
    amounts, passing, original, _ = budget_facts(src, monkeypatch)
    got_amounts, got_passing, result, _ = budget_facts(outlined(src, tmp_path / "outlined.pdf"), monkeypatch)
    assert original.text_layer in ("ok", "repaired") and result.text_layer == "ocr"  # 14款 has a mis-mapped font
    assert result.family == "budget_book" and result.status == "partial"
    assert got_amounts == amounts and got_passing == passing
    assert amounts[("款", kan, "本年度", yen)] == 1


def read_back(src, tmp_path, monkeypatch, number: int, word: str):
    """Outline `src`, check page `number` reads `word`, and return the outlined rendering's facts once
    they are found equal to the original's (amounts and passing checks)."""
    rendering = outlined(src, tmp_path / "outlined.pdf")
    page = read_outlined_page(rendering, number)
    assert page is not None and word in {w.text for w in page.words}
    amounts, passing, _, _ = budget_facts(src, monkeypatch)
    got = budget_facts(rendering, monkeypatch)
    assert got[0] == amounts and got[1] == passing
    assert got[2].family == "budget_book" and got[2].text_layer == "ocr"
    return got


def test_an_outlined_expenditure_chapter_keeps_its_funding_column_named_sono_ta(real_dir, tmp_path, monkeypatch):
    """The 歳出 header's `その他` (他 fits a little worse than 龍 by shape alone) is settled by Sudachi's
    cost of the word, so the funding column and its check are kept."""
    amounts, _, result, _ = read_back(real_dir / "fuji_r8" / "歳出_05款_労働費.pdf", tmp_path, monkeypatch, 1, "その他")
    assert amounts[("目", "1", "その他", 576_000)] == 1  # 労政費
    assert amounts[("目", "1", "一般財源", 125_087_000)] == 1
    funding = [c for c in result.records.rows["checks"] if c.check_name == "budget_book_funding"]
    assert len(funding) == 3 and all(c.passed for c in funding)  # its three 目


def test_the_outlined_first_table_and_summary_give_the_original_facts(real_dir, tmp_path, monkeypatch):
    """00_概要: `第１表` (a full-width 1 set between two kanji) reads as one word, so the 第1表 and
    総括 pages are recognised and read as from the text layer; so is the ordinance's 第1条 on p.3, whose
    total passes against 第1表's 歳入合計 and 歳出合計 (2 of the 103 passing checks)."""
    amounts, passing, _, _ = read_back(real_dir / "fuji_r8" / "00_概要.pdf", tmp_path, monkeypatch, 4, "第1表")
    assert sum(amounts.values()) == 284 and sum(passing.values()) == 103
    assert [subject for name, subject in passing if name == "budget_book_ordinance"] == [
        "第1条 歳入歳出予算の総額 110,800,000千円 (p.3) = 第1表 歳入合計",
        "第1条 歳入歳出予算の総額 110,800,000千円 (p.3) = 第1表 歳出合計",
    ]
    assert amounts[("款", "1", "本年度", 49_286_300_000)] == 2  # 市税, in 第1表 and in 総括
    assert amounts[("款", "1", "比較", -10_995_000)] == 1  # 議会費, 総括


def test_the_real_outlined_chapter_loads_its_budget_lines_and_sums(real_dir, monkeypatch):
    amounts, passing, result, _ = budget_facts(real_dir / "broken" / "outlined_text_no_text_layer.pdf", monkeypatch)
    assert result.family == "budget_book" and result.text_layer == "ocr"
    assert amounts[("款", "5", "本年度", 256_499_000)] == 1
    assert amounts[("項", "1", "本年度", 256_499_000)] == 1
    assert amounts[("目", "1", "本年度", 114_424_000)] == 1
    assert amounts[("目", "1", "前年度", 111_568_000)] == 1
    assert amounts[("目", "1", "比較", 2_856_000)] == 1
    assert amounts[("目", "1", "その他", 275_000)] == 1  # as the page's image shows
    assert amounts[("目", "1", "一般財源", 114_149_000)] == 1
    assert amounts[("節", "1", "金額", 1_253_000)] == 1  # 報酬
    assert amounts[("説明", "001", "金額", 39_104_000)] == 1  # 給与費
    checks = result.records.rows["checks"]
    assert sum(passing.values()) >= 190 and sum(1 for c in checks if c.passed is False) <= 1
    read = result.records.rows["budget_amounts"]
    assert all(a.confidence is not None and 0.5 < a.confidence <= 1 for a in read)
