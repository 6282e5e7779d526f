"""Repair of wrong and missing ToUnicode entries from the glyphs themselves (#18).

Synthetic: a page in embedded IPAexGothic whose map is broken the way fuji_r8's is (報酬 -> 報郸) and
lacks 塡; real: the fuji_r8 chapters, whose truth is what the pages print (and 00_概要's correct map).
"""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from pdfminer.pdftypes import resolve1

from parsers.parse import parse_pdf
from parsers.pdf import glyph_match
from parsers.pdf import repair as repair_module
from parsers.pdf.glyph_match import NoReferenceFont, reference_font_path, style_of
from parsers.pdf.model import PageModel, Word
from parsers.pdf.open import open_pdf
from parsers.pdf.page import page_to_model
from parsers.pdf.read import read_range
from parsers.pdf.repair import repair_text_layer
from parsers.pdf.retext import Renamed, Retext
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


def font_streams(pdf):
    """Each embedded TrueType program's stream, in the order of the pages and their fonts."""
    for page in pdf.pages:
        for ref in (resolve1(resolve1(page.page_obj.resources).get("Font")) or {}).values():
            spec = resolve1(ref)
            descendants = resolve1(spec.get("DescendantFonts")) or [spec]
            descriptor = resolve1(resolve1(descendants[0]).get("FontDescriptor")) or {}
            if (stream := resolve1(descriptor.get("FontFile2"))) is not None:
                yield stream


def test_a_font_program_read_for_the_repair_is_left_as_stored_and_decodes_again_the_same(broken):
    with open_pdf(broken) as pdf:
        programs = [font.program for font in repair_module._embedded_fonts(pdf)]
        streams = list(dict.fromkeys(font_streams(pdf)))
        assert programs and len(streams) == len(programs)
        for program, stream in zip(programs, streams, strict=True):
            assert stream.data is None and stream.rawdata  # not held decoded with the document
            assert stream.get_data() == program


def test_substituting_the_repaired_text_gives_what_reading_again_gives(broken):
    models = read(broken)
    assert list(repair_text_layer(broken, models).models) == list(repair_text_layer(broken, models, reread=True).models)


def test_a_page_whose_wrong_text_is_also_a_real_glyph_is_read_again(tmp_path):
    """都 extracts as 運, which the page also prints: the text cannot tell the two glyphs apart."""
    path = mismapped_pdf(tmp_path / "lookalike.pdf", LINES, {"都": "運", "酬": "郸"})
    models = read(path)
    assert [w.text for w in models[0].words][:5] == ["報郸", "48,000", "議事運営事業費", "18,183", "運市計画税"]
    repair = repair_text_layer(path, models)
    assert [w.text for w in repair.models[0].words][:3] == ["報酬", "48,000", "議事運営事業費"]
    assert list(repair.models) == list(repair_text_layer(path, models, reread=True).models)


def page_of(texts: dict[str, tuple[str, ...]]) -> PageModel:
    words = tuple(Word(text, (0, 0, 10, 10), 10.0) for text in texts)
    return PageModel(1, 100, 100, words, (), (), len(texts), False, tuple(sorted(texts.items())))


def test_a_text_is_substituted_only_where_every_glyph_drawing_it_was_renamed_alike():
    renamed = [
        Renamed("A", "遊", "違"),
        Renamed("A", "違", "遣"),
        Renamed("A", "(cid:7)", "塡"),
        Renamed("B", "邴", "都"),
    ]
    retext = Retext.of(renamed, {("A", "遊"): 1, ("A", "違"): 1, ("B", "邴"): 1})
    page = page_of({"遊": ("A",), "違": ("A",), "(cid:7)": ("A",), "邴": ("B",), "都": ("C",)})
    substitution = retext.page_substitution(page)
    assert substitution == {"遊": "違", "違": "遣", "(cid:7)": "塡", "邴": "都"}
    fixed = retext.apply(page, substitution)
    assert [w.text for w in fixed.words] == ["違", "遣", "塡", "都", "都"]  # at once: 遊 is not renamed twice
    assert dict(fixed.char_fonts)["都"] == ("B", "C")
    assert retext.page_substitution(page_of({"邴": ("B", "C")})) is None  # C prints a real 邴
    two_glyphs = Retext.of(renamed, {("B", "邴"): 2})
    assert two_glyphs.page_substitution(page_of({"邴": ("B",)})) is None  # B has another 邴, not renamed
    copies = Retext.of([*renamed, Renamed("B", "邴", "都")], {("B", "邴"): 2})  # two fonts called B, alike
    assert copies.page_substitution(page_of({"邴": ("B",)})) == {"邴": "都"}
    apart = Retext.of([*renamed, Renamed("B", "邴", "部")], {("B", "邴"): 2})  # two fonts called B, apart
    assert apart.page_substitution(page_of({"邴": ("B",)})) is None


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


