"""Repair of wrong and missing ToUnicode entries from the glyphs themselves (#18).

Synthetic: a page in embedded IPAexGothic whose map is broken the way fuji_r8's is (報酬 -> 報郸) and
lacks 塡; real: the fuji_r8 chapters, whose truth is what the pages print (and 00_概要's correct map).
"""

from __future__ import annotations

import pytest

from parsers.parse import parse_pdf
from parsers.pdf.glyph_match import NoReferenceFont, reference_font_path, style_of
from parsers.pdf.open import open_pdf
from parsers.pdf.page import page_to_model
from parsers.pdf.repair import repair_text_layer
from tests.pdf_factory import mismapped_pdf

LINES = ["報酬 48,000", "議事運営事業費 18,183", "都市計画税 3,000", "補償、補塡及び賠償金 1,000", "給料 2,000"]
WRONG = {"酬": "郸", "運": "遀", "都": "邴"}


def read(path):
    with open_pdf(path) as pdf:
        return [page_to_model(p) for p in pdf.pages]


@pytest.fixture
def broken(tmp_path):
    return mismapped_pdf(tmp_path / "broken.pdf", LINES, WRONG, missing="塡")


def test_the_broken_page_reads_wrong_before_repair(broken):
    words = [w.text for w in read(broken)[0].words]
    assert words[:5] == ["報郸", "48,000", "議事遀営事業費", "18,183", "邴市計画税"]
    assert "補償、補(cid:17)及び賠償金" in words


def test_repair_recovers_every_printed_word_and_names_each_glyph_once(broken):
    repair = repair_text_layer(broken, read(broken))
    assert [w.text for w in repair.models[0].words] == " ".join(LINES).split()
    assert {(f.extracted, f.repaired) for f in repair.fixes} == {("郸", "酬"), ("遀", "運"), ("邴", "都"), ("", "塡")}
    assert len({f.cid for f in repair.fixes}) == len(repair.fixes) == 4
    assert not repair.unresolved


def test_a_clean_page_needs_no_repair(tmp_path):
    clean = mismapped_pdf(tmp_path / "clean.pdf", LINES, {})
    assert repair_text_layer(clean, read(clean)) is None


def test_parse_pdf_stores_the_repairs_and_says_repaired(broken):
    parsed = parse_pdf(broken, "a" * 64)
    assert parsed.text_layer == "repaired"
    rows = parsed.records.rows["text_repairs"]
    assert {(r.extracted, r.repaired, r.method) for r in rows} == {
        ("", "塡", "glyph_match"),
        ("邴", "都", "glyph_match"),
        ("郸", "酬", "glyph_match"),
        ("遀", "運", "glyph_match"),
    }


def test_without_the_reference_font_the_repair_is_reported_not_run(broken, tmp_path, monkeypatch):
    monkeypatch.setenv("GYOSEI_REFERENCE_FONTS", str(tmp_path))
    with pytest.raises(NoReferenceFont, match="fonts-ipaexfont-gothic"):
        reference_font_path("gothic")
    parsed = parse_pdf(broken, "b" * 64)
    assert parsed.text_layer == "mismapped"
    assert any("text repair not run" in w for w in parsed.records.warnings)
    assert not parsed.records.rows.get("text_repairs")


def test_style_follows_the_font_name():
    assert [style_of(n) for n in ("ABCDEF+MS-Mincho", "GWPMJY+MS-PGothic", "IPAexGothic")] == [
        "mincho",
        "gothic",
        "gothic",
    ]


# --- real: fuji_r8 -------------------------------------------------------------------------------


@pytest.mark.real
def test_real_chapter_is_repaired_and_its_lines_read_as_printed(real_dir):
    parsed = parse_pdf(real_dir / "fuji_r8" / "歳出_01款_議会費.pdf", "e" * 64)
    assert parsed.text_layer == "repaired"
    fixes = {(r.extracted, r.repaired) for r in parsed.records.rows["text_repairs"]}
    assert fixes == {("郸", "酬"), ("遀", "運"), ("遈", "道"), ("邴", "都"), ("郤", "配")}
    names = {line.name for line in parsed.records.rows["budget_lines"]}
    assert {"報酬", "議事運営事業費", "職員手当等"} <= names
    assert not {"報郸", "議事遀営事業費"} & names
    assert not any(line.is_text_suspect for line in parsed.records.rows["budget_lines"])


@pytest.mark.real
def test_real_wrong_forms_that_are_real_characters_are_repaired_by_shape(real_dir):
    """遥 (a real kanji) is what 選 extracts as in 労働費; 選 and 遷 look alike, the words decide."""
    models = read(real_dir / "fuji_r8" / "歳出_05款_労働費.pdf")
    repair = repair_text_layer(real_dir / "fuji_r8" / "歳出_05款_労働費.pdf", models)
    assert {(f.extracted, f.repaired) for f in repair.fixes} == {("遥", "選"), ("遯", "還"), ("郸", "酬")}
