"""Read scanned pages (an image, no text) glyph by glyph against the reference font (#18).

Why this exists: Tesseract reads a budget book's scan poorly (its letter-spaced table headers come out as
`本年度務算細` or not at all, a line of amounts goes missing, and a page takes ~7-15 s), and PP-OCR's
models (rapidocr) read kanji as simplified Chinese and drop kana. A printed page repeats a few hundred
shapes of one type design, the same shapes the outlined reader (`outlines.py`) already tells apart with
the reference font: so the page is rendered, its ink cut into connected pieces (ruling lines taken out
first and kept as the page's rules), the pieces of each text line grouped into characters, and each
character matched like an outlined glyph, then settled by its line's size, baseline and words.

Grouping pieces into characters is what a bitmap adds: 地 is two pieces side by side, 11 is two digits.
Pieces overlapping across are one character (三, 前); side by side, each way of grouping a line's pieces
is scored by how well its characters match, weighted by the width each one covers, and the best is kept
(dynamic programming over the line: 働 as one shape fits better than イ then 動; 1 then 1 better than 川).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from scipy import ndimage
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from parsers.pdf.geometry import rounded
from parsers.pdf.glyph_match import Candidate, shape_set, shape_vectors
from parsers.pdf.model import PageModel, Rule
from parsers.pdf.outlines import ASPECT_WEIGHT, SIZE_WEIGHT, Glyph, read_glyphs

DEFAULT_DPI = 300
INK_LEVEL = 192  # grey level under which a pixel is ink (a hairline of a 6-pt kanji is light grey)
MIN_RULE_PT = 36.0  # a straight ink run at least this long is a ruling line, never a glyph stroke
RULE_THICKNESS_PT = 2.0  # ... at most this thick
SHORT_RULE = (1.2, 5.0, 14.0)  # a piece this thin (pt) and at least this tall (v) or wide (h): a short cell side
SIDE_REACH_PT = 1.5  # ... when upright, if an end of it comes this close to a ruling line (刂's stroke does not)
BAR_SHARE = 0.95  # ... holding this share of its ink in that thin a band
STROKE_GAP_PT = 0.5  # strokes this close one above the other are one piece
MAX_GLYPH_PT = 40.0  # a piece larger than this either way is a picture or a frame, not a glyph
MIN_INK_PX = 2  # a piece of fewer pixels is dust
STACKED = 0.25  # pieces overlapping across by this share of the narrower are one character (三, 前)
MAX_CHAR_EM = 1.1  # a character's ink is at most this wide (in em)
MAX_PIECES = 5  # ... and made of at most this many pieces side by side
MAX_GAP_EM = 0.45  # pieces of one character are closer than this
INK_HEIGHT_EM = 0.88  # a line's tallest ink (a kanji's) is about this share of its em
DIGIT_TIE = 0.2  # in a figure (`120,000`, `100千円`), a digit fitting this close to the best is read
NEAR_TIE = 0.1  # look-alikes fitting this close to the best are told apart by the words they make
RUN_GAP = 0.7  # pieces of one run of text are closer than this × the taller one's height
RUN_OVERLAP = 0.5  # ... and share this much of the smaller one's height
CHUNK = 512  # pieces compared with all others at a time (memory)
SURE_MARGIN = 0.04  # a shape whose best character fits this much better than the next is told for sure
SAME_INK = 0.95  # ... and one this similar to it, of its size within SIZE_SLACK_PX, prints the same
SIZE_SLACK_PX = 1
LOOK_ALIKES = 8  # ... provided the sure shape's character is among its own closest few
EIGHT = np.ones((3, 3), dtype=bool)  # pixels touching at a corner are connected
HAIRLINE_PX = 2  # flat bits this thin and this close are one stroke
TOUCHING_EM = 0.7  # a piece this wide may be two characters touching ...
FLAT = 0.5  # ... unless it is flatter than this (height / width)
NECK_PX = 2  # ... cut where a column holds at most this much of its ink
RANKED = 8  # candidates of a grouping weighed by size and proportion when grouping
DUST = 0.25  # a run of pieces all smaller than this × the page's usual piece is specks of the paper
TWO_LINES = 1.7  # a piece taller than this × the page's usual piece may be two lines touching ...
ONE_LINE = 1.2  # ... and is cut where no row holds ink if then no part is taller than this × usual
CHAR_COST = 0.05  # a character of a grouping costs this much fit × em (0.03 reads 別 as `§I]`, 0.08 `11` as Η) ...
FIGURE_CHARS = frozenset("0123456789,.")  # ... unless it is one of a figure's


@dataclass(frozen=True, slots=True)
class _Scan:
    darkness: np.ndarray  # 255 - grey
    labels: np.ndarray  # each pixel's piece (ink darker than INK_LEVEL), 0 for none


@dataclass(slots=True)
class _Piece:
    labels: list[int]
    box: tuple[int, int, int, int]  # pixels: x0, top, x1, bottom (exclusive)

    @property
    def height(self) -> int:
        return self.box[3] - self.box[1]


def read_scanned_page(path: Path, number: int, dpi: int = DEFAULT_DPI) -> PageModel:
    """Given a PDF and a 1-based page number, return the page read from its image, glyph by glyph.

    Raises glyph_match.NoReferenceFont when the reference fonts are not installed.
    """
    grey, width, height = render(path, number, dpi)
    scale = 72 / dpi
    ink = grey < INK_LEVEL
    rules = ruling_lines(ink, scale)
    near = ndimage.binary_dilation(ink, structure=np.ones((round(STROKE_GAP_PT / scale) * 2 + 1, 1), dtype=bool))
    labels, _ = ndimage.label(near, structure=EIGHT)
    labels[~ink] = 0  # each piece is its own ink, pieces a hair apart one above the other joined (金's dots)
    pieces, short_rules = _pieces(labels, scale, rules)
    scan = _Scan(255 - grey, labels)
    usual = float(np.median([p.height for p in pieces])) if pieces else 0.0  # about a character's ink
    glyphs = _glyphs(scan, _unstacked(scan, pieces, usual), scale, height, usual)
    words = tuple(read_glyphs(glyphs, height, NEAR_TIE, DIGIT_TIE)) if glyphs else ()
    return PageModel(
        number=number,
        width=width,
        height=height,
        words=words,
        rules=tuple(rules + short_rules),
        tables=(),
        char_count=sum(len(w.text) for w in words),
        has_graphics=True,
    )


def render(path: Path, number: int, dpi: int) -> tuple[np.ndarray, float, float]:
    """The page as a grey bitmap at `dpi` (0 = black), and its width and height in points."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[number - 1]
        width, height = page.get_size()
        bitmap = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        pdf.close()
    return np.asarray(bitmap), float(width), float(height)


