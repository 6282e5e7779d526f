"""Broken ToUnicode maps: find words whose extracted characters are not the ones the page prints (#7).

Why this exists: a PDF's ToUnicode map can send a font's glyphs to the wrong code points, so a page that
prints 報酬 extracts as `報郸`, and every extractor reads the same wrong text. Only the text can tell,
so the detector reads it with the Sudachi core dictionary and the JIS kanji levels, and carries no list
of known wrong characters. Digits and ASCII are never evidence, so amounts are untouched.

Two kinds of evidence:

- strong, per word and context-free: Sudachi cannot find a token in its dictionary (out of
  vocabulary) and the token holds a kanji outside JIS X 0208 level 1 (`郸`, `遀営`, `邴市`). Real rare
  kanji sit in dictionary words (霊柩車, 浚渫, 補塡, 陸閘) and are not evidence; a common kanji in an
  unknown token (`685,000千`, a vertical `援`) is not evidence either.
- shifted, per document: a wrong map moves a run of glyphs to neighbouring code points, so the wrong
  characters cluster (U+902D–U+90F8 in fuji_r8). Once a document has strong evidence, a kanji that
  Sudachi can only read as a lone one-character token, with a code point inside the span of the strong
  characters (± `span_margin`), is suspect too. This catches wrong forms that are real characters
  (`遥挙` for 選挙, `派違` for 派遣, `東邪` for 東部), which no context-free test can tell from
  real text without false alarms.

Pages get a verdict from strong evidence alone; a document is mismapped when any page is. Family
parsers flag rows with `is_suspect_text(text, mapping)`, `mapping` from `pages_to_document_mapping`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from parsers.normalize import tokenize
from parsers.pdf.model import BBox, PageModel, Word

ClueKind = Literal["unknown_rare_kanji", "shifted_lone_kanji", "invalid_unicode"]
PageVerdict = Literal["ok", "mismapped"]

DEFAULT_COMMON_LEVEL = 1  # kanji of JIS X 0208 level 1 (2,965 common kanji) are never strong evidence
DEFAULT_SPAN_MARGIN = 16  # code points either side of the strong characters' span (wrong maps shift runs)
DEFAULT_MIN_SUSPECT_WORDS = 1  # words with strong evidence that make a page 'mismapped'
MAX_PIECE_CHARS = 2_000  # text is read in whitespace-separated pieces no longer than this (Sudachi limit)


@dataclass(frozen=True)
class MappingSettings:
    """Thresholds of the detector; levels are JIS X 0208 levels, margins are Unicode code points."""

    common_level: int = DEFAULT_COMMON_LEVEL
    span_margin: int = DEFAULT_SPAN_MARGIN
    min_suspect_words: int = DEFAULT_MIN_SUSPECT_WORDS

    def __post_init__(self) -> None:
        if self.common_level not in (1, 2):
            raise ValueError("common_level must be 1 (level 1 only) or 2 (levels 1 and 2)")
        if self.span_margin < 0:
            raise ValueError("span_margin cannot be negative")
        if self.min_suspect_words < 1:
            raise ValueError("min_suspect_words must be at least 1")


DEFAULT_MAPPING_SETTINGS = MappingSettings()


@dataclass(frozen=True, slots=True)
class Clue:
    """One piece of evidence: its kind, the token that carries it and the suspect characters in it."""

    kind: ClueKind
    token: str
    chars: str


@dataclass(frozen=True, slots=True)
class SuspectWord:
    """A word of a page whose text is probably not what is printed, with its clues."""

    text: str
    bbox: BBox | None
    clues: tuple[Clue, ...]


@dataclass(frozen=True, slots=True)
class PageMapping:
    """A page's verdict and its suspect words."""

    page: int
    verdict: PageVerdict
    suspects: tuple[SuspectWord, ...]


@dataclass(frozen=True, slots=True)
class DocumentMapping:
    """What a document's strong evidence says about its map: the suspect characters and their span."""

    strong_chars: frozenset[str] = field(default_factory=frozenset)
    span: tuple[int, int] | None = None  # inclusive code points, margin included; None when no evidence

    @property
    def is_mismapped(self) -> bool:
        return bool(self.strong_chars)


NO_EVIDENCE = DocumentMapping()


@dataclass(frozen=True, slots=True)
class _Reading:
    """What Sudachi makes of one piece of text: strong clues and the kanji it leaves as lone tokens."""

    strong: tuple[Clue, ...]
    lone_kanji: tuple[str, ...]


def is_kanji(ch: str) -> bool:
    """Given one character, return whether it is a CJK ideograph (unified, extension or compatibility)."""
    cp = ord(ch)
    return 0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x3FFFF


def kanji_level(ch: str) -> int | None:
    """Given one character, return its JIS X 0208 level (1 or 2), 0 for a kanji outside it, None otherwise.

    Computed from its EUC-JP encoding: JIS X 0208 rows 16–47 are level 1, rows 48–84 level 2; a kanji
    that EUC-JP cannot encode, or only as JIS X 0212 (three bytes), is outside JIS X 0208.
    """
    if not is_kanji(ch):
        return None
    try:
        raw = ch.encode("euc_jp")
    except UnicodeEncodeError:
        return 0
    if len(raw) != 2:
        return 0
    row = raw[0] - 0xA0
    return 1 if 16 <= row <= 47 else 2 if 48 <= row <= 84 else 0


