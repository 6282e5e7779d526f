"""Columns named by header labels: where each column of a table starts and ends, and which column a
word belongs to, from whatever vertical rules are printed, else from how tables set labels and figures.

Why this exists: a budget table or a project list names each column by a label (本年度予算額, 事業費,
説明) that a family recognises by meaning; where each labelled column ends is reading order, the same
for every family. pdfplumber's `text` strategy derives edges from words aligned on three rows or more
across the whole table: it cannot tell a label's column from the white space beside it, nor where a
column of figures set right ends when no rule says so.

Per label, the nearest vertical rule on each side that crosses the label's line (at least MIN_RULE_PT
long: glyph strokes and ticks are none). Without one: a label is set in the middle of its column, so a
column ends about as far right of its label as it starts left of it; a column of figures ends just
past where its figures (set right) end nearest that estimate (the next column's codes end further
right); a column of text ends at the estimate, or halfway to the next label if that comes first, and
no edge cuts a word of the body (a label set off its column's middle moves the estimate). The table
starts at the left end of a horizontal rule drawn along its header, else at its body's leftmost
word, else at the page's edge. A word belongs to the column holding its right edge when it is a
figure (set right), its left edge when it is text (set left).

A header's labels may print over two or three lines (`Ｒ３年度当初予` / `算額（千円）`) and one label may
name a group of the columns under it (`財 源 内 訳（千円）`): `stacked_labels` reads the header's
phrases (letter spacing joined: `header_phrases`) into labels and groups by how they overlap.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from parsers.pdf.geometry import union, x_overlap
from parsers.pdf.model import BBox, Rule, Word
from parsers.pdf.reading import Line, letter_spaced

MIN_RULE_PT = 12.0  # a vertical rule shorter than this (glyph strokes, ticks) is no column edge
RULE_SLACK_PT = 0.8  # a label may touch the rule beside it by this much
HEADER_RULE_PT = 12.0  # a horizontal rule this close above or below a header's labels is drawn along it
HOLD_SLACK_PT = 0.5  # a word's anchor this far outside a column still belongs to it
STACK_OVERLAP = 0.5  # header phrases on two lines overlapping this share of the narrower one are one label

_FIGURE = re.compile(r"^[△▲\-－]?[0-9０-９][0-9０-９,，]*$")  # a plain figure as printed (`△64,700`, `0`)
_AMOUNT = re.compile(r"[△▲-]?(?:0|[1-9]\d{0,2}(?:,\d{3})*)")  # an amount as printed (`001` is a code)


@dataclass(frozen=True, slots=True)
class Heading:
    """A column's label as printed (its box), and whether the column holds figures set right."""

    x0: float
    x1: float
    top: float
    bottom: float
    figures: bool = False

    @classmethod
    def over(cls, box: BBox, figures: bool = False) -> Heading:
        """The heading printed in `box` (x0, top, x1, bottom)."""
        return cls(box[0], box[2], box[1], box[3], figures)


@dataclass(frozen=True)
class Phrase:
    """Header words read together: a label as printed and its box."""

    text: str
    bbox: BBox

    @property
    def key(self) -> str:
        return "".join(self.text.split())


def header_phrases(line: Line) -> list[Phrase]:
    """Given a header line, return its phrases: letter-spaced single characters joined (`主 な 事 業 内 容`)."""
    return [Phrase(" ".join(w.text for w in ws), union([w.bbox for w in ws])) for ws in letter_spaced(line.words)]


def stacked_labels(
    phrases: Sequence[Phrase], is_group: Callable[[Phrase], bool] = lambda _: False
) -> tuple[list[Phrase], list[Phrase]]:
    """Given a header's phrases, return (labels left to right, group labels): phrases stacked over each
    other are one label, read top to bottom; a phrase above two or more others, or one `is_group`
    names, is a group's label."""
    groups = [
        p
        for p in phrases
        if is_group(p) or sum(1 for q in phrases if q.bbox[1] > p.bbox[3] - 1 and x_overlap(p.bbox, q.bbox) > 0) >= 2
    ]
    stacks: list[list[Phrase]] = []
    for phrase in sorted((p for p in phrases if p not in groups), key=lambda p: p.bbox[1]):
        home = next((s for s in stacks if any(_stacked(phrase, q) for q in s)), None)
        if home is None:
            stacks.append([phrase])
        else:
            home.append(phrase)
    labels = [Phrase("".join(p.text for p in s), union([p.bbox for p in s])) for s in stacks]
    return sorted(labels, key=lambda p: p.bbox[0]), groups


def _stacked(a: Phrase, b: Phrase) -> bool:
    narrower = max(1e-6, min(a.bbox[2] - a.bbox[0], b.bbox[2] - b.bbox[0]))
    return x_overlap(a.bbox, b.bbox) >= STACK_OVERLAP * narrower


class Span(Protocol):
    x0: float
    x1: float


S = TypeVar("S", bound=Span)


def is_numeric(text: str) -> bool:
    """Given a word, return whether it is a plain printed figure (`1,234`, `△64,700`, `0`)."""
    return bool(_FIGURE.match(text))


