"""Lines of a sheet -> row events (chapter header, 款/項/目 row, 計 row, 節 line, 説明 line).

Each line is cut by column: the row part (款/項/目 label and the money columns), the 節 part (区分 and
金額) and the 説明 part, each word placed by the reading layer (`parsers.pdf.columns.column_of`: a
figure by its right edge, text by its left). Nothing here knows the tree; `lines.py` assembles the
events in reading order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from parsers.documents.budget_book.columns import MONEY_KEYS, ROW_LEVELS, SETSU_AMOUNT, Band
from parsers.pdf.columns import HOLD_SLACK_PT, column_at, column_of, is_numeric
from parsers.pdf.geometry import union
from parsers.pdf.model import BBox, Word
from parsers.pdf.reading import Line
from parsers.pdf.sheet import Sheet

DEFAULT_AMOUNT_ZONE = 0.55  # a 説明 figure sits right of this fraction of the 説明 column's width

_CODE = re.compile(r"^([0-9０-９]{1,4})\s*(.*)$")
_DOTTED_CODE = re.compile(r"^([0-9０-９]{1,4})[.．]\s*([^0-9０-９.．].*)$")  # `7.交通安全対策費`, never `1.5`
_RUNNING_HEAD = re.compile(
    r"^款\s*([0-9０-９]{1,3}(?=\s*[.．]?)|(?=○))\s*[.．]?\s*(\S.*?)\s*項\s*([0-9０-９]{1,3}|(?=○))\s*[.．]?\s*(\S.*?)"
    r"\s*(?:[（(]\s*単\s*位\s*[:：]?\s*千?円\s*[)）])?$"
)
_CHAPTER = re.compile(r"^第?\s*([0-9０-９]+)\s*(款|項)\s*(.+?)\s+([△▲]?[0-9０-９][0-9０-９,，]*)\s*(千円|円)$")
_SIDE = re.compile(r"^[0-9０-９]*[（(]?歳([入出])[）)]?$")
_UNIT = re.compile(r"[（(]単位[:：]?千?円[)）]")
_TOTAL = re.compile(r"^(?:歳[入出])?(?:合計|総計|計)$")
_NOT_A_NAME = re.compile(r"^[0-9０-９,，.．×％%／/～~〜)）号歳人件年月日か箇ヶ分]")
_NAME_THEN_CALCULATION = re.compile(r"^(.*[^0-9０-９,，.．△▲\-－])([0-9０-９][0-9０-９,，.．]*\s*[×＊*].*)$")
_CALCULATION = re.compile(r"[0-9０-９]\s*[×＊*]\s*[0-9０-９]|[0-9０-９][％%]")


@dataclass(frozen=True, slots=True)
class Cell:
    """Text as printed with where it was printed: physical page and box in that page's points."""

    text: str
    page: int | None  # None only for a cell of unknown origin (never 0)
    bbox: BBox
    confidence: float | None = None  # read by OCR: its least sure word's; None from a text layer


@dataclass(frozen=True, slots=True)
class Event:
    """One thing read on a line. `kind` is side, chapter, row, total, row_text, setsu or setsumei."""

    kind: str
    top: float
    level: str | None = None
    code: str | None = None
    name: Cell | None = None
    amount: Cell | None = None
    money: dict[str, Cell] = field(default_factory=dict)
    indent: float = 0.0
    name_x0: float = 0.0
    note: str | None = None
    size: float = 0.0
    is_note: bool = False
    origin: Cell | None = None  # the whole printed line, for provenance when the event has no cell of its own


def line_to_events(sheet: Sheet, line: Line, band: Band | None) -> Iterator[Event]:
    """Given a line and the table header above it (None above the first header), return its events."""
    origin = _cell(sheet, line.words)
    if head := _running_head(sheet, line):
        events = head
    else:
        row_words, setsu_words, setsumei_words = _split_line(line, band)
        events = [*_row_events(sheet, line, band, row_words)]
        if band is not None:
            events += [
                *_setsu_events(sheet, line, band, setsu_words),
                *_setsumei_events(sheet, line, band, setsumei_words),
            ]
    for event in events:
        yield replace(event, origin=origin)


