"""Real budget-book chapters drawn as 300-dpi page images with no text (scans, #18) parse by OCR to the
facts of their text layer: fuji_r8 chapters rendered into images (bench/ocr_fuji.scanned), every amount
and every passing check equal, each amount with its OCR confidence and none flagged.

Needs the reference fonts (fonts-ipaexfont-*); skipped where ../shared/real is absent.
"""

from __future__ import annotations

import pytest

from bench.ocr_fuji import facts, scanned

pytestmark = [pytest.mark.real, pytest.mark.usefixtures("shapes")]


@pytest.fixture
def ocr_on(monkeypatch):
    monkeypatch.setenv("GYOSEI_OCR", "on")


@pytest.mark.usefixtures("ocr_on")
@pytest.mark.parametrize(
    "name",
    [
        "歳出_14款_予備費.pdf",
        "歳出_12款_公債費.pdf",
        "歳出_11款_災害復旧費.pdf",
        "歳出_05款_労働費.pdf",
        "歳入_09款_環境性能割交付金.pdf",  # `△108,000` whose △ fits Δ better
        "歳入_02款_地方譲与税.pdf",  # 節 codes `1` alone whose shape fits `↓` as well
        "00_概要.pdf",  # 第1表 and 総括 under a header `款` that fits 軟 as well at the coarse grid; `100` as `lθθ`
        "歳出_06款_農林水産業費.pdf",  # a comma that matches `ｬ` and sizes itself too small to be a comma
        "歳出_07款_商工費.pdf",  # 説明 names wrapped onto a second line under a point below the first
        "歳入_19款_繰入金.pdf",  # 別 (特別会計), whose 刂 alone fits `I` and `]` better than 別 fits whole
    ],
)
def test_a_scanned_chapter_reads_the_facts_of_its_text_layer(real_dir, tmp_path, name):
    src = real_dir / "fuji_r8" / name
    amounts, passing, _, _ = facts(src)
    got_amounts, got_passing, result, _ = facts(scanned(src, tmp_path / "scan.pdf"))
    assert (result.family, result.text_layer, result.status) == ("budget_book", "ocr", "partial")
    assert got_amounts == amounts
    assert got_passing == passing
    read = result.records.rows["budget_amounts"]
    assert all(a.confidence is not None and 0 < a.confidence <= 1 for a in read)
    assert not any(a.in_failing_check for a in read)


@pytest.mark.usefixtures("ocr_on")
def test_a_scanned_chapter_reads_its_names_and_amounts(real_dir, tmp_path):
    result = facts(scanned(real_dir / "fuji_r8" / "歳出_05款_労働費.pdf", tmp_path / "scan.pdf"))[2]
    lines = {line.line_id: line for line in result.records.rows["budget_lines"]}
    named = {(line.level, line.code): line.name for line in lines.values()}
    assert (named["款", "5"], named["項", "1"]) == ("労働費", "労働費")
    assert (named["目", "1"], named["節", "1"]) == ("労政費", "報酬")
    yen = {
        (lines[a.line_id].level, lines[a.line_id].code, a.measure): a.amount_yen
        for a in result.records.rows["budget_amounts"]
        if lines[a.line_id].level in ("款", "目")
    }
    assert yen["款", "5", "本年度"] == 159_963_000
    assert [yen["目", "1", m] for m in ("本年度", "前年度", "比較")] == [132_209_000, 114_424_000, 17_785_000]


@pytest.mark.usefixtures("ocr_on")
def test_a_scan_at_400_dpi_reads_the_facts_of_its_text_layer(real_dir, tmp_path):
    """Scanned at 400 dpi (read at 300, so every stroke is resampled), 19款 reads as its text layer does."""
    src = real_dir / "fuji_r8" / "歳入_19款_繰入金.pdf"
    amounts, passing, _, _ = facts(src)
    got_amounts, got_passing, _, _ = facts(scanned(src, tmp_path / "scan.pdf", dpi=400))
    assert (got_amounts, got_passing) == (amounts, passing)


@pytest.mark.usefixtures("ocr_on")
def test_a_header_level_read_as_a_look_alike_still_opens_the_table_and_a_misread_figure_is_flagged(real_dir, tmp_path):
    """At 400 dpi the header's lone `目` of 12款 reads `口` (its inner strokes blur): the table is found by
    the label its shape also fits. One lone `0` there reads `6`: the sums it breaks flag it."""
    src = real_dir / "fuji_r8" / "歳出_12款_公債費.pdf"
    amounts, _, _, _ = facts(src)
    got_amounts, _, result, _ = facts(scanned(src, tmp_path / "scan.pdf", dpi=400))
    assert result.family == "budget_book"
    assert sum((amounts & got_amounts).values()) == sum(amounts.values()) - 1 == 34
    lines = {line.line_id: line for line in result.records.rows["budget_lines"]}
    wrong = [a for a in result.records.rows["budget_amounts"] if a.amount_yen == 6_000]  # 6 千円 for 0
    assert [(lines[a.line_id].level, lines[a.line_id].code, a.measure, a.in_failing_check) for a in wrong] == [
        ("項", "1", "国県支出金", True)
    ]
