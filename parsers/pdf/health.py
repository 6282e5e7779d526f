"""Text-layer health: does a page carry extractable text, is that text what it prints, and what does that
make the document? A wrong ToUnicode map (`mapping.py`) gives text that reads but is wrong: 'mismapped'."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from parsers.pdf.mapping import page_to_mapping
from parsers.pdf.model import PageModel

PageText = Literal["ok", "mismapped", "none", "blank", "ocr"]
DocumentText = Literal["ok", "mismapped", "partial", "none", "repaired", "ocr"]
_HAS_TEXT = frozenset({"ok", "mismapped", "ocr"})


def classify_page_text(page: PageModel) -> PageText:
    """Given a page, return 'ok' (it has text), 'mismapped' (text whose words are suspect, see
    `mapping.py`), 'none' (drawn but no text: outlines or scan) or 'blank'."""
    if page.char_count > 0:
        return page_to_mapping(page).verdict
    return "none" if page.has_graphics else "blank"


def pages_to_text_layer(page_states: Sequence[PageText], *, repaired: bool = False) -> DocumentText:
    """Given each page's state, return the document's text layer (blank pages do not count against it).

    One mismapped page makes the document 'mismapped' (the wrong map is in a font the whole file
    shares); that outranks 'partial', since the text that is there cannot be trusted either. A
    document whose glyph maps were `repaired` (`repair.py`) and now reads clean is 'repaired'; one
    with pages read by OCR (`ocr.py`, state 'ocr') is 'ocr'.
    """
    states = set(page_states) - {"blank"}
    if "mismapped" in states:
        return "mismapped"
    if "ocr" in states:
        return "ocr"
    if states == {"ok"}:
        return "repaired" if repaired else "ok"
    if "ok" in states:
        return "partial"
    return "none"


def describe_missing_text(page_states: Sequence[PageText]) -> str | None:
    """Return a user-facing reason when no page has text, else None."""
    if _HAS_TEXT & set(page_states):
        return None
    n = len(page_states)
    if set(page_states) == {"blank"}:
        return f"no content: all {n} pages are blank"
    return (
        f"no text layer: {n} page(s) are drawn as graphics (outlined text or a scan) with no "
        "extractable characters; OCR is needed"
    )


def describe_textless_pages(numbers: Sequence[int]) -> str | None:
    """Given the numbers of the pages drawn without a text layer in a document that has text, return
    the reason the document is partial (those pages were not read), else None."""
    if not numbers:
        return None
    listed = ", ".join(str(n) for n in numbers[:10]) + (" …" if len(numbers) > 10 else "")
    return f"{len(numbers)} page(s) have no text layer (drawn as images or outlines) and were not read: p. {listed}"