def ruling_lines(ink: np.ndarray, scale: float) -> list[Rule]:
    """Find the ruling lines (straight ink runs at least MIN_RULE_PT long), take them out of `ink`, return them."""
    min_len, thick = int(MIN_RULE_PT / scale), max(1, int(RULE_THICKNESS_PT / scale))
    found = [(o, run) for o, plane in (("h", ink), ("v", ink.T)) for run in _runs(plane, min_len, thick)]
    rules = []
    for orientation, (start, end, first, last) in found:  # cleared once all are found: crossings stay whole
        plane = ink if orientation == "h" else ink.T  # a view: clearing it clears ink
        plane[max(0, first - 1) : last + 1, start:end] = False  # with the light fringe either side
        box = (start * scale, first * scale, end * scale, last * scale)
        rules.append(Rule(orientation, rounded(box if orientation == "h" else (box[1], box[0], box[3], box[2]))))
    return rules


def _runs(ink: np.ndarray, min_len: int, thick: int) -> list[tuple[int, int, int, int]]:
    """Runs along rows at least `min_len` long, adjacent rows of the same run merged (at most `thick`
    rows): (start, end, first row, last row + 1)."""
    found: dict[tuple[int, int], list[int]] = {}
    for y in np.flatnonzero(ink.sum(axis=1) >= min_len):
        edges = np.flatnonzero(np.diff(np.concatenate(([0], ink[y].astype(np.int8), [0]))))
        for start, end in zip(edges[::2], edges[1::2], strict=True):
            if end - start >= min_len:
                found.setdefault((int(start), int(end)), []).append(int(y))
    runs = []
    for (start, end), ys in found.items():
        for group in np.split(np.asarray(ys), np.flatnonzero(np.diff(ys) > 1) + 1):
            if len(group) <= thick:
                runs.append((start, end, int(group[0]), int(group[-1]) + 1))
    return runs


