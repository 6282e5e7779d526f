"""Layout helpers shared by the three action-plan builders (Sagamihara, Hachioji, Yokohama DX戦略).

The builders keep their transcribed data in `sample_docs/data/`; this module only turns strings into
platypus flowables: one set of paragraph styles per font, a ruled grid `Table` with SPAN support, and
headings. Tables are reportlab's own (GRID, SPAN, repeatRows), never a hand-written renderer.

Glyph fallback: IPAexGothic has no `➀` (U+2780, printed in Hachioji's `施策➀`) and no `₂`; the CID
fonts lose `➀` too. Those characters are set in DejaVu Sans (bundled with matplotlib, a dependency of
japanize-matplotlib), so the PDF still carries the character as printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import matplotlib
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from sample_docs.pdfkit import register_fonts, table_rules

FALLBACK_FONT = "DejaVuSans"
FALLBACK_TTF = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
FALLBACK_CHARS = frozenset("➀₂")

HEADER_FILL = colors.Color(0.86, 0.90, 0.96)
LABEL_FILL = colors.Color(0.94, 0.94, 0.94)

Span = tuple[tuple[int, int], tuple[int, int]]


def register_plan_fonts() -> None:
    """Register the sample fonts plus the glyph-fallback font (idempotent)."""
    register_fonts()
    if FALLBACK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FALLBACK_FONT, str(FALLBACK_TTF)))


@dataclass(frozen=True)
class Styles:
    """Paragraph styles of one document: one font, sizes in points."""

    body: ParagraphStyle
    cell: ParagraphStyle
    small: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle


def make_styles(font: str, size_pt: float = 9.0) -> Styles:
    """Given a registered font name and a body size in points, return the document's styles."""
    register_plan_fonts()

    def style(name: str, size: float, space_before: float = 0, space_after: float = 2) -> ParagraphStyle:
        return ParagraphStyle(
            name,
            fontName=font,
            fontSize=size,
            leading=size * 1.35,
            spaceBefore=space_before,
            spaceAfter=space_after,
            wordWrap="CJK",
        )

    return Styles(
        body=style("body", size_pt, space_after=4),
        cell=style("cell", size_pt - 0.5, space_after=0),
        small=style("small", size_pt - 1.5, space_after=2),
        h1=style("h1", size_pt + 7, space_before=6, space_after=8),
        h2=style("h2", size_pt + 4, space_before=8, space_after=5),
        h3=style("h3", size_pt + 2, space_before=6, space_after=4),
    )


def markup(text: str) -> str:
    """Given printed text, return Paragraph markup: XML-escaped, newlines as breaks, fallback glyphs."""
    out = []
    for ch in escape(text):
        out.append(f'<font name="{FALLBACK_FONT}">{ch}</font>' if ch in FALLBACK_CHARS else ch)
    return "".join(out).replace("\n", "<br/>")


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """Given printed text, return it as one Paragraph (text kept exactly, only escaped)."""
    return Paragraph(markup(text), style)


def paras(texts: list[str], style: ParagraphStyle) -> list[Paragraph]:
    """Given several printed paragraphs, return one Paragraph each."""
    return [para(t, style) for t in texts]


def grid_table(
    rows: list[list[str]],
    col_widths: list[float],
    style: ParagraphStyle,
    *,
    spans: list[Span] = (),
    header_rows: int = 0,
    label_cols: int = 0,
    repeat_rows: int = 0,
) -> Table:
    """Given rows of printed cell strings and widths in points, return a Table ruled as the current
    ruling says (pdfkit.table_rules).

    `spans` are ((col0, row0), (col1, row1)) merges as in TableStyle SPAN; the covered cells must be
    "". The first `header_rows` rows and the first `label_cols` columns are shaded.
    """
    data = [[para(cell, style) if cell else "" for cell in row] for row in rows]
    shading = []
    if label_cols:
        shading.append(("BACKGROUND", (0, 0), (label_cols - 1, -1), LABEL_FILL))
    if header_rows:
        shading.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL))
    commands = [
        *table_rules(shading=tuple(shading)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    commands += [("SPAN", start, end) for start, end in spans]
    table = Table(data, colWidths=col_widths, repeatRows=repeat_rows, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


def gap(height_pt: float = 6) -> Spacer:
    """Return vertical space of `height_pt` points."""
    return Spacer(1, height_pt)