def _running_head(sheet: Sheet, line: Line) -> list[Event]:
    """Given a line, return its 款 and 項 chapter events when it is a running head without amounts
    (`款 2. 総務費 項 1. 総務管理費 （単位：千円）`), else nothing.

    The whole line is matched before it is cut by column: the head crosses the table's columns.
    """
    m = _RUNNING_HEAD.match(line.text.strip())
    if m is None:
        return []
    cut = next((i for i, w in enumerate(line.words) if i and w.text.lstrip().startswith("項")), len(line.words))
    parts = [line.words[:cut] or line.words, line.words[cut:] or line.words]
    events = []
    for level, code, name, words in (
        ("款", m.group(1), m.group(2), parts[0]),
        ("項", m.group(3), m.group(4), parts[1]),
    ):
        cell = Cell(re.sub(r"\s+", "", name), *sheet.locate(union([w.bbox for w in words])))
        events.append(Event("chapter", line.top, level=level, code=_ascii(code) if code else None, name=cell))
    return events


def _split_line(line: Line, band: Band | None) -> tuple[list[Word], list[Word], list[Word]]:
    """Given a line, return its words of the row part, the 節 part and the 説明 part."""
    if band is None:
        return list(line.words), [], []
    rows, setsu, setsumei = [], [], []
    for word in line.words:
        column = column_of(word, band.columns)
        if column is None or column.key in ROW_LEVELS or column.key in MONEY_KEYS:
            rows.append(word)
        elif column.key == "説明":
            setsumei.append(word)
        else:
            setsu.append(word)
    return rows, setsu, setsumei


def _cell(sheet: Sheet, words: Sequence[Word]) -> Cell:
    page, bbox = sheet.locate(union([w.bbox for w in words]))
    sure = [w.confidence for w in words if w.confidence is not None]
    return Cell(" ".join(w.text for w in words), page, bbox, min(sure) if sure else None)


def _row_events(sheet: Sheet, line: Line, band: Band | None, words: list[Word]) -> Iterator[Event]:
    if not words:
        return
    text = " ".join(w.text for w in words)
    compact = re.sub(r"\s+", "", text)
    if m := _SIDE.match(_UNIT.sub("", compact)):  # `（歳出） （単位：千円）`
        yield Event("side", line.top, level="歳" + m.group(1))
        return
    if m := _CHAPTER.match(text.strip()):
        code, level, name, amount, _unit = m.groups()
        name_words = [w for w in words if not is_numeric(w.text.replace("千円", "").replace("円", ""))]
        yield Event(
            "chapter",
            line.top,
            level=level,
            code=_ascii(code),
            name=Cell(name, *sheet.locate(union([w.bbox for w in name_words]))) if name_words else None,
            amount=_cell(sheet, [words[-1]]),
        )
        return
    if band is None or not band.row_levels:
        return
    label_words, money = [], {}
    for word in words:
        column = column_of(word, band.columns)
        if column is None:  # margin stamps and folios are no part of the table
            continue
        if column.key in MONEY_KEYS and is_numeric(word.text):
            money.setdefault(column.key, []).append(word)
        elif column.key in ROW_LEVELS or not is_numeric(word.text):
            label_words.append(word)
    cells = {key: _cell(sheet, ws) for key, ws in money.items()}
    label = " ".join(w.text for w in label_words)
    if _TOTAL.match(re.sub(r"\s+", "", label)):
        yield Event("total", line.top, name=_cell(sheet, label_words), money=cells, size=line.size)
        return
    level = _level_of(label_words, band)
    code, name_words = _split_code(label_words)
    if code is not None or (label_words and cells):  # a 廃目 prints its amounts but no code
        name = _cell(sheet, name_words) if name_words else None
        yield Event("row", line.top, level=level, code=code, name=name, money=cells, size=line.size)
    elif label_words:
        yield Event("row_text", line.top, level=level, name=_cell(sheet, label_words), money=cells, size=line.size)
    elif cells:
        yield Event("row_text", line.top, level=level, money=cells, size=line.size)