def test_reference_glyphs_are_drawn_once_per_machine_and_read_back_the_same(tmp_path, monkeypatch):
    """The drawn matrix goes to the glyph cache; a later process reads it instead of drawing again."""
    try:
        font = reference_font_path("gothic")
    except NoReferenceFont as err:
        pytest.skip(f"reference font not installed: {err}")
    monkeypatch.setenv(glyph_match.GLYPH_CACHE_ENV, str(tmp_path / "glyphs"))
    chars = list("報酬都運塡")
    drawn = glyph_match._cached_matrix(font, chars)
    assert len(list((tmp_path / "glyphs").glob("*.npy"))) == 1

    def no_drawing(*_):
        raise AssertionError("drawn again")

    monkeypatch.setattr(glyph_match, "_drawn_matrix", no_drawing)
    assert (glyph_match._cached_matrix(font, chars) == drawn).all()
    (next((tmp_path / "glyphs").glob("*.npy"))).write_bytes(b"damaged")
    monkeypatch.undo()
    monkeypatch.setenv(glyph_match.GLYPH_CACHE_ENV, str(tmp_path / "glyphs"))
    assert (glyph_match._cached_matrix(font, chars) == drawn).all()  # a damaged file is drawn again


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


@pytest.mark.real
@pytest.mark.parametrize("name", ["歳出_01款_議会費.pdf", "歳入_21款_諸収入.pdf"])
def test_real_repaired_pages_are_the_same_substituted_or_read_again(real_dir, name):
    """諸収入 renames 遊 -> 違 and 違 -> 遣 in one font: the substitution must happen at once."""
    path = real_dir / "fuji_r8" / name
    models = read(path)
    substituted = repair_text_layer(path, models)
    assert list(substituted.models) == list(repair_text_layer(path, models, reread=True).models)
    assert list(substituted.models) != list(models)


def test_pages_read_by_pdfium_are_repaired_as_pages_read_by_pdfplumber(tmp_path):
    """pdfium names a font without its subset tag: the repair names it as pdfminer does to substitute the
    repaired text in the pages pdfium read, instead of reading them again."""
    path = mismapped_pdf(tmp_path / "broken.pdf", LINES, WRONG)
    by_pdfium = [model for _, model in read_range(str(path), 0, 1, reader="pdfium")]
    assert by_pdfium[0].reader == "pdfium"
    repaired, reference = repair_text_layer(path, by_pdfium), repair_text_layer(path, read(path))
    assert [w.text for w in repaired.models[0].words] == " ".join(LINES).split()
    assert [w.text for w in repaired.models[0].words] == [w.text for w in reference.models[0].words]
    assert repaired.models[0].reader == "pdfium"  # substituted, not read again
    assert repaired.fixes == reference.fixes


@pytest.mark.real
def test_real_chapter_read_by_pdfium_is_repaired_without_reading_it_again(real_dir):
    """pdfium keeps this chapter's subset tag (VAWGCL+MS-Mincho): its pages take the repaired text as read."""
    path = real_dir / "fuji_r8" / "歳出_07款_商工費.pdf"
    by_pdfium = [model for _, model in read_range(str(path), 0, 11, reader="pdfium")]
    repair = repair_text_layer(path, by_pdfium)
    assert repair.fixes
    assert [m.reader for m in repair.models] == ["pdfium"] * 11


@pytest.mark.real
def test_a_book_of_chapters_embedding_copies_of_one_font_is_repaired_without_reading_it_again(
    real_dir, tmp_path, monkeypatch
):
    """A book made of chapters embeds each chapter's fonts: copies of one font under one name (rename
    alike, so the text still tells the glyph) and subsets of MS-Mincho under several tags (bench_ingest's
    1,000-page book read 90 % of its pages twice)."""
    names = ["歳出_01款_議会費.pdf", "歳入_21款_諸収入.pdf", "歳出_01款_議会費.pdf"]
    chapters = [real_dir / "fuji_r8" / name for name in names]
    book = pdfium.PdfDocument.new()
    for chapter in chapters:
        book.import_pages(pdfium.PdfDocument(chapter))
    book.save(tmp_path / "book.pdf")
    by_pdfium = [model for _, model in read_range(str(tmp_path / "book.pdf"), 0, len(book), reader="pdfium")]
    identified, identify = [], repair_module._identify
    monkeypatch.setattr(
        repair_module, "_identify", lambda font, *args: identified.append(font) or identify(font, *args)
    )
    repair = repair_text_layer(tmp_path / "book.pdf", by_pdfium)
    in_book = len(identified)
    assert [m.reader for m in repair.models] == ["pdfium"] * len(book)  # substituted, not read again
    alone, counts = [], []
    for chapter in chapters:
        before = len(identified)
        alone.append(repair_text_layer(chapter, read(chapter)))
        counts.append(len(identified) - before)
    assert counts[0] == counts[2] > 0 and in_book == counts[0] + counts[1]  # the third chapter's are the first's
    expected = [m for chapter in alone for m in chapter.models]
    assert [[w.text for w in m.words] for m in repair.models] == [[w.text for w in m.words] for m in expected]
    assert "報酬" in [w.text for w in repair.models[0].words]
    # each copy of a font is identified once and its fixes said of every copy: as each chapter alone finds them
    fixes = sorted((f.cid, f.extracted, f.repaired, f.score, f.gain) for f in repair.fixes)
    assert fixes == sorted((f.cid, f.extracted, f.repaired, f.score, f.gain) for c in alone for f in c.fixes)
    assert ("郸", "酬") in {(f.extracted, f.repaired) for f in repair.fixes}
