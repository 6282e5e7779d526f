"""Read one pdfplumber page into the page model (the only place that touches pdfplumber objects)."""

from __future__ import annotations

import pdfplumber.page
from pdfminer.pdftypes import resolve1

from parsers.pdf.model import PageModel, Rule, Word
from parsers.pdf.tables import DEFAULT_TABLE_SETTINGS, TableSettings, find_tables

DEFAULT_WORD_X_TOLERANCE_PT = 1.5  # CJK text has no spaces: only glyphs this close join into a word


def page_to_model(page: pdfplumber.page.Page, settings: TableSettings = DEFAULT_TABLE_SETTINGS) -> PageModel:
    """Given a pdfplumber page, return its words, ruling lines, tables and whether it has graphics.

    A page that cannot hold text (no font and no form XObject in its resources) is not laid out at
    all: interpreting a page of outlined glyphs costs seconds and yields no character.
    """
    if not _may_have_text(page):
        return _textless_model(page, has_graphics=_content_bytes(page) > 0)
    char_count = sum(1 for c in page.chars if not c["text"].isspace())  # a scan with one space has no text
    has_graphics = bool(page.curves or page.images)  # a frame or an empty grid alone prints nothing to read
    if char_count == 0:
        return _textless_model(page, has_graphics=has_graphics)
    words = tuple(
        Word(text=w["text"], bbox=_box(w), size=round(float(w["size"]), 2))
        for w in page.extract_words(x_tolerance=DEFAULT_WORD_X_TOLERANCE_PT, extra_attrs=["size"])
    )
    rules = tuple(Rule(orientation=e["orientation"], bbox=_box(e)) for e in page.edges)
    return PageModel(
        number=page.page_number,
        width=float(page.width),
        height=float(page.height),
        words=words,
        rules=rules,
        tables=tuple(find_tables(page, settings)),
        char_count=char_count,
        has_graphics=has_graphics,
    )


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


def _box(obj: dict) -> tuple[float, float, float, float]:
    return (
        round(float(obj["x0"]), 2),
        round(float(obj["top"]), 2),
        round(float(obj["x1"]), 2),
        round(float(obj["bottom"]), 2),
    )
