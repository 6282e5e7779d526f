"""The sheet header (事業局課, 新規拡充, 事業評価書番号, 歳出予算科目, 政策・施策番号, 事業名称) and the
narrative fields (事業概要 … 事業スケジュール, 事業開始年度).

Each value is the cell after its printed label; the 款・項・目 numbers are the cells before theirs.
新規 / 拡充 is read from the tick: the glyph `■` before a word, or a drawn tick mark in the box before it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from parsers.documents.budget_sheet.context import SheetContext, first_after
from parsers.documents.budget_sheet.rows import Row, cell_text, label_key, tick_marks
from parsers.normalize import NormalizationError, clean_text, parse_fiscal_year
from parsers.pdf.cell_text import cell_paragraphs
from parsers.pdf.geometry import union
from parsers.pdf.model import Cell
from schemas.plans import ProjectText

FLAG_WORDS = ("新規", "拡充")
_GLYPH_TICK = re.compile(r"■\s*(新規|拡充)")


@dataclass
class Header:
    """What the header block of a sheet prints."""

    name: str = ""
    name_cell: Cell | None = None
    page: int = 1
    bureau: str | None = None
    section: str | None = None
    flags: list[str] = field(default_factory=list)
    flags_raw: str | None = None
    evaluation_ref: str | None = None
    account: str | None = None
    account_code: str | None = None
    policy_ref: str | None = None
    measure_ref: str | None = None


def read_header(ctx: SheetContext, rows: list[Row]) -> Header:
    """Given the header rows of a sheet, return its header fields (as printed, wraps joined)."""
    head = Header()
    for row in rows:
        keys = row.keys
        cells = row.cells
        label = keys[0]
        if label == "事業名称" and (cell := first_after(cells, 0)) is not None:
            head.name, head.name_cell, head.page = cell_text(cell), cell, row.page
        elif label == "事業局課":
            after = [cell_text(c) for c in cells[1:] if c.text.strip()]
            if len(after) == 1 or (len(after) > 1 and label_key(after[1]) == "新規拡充"):
                after[:1] = after[0].split(maxsplit=1)  # 局 and 課 in one cell when no rule parts them
            head.bureau = after[0] if after else None
            head.section = after[1] if len(after) > 1 and label_key(after[1]) != "新規拡充" else None
        elif label == "歳出予算科目":
            _read_account(head, row)
        for i, key in enumerate(keys):
            nxt = cells[i + 1] if i + 1 < len(cells) else None
            value = cell_text(nxt).strip() if nxt is not None and label_key(nxt.text) not in _LABELS else ""
            if key == "新規拡充" and (box := _value_cells(cells, i)) is not None and head.flags_raw is None:
                head.flags_raw = cell_text(box)
                head.flags = _ticked(ctx, row.page, box)
            elif key == "事業評価書番号":
                head.evaluation_ref = value or None
            elif key == "政策番号":
                head.policy_ref = value or None
            elif key == "施策番号":
                head.measure_ref = value or None
    return head


_LABELS = {"事業局課", "新規拡充", "事業評価書番号", "歳出予算科目", "政策番号", "施策番号", "事業名称"}


def _value_cells(cells: Sequence[Cell], at: int) -> Cell | None:
    """The value printed after the label `cells[at]`, up to the next label, as one cell: a table without
    rules parts `□ 新規 ☑ 拡充` at its drawn boxes and gives empty cells where other rows have columns."""
    others = _LABELS - {label_key(cells[at].text)}  # the value of 新規拡充 reads 新規 拡充 too
    values = list(itertools.takewhile(lambda c: label_key(c.text) not in others, cells[at + 1 :]))
    printed = [c for c in values if c.text.strip()]
    if not printed:
        return None
    text = " ".join(c.text for c in printed)
    return Cell(printed[0].row, printed[0].col, text, union(c.bbox for c in printed))


def _read_account(head: Header, row: Row) -> None:
    """Given the 歳出予算科目 row (`一般会計 2 款 5 項 4 目`), set the account and its 款項目 code."""
    keys = row.keys
    head.account = cell_text(row.cells[1]).strip() if len(row.cells) > 1 else None
    parts = []
    for unit in ("款", "項", "目"):
        if unit in keys and (at := keys.index(unit)) > 0 and keys[at - 1].isdigit():
            parts.append(f"{keys[at - 1]}{unit}")
    head.account_code = "".join(parts) or None


def _ticked(ctx: SheetContext, page: int, cell: Cell) -> list[str]:
    """Given the 新規拡充 cell, return the ticked words: `■ 拡充` glyphs, else drawn tick marks."""
    glyphs = _GLYPH_TICK.findall(cell.text)
    if glyphs or "□" in cell.text:
        return glyphs
    models = ctx.pages.get(page, [])
    words = [
        w
        for model in models
        for w in model.words
        if w.text in FLAG_WORDS
        and cell.bbox[0] <= w.bbox[0] <= cell.bbox[2]
        and cell.bbox[1] <= w.bbox[1] <= cell.bbox[3]
    ]
    ticked = []
    for mark in (mark for model in models for mark in tick_marks(model.rules, cell.bbox)):
        right = [w for w in words if w.bbox[0] >= mark[0]]
        if right:
            ticked.append(min(right, key=lambda w: w.bbox[0]).text)
    return sorted(set(ticked), key=FLAG_WORDS.index)


def read_start_year(rows: list[Row]) -> tuple[int | None, str | None]:
    """Given the 事業開始年度 rows, return (fiscal year, printed text)."""
    for row in rows:
        cell = first_after(row.cells, 0)
        if cell is None:
            continue
        raw = cell_text(cell).strip()
        try:
            return parse_fiscal_year(raw), raw
        except NormalizationError:
            return None, raw
    return None, None


def read_narrative(ctx: SheetContext, field_name: str, rows: list[Row]) -> None:
    """Given the rows of one narrative field, add its ProjectText (printed text and cleaned text)."""
    for row in rows:
        cell = first_after(row.cells, 0)
        if cell is None:
            continue
        ctx.records.add_printed(
            ProjectText,
            cell,
            page=row.page,
            project_id=ctx.project_id,
            field=field_name,
            text=clean_text(
                "\n".join(cell_paragraphs([w for half in ctx.pages[row.page] for w in half.words], cell)[0])
            ),
        )
