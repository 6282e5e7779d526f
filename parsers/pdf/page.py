"""Read one pdfplumber page into the page model (the only place that touches pdfplumber objects)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

import pdfplumber.page
from pdfminer.pdftypes import resolve1
from pdfplumber.utils import cluster_list, extract_words

from parsers.pdf.geometry import rounded
from parsers.pdf.model import BBox, PageModel, Rule, Word
from parsers.pdf.tables import DEFAULT_TABLE_SETTINGS, EDGE_MIN_LENGTH_PT, TableSettings, find_tables
from parsers.pdf.text_tables import find_text_tables

BACKGROUND_SHARE = 0.95  # a rect this share of the page wide and high is its background
ASCII_MAX = 0x7F
DEFAULT_WORD_X_TOLERANCE_PT = 1.5  # CJK text has no spaces: only glyphs this close join into a word
RULE_MIN_PT = 3.0
"""pdfplumber's edge_min_length: a shorter side is a dot's, or the end of a thin rectangle drawn as a rule."""
CURVE_RULE_MIN_PT = 12.0
"""A straight stretch of a curve this long is a rule: longer than a stroke of a body-text glyph."""
SIZE_TOLERANCE_PT = 0.001
"""Font sizes this close are one size (pdfplumber splits words where the size changes): pdfminer's sizes
carry float noise by position on the page (25.96950000000004 and 25.969499999999925 in one title,
8.5 and 8.500000000000057 in one line), which splits words at random, and pdfium's noise differs."""


def page_to_model(page: pdfplumber.page.Page, settings: TableSettings = DEFAULT_TABLE_SETTINGS) -> PageModel:
    """Given a pdfplumber page, return its words, ruling lines, tables and whether it has graphics.

    Tables are pdfplumber's ruled grids; a page without one gets the tables its text forms by rows and
    white space (`text_tables.py`: horizontal rules only, or none), so every family reads either.

    A page that cannot hold text (no font and no form XObject in its resources) is not laid out at
    all: interpreting a page of outlined glyphs costs seconds and yields no character.
    """
    if not _may_have_text(page):
        return textless_model(page.page_number, page.width, page.height, has_graphics=content_bytes(page) > 0)
    number, width, height = page.page_number, page.width, page.height
    return chars_to_model(number, width, height, page.chars, page.edges, _draws_something(page), settings)


def chars_to_model(
    number: int,
    width: float,
    height: float,
    chars: list[dict],
    edges: list[dict],
    has_graphics: bool,
    settings: TableSettings = DEFAULT_TABLE_SETTINGS,
) -> PageModel:
    """Given a page's characters and edges as pdfplumber's dicts (from pdfminer here, from pdfium in
    `pdfium_page.py`), return its model: words and cells by pdfplumber's own grouping, and the tables
    its text forms where it has no ruled grid."""
    char_count = sum(1 for c in chars if not c["text"].isspace())  # a scan with one space has no text
    if char_count == 0:
        return textless_model(number, width, height, has_graphics=has_graphics)
    sized = _one_size_per_size(chars)
    words = tuple(
        Word(text=w["text"], bbox=_box(w), size=round(float(w["size"]), 2))
        for w in extract_words(sized, x_tolerance=DEFAULT_WORD_X_TOLERANCE_PT, extra_attrs=["size"])
    )
    model = PageModel(
        number=number,
        width=float(width),
        height=float(height),
        words=words,
        rules=tuple(Rule(orientation=e["orientation"], bbox=_box(e)) for e in edges if is_rule(e)),
        tables=tuple(find_tables(edges, chars, settings)),
        char_count=char_count,
        has_graphics=has_graphics,
        char_fonts=_char_fonts(chars),
    )
    return model if model.tables else replace(model, tables=tuple(find_text_tables(model)))


def is_rule(edge: dict) -> bool:
    """Whether an edge is a ruling line for the families: a line, a rectangle's side at least
    RULE_MIN_PT long, a curve's straight stretch at least CURVE_RULE_MIN_PT long (a rounded frame's side).
    The rest is the outline of a glyph, a logo or a dot: fuji_r8's 歳出 pages draw ~30,000 such pieces a
    page, which as rules would cost megabytes a page and make every family scan them. The table finder
    still gets every edge, as pdfplumber's does: on those pages its grids depend on them (the pieces
    snap and join with the rules)."""
    if edge["object_type"] == "line":
        return True
    length = max(edge["x1"] - edge["x0"], edge["bottom"] - edge["top"])
    if edge["object_type"] == "curve_edge":
        return edge["orientation"] is not None and length >= CURVE_RULE_MIN_PT
    return length >= RULE_MIN_PT


