"""Glyphs printed without a character in the text layer: `補償、補塡及び賠償金` extracting as `補償、補及び賠償金`.

Why this exists: when a font's ToUnicode map has no entry for a glyph (often a JIS X 0213 kanji such
as 塡), the page prints it but extractors give nothing, or a `(cid:N)` placeholder, in its place. The
text then reads as plausible Japanese, so only geometry tells: Japanese text is set on a square grid,
each full-width character one em wide, so a word whose box is a whole number of ems wider than its
characters need has lost that many (letter spacing leaves fractions, so it is no evidence).
Detection only: the lines built from such a word are flagged, never repaired (repair needs the
glyph's outline: OCR).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from parsers.pdf.model import BBox, PageModel, Word

DEFAULT_EM_SLACK = 0.12  # a word wider than its characters need by a whole number of ems (± this) lost glyphs
DEFAULT_MIN_WIDE = 2  # only words of two or more full-width characters are measured (a grid to trust)
_PLACEHOLDERS = ("(cid:", "\ufffd")


@dataclass(frozen=True)
class MissingGlyphs:
    """The words of a document that lost a glyph, by page: where they are printed and as extracted."""

    by_page: dict[int, tuple[Word, ...]]

    def overlaps(self, page: int | None, bbox: BBox) -> bool:
        """Given a box on a page, return whether it holds a word that lost a glyph."""
        return any(_overlap(word.bbox, bbox) for word in self.by_page.get(page, ()))


NO_MISSING_GLYPHS = MissingGlyphs({})


def lost_glyphs(word: Word) -> int:
    """Given a word, return how many glyphs it printed without a character (0 when none)."""
    if any(mark in word.text for mark in _PLACEHOLDERS):
        return max(1, sum(word.text.count(mark) for mark in _PLACEHOLDERS))
    wide = sum(
        1 for ch in word.text if unicodedata.east_asian_width(ch) in ("F", "W", "A")
    )  # A: ×, ○ are full-width here
    if wide < DEFAULT_MIN_WIDE or word.size <= 0:
        return 0
    needed = wide + 0.5 * (len(word.text) - wide)
    extra = (word.bbox[2] - word.bbox[0]) / word.size - needed
    # a lost glyph leaves whole ems; letter spacing (均等割付) leaves fractions of one per character
    whole = round(extra)
    return whole if whole >= 1 and abs(extra - whole) <= DEFAULT_EM_SLACK else 0


def page_missing_glyphs(page: PageModel) -> tuple[Word, ...]:
    """The words of a page that lost a glyph."""
    return tuple(w for w in page.words if lost_glyphs(w))


def _overlap(a: BBox, b: BBox) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
