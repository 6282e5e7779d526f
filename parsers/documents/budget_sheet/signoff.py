"""Keep officials' personal names out of the warehouse.

The sign-off block (`本資料は、…作成しました。`, 課長, 係長 and their names) is not read. Its cells are
already among the document's raw cells (every table cell is kept), so the cells that may hold a name
(anything but the sentence and the bare role labels) are removed from raw_cells again here.
"""

from __future__ import annotations

from parsers.documents.budget_sheet.blocks import SIGNOFF_OPENING, Book
from parsers.documents.budget_sheet.rows import label_key
from schemas.cells import RawCell
from schemas.collect import RecordSet

ROLE_LABELS = {"", "課長", "係長", "担当"}


def withhold_signoff_names(book: Book, records: RecordSet) -> int:
    """Given the book and its records, drop raw cells of sign-off blocks that may hold a personal name;
    return how many were withheld (also noted as a warning)."""
    hidden = {
        (row.page, cell.bbox)
        for sheet in book.sheets
        for row in sheet.blocks.get("signoff", [])
        for cell in row.cells
        if label_key(cell.text) not in ROLE_LABELS and not label_key(cell.text).startswith(SIGNOFF_OPENING)
    }
    cells = records.rows.get(RawCell.table, [])
    kept = [c for c in cells if (c.page, tuple(c.bbox)) not in hidden]
    records.rows[RawCell.table] = kept
    withheld = len(cells) - len(kept)
    if withheld:
        records.warnings.append(f"{withheld} sign-off cell(s) with personal names withheld from raw_cells")
    return withheld