def _pieces(labels: np.ndarray, scale: float, rules: list[Rule]) -> tuple[list[_Piece], list[Rule]]:
    """The glyph-sized pieces of ink, and the short cell sides among the rest: a thin bar as long as a
    cell, which, when upright, ends at a ruling line (`rules`, the long ones); an upright bar that
    reaches no rule is a glyph's stroke (the long stroke of 刂 in 別, 利, 割 is as thin and as tall)."""
    pieces, sides = [], []
    thin, tall, wide = (v / scale for v in SHORT_RULE)
    big = MAX_GLYPH_PT / scale
    counts = np.bincount(labels.ravel())
    for label, found in enumerate(ndimage.find_objects(labels), start=1):
        if found is None or counts[label] < MIN_INK_PX:
            continue
        rows, cols = found
        box = (cols.start, rows.start, cols.stop, rows.stop)
        w, h = box[2] - box[0], box[3] - box[1]
        side = Rule("v" if h > w else "h", rounded(tuple(v * scale for v in box)))
        upright = h >= tall and _bar(labels[found] == label, thin)
        if upright and _meets_rule(side.bbox, rules) or w >= wide and _bar((labels[found] == label).T, thin):
            sides.append(side)
        elif w <= big and h <= big:
            pieces.append(_Piece([label], box))
    return pieces, sides


def _unstacked(scan: _Scan, pieces: list[_Piece], usual: float) -> list[_Piece]:
    """The pieces with each as tall as two lines cut where a row holds no ink: the lines of a name
    wrapped in a narrow 説明 cell are set so tight (under a point apart) that a character of one touches
    one of the next through the joining of strokes close one above the other (STROKE_GAP_PT), and the
    two lines would read as one. Only a piece over TWO_LINES of the page's `usual` piece height whose
    parts are each of a line's height is cut: a large title's 三 stays whole."""
    out = []
    for piece in pieces:
        parts = _rows_apart(scan, piece) if piece.height > TWO_LINES * usual else [piece]
        out += parts if all(p.height <= ONE_LINE * usual for p in parts) else [piece]
    return out


def _rows_apart(scan: _Scan, piece: _Piece) -> list[_Piece]:
    """The piece cut at its rows that hold none of its ink, each part cut to its ink."""
    x0, top, x1, bottom = piece.box
    own = np.isin(scan.labels[top:bottom, x0:x1], piece.labels)
    starts = np.flatnonzero(np.diff(np.concatenate(([0], own.any(axis=1).astype(np.int8), [0]))))
    parts = []
    for first, end in zip(starts[::2], starts[1::2], strict=True):
        columns = np.flatnonzero(own[first:end].any(axis=0))
        parts.append(_Piece(piece.labels, (x0 + int(columns[0]), top + first, x0 + int(columns[-1]) + 1, top + end)))
    return parts


