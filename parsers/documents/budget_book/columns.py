"""Column bands of a budget table, found from its header labels, never from fixed coordinates.

Every city prints the same labels (款/項/目, 本年度予算額, 前年度予算額, 比較, 国県支出金, 地方債,
その他, 一般財源, 節 区分/金額, 説明), but with its own widths, order, letter spacing (`比　　較`) and
line breaks. So a header is found as a run of lines made only of known labels; each label becomes a
column, whose edges the reading layer finds (`parsers.pdf.columns`: vertical rules where printed,
else how labels and figures are set).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from parsers.pdf.columns import Heading, column_bounds
from parsers.pdf.model import Rule, Word
from parsers.pdf.reading import Line, line_chars

ROW_LEVELS = ("款", "項", "目")
LEVEL_LABELS = (*ROW_LEVELS, "節")
MONEY_KEYS = ("本年度", "前年度", "比較", "補正前の額", "補正額", "計", "国県支出金", "地方債", "その他", "一般財源")
TABLE_NAMES = {
    "detail": "歳入歳出予算事項別明細書",
    "table1": "第1表 歳入歳出予算",
    "summary": "歳入歳出予算事項別明細書 総括",
}
AMENDMENT_TABLE_NAMES = {  # a 補正予算 book: 補正前の額 / 補正額 / 計 instead of 本年度 / 前年度 / 比較
    "detail": "歳入歳出補正予算事項別明細書",
    "table1": "第1表 歳入歳出予算補正",
    "summary": "歳入歳出補正予算事項別明細書 総括",
}
FUNDING_KEYS = ("国県支出金", "地方債", "その他", "一般財源")
SETSU_AMOUNT = "節金額"
DEFAULT_BAND_GAP = 2.5  # × line height: header lines further apart than this start a new band

# Alternatives are tried left to right at each position: group headings first, so that
# `本年度予算額の財源内訳` is not read as the 本年度予算額 column.
_LABELS = [
    ("group", r"(?:本年度(?:予算額)?|補正額)の財源内訳|財源内訳|特定財源"),
    ("本年度", r"本年度予算額|本年度"),
    ("前年度", r"前年度予算額|前年度"),
    ("補正前の額", r"補正前の額|補正前"),
    ("補正額", r"補正額"),
    ("計", r"(?<=額)計"),  # 補正後の計, printed right after 補正額 (a 計 elsewhere is a total row)
    ("比較", r"比較|増減"),
    ("国県支出金", r"国県支出金|国・県支出金"),
    ("地方債", r"地方債"),
    ("その他", r"その他"),
    ("一般財源", r"一般財源"),
    ("区分", r"区分"),
    ("金額", r"金額"),
    ("説明", r"説明"),
    ("unit", r"\(?（?単位[:：]?(?:千円|円)\)?）?|千円|円"),
    ("款", r"款"),
    ("項", r"項"),
    ("目", r"目"),
    ("節", r"節"),
]
_LABEL_RE = re.compile("|".join(f"(?P<k{i}>{pattern})" for i, (_, pattern) in enumerate(_LABELS)))
_FILLER = set(" 　・()（）")


@dataclass(frozen=True, slots=True)
class Label:
    """A header label found on a line: its key, the text as printed and its box."""

    key: str
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a budget table: what it holds (`key`), its printed label and its x range (points)."""

    key: str
    label: str
    x0: float
    x1: float


@dataclass(frozen=True, slots=True)
class Band:
    """A table header: where it ends, its columns left to right and the money unit it prints."""

    top: float
    bottom: float
    columns: tuple[Column, ...]
    unit: str

    def get(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)

    @property
    def row_levels(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns if c.key in ROW_LEVELS)

    @property
    def kind(self) -> str:
        """`detail` (款項目節 明細), `table1` (第1表: 款 and 項), `summary` (総括: 款 only) or `half`
        (only 節 and 説明: the right page of a spread split over two pages)."""
        levels = self.row_levels
        if not levels:
            return "half"
        if "目" in levels:
            return "detail"
        return "table1" if "項" in levels else "summary"

    @property
    def is_amendment(self) -> bool:
        """Whether this is a 補正予算 table (補正前の額 / 補正額 / 計)."""
        return self.get("補正額") is not None

    @property
    def table(self) -> str:
        """The name of the table this header opens (`table_name` of its amounts)."""
        return (AMENDMENT_TABLE_NAMES if self.is_amendment else TABLE_NAMES).get(self.kind, TABLE_NAMES["detail"])