def _level_of(words: Sequence[Word], band: Band) -> str | None:
    """Given a row's label words, return the row level (款/項/目) of the column its first word is in."""
    for word in words:
        column = column_at(word.bbox[0] + HOLD_SLACK_PT, band.columns)  # a code is set left
        if column is not None and column.key in ROW_LEVELS:
            return column.key
    levels = band.row_levels
    return levels[-1] if levels else None


def _split_code(words: Sequence[Word], *, joined: bool = True) -> tuple[str | None, list[Word]]:
    """Given label words, return (code, name words) when the label opens with a number code.

    A code is a word of digits followed by a name; with `joined`, also digits run into the name
    (`1個人`), but never into a figure or a counter (`18歳`, `1号分`, `9,858`).
    """
    if not words:
        return None, []
    first = words[0].text
    if re.fullmatch(r"[0-9０-９]{1,4}[.．]?", first) and len(words) > 1:
        return _ascii(first.rstrip(".．")), list(words[1:])
    if m := _DOTTED_CODE.match(first):
        return _ascii(m.group(1)), [replace(words[0], text=m.group(2)), *words[1:]]
    if re.fullmatch(r"[0-9０-９]{1,4}", first):
        return _ascii(first), list(words[1:])
    m = _CODE.match(first)
    if joined and m and m.group(2) and not _NOT_A_NAME.match(m.group(2)):
        head = replace(words[0], text=m.group(2))
        return _ascii(m.group(1)), [head, *words[1:]]
    return None, list(words)


def _setsu_events(sheet: Sheet, line: Line, band: Band, words: list[Word]) -> Iterator[Event]:
    if not words:
        return
    amount = [w for w in words if is_numeric(w.text) and _key(w, band) == SETSU_AMOUNT]
    label = [w for w in words if w not in amount and _key(w, band) != SETSU_AMOUNT]
    code, name_words = _split_code(label)
    yield Event(
        "setsu",
        line.top,
        code=code,
        name=_cell(sheet, name_words) if name_words else None,
        amount=_cell(sheet, amount) if amount else None,
        size=line.size,
    )


def _setsumei_events(sheet: Sheet, line: Line, band: Band, words: list[Word]) -> Iterator[Event]:
    if not words:
        return
    column = band.get("説明")
    zone = column.x0 + DEFAULT_AMOUNT_ZONE * (column.x1 - column.x0)
    words = [part for word in words for part in _split_calculation(word)]
    amount: list[Word] = []
    rest = list(words)
    while rest and is_numeric(rest[-1].text) and rest[-1].bbox[2] >= zone:
        amount.insert(0, rest.pop())
    notes = [w for w in rest if _CALCULATION.search(w.text)]  # `404,000×98.9％` stays text
    code, name_words = _split_code([w for w in rest if w not in notes], joined=False)
    if code is not None and not name_words:  # a lone number is a name (`2`), not a code
        code, name_words = None, [w for w in rest if w not in notes]
    is_note = bool(notes) and not amount and code is None  # `調定見込額 404,000×98.9％`: the whole line
    if is_note:
        name_words, notes = list(rest), []
    yield Event(
        "setsumei",
        line.top,
        code=code,
        name=_cell(sheet, name_words) if name_words else None,
        amount=_cell(sheet, amount) if amount else None,
        note=" ".join(w.text for w in notes) or None,
        indent=words[0].bbox[0],
        name_x0=name_words[0].bbox[0] if name_words else words[0].bbox[0],
        size=line.size,
        is_note=is_note,
    )


def _split_calculation(word: Word) -> list[Word]:
    """Given a word, return it cut before a calculation run into it (`公立分94,280×0.6`), else as is.

    The box is shared in proportion to the characters (CJK text is monospaced).
    """
    m = _NAME_THEN_CALCULATION.match(word.text)
    if m is None:
        return [word]
    x0, top, x1, bottom = word.bbox
    cut = x0 + (x1 - x0) * len(m.group(1)) / len(word.text)
    return [
        replace(word, text=m.group(1), bbox=(x0, top, cut, bottom)),
        replace(word, text=m.group(2), bbox=(cut, top, x1, bottom)),
    ]


def _key(word: Word, band: Band) -> str | None:
    column = column_of(word, band.columns)
    return column.key if column else None


def _ascii(code: str) -> str:
    return code.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