def _meets_rule(box: tuple[float, float, float, float], rules: list[Rule]) -> bool:
    """Whether an upright bar's top or bottom comes within SIDE_REACH_PT of a ruling line (points)."""
    x = (box[0] + box[2]) / 2
    for rule in rules:
        x0, top, x1, bottom = rule.bbox
        if rule.orientation == "h" and x0 - SIDE_REACH_PT <= x <= x1 + SIDE_REACH_PT:
            if min(abs(top - box[1]), abs(top - box[3]), abs(bottom - box[1]), abs(bottom - box[3])) <= SIDE_REACH_PT:
                return True
        elif rule.orientation == "v" and abs((x0 + x1) / 2 - x) <= SIDE_REACH_PT:
            if min(abs(bottom - box[1]), abs(top - box[3])) <= SIDE_REACH_PT:
                return True
    return False


def _bar(ink: np.ndarray, thin: float) -> bool:
    """Whether a piece is an upright bar: nearly all its ink in a band of columns `thin` wide (a stub of
    the crossing rule it was cut from may stick out)."""
    columns = ink.sum(axis=0)
    band = max(1, int(thin))
    return bool(np.convolve(columns, np.ones(band), mode="valid").max() >= BAR_SHARE * columns.sum())


def _glyphs(scan: _Scan, pieces: list[_Piece], scale: float, height: float, usual: float) -> list[Glyph]:
    """Group each run of text's pieces into characters and match them: the glyphs `outlines.read_glyphs`
    reads. A run of nothing but dust (every piece under DUST of the `usual` piece height, both ways) is
    no text: the specks of a real scan's paper, which would read as `・`, `、` or `‐` lines of their own.
    A comma or a point is as small, but never stands alone: it is in its figure's run."""
    runs = [run for run in _text_runs(pieces) if any(max(p.height, _width(p)) >= DUST * usual for p in run)]
    lines = [_split_touching(scan, _stacked(run)) for run in runs]
    shapes: dict[bytes, int] = {}
    vectors, inks, groupings = [], [], []
    for line in lines:
        groupings.append([])
        for first, end, group in _groupings(line):
            ink = _ink(scan, group)
            key = bytes(str(ink.shape), "ascii") + np.packbits(ink).tobytes()  # the same ink is matched once
            if key not in shapes:
                shapes[key] = len(vectors)
                vectors.append(shape_vectors(ink))
                inks.append(ink)
            groupings[-1].append((first, end, group, shapes[key]))
    reference = shape_set()
    matches = reference.match(np.stack(vectors)) if vectors else []
    picks = (_best_grouping(line, found, matches) for line, found in zip(lines, groupings, strict=True))
    chosen = [pick for line in picks for pick in line]
    for shape in {shape for _, shape in chosen}:  # the characters read, looked at again where detail tells
        matches[shape] = reference.refine(inks[shape], matches[shape])
    like = _like_sure_shapes(chosen, vectors, matches)
    glyphs = []
    for group, shape in chosen:
        glyph = _as_glyph(group, len(glyphs), scale, height)
        glyph.match = matches[like.get(shape, shape)]
        glyphs.append(glyph)
    return glyphs


def _like_sure_shapes(
    chosen: list[tuple[_Piece, int]], vectors: list[np.ndarray], matches: list[list[Candidate]]
) -> dict[int, int]:
    """For each shape the reference font leaves in doubt (its best two characters within SURE_MARGIN),
    the shape of the same page it is nearly identical to (SAME_INK) that the font tells for sure as one
    of the doubtful shape's own look-alikes, if any: a page prints each character many times, and at
    6 pt one 0 of `120,000` may fit 6 as well as 0 while the next 0 is plainly a 0."""
    sizes: dict[int, tuple[int, int]] = {shape: (_width(group), group.height) for group, shape in chosen}
    shapes = sorted(sizes)
    margin = {k: matches[k][0].score - matches[k][1].score if len(matches[k]) > 1 else 1.0 for k in shapes}
    sure = [k for k in shapes if margin[k] >= SURE_MARGIN]
    doubtful = [k for k in shapes if margin[k] < SURE_MARGIN]
    if not sure or not doubtful:
        return {}
    n = len(vectors[0]) // 2  # the shapes as they are, proportions kept
    sims = np.stack([vectors[k][:n] for k in doubtful]) @ np.stack([vectors[k][:n] for k in sure]).T
    found = {}
    for row, k in zip(sims, doubtful, strict=True):
        w, h = sizes[k]
        for j in np.argsort(-row):
            if row[j] < SAME_INK:
                break
            sw, sh = sizes[sure[j]]
            told = matches[sure[j]][0].char
            near = any(c.char == told for c in matches[k][:LOOK_ALIKES])  # only a tie among its own look-alikes
            if near and abs(sw - w) <= SIZE_SLACK_PX and abs(sh - h) <= SIZE_SLACK_PX:
                found[k] = sure[j]
                break
    return found


