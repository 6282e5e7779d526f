"""Triage: is this a book of per-project budget sheets (事業計画書)?"""

from __future__ import annotations

from collections.abc import Sequence

from parsers.documents.budget_sheet.rows import label_key
from parsers.pdf.model import PageModel

# Labels every sheet prints; a page holding most of them is a sheet, wherever they are on the page.
SHEET_LABELS = ("事業名称", "財源内訳", "細事業名称", "歳出予算科目", "事業局課")
MIN_LABELS = 4


def detect_budget_sheet(pages: Sequence[PageModel]) -> bool:
    """Given a document's pages, return True when some page carries the 事業計画書 title and the
    labels of a sheet's blocks."""
    for page in pages:
        texts = {label_key(c.text) for t in page.tables for c in t.cells}
        words = "".join(w.text for w in page.words)
        if "事業計画書" in words and sum(label in texts for label in SHEET_LABELS) >= MIN_LABELS:
            return True
    return False
