"""Text-layer health: does a page carry extractable text, and what does that make the document?"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from parsers.pdf.model import PageModel

PageText = Literal["ok", "none", "blank"]
DocumentText = Literal["ok", "partial", "none"]


def classify_page_text(page: PageModel) -> PageText:
    """Given a page, return 'ok' (it has text), 'none' (drawn but no text: outlines or scan) or 'blank'."""
    if page.char_count > 0:
        return "ok"
    return "none" if page.has_graphics else "blank"


def pages_to_text_layer(page_states: Sequence[PageText]) -> DocumentText:
    """Given each page's state, return the document's text layer (blank pages do not count against it)."""
    states = set(page_states) - {"blank"}
    if states == {"ok"}:
        return "ok"
    if "ok" in states:
        return "partial"
    return "none"


def describe_missing_text(page_states: Sequence[PageText]) -> str | None:
    """Return a user-facing reason when no page has text, else None."""
    if "ok" in page_states:
        return None
    n = len(page_states)
    if set(page_states) == {"blank"}:
        return f"no content: all {n} pages are blank"
    return (
        f"no text layer: {n} page(s) are drawn as graphics (outlined text or a scan) with no "
        "extractable characters; OCR is needed"
    )
