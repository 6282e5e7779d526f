"""Cut the row stream into the 目次 and the sheets, and each sheet into its labelled blocks.

Why labels: every block of a 事業計画書 opens with a printed label (事業局課, 区分, 歳出, 事業指標①,
細事業(事業内訳) …). A row whose first cell is no known label continues the block before it, which
is how data rows, rows after a page break and tables broken into pieces rejoin their block.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from parsers.documents.budget_sheet.rows import Row, label_key

SHEET_TITLE = "事業計画書"
TOC_TITLE = "事業計画書目次"
UNIT_PREFIX = "(単位"

HEADER_LABELS = {"事業局課", "歳出予算科目", "事業名称"}
TEXT_FIELDS = {
    "事業概要": "事業概要",
    "事業目的": "事業目的",
    "背景・課題": "背景・課題",
    "根拠法令・方針決裁等": "根拠法令・方針決裁等",
    "根拠・データ等": "根拠・データ等",
    "事業スケジュール": "事業スケジュール",
    "事業開始年度": "事業開始年度",
}
SIGNOFF_OPENING = "本資料は"


@dataclass
class Sheet:
    """One 事業計画書 sheet: its order in the book, title line and rows grouped by block."""

    ordinal: int
    title: Row | None = None
    blocks: dict[str, list[Row]] = field(default_factory=dict)
    units: list[Row] = field(default_factory=list)

    @property
    def pages(self) -> list[int]:
        rows = [r for rows in self.blocks.values() for r in rows]
        return sorted({r.page for r in rows} | ({self.title.page} if self.title else set()))

    def add(self, block: str, row: Row) -> None:
        self.blocks.setdefault(block, []).append(row)


@dataclass
class Book:
    """The whole document: the 目次 heading lines and rows, and the sheets in order."""

    toc_heading: list[Row] = field(default_factory=list)
    toc_rows: list[Row] = field(default_factory=list)
    sheets: list[Sheet] = field(default_factory=list)


def block_of(row: Row) -> str | None:
    """Given a row, return the block its first labelled cell opens, or None for a continuation row."""
    keys = [k for k in row.keys if k]
    if not keys:
        return None
    first = keys[0]
    if first in HEADER_LABELS:
        return "header"
    if first == "区分":
        return "funding"
    if first == "歳出":
        return "spending"
    if first.startswith("事業指標①"):
        return "indicator1"
    if first.startswith("事業指標②"):
        return "indicator2"
    if first.startswith("細事業(") or first == "細事業名称":
        return "subprojects"
    if first.startswith(SIGNOFF_OPENING):
        return "signoff"
    for label, name in TEXT_FIELDS.items():
        if first.startswith(label):
            return f"text:{name}"
    return None


def is_sheet_title(row: Row) -> bool:
    key = label_key(row.cells[0].text)
    return row.table is None and key.endswith(SHEET_TITLE) and TOC_TITLE not in key


def rows_to_book(rows: list[Row]) -> Book:
    """Given the row stream, return the 目次 and the sheets with their blocks.

    A sheet starts at its title line, or at a 事業局課 header row when the current sheet already has
    a header (a sheet printed without its title).
    """
    book = Book()
    sheet: Sheet | None = None
    in_toc = False
    block: str | None = None
    for row in rows:
        key = label_key(row.cells[0].text)
        if row.table is None:
            if key == TOC_TITLE:
                in_toc, sheet = True, None
                book.toc_heading.append(row)
            elif is_sheet_title(row):
                in_toc, block = False, None
                sheet = Sheet(ordinal=len(book.sheets) + 1, title=row)
                book.sheets.append(sheet)
            elif key.startswith(UNIT_PREFIX) and sheet is not None:
                sheet.units.append(row)
            elif in_toc:
                book.toc_heading.append(row)
            continue
        opened = block_of(row)
        if in_toc and opened is None:
            book.toc_rows.append(row)
            continue
        if opened == "header" and label_key(row.cells[0].text) == "事業局課":
            if sheet is None or "header" in sheet.blocks:
                sheet = Sheet(ordinal=len(book.sheets) + 1)
                book.sheets.append(sheet)
            in_toc = False
        if sheet is None:
            continue
        block = opened or block
        if block is not None:
            sheet.add(block, row)
    return book
