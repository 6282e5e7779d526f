"""Apply a repaired glyph map to pages already read, instead of reading them again (#15).

Why: repairing a mis-mapped text layer (`repair.py`) used to read the whole document a second time with
the corrected map, doubling the cost of the 17 mis-mapped Fuji chapters. Reading is the expensive part;
the corrected map changes nothing but the text of the glyphs it renames (never a box, a width or a
rule), and pdfminer/pdfplumber group characters into words and cells by position alone. So the pages as
first read, with each renamed glyph's text replaced, are the pages a second read would give — provided
the text tells which glyph drew it. It does not when the same text on a page also comes from a font (or
another glyph of the same font, or another font of the same name) that was not renamed the same way;
such pages are read again. `tests/pdf/test_repair.py` holds both ways equal on the real books.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from parsers.pdf.model import PageModel, Table


@dataclass(frozen=True, slots=True)
class Renamed:
    """One renamed glyph: its font's name, the text it extracted as (`(cid:N)` when it had none) and its
    repaired text."""

    font: str
    extracted: str
    repaired: str


@dataclass(frozen=True, slots=True)
class Retext:
    """The renamed glyphs of a document as a substitution of texts, and the texts it cannot decide."""

    by_font: Mapping[str, Mapping[str, str]]  # font name -> {extracted text -> repaired text}
    doubtful: frozenset[str]  # extracted texts that may also come from a glyph that was not renamed so

    @classmethod
    def of(cls, renamed: Iterable[Renamed], glyphs_per_text: Mapping[tuple[str, str], int]):
        """Given the renamed glyphs and how many glyphs of each (font name, text) the original maps had,
        return the substitution. Fonts of one name (a book made of chapters embeds a copy of each font per
        chapter) are one font to it: a text they rename apart is doubtful."""
        by_font: dict[str, dict[str, str]] = defaultdict(dict)
        renamed_per_text: Counter = Counter()
        doubtful: set[str] = set()
        for glyph in renamed:
            if by_font[glyph.font].setdefault(glyph.extracted, glyph.repaired) != glyph.repaired:
                doubtful.add(glyph.extracted)  # two fonts of one name: the text cannot say which drew it
            renamed_per_text[glyph.font, glyph.extracted] += 1
        doubtful |= {
            text
            for (font, text), n in renamed_per_text.items()
            if glyphs_per_text.get((font, text), n) != n  # a glyph of the same text that was not renamed
            or (len(text) == 1 and ord(text) <= 0x7F)  # single ASCII: pages do not record its fonts
        }
        return cls({font: dict(texts) for font, texts in by_font.items()}, frozenset(doubtful))

    def page_substitution(self, page: PageModel) -> dict[str, str] | None:
        """Return {extracted: repaired} for the texts of `page`, or None when the page must be read again."""
        substitution: dict[str, str] = {}
        for text, fonts in page.char_fonts:
            targets = {self.by_font.get(font, {}).get(text) for font in fonts}
            if targets == {None}:
                continue  # no glyph of this text was renamed
            if text in self.doubtful or len(targets) != 1:
                return None  # renamed in one font, kept (or renamed otherwise) in another
            substitution[text] = targets.pop()
        return substitution

    def apply(self, page: PageModel, substitution: dict[str, str]) -> PageModel:
        """Return `page` with every text of `substitution` replaced at once (a renamed glyph's new text
        may be another renamed glyph's old one: 遊 -> 違 and 違 -> 遣 in one font)."""
        if not substitution:
            return page
        pattern = re.compile("|".join(map(re.escape, sorted(substitution, key=len, reverse=True))))

        def fix(text: str) -> str:
            return pattern.sub(lambda m: substitution[m.group()], text)

        fonts: dict[str, set[str]] = defaultdict(set)
        for text, names in page.char_fonts:
            fonts[substitution.get(text, text)].update(names)
        return replace(
            page,
            words=tuple(replace(w, text=fix(w.text)) for w in page.words),
            tables=tuple(_fix_table(t, fix) for t in page.tables),
            char_fonts=tuple(sorted((text, tuple(sorted(names))) for text, names in fonts.items())),
        )


def _fix_table(table: Table, fix) -> Table:
    return replace(table, cells=tuple(replace(c, text=fix(c.text)) for c in table.cells))
