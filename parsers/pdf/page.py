"""Read one pdfplumber page into the page model (the only place that touches pdfplumber objects)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

import pdfplumber.page
from pdfminer.pdftypes import resolve1

from parsers.pdf.geometry import rounded
from parsers.pdf.model import BBox, PageModel, Rule, Word
from parsers.pdf.tables import DEFAULT_TABLE_SETTINGS, TableSettings, find_tables
from parsers.pdf.text_tables import find_text_tables

BACKGROUND_SHARE = 0.95  # a rect this share of the page wide and high is its background
ASCII_MAX = 0x7F
DEFAULT_WORD_X_TOLERANCE_PT = 1.5  # CJK text has no spaces: only glyphs this close join into a word


def page_to_model(page: pdfplumber.page.Page, settings: TableSettings = DEFAULT_TABLE_SETTINGS) -> PageModel:
    """Given a pdfplumber page, return its words, ruling lines, tables and whether it has graphics.

    Tables are pdfplumber's ruled grids; a page without one gets the tables its text forms by rows and
    white space (`text_tables.py`: horizontal rules only, or none), so every family reads either.

    A page that cannot hold text (no font and no form XObject in its resources) is not laid out at
    all: interpreting a page of outlined glyphs costs seconds and yields no character.
    """
    if not _may_have_text(page):
        return _textless_model(page, has_graphics=_content_bytes(page) > 0)
    char_count = sum(1 for c in page.chars if not c["text"].isspace())  # a scan with one space has no text
    has_graphics = _draws_something(page)
    if char_count == 0:
        return _textless_model(page, has_graphics=has_graphics)
    words = tuple(
        Word(text=w["text"], bbox=_box(w), size=round(float(w["size"]), 2))
        for w in page.extract_words(x_tolerance=DEFAULT_WORD_X_TOLERANCE_PT, extra_attrs=["size"])
    )
    rules = tuple(Rule(orientation=e["orientation"], bbox=_box(e)) for e in page.edges)
    model = PageModel(
        number=page.page_number,
        width=float(page.width),
        height=float(page.height),
        words=words,
        rules=rules,
        tables=tuple(find_tables(page, settings)),
        char_count=char_count,
        has_graphics=has_graphics,
        char_fonts=_char_fonts(page.chars),
    )
    return model if model.tables else replace(model, tables=tuple(find_text_tables(model)))


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

    def background(r: dict) -> bool:
        return r["x1"] - r["x0"] >= BACKGROUND_SHARE * w and r["bottom"] - r["top"] >= BACKGROUND_SHARE * h

    return bool(page.curves or page.images or page.lines or any(not background(r) for r in page.rects))


def _textless_model(page: pdfplumber.page.Page, *, has_graphics: bool) -> PageModel:
    return PageModel(
        number=page.page_number,
        width=float(page.width),
        height=float(page.height),
        words=(),
        rules=(),
        tables=(),
        char_count=0,
        has_graphics=has_graphics,
    )


def _may_have_text(page: pdfplumber.page.Page) -> bool:
    resources = resolve1(page.page_obj.resources) or {}
    return "Font" in resources or "XObject" in resources


def _content_bytes(page: pdfplumber.page.Page) -> int:
    return sum(len(resolve1(stream).get_data()) for stream in page.page_obj.contents)


def _box(obj: dict) -> BBox:
    return rounded((obj["x0"], obj["top"], obj["x1"], obj["bottom"]))