def find_labels(line: Line) -> tuple[list[Label], bool]:
    """Given a line, return the header labels on it and whether the line holds nothing else.

    Labels are sought across the gaps of letter spacing (`比 較`, `区 分`: `line_chars`). A header's row
    level stands alone as one character (`目`), where a scan's reading has no word around it to settle a
    look-alike: a character read from glyph shapes that fits a level label nearly as well (`口`, `日`
    for 目) is read as that label when the line is then a header, made of labels only.
    """
    labels, pure = _labels(line.words, line)
    if not pure and any(w.alternatives for w in line.words):
        as_levels = [_as_level(w) for w in line.words]
        if as_levels != list(line.words) and (found := _labels(as_levels, line))[1]:
            return found
    return labels, pure


def _as_level(word: Word) -> Word:
    """The word as the row-level label among its look-alikes, if it is none itself and one fits."""
    level = next((ch for ch in word.alternatives if ch in LEVEL_LABELS), None)
    return replace(word, text=level) if level and word.text not in LEVEL_LABELS else word


def _labels(words: Sequence[Word], line: Line) -> tuple[list[Label], bool]:
    """The labels of a line made of `words`, and whether it holds nothing else."""
    chars = line_chars(words)
    joined = "".join(c for c, _, _ in chars)
    labels, covered = [], 0
    for m in _LABEL_RE.finditer(joined):
        key = _LABELS[int(m.lastgroup[1:])][0]
        span = chars[m.start() : m.end()]
        labels.append(Label(key, m.group(), span[0][1], span[-1][2], line.top, line.bottom))
        covered += len([c for c in m.group() if c not in _FILLER])
    rest = len([c for c in joined if c not in _FILLER]) - covered
    return labels, bool(labels) and rest == 0


def find_bands(lines: Sequence[Line], rules: Sequence[Rule], width: float) -> list[Band]:
    """Given a sheet's lines, rules and width, return its table headers top to bottom."""
    bands, run = [], []
    for line in lines:
        labels, pure = find_labels(line)
        if pure and run and line.top - run[-1][0].bottom > DEFAULT_BAND_GAP * max(line.size, 1.0):
            bands.append(run)
            run = []
        if pure:
            run.append((line, labels))
        elif run:
            bands.append(run)
            run = []
    if run:
        bands.append(run)
    ends = [run[0][0].top for run in bands[1:]] + [float("inf")]  # a header's body ends at the next header
    return [
        band
        for run, end in zip(bands, ends, strict=False)
        if (band := _run_to_band(run, rules, width, [ln for ln in lines if run[-1][0].bottom < ln.top < end]))
        is not None
    ]


def _run_to_band(
    run: list[tuple[Line, list[Label]]], rules: Sequence[Rule], width: float, body: Sequence[Line] = ()
) -> Band | None:
    labels = [lab for _, labs in run for lab in labs]
    keys = {lab.key for lab in labels}
    is_left = bool(keys & {"本年度", "金額", "補正額"}) and bool(keys & set(ROW_LEVELS))
    is_right = "区分" in keys and bool(keys & {"金額", "説明"})  # the 節/説明 page of a split spread
    if not (is_left or is_right):
        return None
    units = [lab.text for lab in labels if lab.key == "unit"]
    unit = "円" if units and all("千" not in u for u in units) else "千円"
    wanted = [lab for lab in labels if lab.key not in ("group", "unit") and not (lab.key == "節" and "区分" in keys)]
    columns = _labels_to_columns(wanted, rules, width, body, has_kubun="区分" in keys)
    return Band(run[0][0].top, run[-1][0].bottom, tuple(columns), unit)


def _labels_to_columns(
    labels: list[Label], rules: Sequence[Rule], width: float, body: Sequence[Line], *, has_kubun: bool
) -> list[Column]:
    """Given header labels, return their columns (edges: `parsers.pdf.columns.column_bounds`)."""
    ordered = sorted(labels, key=lambda lab: (lab.x0 + lab.x1) / 2)
    headings = [Heading(lab.x0, lab.x1, lab.top, lab.bottom, lab.key in (*MONEY_KEYS, "金額")) for lab in ordered]
    columns = []
    for lab, (x0, x1) in zip(ordered, column_bounds(headings, rules, width, body), strict=True):
        key = lab.key
        if key == "金額":
            key = SETSU_AMOUNT if has_kubun else "本年度"
        columns.append(Column(key, lab.text, x0, x1))
    return columns
