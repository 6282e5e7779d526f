"""Text-layer health from hand-built page models."""

from __future__ import annotations

from parsers.pdf.health import classify_page_text, describe_missing_text, pages_to_text_layer
from parsers.pdf.model import PageModel


def page(chars: int, graphics: bool) -> PageModel:
    return PageModel(
        number=1,
        width=595,
        height=842,
        words=(),
        rules=(),
        tables=(),
        char_count=chars,
        has_graphics=graphics,
    )


def test_page_states():
    assert classify_page_text(page(10, True)) == "ok"
    assert classify_page_text(page(0, True)) == "none"
    assert classify_page_text(page(0, False)) == "blank"


def test_document_layer_ignores_blank_pages():
    assert pages_to_text_layer(["ok", "blank", "ok"]) == "ok"
    assert pages_to_text_layer(["ok", "none"]) == "partial"
    assert pages_to_text_layer(["none", "blank"]) == "none"


def test_reasons():
    assert describe_missing_text(["ok", "none"]) is None
    assert describe_missing_text(["blank", "blank"]) == "no content: all 2 pages are blank"
    assert describe_missing_text(["none", "blank"]).startswith("no text layer: 2 page(s)")
