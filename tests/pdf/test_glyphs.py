"""A glyph printed without a character in the text layer is found by geometry (issue #13)."""

from __future__ import annotations

from parsers.pdf.glyphs import lost_glyphs
from parsers.pdf.model import Word


def test_a_word_one_em_too_wide_lost_a_glyph():
    # 補償、補塡及び賠償金 printed at 10 pt: ten ems; the text layer lacks 塡
    assert lost_glyphs(Word("補償、補及び賠償金", (100.0, 50.0, 200.0, 60.0), 10.0)) == 1
    assert lost_glyphs(Word("補償、補塡及び賠償金", (100.0, 50.0, 200.0, 60.0), 10.0)) == 0


def test_half_width_digits_and_placeholders():
    assert lost_glyphs(Word("21.補償、補填", (0.0, 0.0, 65.0, 10.0), 10.0)) == 0  # digits are half an em
    assert lost_glyphs(Word("21.補償、補", (0.0, 0.0, 65.0, 10.0), 10.0)) == 1
    assert lost_glyphs(Word("補(cid:20254)及び", (0.0, 0.0, 40.0, 10.0), 10.0)) == 1


def test_letter_spacing_is_no_evidence():
    # 均等割付: five characters spread over 6.87 ems leave fractions of an em, not a whole one
    assert lost_glyphs(Word("消防司令補", (0.0, 0.0, 68.7, 10.0), 10.0)) == 0
    assert lost_glyphs(Word("報酬", (0.0, 0.0, 20.0, 10.0), 10.0)) == 0