def text_to_clues(
    text: str, mapping: DocumentMapping = NO_EVIDENCE, settings: MappingSettings = DEFAULT_MAPPING_SETTINGS
) -> tuple[Clue, ...]:
    """Given any text, return its clues: strong ones always, shifted ones inside `mapping.span`."""
    clues: list[Clue] = []
    for piece in _pieces(text):
        reading = _read(piece, settings.common_level)
        clues.extend(reading.strong)
        if mapping.span is not None:
            lo, hi = mapping.span
            clues.extend(Clue("shifted_lone_kanji", ch, ch) for ch in reading.lone_kanji if lo <= ord(ch) <= hi)
    return tuple(clues)


def is_suspect_text(
    text: str, mapping: DocumentMapping = NO_EVIDENCE, settings: MappingSettings = DEFAULT_MAPPING_SETTINGS
) -> bool:
    """Given a cell or field as extracted, return whether its text is probably not what is printed.

    Without `mapping` only strong evidence counts; pass the document's `pages_to_document_mapping`
    to also catch wrong characters that are real kanji. Numbers and ASCII are never suspect.
    """
    return bool(text_to_clues(text, mapping, settings))


def words_to_suspects(
    words: Iterable[Word], mapping: DocumentMapping = NO_EVIDENCE, settings: MappingSettings = DEFAULT_MAPPING_SETTINGS
) -> tuple[SuspectWord, ...]:
    """Given a page's words, return those with clues, in page order."""
    out = []
    for word in words:
        clues = text_to_clues(word.text, mapping, settings)
        if clues:
            out.append(SuspectWord(word.text, word.bbox, clues))
    return tuple(out)


def page_to_mapping(
    page: PageModel, mapping: DocumentMapping = NO_EVIDENCE, settings: MappingSettings = DEFAULT_MAPPING_SETTINGS
) -> PageMapping:
    """Given a page, return its verdict (from strong evidence only) and its suspect words.

    With the document's `mapping`, the suspects also include words with shifted clues; the verdict
    stays per page, so it is the same whether or not the rest of the document was read.
    """
    suspects = words_to_suspects(page.words, mapping, settings)
    strong = sum(1 for s in suspects if any(c.kind != "shifted_lone_kanji" for c in s.clues))
    verdict: PageVerdict = "mismapped" if strong >= settings.min_suspect_words else "ok"
    return PageMapping(page.number, verdict, suspects)


def pages_to_document_mapping(
    pages: Iterable[PageModel], settings: MappingSettings = DEFAULT_MAPPING_SETTINGS
) -> DocumentMapping:
    """Given a document's pages, return its strong suspect characters and their code-point span.

    Pages that are not 'mismapped' on their own add nothing, so a document with no mismapped page
    gets `NO_EVIDENCE` and `is_suspect_text(text, mapping)` flags nothing shifted in it.
    """
    return chars_to_document_mapping(set().union(*(page_suspect_chars(page, settings) for page in pages)), settings)


def page_suspect_chars(page: PageModel, settings: MappingSettings = DEFAULT_MAPPING_SETTINGS) -> set[str]:
    """The strong suspect characters of a page that is 'mismapped' on its own; none for any other page."""
    verdict = page_to_mapping(page, NO_EVIDENCE, settings)
    if verdict.verdict != "mismapped":
        return set()
    return {c for s in verdict.suspects for clue in s.clues for c in clue.chars}


def chars_to_document_mapping(chars: set[str], settings: MappingSettings = DEFAULT_MAPPING_SETTINGS) -> DocumentMapping:
    """The document's mapping from the suspect characters of all its pages (`page_suspect_chars`)."""
    points = [ord(c) for c in chars]
    if not points:
        return NO_EVIDENCE
    return DocumentMapping(frozenset(chars), (min(points) - settings.span_margin, max(points) + settings.span_margin))


def _pieces(text: str) -> list[str]:
    """Given text, return its whitespace-separated pieces, long ones cut to MAX_PIECE_CHARS."""
    return [p[i : i + MAX_PIECE_CHARS] for p in text.split() for i in range(0, len(p), MAX_PIECE_CHARS)]


def _is_rare(ch: str, common_level: int) -> bool:
    """Given one character, return whether it is a kanji outside JIS X 0208 levels 1..common_level."""
    level = kanji_level(ch)
    return level is not None and (level == 0 or level > common_level)


@lru_cache(maxsize=65_536)
def _read(piece: str, common_level: int) -> _Reading:
    """Given one piece of text, return its strong clues and lone kanji (cached: pages repeat words)."""
    if not any(is_kanji(ch) or 0xD800 <= ord(ch) <= 0xDFFF for ch in piece):
        return _Reading((), ())  # digits, kana, ASCII: nothing a wrong kanji map could have touched
    try:
        piece.encode("utf-8")
    except UnicodeEncodeError:
        bad = "".join(ch for ch in piece if 0xD800 <= ord(ch) <= 0xDFFF)
        return _Reading((Clue("invalid_unicode", piece, bad),), ())
    strong, lone = [], []
    for token in tokenize(piece):
        surface = token.surface
        if token.is_oov:
            rare = "".join(ch for ch in surface if _is_rare(ch, common_level))
            if rare:
                strong.append(Clue("unknown_rare_kanji", surface, rare))
        elif len(surface) == 1 and is_kanji(surface):
            lone.append(surface)
    return _Reading(tuple(strong), tuple(lone))