def _text_runs(pieces: list[_Piece]) -> list[list[_Piece]]:
    """Pieces chained left to right into runs of text: each next piece starts after the last one, within
    RUN_GAP of its height, and shares most of its height (the smaller one's). Runs, not page-wide lines:
    columns of a table set their rows at their own heights, and every piece of a character must meet
    in one run to be grouped."""
    box = np.asarray([p.box for p in pieces], dtype=np.float32).reshape(-1, 4)
    x0, top, x1, bottom = box.T
    h = bottom - top
    left, right = [], []
    for start in range(0, len(pieces), CHUNK):
        i = slice(start, start + CHUNK)
        overlap = np.minimum(bottom[i, None], bottom) - np.maximum(top[i, None], top)
        gap = x0 - x1[i, None]
        near = (x0 > x0[i, None]) & (gap <= RUN_GAP * np.maximum(h[i, None], h))
        a, b = np.nonzero(near & (overlap >= RUN_OVERLAP * np.minimum(h[i, None], h)))
        left.append(a + start)
        right.append(b)
    pairs = (np.ones(sum(map(len, left))), (np.concatenate(left), np.concatenate(right)))
    _, run_of = connected_components(coo_matrix(pairs, shape=(len(pieces),) * 2), directed=False)
    runs: dict[int, list[_Piece]] = {}
    for piece, run in zip(pieces, run_of, strict=True):
        runs.setdefault(int(run), []).append(piece)
    return list(runs.values())


def _as_glyph(piece: _Piece, key: int, scale: float, height: float) -> Glyph:
    """A piece as a glyph of the outlined reader: its box in PDF user space (points, y up)."""
    x0, top, x1, bottom = piece.box
    return Glyph(key, (x0 * scale, height - bottom * scale, x1 * scale, height - top * scale))


def _stacked(line: list[_Piece]) -> list[_Piece]:
    """The line's pieces left to right, those overlapping across by STACKED of the narrower joined (三, 前),
    and so are the bits of a hairline broken in the scan (the dash of `- 587 -`)."""
    joined: list[_Piece] = []
    for piece in sorted(line, key=lambda p: p.box[0]):
        last = joined[-1] if joined else None
        hairline = last and max(last.height, piece.height) <= HAIRLINE_PX and piece.box[0] - last.box[2] <= HAIRLINE_PX
        if last and (hairline or last.box[2] - piece.box[0] >= STACKED * min(_width(last), _width(piece))):
            joined[-1] = _join(last, piece)
        else:
            joined.append(piece)
    return joined


def _split_touching(scan: _Scan, line: list[_Piece]) -> list[_Piece]:
    """The line's pieces with each too wide for one half-width character cut where its ink is thinnest
    (two digits touching through their light edges, `60` of `7,602,600`): the grouping joins the halves
    again where the whole fits better."""
    em = _em(line)
    out = []
    for piece in line:
        x0, top, x1, bottom = piece.box
        if x1 - x0 < TOUCHING_EM * em or bottom - top < FLAT * (x1 - x0):  # a dash is no two characters
            out.append(piece)
            continue
        columns = np.isin(scan.labels[top:bottom, x0:x1], piece.labels).sum(axis=0)
        lo, hi = int(len(columns) * 0.3), int(len(columns) * 0.7)
        cut = lo + int(np.argmin(columns[lo:hi]))
        if columns[cut] > NECK_PX:
            out.append(piece)
            continue
        out += [_Piece(piece.labels, (x0, top, x0 + cut, bottom)), _Piece(piece.labels, (x0 + cut, top, x1, bottom))]
    return out


