"""The header of a one-row-per-project list (主な新規事業 / 主な継続事業): which column holds what.

Why this exists: cities publish the year's main projects as one table, a row per project (番号, 主管課,
款項目, 事業名, 事業費 or two years' 予算額 and 増減, 財源内訳 国 / 県 / 地方債 / その他 / 一般財源,
内容), in any column order, ruled or not. Columns are found from the header's words (their meaning,
not their place). How a header's phrases stack into labels and groups (`Ｒ３年度当初予` / `算額（千円）`
under `財 源 内 訳（千円）`) and where each column ends are the reading layer's (`parsers.pdf.columns`);
what is the family's is what each label means and that `財源内訳` names a group however narrow.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from parsers.normalize import NormalizationError, parse_fiscal_year
from parsers.pdf.columns import Heading, Phrase, column_bounds, header_phrases, stacked_labels
from parsers.pdf.geometry import x_overlap
from parsers.pdf.model import PageModel
from parsers.pdf.reading import Line

# column role -> pattern its label (spaces removed) matches; the first match wins
ROLES: tuple[tuple[str, re.Pattern], ...] = (
    ("number", re.compile(r"^(番号|No\.?|№|NO\.?)$")),
    ("department", re.compile(r"(主管課|担当課|所管課|担当部署|所管部署|課名)")),
    ("code", re.compile(r"(款項目|予算科目)")),
    ("name", re.compile(r"事業名")),
    ("change", re.compile(r"^(増減|増▲減|増△減|比較)")),
    ("amount", re.compile(r"(事業費|予算額)")),
    ("funding", re.compile(r"^(国|国庫支出金|国県支出金|県|県支出金|地方債|市債|その他|一般財源)(（.*）|\(.*\))?$")),
    ("content", re.compile(r"内容")),
)
GROUP = re.compile(r"^財源(内訳)?([（(].*[）)])?$")  # the label over the sources, however narrow
NEEDED = {"name", "amount", "funding"}  # a header without these is not a project list's
FIGURE_ROLES = {"number", "amount", "change", "funding"}  # columns of figures (set right)
HEADER_LINE_GAP = 1.8  # header lines follow each other within this × size (top to top)
_YEAR = re.compile(r"(令和|平成|[RＲHＨ])\s*([0-9０-９]+|元)\s*年度")
_UNIT = re.compile(r"(千円|円)")


@dataclass(frozen=True)
class Column:
    """One column of the list: its role, its label as printed, its x range, unit and fiscal year."""

    role: str
    label: str
    x0: float
    x1: float
    unit: str | None = None
    fiscal_year: int | None = None

    @property
    def measure(self) -> str:
        """The measure its amounts are stored under: 事業費, 増減, or the funding source as printed."""
        if self.role == "funding":
            return re.sub(r"[（(].*", "", "".join(self.label.split()))
        return {"amount": "事業費", "change": "増減"}.get(self.role, self.role)


@dataclass(frozen=True)
class Header:
    """A page's list header: its columns left to right and the bottom of the header band."""

    columns: tuple[Column, ...]
    top: float
    bottom: float

    def of(self, role: str) -> list[Column]:
        return [c for c in self.columns if c.role == role]


def year_in(text: str) -> int | None:
    """Given a label or title, return the fiscal year it prints (`Ｒ４年度` -> 2022), else None."""
    if m := _YEAR.search(text):
        try:
            return parse_fiscal_year(m.group(0))
        except NormalizationError:
            return None
    return None


def role_of(label: str) -> str | None:
    key = "".join(label.split())
    return next((role for role, pattern in ROLES if pattern.search(key)), None)


def find_header(page: PageModel, lines: Sequence[Line]) -> Header | None:
    """Given a page and its text lines (top to bottom), return its list header, else None."""
    anchor = next(
        (i for i, line in enumerate(lines) if any(role_of(p.text) == "name" for p in header_phrases(line))), None
    )
    if anchor is None:
        return None
    first = last = anchor
    while first > 0 and _follows(lines[first - 1], lines[first]) and not _is_body(lines[first - 1]):
        first -= 1
    while last + 1 < len(lines) and _follows(lines[last], lines[last + 1]) and not _is_body(lines[last + 1]):
        last += 1
    phrases = [p for line in lines[first : last + 1] for p in header_phrases(line)]
    top = min(p.bbox[1] for p in phrases)
    bottom = max(p.bbox[3] for p in phrases)
    labels, groups = stacked_labels(phrases, lambda p: bool(GROUP.match(p.key)))
    table_unit = next((m.group(1) for p in phrases if (m := _UNIT.search(p.key))), None)
    named = [(label, role) for label in labels if (role := role_of(label.text)) is not None]
    if not NEEDED <= {role for _, role in named}:
        return None
    headings = [Heading.over(label.bbox, role in FIGURE_ROLES) for label, role in named]
    body = [line for line in lines if line.top > bottom]
    columns = []
    for (label, role), (x0, x1) in zip(named, column_bounds(headings, page.rules, page.width, body), strict=True):
        group = next((g for g in groups if x_overlap(g.bbox, label.bbox) > 0), None)
        unit = _unit(label) or (group and _unit(group)) or table_unit
        columns.append(Column(role, label.text, x0, x1, unit, year_in(label.key)))
    return Header(tuple(columns), top, bottom)


def _unit(phrase: Phrase) -> str | None:
    m = _UNIT.search(phrase.key)
    return m.group(1) if m else None


def _follows(upper: Line, lower: Line) -> bool:
    return lower.top - upper.top <= HEADER_LINE_GAP * max(upper.size, lower.size)


def _is_body(line: Line) -> bool:
    """A line holding a bare figure is a table row, not the header."""
    return any(re.fullmatch(r"[△▲\-－]?\s*[0-9０-９,，]+", w.text) for w in line.words)
