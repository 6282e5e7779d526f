"""A cell's paragraphs (parsers/pdf/cell_text.py): lines joined where layout wrapped them, kept apart
where the author broke them, from where each line ends against the cell's right edge."""

from __future__ import annotations

from parsers.pdf.cell_text import cell_paragraphs
from parsers.pdf.model import Cell, Word

SIZE = 10.0
CELL = (100.0, 0.0, 200.0, 60.0)  # text starts 2 pt in: it may run to 198


def line(text: str, top: float, x1: float) -> Word:
    return Word(text, (102.0, top, x1, top + SIZE), SIZE)


def read(*words: Word) -> tuple[tuple[str, ...], bool]:
    return cell_paragraphs(words, Cell(0, 0, "\n".join(w.text for w in words), CELL))


def test_a_line_that_leaves_no_room_for_a_japanese_glyph_was_wrapped_by_layout():
    """8 pt are left after `R2年`: the next line's `度` (one em, 10 pt) did not fit, though the half-width
    digits after it make its word's average glyph narrower than that."""
    assert read(line("事業の件数はR2年", 2, 190), line("度3,372,492件", 14, 167)) == (
        ("事業の件数はR2年度3,372,492件",),
        False,
    )


def test_a_line_that_ends_with_room_to_spare_was_ended_by_its_author():
    assert read(line("研修を行います。", 2, 150), line("特に、UIを改善する。", 14, 197)) == (
        ("研修を行います。", "特に、UIを改善する。"),
        False,
    )


def test_a_latin_run_wraps_whole():
    """`LCP` (three glyphs, 6 pt each) did not fit in the 16 pt left; a break before it is a wrap."""
    assert read(line("指標は", 2, 182), Word("LCPの改善", (102.0, 14, 144.0, 24), SIZE))[0] == ("指標はLCPの改善",)