def column_of(word: Word, columns: Sequence[S]) -> S | None:
    """Given a word and columns (anything with x0 and x1), return its column: by right edge for a
    figure, by left edge for text; None when it falls in none."""
    return column_at(word.bbox[2] - HOLD_SLACK_PT if is_numeric(word.text) else word.bbox[0] + HOLD_SLACK_PT, columns)


def column_at(x: float, columns: Sequence[S]) -> S | None:
    """Given an x and columns left to right, return the first column holding it, else None."""
    return next((c for c in columns if c.x0 - HOLD_SLACK_PT <= x <= c.x1 + HOLD_SLACK_PT), None)


def long_vertical_rules(rules: Iterable[Rule], min_length: float = MIN_RULE_PT) -> list[Rule]:
    """Given ruling lines, return the vertical ones at least `min_length` points long."""
    return [r for r in rules if r.orientation == "v" and r.bbox[3] - r.bbox[1] >= min_length]


def column_bounds(
    headings: Sequence[Heading], rules: Sequence[Rule], width: float, body: Sequence[Line] = ()
) -> list[tuple[float, float]]:
    """Given a table's column headings left to right, the rules of its page, the page's width and the
    text lines of the table's body, return each column's (x0, x1)."""
    verticals = long_vertical_rules(rules)
    ends = [w.bbox[2] for line in body for w in line.words if _AMOUNT.fullmatch(w.text)]
    table_left = _table_left(headings, rules, min((w.bbox[0] for line in body for w in line.words), default=0.0))
    spans = sorted((w.bbox[0], w.bbox[2]) for line in body for w in line.words)
    edges: list[float] = []
    for a, b in zip(headings, headings[1:], strict=False):
        edges.append(_uncut(_edge(a, b, ends, start=edges[-1] if edges else table_left), a, b, spans))
    bounds = []
    for i, head in enumerate(headings):
        crossing = [r.bbox[0] for r in verticals if r.bbox[1] <= head.bottom and r.bbox[3] >= head.top]
        lefts = [x for x in crossing if x <= head.x0 + RULE_SLACK_PT]
        rights = [x for x in crossing if x >= head.x1 - RULE_SLACK_PT]
        prev_edge = edges[i - 1] if i else table_left
        next_edge = edges[i] if i + 1 < len(headings) else width
        x0 = max(lefts) if lefts and (not i or max(lefts) >= headings[i - 1].x1 - 1) else prev_edge
        x1 = min(rights) if rights and (i + 1 == len(headings) or min(rights) <= headings[i + 1].x0 + 1) else next_edge
        bounds.append((x0, x1))
    return bounds


def _edge(left: Heading, right: Heading, figure_ends: Sequence[float], *, start: float) -> float:
    """Where the column of `left` (starting at `start`) ends when no vertical rule says so: just past
    the x where figures end nearest the label's mirror image (`estimate`) for a column of figures; at
    the estimate, or halfway to the next label if that comes first, for a column of text or one with
    no figure under it (a column may start after white space no label heads)."""
    estimate = left.x1 + (left.x0 - start)
    reach = estimate + (left.x1 - left.x0) / 2
    ends = sorted({round(x) for x in figure_ends if left.x1 - RULE_SLACK_PT <= x < min(right.x0, reach)})
    if not left.figures or not ends:
        return min(estimate, (left.x1 + right.x0) / 2)
    return min(ends, key=lambda x: abs(x - estimate)) + 1 + RULE_SLACK_PT


def _uncut(edge: float, left: Heading, right: Heading, spans: Sequence[tuple[float, float]]) -> float:
    """Given an edge estimated between two labels, return it moved into the white space between the
    columns' words when it would cut a word of the body (a column of text whose label is set off its
    middle): to the middle of the gap between the labels that no word crosses nearest the estimate."""
    if not any(x0 < edge - RULE_SLACK_PT and x1 > edge + RULE_SLACK_PT for x0, x1 in spans):
        return edge
    gaps, cursor = [], left.x1
    for x0, x1 in spans:
        if x1 <= cursor or x0 >= right.x0:
            continue
        if x0 > cursor:
            gaps.append((cursor, x0))
        cursor = max(cursor, x1)
    if right.x0 > cursor:
        gaps.append((cursor, right.x0))
    if not gaps:
        return edge
    x0, x1 = min(gaps, key=lambda g: max(g[0] - edge, edge - g[1], 0.0))
    return (x0 + x1) / 2


def _table_left(headings: Sequence[Heading], rules: Sequence[Rule], body_left: float) -> float:
    """Where the table starts when no vertical rule says so: the left end of a horizontal rule drawn
    along its header, else where its body's leftmost word starts (a stamp in the margin is then no
    part of the first column), else the page's edge."""
    top, bottom = min(h.top for h in headings), max(h.bottom for h in headings)
    across = [
        r.bbox[0]
        for r in rules
        if r.orientation == "h" and top - HEADER_RULE_PT <= r.bbox[1] <= bottom + HEADER_RULE_PT
    ]
    return min((x for x in across if x <= headings[0].x0), default=body_left if body_left <= headings[0].x0 else 0.0)
