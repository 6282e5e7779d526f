"""Repair a text layer whose ToUnicode map is wrong or incomplete, from the glyphs themselves (#18).

Why this exists: `mapping.py` finds documents whose text is not what they print (報酬 extracted as `報郸`),
and a glyph without a ToUnicode entry extracts as `(cid:N)`; both are wrong in the file, so every
extractor reads them the same way. The glyph programs are embedded, though: each suspect glyph of each
font is rendered once and identified by `glyph_match`, the corrected characters are written into
pdfminer's map of that font, and the pages are read again — or, where exact, their text is substituted
(`retext.py`). Suspect glyphs are those whose mapped character lies in the code-point span of the
document's wrong characters (a wrong map shifts a run of glyphs, so this also covers wrong forms that
are real characters, like 遥 for 選) and those with no character at all. A glyph is changed only when its
rendering is clearly closer to another character than to the one it was mapped to; the others stay as
extracted (and stay flagged). When a few characters look almost equally close (選 / 遷), the one that
makes dictionary words of the document's text where the glyph occurs wins: shape decides first, the
words only break near-ties.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np
from fontTools.ttLib import TTFont, newTable
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable
from pdfminer.cmapdb import FileUnicodeMap
from pdfminer.pdffont import PDFFont
from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1
from PIL import ImageFont

from parsers.normalize import tokenize
from parsers.pdf.glyph_match import (
    CELL_PX,
    GlyphMatch,
    NoReferenceFont,
    reference_set,
    release_reference_sets,
    render_char,
    style_of,
    to_vector,
)
from parsers.pdf.health import PageText, classify_page_text
from parsers.pdf.mapping import DocumentMapping, chars_to_document_mapping, page_suspect_chars
from parsers.pdf.model import PageModel
from parsers.pdf.open import open_pdf
from parsers.pdf.page import page_to_model
from parsers.pdf.page_store import PageStore
from parsers.pdf.retext import Renamed, Retext
from schemas.collect import RecordSet
from schemas.quality import TextRepair

MIN_SCORE = 0.6  # a glyph is renamed only when it resembles its new character at least this much
MIN_GAIN = 0.05  # ... and this much more than the character its map gave it
NEAR_TIE = 0.06  # characters this close to the best match are told apart by the words they make
PRIVATE_PLANE = 0xF0000  # glyphs are addressed through a temporary cmap in Unicode's private plane 15
MISSING = re.compile(r"\(cid:(\d+)\)")


@dataclass(frozen=True, slots=True)
class GlyphFix:
    """One glyph whose character was changed: the font, its CID, what it extracted as and what it prints."""

    font: str
    cid: int
    extracted: str  # '' when the map had no character for it
    repaired: str
    score: float  # similarity of the glyph to the repaired character's reference rendering
    gain: float  # how much closer it is to `repaired` than to `extracted`


@dataclass(frozen=True, slots=True)
class Repair:
    """The re-read pages, the glyphs changed and the suspect glyphs that could not be identified."""

    models: Sequence[PageModel]  # a `PageStore`: a long document's pages are not all held at once
    states: tuple[PageText, ...]  # each page's text state as repaired
    fixes: tuple[GlyphFix, ...]
    unresolved: tuple[tuple[str, int, str], ...]  # (font, cid, extracted)


@dataclass(frozen=True, slots=True)
class _Font:
    name: str
    pdf_font: PDFFont
    program: bytes
    gids: dict[int, int] | None  # character code (CID) -> glyph id; None for the Identity map
    identity: bytes  # digest of the program and its code -> glyph map: equal in each copy of one font


def repair_pages(
    path: Path, models: Sequence[PageModel], states: list[PageText], records: RecordSet
) -> tuple[Sequence[PageModel], list[PageText], bool]:
    """Given a document's pages as read and their text states, return them repaired when they need it.

    Returns (pages, states, repaired). Each changed glyph becomes a `text_repairs` row; a repair that
    cannot run (no reference font, an unreadable font program) leaves the pages as read, with a warning.
    """
    if "mismapped" not in states and not any(MISSING.search(w.text) for m in models for w in m.words):
        return models, states, False
    try:
        repair = repair_text_layer(path, models)
    except NoReferenceFont as err:
        records.warnings.append(f"text repair not run: {err}")
        return models, states, False
    except Exception as err:  # a font program gyosei cannot read must not cost the document
        records.warnings.append(f"text repair failed: {type(err).__name__}: {err}")
        return models, states, False
    if repair is None:
        return models, states, False
    for fix in repair.fixes:
        records.add(TextRepair, doc_id=records.doc_id, method="glyph_match", **asdict(fix))
    if repair.unresolved:
        unresolved = ", ".join(f"{font} cid {cid} ({text!r})" for font, cid, text in repair.unresolved)
        records.warnings.append(f"suspect glyphs left as extracted (no clear match): {unresolved}")
    return repair.models, list(repair.states), True


def repair_text_layer(path: Path, models: Sequence[PageModel], *, reread: bool = False) -> Repair | None:
    """Given a PDF and its pages as first read, return them as the repaired glyph maps read them.

    A page's text is substituted where its text tells which glyph drew it (`retext.py`), else the page is
    read again; `reread` reads every page again (the reference the substitution is tested against).
    Returns None when nothing needed or could be repaired. Raises NoReferenceFont when the reference
    font is missing (the caller reports the repair as not run).
    """
    suspect_chars: set[str] = set()
    texts: Counter[str] = Counter()  # each word once, with how often it is printed: a book repeats most
    for model in models:  # one pass: a long book's pages are read back from disk (`page_store.py`)
        suspect_chars |= page_suspect_chars(model)
        texts.update(w.text for w in model.words)
    mapping = chars_to_document_mapping(suspect_chars)
    has_missing = any(MISSING.search(text) for text in texts)
    if not mapping.is_mismapped and not has_missing:
        return None
    with open_pdf(path) as pdf:
        fixes, unresolved, font_names, glyphs_per_text = [], [], set(), Counter()
        identified: dict[tuple, tuple[list[GlyphFix], list[tuple[str, int, str]]]] = {}
        for font in _embedded_fonts(pdf):
            font_names.add(font.name)
            glyphs_per_text.update((font.name, text) for text in _cid_to_char(font.pdf_font).values())
            suspects = _suspect_cids(font, mapping, has_missing)
            # a book made of chapters embeds a copy of each font per chapter: each is identified once
            key = (font.identity, style_of(font.name), tuple(sorted(suspects.items())))
            if key not in identified:
                identified[key] = _identify(font, suspects, texts)
            font_fixes, font_unresolved = _named(identified[key], font.name)
            for fix in font_fixes:
                _set_char(font.pdf_font, fix.cid, fix.repaired)
            fixes += font_fixes
            unresolved += font_unresolved
        release_reference_sets()  # every glyph is identified: the pages read again next need them no more
        if not fixes:
            return None
        renamed = (Renamed(fix.font, fix.extracted or f"(cid:{fix.cid})", fix.repaired) for fix in fixes)
        retext = Retext.of(renamed, glyphs_per_text)
        tagged = _tagged_names(font_names)
        retext = None if reread else retext
        repaired, states = PageStore(), []
        for model in models:
            repaired.append(page := _repaired_page(pdf, _tagged(model, tagged), retext, model.number))
            states.append(classify_page_text(page))
    return Repair(repaired, tuple(states), tuple(fixes), tuple(unresolved))


def _tagged_names(font_names: set[str]) -> dict[str, str]:
    """pdfium's name of each embedded font -> pdfminer's: the same name, or a base name without its subset
    tag where one pdfminer name has that base (pdfium keeps the tag of some fonts, VAWGCL+MS-Mincho, and
    drops it from others). Copies of one font, as a book made of chapters embeds, share their name."""
    by_base: dict[str, list[str]] = defaultdict(list)
    for name in font_names:
        by_base[name.split("+", 1)[-1]].append(name)
    return {base: names[0] for base, names in by_base.items() if len(names) == 1} | {name: name for name in font_names}


def _tagged(model: PageModel, tagged: dict[str, str]) -> PageModel | None:
    """A page read by pdfium with its fonts named as pdfminer names them, so that the repaired text can be
    substituted; None (read it again) where a name fits two embedded fonts or none."""
    if model.reader == "pdfplumber":
        return model
    fonts = []
    for text, names in model.char_fonts:
        if any(name not in tagged for name in names):
            return None
        fonts.append((text, tuple(sorted(tagged[name] for name in names))))
    return replace(model, char_fonts=tuple(fonts))


def _reread(pdf, number: int) -> PageModel:
    page = pdf.pages[number - 1]
    try:
        return page_to_model(page)
    finally:
        page.close()


def _repaired_page(pdf, model: PageModel | None, retext: Retext | None, number: int) -> PageModel:
    """Page `number` with the repaired map: its text substituted where that is exact, else read again
    (by pdfplumber: the repaired map is pdfminer's)."""
    substitution = retext.page_substitution(model) if retext is not None and model is not None else None
    if substitution is not None:
        return retext.apply(model, substitution)
    return _reread(pdf, number)


def _embedded_fonts(pdf) -> Iterator[_Font]:
    """Yield each font of the document with an embedded TrueType program, once, as pdfminer's object.

    Both Type0 (CID) fonts and simple TrueType fonts qualify; their glyphs are drawable by Pillow. Once
    the caller is done with a font, its program's stream is put back as the file stores it: pdfminer
    keeps every object it has read with the document, decoded, and a book made of chapters embeds
    hundreds of font copies (the 1,000-page book: 484 programs, 71 MB decoded against 11 MB stored).
    """
    seen: set[object] = set()
    for page in pdf.pages:
        resources = resolve1(page.page_obj.resources) or {}
        for ref in (resolve1(resources.get("Font")) or {}).values():
            key = ref.objid if isinstance(ref, PDFObjRef) else id(ref)
            spec = resolve1(ref)
            if key in seen or not isinstance(spec, dict):
                continue
            seen.add(key)
            decoded: list[tuple[PDFStream, bytes]] = []
            program, gids, gid_map = _program_of(spec, decoded)
            if program is not None:
                pdf_font = pdf.rsrcmgr.get_font(key if isinstance(ref, PDFObjRef) else None, spec)
                identity = hashlib.sha1(program + gid_map).digest()
                yield _Font(str(getattr(pdf_font, "fontname", "?")), pdf_font, program, gids, identity)
            for stream, stored in decoded:  # read again (decoded again) only if pdfminer meets it anew
                stream.data, stream.rawdata = None, stored


def _program_of(spec: dict, decoded: list) -> tuple[bytes | None, dict[int, int] | None, bytes]:
    """Return a font's embedded TrueType program, its code -> glyph id map (None = Identity) and the bytes of
    a CIDToGIDMap stream that map came from (else none: the program itself holds it). The program's
    stream, if this decoded it, goes into `decoded` with its bytes as stored."""
    subtype = getattr(spec.get("Subtype"), "name", None)
    if subtype == "Type0":
        descendants = resolve1(spec.get("DescendantFonts")) or []
        cid_font = resolve1(descendants[0]) if descendants else {}
        program = _font_file(cid_font, decoded)
        gid_map = resolve1(cid_font.get("CIDToGIDMap"))
        if program is None or not hasattr(gid_map, "get_data"):
            return program, None, b""
        raw = gid_map.get_data()
        gids = {cid: int.from_bytes(raw[2 * cid : 2 * cid + 2], "big") for cid in range(len(raw) // 2)}
        return program, gids, raw
    program = _font_file(spec, decoded) if subtype == "TrueType" else None
    if program is None:
        return None, None, b""
    tt = TTFont(io.BytesIO(program), lazy=True)
    codes: dict[int, int] = {}
    for table in tt["cmap"].tables:  # a symbolic subset maps code at 0xF000 + code (3,0) or as it is (1,0)
        for code, name in table.cmap.items():
            codes.setdefault(code & 0xFF if code >= 0xF000 else code, tt.getGlyphID(name))
    return program, {code: gid for code, gid in codes.items() if code < 256}, b""


def _font_file(font_dict: dict, decoded: list) -> bytes | None:
    descriptor = resolve1(font_dict.get("FontDescriptor")) or {}
    stream = resolve1(descriptor.get("FontFile2"))
    if not isinstance(stream, PDFStream):
        return None
    if stream.data is None:  # not decoded yet: pdfminer keeps its stored bytes until it is
        decoded.append((stream, stream.rawdata))
    return stream.get_data()


def _suspect_cids(font: _Font, mapping: DocumentMapping, has_missing: bool) -> dict[int, str]:
    """Return {cid: extracted char} of the glyphs to identify: mapped inside the wrong span, or unmapped."""
    mapped = _cid_to_char(font.pdf_font)
    suspects: dict[int, str] = {}
    if mapping.span is not None:
        lo, hi = mapping.span
        suspects.update({cid: ch for cid, ch in mapped.items() if len(ch) == 1 and lo <= ord(ch) <= hi})
    if has_missing:
        suspects.update({cid: "" for cid in _drawn_cids(font) if cid not in mapped})
    return suspects


def _identify(
    font: _Font, suspects: dict[int, str], texts: Counter[str]
) -> tuple[list[GlyphFix], list[tuple[str, int, str]]]:
    """Render each suspect glyph once, match it, and return the fixes and the glyphs left as they were."""
    drawn = set(_drawn_cids(font))
    cids = sorted(cid for cid in suspects if cid in drawn)
    if not cids:
        return [], []
    references = reference_set(style_of(font.name))
    image_font = ImageFont.truetype(io.BytesIO(_addressable(font, cids)), CELL_PX)
    vectors = np.stack([to_vector(render_char(image_font, chr(PRIVATE_PLANE + i))) for i in range(len(cids))])
    fixes, unresolved = [], []
    for cid, vector, match in zip(cids, vectors, references.match(vectors), strict=True):
        extracted = suspects[cid]
        char, score = _choose(match, extracted, texts)
        if char == extracted:
            continue
        own = references.score(vector, extracted) if extracted else None
        gain = score - (own if own is not None else 0.0)
        if score >= MIN_SCORE and gain >= MIN_GAIN:
            fixes.append(GlyphFix(font.name, cid, extracted, char, round(score, 3), round(gain, 3)))
        else:
            unresolved.append((font.name, cid, extracted))
    return fixes, unresolved


def _named(
    found: tuple[list[GlyphFix], list[tuple[str, int, str]]], name: str
) -> tuple[list[GlyphFix], list[tuple[str, int, str]]]:
    """What `_identify` found in a copy of a font, said of the font `name`."""
    fixes, unresolved = found
    return [replace(fix, font=name) for fix in fixes], [(name, cid, text) for _, cid, text in unresolved]


def _choose(match: GlyphMatch, extracted: str, texts: Counter[str]) -> tuple[str, float]:
    """Return the best match, or among near-ties the one that makes the most dictionary words in `texts`
    (the document's words, each with how often it is printed).

    The words are those holding the extracted character (for an unmapped glyph, pdfminer's `(cid:N)`
    placeholders cannot be told apart, so shape alone decides there).
    """
    near = [(c, s) for c, s in match.ranked if match.score - s <= NEAR_TIE]
    if len(near) == 1 or not extracted:
        return match.ranked[0]
    where = Counter({t: n for t, n in texts.items() if extracted in t})
    if not where:
        return match.ranked[0]
    return max(near, key=lambda cs: _words_made(cs[0], extracted, where))


def _words_made(char: str, extracted: str, texts: Counter[str]) -> int:
    """Count the dictionary words of two or more characters holding `char` once it replaces `extracted`
    in the words printed (`texts`: each with how often it is printed)."""
    return sum(
        times
        for text, times in texts.items()
        for token in tokenize(text.replace(extracted, char))
        if char in token.surface and len(token.surface) > 1 and not token.is_oov
    )


def _cid_to_char(pdf_font: PDFFont) -> dict[int, str]:
    unicode_map = pdf_font.unicode_map
    return dict(unicode_map.cid2unichr) if isinstance(unicode_map, FileUnicodeMap) else {}


def _set_char(pdf_font: PDFFont, cid: int, char: str) -> None:
    """Write the repaired character into pdfminer's map of the font, so every later read uses it."""
    if not isinstance(pdf_font.unicode_map, FileUnicodeMap):
        pdf_font.unicode_map = FileUnicodeMap()
    pdf_font.unicode_map.cid2unichr[cid] = char


def _gid(font: _Font, cid: int) -> int:
    return cid if font.gids is None else font.gids.get(cid, 0)


def _drawn_cids(font: _Font) -> list[int]:
    """Return the codes whose glyph has an outline in the embedded program (a subset leaves the rest empty)."""
    tt = TTFont(io.BytesIO(font.program), lazy=True)
    n_glyphs, offsets, glyf = len(tt.getGlyphOrder()), tt["loca"], tt.reader["glyf"]

    def drawn(gid: int) -> bool:
        """Whether the glyph's record holds contours (its first field, numberOfContours: -1 for a composite),
        read from the raw table: fontTools would decompile every glyph of a CJK font (a second per book)."""
        start, end = offsets[gid], offsets[gid + 1]
        return end > start and int.from_bytes(glyf[start : start + 2], "big", signed=True) != 0

    pairs = enumerate(range(n_glyphs)) if font.gids is None else font.gids.items()
    return sorted(cid for cid, gid in pairs if 0 < gid < n_glyphs and drawn(gid))


def _addressable(font: _Font, cids: list[int]) -> bytes:
    """Return the embedded program with a cmap that maps PRIVATE_PLANE + i to the glyph of cids[i].

    Subset CID fonts carry no cmap, and Pillow can only draw characters, not glyph ids.
    """
    tt = TTFont(io.BytesIO(font.program))
    order = tt.getGlyphOrder()
    subtable = CmapSubtable.newSubtable(12)
    subtable.platformID, subtable.platEncID, subtable.language = 3, 10, 0
    subtable.cmap = {PRIVATE_PLANE + i: order[_gid(font, cid)] for i, cid in enumerate(cids)}
    cmap = newTable("cmap")
    cmap.tableVersion, cmap.tables = 0, [subtable]
    tt["cmap"] = cmap
    out = io.BytesIO()
    tt.save(out)
    return out.getvalue()