def reaches_a_reader(orientation: str | None, length: float) -> bool:
    """Whether a straight piece of a curve can reach anything that reads edges: a diagonal piece or one
    shorter than EDGE_MIN_LENGTH_PT is neither a rule (`is_rule`) nor read by the table finder, which
    drops both before it snaps and joins edges. A reader that makes edges itself may leave them out."""
    return orientation is not None and length >= EDGE_MIN_LENGTH_PT


def _one_size_per_size(chars: list[dict]) -> list[dict]:
    """The characters with each size replaced by the smallest size within SIZE_TOLERANCE_PT of it."""
    sizes = {
        size: cluster[0] for cluster in cluster_list([c["size"] for c in chars], SIZE_TOLERANCE_PT) for size in cluster
    }
    return [{**c, "size": sizes[c["size"]]} for c in chars]


def _char_fonts(chars: list[dict]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    fonts: dict[str, set[str]] = defaultdict(set)
    for char in chars:
        text = char["text"]
        if len(text) > 1 or ord(text) > ASCII_MAX:  # `(cid:N)`, kanji, kana, full-width forms
            fonts[text].add(str(char["fontname"]))
    return tuple(sorted((text, tuple(sorted(names))) for text, names in fonts.items()))


def _draws_something(page: pdfplumber.page.Page) -> bool:
    """Whether a page draws anything but a background: a rect filling the whole page (a coloured
    divider page, 南国市 一般会計 pp. 7 and 21) is no content, any other shape or image is."""
    w, h = float(page.width), float(page.height)
    return bool(
        page.curves
        or page.images
        or page.lines
        or any(not is_background(r["x1"] - r["x0"], r["bottom"] - r["top"], w, h) for r in page.rects)
    )


def is_background(width: float, height: float, page_width: float, page_height: float) -> bool:
    """Whether a rect this wide and high fills its page (BACKGROUND_SHARE of it both ways)."""
    return width >= BACKGROUND_SHARE * page_width and height >= BACKGROUND_SHARE * page_height


def textless_model(number: int, width: float, height: float, *, has_graphics: bool) -> PageModel:
    """A page without text: its size and whether it draws anything."""
    return PageModel(
        number=number,
        width=float(width),
        height=float(height),
        words=(),
        rules=(),
        tables=(),
        char_count=0,
        has_graphics=has_graphics,
    )


def _may_have_text(page: pdfplumber.page.Page) -> bool:
    resources = resolve1(page.page_obj.resources) or {}
    return "Font" in resources or "XObject" in resources


def content_bytes(page: pdfplumber.page.Page) -> int:
    """How many bytes the page's content streams inflate to (inflated by pdfminer, under the inflate cap)."""
    return len(content_stream(page))


def content_stream(page: pdfplumber.page.Page) -> bytes:
    """The page's content: its streams inflated by pdfminer (under the inflate cap), one after another."""
    return b"\n".join(resolve1(stream).get_data() for stream in page.page_obj.contents)


def inflate_streams(page: pdfplumber.page.Page) -> bytes:
    """Inflate what pdfminer would to read the page: its content streams and those of its form XObjects,
    under the inflate cap (`inflate.py`), which raises on a decompression bomb: another reader (pdfium)
    inflates them without the cap. Returns the page's own content (`content_stream`)."""
    contents = content_stream(page)
    forms = [resolve1(x) for x in (resolve1((resolve1(page.page_obj.resources) or {}).get("XObject")) or {}).values()]
    while forms:
        form = forms.pop()
        if getattr(form, "get", None) and getattr(form.get("Subtype"), "name", None) == "Form":
            form.get_data()
            inner = resolve1((resolve1(form.get("Resources")) or {}).get("XObject")) or {}
            forms += [resolve1(x) for x in inner.values() if resolve1(x) is not form]
    return contents


def _box(obj: dict) -> BBox:
    return rounded((obj["x0"], obj["top"], obj["x1"], obj["bottom"]))