def _width(piece: _Piece) -> int:
    return piece.box[2] - piece.box[0]


def _join(a: _Piece, b: _Piece) -> _Piece:
    box = (min(a.box[0], b.box[0]), min(a.box[1], b.box[1]), max(a.box[2], b.box[2]), max(a.box[3], b.box[3]))
    return _Piece(a.labels + b.labels, box)


def _groupings(line: list[_Piece]) -> list[tuple[int, int, _Piece]]:
    """Every run of neighbouring pieces that could be one character: (first, last + 1, joined piece)."""
    em = _em(line)
    found = []
    for i, first in enumerate(line):
        group = first
        found.append((i, i + 1, group))
        for j in range(i + 1, min(i + MAX_PIECES, len(line))):
            if line[j].box[0] - line[j - 1].box[2] > MAX_GAP_EM * em:
                break
            group = _join(group, line[j])
            if _width(group) > MAX_CHAR_EM * max(em, group.height / INK_HEIGHT_EM):  # a title is set larger
                break
            found.append((i, j + 1, group))
    return found


def _em(line: list[_Piece]) -> float:
    """The line's em in pixels, from its tall pieces (a kanji's ink is ~0.88 em tall)."""
    tallest = max(p.height for p in line)
    tall = [p.height for p in line if p.height >= 0.6 * tallest]
    return float(np.median(tall)) / INK_HEIGHT_EM


def _best_grouping(
    line: list[_Piece], found: list[tuple[int, int, _Piece, int]], matches: list[list[Candidate]]
) -> list[tuple[_Piece, int]]:
    """The grouping of the line's pieces into characters whose matches, weighted by the width each covers
    (from its ink's start to the next character's, at most half an em past its ink), fit best, each
    character other than a figure's costing CHAR_COST em: simple strokes fit some bar-like character
    well (刂 as `I` then `]`), so a kanji cut into strokes would otherwise outscore it whole (別 as
    `§I]`); a digit pays nothing, `11` being two characters as often as a kanji is one."""
    em = _em(line)
    best: list[tuple[float, list[tuple[_Piece, int]]]] = [(0.0, [])] + [(-math.inf, [])] * len(line)
    for first, end, group, shape in sorted(found, key=lambda t: (t[1], t[0])):
        reach = line[end].box[0] if end < len(line) else group.box[2]
        covered = max(1.0, min(reach, group.box[2] + 0.5 * em) - group.box[0])
        fit, char = _fit(matches[shape], group, em)
        score = best[first][0] + fit * covered - (0.0 if char in FIGURE_CHARS else CHAR_COST * em)
        if score > best[end][0]:
            best[end] = (score, best[first][1] + [(group, shape)])
    return best[-1][1]


def _fit(candidates: list[Candidate], group: _Piece, em: float) -> tuple[float, str]:
    """How well the best of a grouping's candidates fits it by shape, size and proportion, and which it is."""
    w, h = max(_width(group), 1), max(group.height, 1)
    fits = []
    for c in candidates[:RANKED]:
        ref_w, ref_h = max(c.width, 0.05) * em, max(c.height, 0.05) * em
        size = abs(math.log(h / ref_h))
        aspect = abs(math.log(w / h * ref_h / ref_w))
        fits.append((c.score - SIZE_WEIGHT * size - ASPECT_WEIGHT * aspect, c.char))
    return max(fits)


def _ink(scan: _Scan, piece: _Piece) -> np.ndarray:
    """The piece's own ink, as dark as scanned, cut to its box (a neighbour's reaching into it left out)."""
    x0, top, x1, bottom = piece.box
    own = np.isin(scan.labels[top:bottom, x0:x1], piece.labels)
    return np.where(own, scan.darkness[top:bottom, x0:x1], 0).astype(np.uint8)
