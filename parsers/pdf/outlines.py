"""Read pages whose glyphs are drawn as vector outlines, one distinct shape at a time (#18).

Why this exists: a chapter converted to outlines (`gs -dNoOutputFonts`, "create outlines") has no text
layer, but every glyph is still an exact vector path, and a page repeats a few hundred shapes over a
thousand times. Rasterising the page for Tesseract throws that away (it misreads △ as ム, commas as
periods). Here each filled path small enough to be a glyph is one glyph; glyphs whose outlines are the
same once moved to the origin form one cluster; each cluster is rasterised once and matched against the
reference font (`glyph_match.ShapeSet`: shapes compared inside their ink boxes). The text line then
settles what shape alone cannot: its size and baseline (from the tall glyphs recognised with
confidence) rank look-alikes by where and how big they sit (`.` / `・`, `ー` / `-`), and give each
glyph its advance box, so Words (text, bbox, size) come out as a text layer's would. Near-ties left
after that are broken by the word's text: a digit where the word has no letter, and among kanji and kana
the reading Sudachi finds most plausible for the fit it gives up. Ruling lines come from the page's
stroked lines and rectangles.
"""

from __future__ import annotations

import ctypes
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from statistics import median

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from parsers.normalize import path_cost
from parsers.pdf.glyph_match import Candidate, shape_set, shape_vectors
from parsers.pdf.model import PageModel, Rule, Word
from parsers.pdf.page import DEFAULT_WORD_X_TOLERANCE_PT

MAX_GLYPH_PT = 40.0  # a filled path larger than this either way is a shape or a fill, not a glyph
MIN_GLYPHS = 20  # a page with fewer glyph-like paths is not outlined text
KEY_PRECISION_PT = 0.02  # outline points rounded to this before hashing: the same shape repeats exactly
RASTER_PX = 64  # a cluster's outline is rasterised with its longer side this many pixels
BEZIER_STEPS = 6
TALL_EM = 0.6  # a reference glyph at least this tall (in em) tells the line's size (no x-height letter: a scanned
# 目 that matched `u` made its own em 10.6 pt)
CONFIDENT = 0.75  # ... when its shape matched at least this well
ANCHOR_SHARE = 0.3  # ... and its ink is at least this share of the line's tallest (the `.` of `0.6` looks like ●)
SIZE_WEIGHT = 0.2  # penalty per unit of |log| size mismatch when ranking look-alikes in their line
ASPECT_WEIGHT = 0.3  # ... per unit of |log| mismatch of width / height (目 is narrow, 且 is wide)
LETTER_SPACING = 1.5  # single characters closer than this (in em) may be one letter-spaced word
INK_JOIN = 0.3  # glyphs whose inks are closer than this (in em) are one word
HALF_WIDTH_INK = 0.55  # a glyph inked wider than this (in em) is set full-width, whatever its code (△)
FULL_PITCH = (0.85, 1.15)  # centre distances (in em) of characters set full-width
NEAR_TIE = 0.06  # candidates fitting this close to the best are told apart by the words they make
COST_PER_FIT = 60_000  # Sudachi path cost worth one unit of shape fit: その他 (-3447 for 0.045) is taken,
# 逮合静岡 for 連合静岡 (-2459 for 0.055) and 労政青 for 労政費 (-1811 for 0.032) are not
SEPARATOR_EM = 0.4  # a mark between digits shorter than this, its foot within ON_BASELINE_EM of the baseline,
ON_BASELINE_EM = 0.15  # is a separator: a comma when taller than COMMA_ASPECT × its width, else a point
COMMA_ASPECT = 1.3
SIGNS = "△▲-−"  # a sign printed before a figure
_CODE_BEFORE_WORDS = re.compile(r"^[0-9]+(?=[^0-9,.])")  # `1款`, not `405,915千円`
PLACE_WEIGHT = 0.6  # penalty per em of vertical misplacement against the line's baseline
ASCENT, DESCENT = 0.88, 0.12  # the text layer's char box around the baseline, in em (CJK fonts)
RULE_THICKNESS_PT = 2.0  # a filled rectangle thinner than this is a ruling line
OVERPRINT = 0.7  # glyph boxes overlapping this much (of their union) are one glyph painted twice
OVERPRINT_PT = 0.3  # ... as are boxes whose edges are all this close
MAX_DASH_PT = 12.0  # a filled rectangle this short is a glyph (-, ー, 一), longer ones are rules or fills
DASH_ASPECT = 0.35  # ... and this flat: a squarer one is a cell's fill


@dataclass(slots=True)
class Glyph:
    key: tuple
    box: tuple[float, float, float, float]  # ink box, PDF user space (x0, y0, x1, y1), y up
    match: list[Candidate] | None = None
    char: str = ""
    score: float = 0.0
    em: float = 0.0
    origin: float = 0.0  # x of the pen position before the glyph
    advance: float = 0.0
    base: float = 0.0  # the line's baseline y
    rivals: tuple[tuple[str, float], ...] = ()  # other characters fitting almost as well, and how much worse
    digit: str | None = None  # the best-fitting digit, when it fits within the digit tie of the best


def read_outlined_page(path: Path, number: int) -> PageModel | None:
    """Given a PDF and a 1-based page number, return the page read from its glyph outlines.

    Returns None when the page holds too few glyph-like paths to be outlined text (a scan, a chart).
    """
    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[number - 1]
        width, height = page.get_size()
        glyphs, shapes, rules = _page_paths(page, height)
    finally:
        pdf.close()
    if len(glyphs) < MIN_GLYPHS:
        return None
    keys = list(shapes)
    matches = shape_set().match(np.stack([shape_vectors(rasterise(shapes[k])) for k in keys]))
    by_key = dict(zip(keys, matches, strict=True))
    for glyph in glyphs:
        glyph.match = by_key[glyph.key]
    words = tuple(read_glyphs(glyphs, height))
    return PageModel(
        number=number,
        width=float(width),
        height=float(height),
        words=words,
        rules=tuple(rules),
        tables=(),
        char_count=sum(len(w.text) for w in words),
        has_graphics=True,
    )


def _page_paths(page, height: float) -> tuple[list[Glyph], dict[tuple, list[np.ndarray]], list[Rule]]:
    """Split the page's path objects into glyphs (with their outline per distinct shape) and ruling lines."""
    glyphs: list[Glyph] = []
    shapes: dict[tuple, list[np.ndarray]] = {}
    rules: list[Rule] = []
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    for obj in page.get_objects(max_depth=8):
        if obj.type != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        pdfium_c.FPDFPath_GetDrawMode(obj.raw, fill, stroke)
        contours = _contours(obj)
        if not contours:
            continue
        points = np.concatenate(contours)
        x0, y0 = points.min(axis=0)
        x1, y1 = points.max(axis=0)
        if fill.value and not stroke.value and _is_glyph(contours, x1 - x0, y1 - y0):
            key = tuple(tuple(np.round((c - (x0, y0)) / KEY_PRECISION_PT).astype(int).ravel()) for c in contours)
            shapes.setdefault(key, [c - (x0, y0) for c in contours])
            glyphs.append(Glyph(key, (float(x0), float(y0), float(x1), float(y1))))
        else:
            rules += _rules_of(contours, height, filled=bool(fill.value) and not stroke.value)
    return _without_overprints(glyphs), shapes, rules


def _without_overprints(glyphs: list[Glyph]) -> list[Glyph]:
    """Drop a glyph painted over one already kept (some converters draw each glyph twice, the second
    outline a little fatter): boxes overlapping by OVERPRINT of their union are one glyph."""
    kept: list[Glyph] = []
    cells: dict[tuple[int, int], list[Glyph]] = {}
    for glyph in glyphs:
        x0, y0, x1, y1 = glyph.box
        cell = (round((x0 + x1) / 2), round((y0 + y1) / 2))
        near = [k for dx in (-1, 0, 1) for dy in (-1, 0, 1) for k in cells.get((cell[0] + dx, cell[1] + dy), [])]
        if any(_overlap(glyph.box, k.box) >= OVERPRINT or _same_box(glyph.box, k.box) for k in near):
            continue
        kept.append(glyph)
        cells.setdefault(cell, []).append(glyph)
    return kept


def _same_box(a, b) -> bool:
    """Boxes whose edges all lie within OVERPRINT_PT: a thin glyph (a dash) painted twice overlaps its
    own second outline by less than OVERPRINT of their union."""
    return all(abs(p - q) <= OVERPRINT_PT for p, q in zip(a, b, strict=True))


def _overlap(a, b) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    inter = w * h
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def _contours(obj) -> list[np.ndarray]:
    """Return the path's subpaths as point arrays in page space, curves flattened."""
    raw = obj.raw
    matrix = obj.get_matrix()
    x, y = ctypes.c_float(), ctypes.c_float()
    contours: list[list[tuple[float, float]]] = []
    pending: list[tuple[float, float]] = []
    for i in range(pdfium_c.FPDFPath_CountSegments(raw)):
        seg = pdfium_c.FPDFPath_GetPathSegment(raw, i)
        pdfium_c.FPDFPathSegment_GetPoint(seg, x, y)
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        point = matrix.on_point(x.value, y.value)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO or not contours:
            contours.append([point])
        elif kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            pending.append(point)
            if len(pending) == 3:
                contours[-1] += _bezier(contours[-1][-1], *pending)
                pending = []
        else:
            contours[-1].append(point)
    return [np.asarray(c, dtype=np.float64) for c in contours if len(c) > 1]


def _bezier(p0, p1, p2, p3) -> list[tuple[float, float]]:
    t = np.linspace(0, 1, BEZIER_STEPS + 1)[1:, None]
    a, b, c, d = (np.asarray(p) for p in (p0, p1, p2, p3))
    pts = (1 - t) ** 3 * a + 3 * (1 - t) ** 2 * t * b + 3 * (1 - t) * t**2 * c + t**3 * d
    return [tuple(p) for p in pts]


def _is_glyph(contours: list[np.ndarray], width: float, height: float) -> bool:
    """A filled path is a glyph when it is small; a rectangle only when it is as small and flat as a dash
    (an upright bar is a piece of a ruling line drawn in segments)."""
    if max(width, height) > MAX_GLYPH_PT:
        return False
    if not _is_rect(contours):
        return True
    return 0.05 < height <= DASH_ASPECT * width and width <= MAX_DASH_PT


def _is_rect(contours: list[np.ndarray]) -> bool:
    """A single axis-aligned rectangle (a cell fill or a thin ruling line), not a glyph."""
    if len(contours) != 1 or not 4 <= len(contours[0]) <= 5:
        return False
    xs, ys = np.unique(np.round(contours[0][:, 0], 2)), np.unique(np.round(contours[0][:, 1], 2))
    return len(xs) == 2 and len(ys) == 2


def _rules_of(contours: list[np.ndarray], height: float, *, filled: bool) -> list[Rule]:
    """Ruling lines of a non-glyph path: its straight axis-aligned segments, a thin filled rectangle as one."""
    if filled and _is_rect(contours):
        (x0, y0), (x1, y1) = contours[0].min(axis=0), contours[0].max(axis=0)
        if min(x1 - x0, y1 - y0) <= RULE_THICKNESS_PT:
            return [Rule("h" if x1 - x0 >= y1 - y0 else "v", _flip((x0, y0, x1, y1), height))]
    rules = []
    for contour in contours:
        closed = np.vstack([contour, contour[:1]]) if filled else contour
        for (ax, ay), (bx, by) in zip(closed[:-1], closed[1:], strict=True):
            if abs(ay - by) < 0.01 and abs(ax - bx) > 0.01:
                rules.append(Rule("h", _flip((min(ax, bx), ay, max(ax, bx), ay), height)))
            elif abs(ax - bx) < 0.01 and abs(ay - by) > 0.01:
                rules.append(Rule("v", _flip((ax, min(ay, by), ax, max(ay, by)), height)))
    return rules


def _flip(box, height: float) -> tuple[float, float, float, float]:
    """PDF user space (y up) to the page model's (x0, top, x1, bottom)."""
    x0, y0, x1, y1 = box
    return (round(float(x0), 2), round(height - float(y1), 2), round(float(x1), 2), round(height - float(y0), 2))


def rasterise(contours: list[np.ndarray]) -> np.ndarray:
    """Fill an outline (nonzero winding, as PDF `f` fills) into a bitmap whose longer side is RASTER_PX."""
    points = np.concatenate(contours)
    span = max(float(np.ptp(points[:, 0])), float(np.ptp(points[:, 1])), 1e-6)
    scale = (RASTER_PX - 1) / span
    w = max(1, math.ceil(np.ptp(points[:, 0]) * scale) + 1)
    h = max(1, math.ceil(np.ptp(points[:, 1]) * scale) + 1)
    edges = []
    for contour in contours:
        c = contour * scale
        edges.append(np.hstack([c, np.roll(c, -1, axis=0)]))
    e = np.vstack(edges)
    e = e[e[:, 1] != e[:, 3]]
    ys = np.arange(h) + 0.5
    lo, hi = np.minimum(e[:, 1], e[:, 3]), np.maximum(e[:, 1], e[:, 3])
    winding = np.where(e[:, 3] > e[:, 1], 1, -1)
    image = np.zeros((h, w), dtype=np.uint8)
    xs = np.arange(w) + 0.5
    for row, y in enumerate(ys):
        hit = (lo <= y) & (y < hi)
        if not hit.any():
            continue
        eh = e[hit]
        cross = eh[:, 0] + (y - eh[:, 1]) * (eh[:, 2] - eh[:, 0]) / (eh[:, 3] - eh[:, 1])
        total = (winding[hit][None, :] * (cross[None, :] <= xs[:, None])).sum(axis=1)
        image[h - 1 - row] = np.where(total != 0, 255, 0)  # y up in the outline, down in the image
    return image


def read_glyphs(
    glyphs: list[Glyph], height: float, near_tie: float = NEAR_TIE, digit_tie: float = NEAR_TIE
) -> list[Word]:
    """Given glyphs matched against the reference shapes (`match` set; boxes in PDF user space, y up) on a
    page `height` points tall, settle each one's character by its text line and return the words.
    Candidates fitting within `near_tie` of the best are told apart by the words they make (a scan's
    shapes fit less exactly than outlines)."""
    lines = lines_of(glyphs)
    for line in lines:
        _settle_line(line, near_tie, digit_tie)
    return _words(lines, height)


def lines_of(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Group glyphs into text lines: runs whose vertical extents overlap, tallest glyphs seeding each line."""
    lines: list[list[Glyph]] = []
    spans: list[tuple[float, float]] = []
    for glyph in sorted(glyphs, key=lambda g: -(g.box[3] - g.box[1])):
        y0, y1 = glyph.box[1], glyph.box[3]
        mid = (y0 + y1) / 2
        for i, (lo, hi) in enumerate(spans):
            if lo <= mid <= hi:
                lines[i].append(glyph)
                break
        else:
            lines.append([glyph])
            spans.append((y0, y1))
    return lines


def _settle_line(line: list[Glyph], near_tie: float, digit_tie: float) -> None:
    """Given one text line's glyphs, take each glyph's em size and baseline from the nearest tall glyph
    recognised with confidence (a line may hold a title and a smaller amount), then choose its character
    among its shape's candidates by size and place, and give it its advance box."""
    anchors = []
    tallest = max(g.box[3] - g.box[1] for g in line)
    for g in line:
        best = g.match[0]
        small = g.box[3] - g.box[1] < ANCHOR_SHARE * tallest  # a dot matching ● is no tall glyph
        if best.score >= CONFIDENT and best.height >= TALL_EM and not small:
            em = (g.box[3] - g.box[1]) / best.height
            anchors.append(((g.box[0] + g.box[2]) / 2, em, g.box[1] - best.y0 * em))
    if not anchors:  # no tall glyph recognised: every glyph's own best guess
        for g in line:
            best = g.match[0]
            em = (g.box[3] - g.box[1]) / max(best.height, 0.05)
            anchors.append(((g.box[0] + g.box[2]) / 2, em, g.box[1] - best.y0 * em))
    xs = np.asarray([a[0] for a in anchors])
    for g in line:
        _, em, base = anchors[int(np.argmin(np.abs(xs - (g.box[0] + g.box[2]) / 2)))]
        fits = sorted(((_fit(c, g, em, base), c) for c in g.match), key=lambda fc: -fc[0])
        best = fits[0][1]
        g.char, g.score, g.em, g.base = best.char, best.score, em, base
        g.rivals = tuple((c.char, fits[0][0] - f) for f, c in fits[1:] if fits[0][0] - f <= near_tie)
        g.digit = next((c.char for f, c in fits[1:] if fits[0][0] - f <= digit_tie and _is_digit(c.char)), None)
        if _is_wide(best.char) or g.box[2] - g.box[0] <= HALF_WIDTH_INK * em:
            width = 1.0 if _is_wide(best.char) else 0.5
            g.origin = g.box[0] - best.x0 * em * width / max(best.advance, 0.1)
        else:  # inked too wide for half an em (△, ４): a full-width cell around its ink
            width, g.origin = 1.0, (g.box[0] + g.box[2] - em) / 2
        g.advance = width * em


def _widen_full_width(line: list[Glyph]) -> None:
    """Digits or letters set one em apart are full-width (`１１款`), and so is one set alone between two
    wide characters two ems apart (`第１表`), or one alone before a wide character one em away, centre
    to centre (`１か月児`, `２項`): give them an em each. Not a digit beside a dash, nor a code before its
    name: `- 371 -` and `1 一般管理費` set a half-width character, a space and the next character, whose
    centre is then 1.25 em from the digit's."""
    for g, h in zip(line, line[1:], strict=False):
        alnum = all(_is_alnum(x) for x in (g, h))
        if alnum and g.advance < g.em and FULL_PITCH[0] <= _pitch(g, h) / g.em <= FULL_PITCH[1]:
            for x in (g, h) if h.advance < h.em else (g,):
                _full_cell(x)
    for before, g, h in zip([None, *line], line, line[1:], strict=False):
        alone = _is_alnum(g) and not (before is not None and _is_alnum(before)) and _is_wide(h.char)
        if alone and g.advance < g.em and FULL_PITCH[0] <= _pitch(g, h) / g.em <= FULL_PITCH[1]:
            _full_cell(g)
    for a, g, b in zip(line, line[1:], line[2:], strict=False):
        between = _is_alnum(g) and _is_wide(a.char) and _is_wide(b.char) and g.advance < g.em
        if between and 2 * FULL_PITCH[0] <= _pitch(a, b) / g.em <= 2 * FULL_PITCH[1]:
            _full_cell(g)


def _is_alnum(g: Glyph) -> bool:
    return g.char.isascii() and g.char.isalnum()


def _pitch(g: Glyph, h: Glyph) -> float:
    """The distance between the centres of two glyphs' inks."""
    return ((h.box[0] + h.box[2]) - (g.box[0] + g.box[2])) / 2


def _full_cell(g: Glyph) -> None:
    """Set `g` full-width: an em cell centred on its ink."""
    g.origin, g.advance = (g.box[0] + g.box[2] - g.em) / 2, g.em


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def _settle_by_words(run: list[Glyph]) -> None:
    """Among near look-alikes, keep what the run's text makes most sense of: a digit where no other
    letter is (1 / t / [ in `001`) and wherever a figure (`1,207,000`, `100千円`, `△20,000`) would be
    made of digits and separators (θ / 0, ｱ / 7 in a scan), and among kanji and kana (年 / 隼,
    他 / 龍, 料 / 科) the reading Sudachi finds plausible enough to be worth its worse fit
    (`_by_words`). Shape and place decide first; the text only breaks near-ties."""
    letters = sum(1 for g in run if g.char.isascii() and g.char.isalpha() and not _digit_rival(g))
    figure = _figure(run)
    digits = [g for g in figure if g.char.isdigit() or _digit_rival(g)]
    number = bool(digits) and all(g in digits or g.char in ",." or _is_separator(g) for g in figure)
    if any(_is_wide(g.char) for g in figure):  # a figure of look-alikes is narrow: `lθθ` is a scanned `100`
        number = number and any(g.char.isdigit() for g in figure)
    in_figure = {id(g) for g in figure} if number else set()
    if number and figure[0] is not run[0]:
        run[0].char = _sign_rival(run[0])  # a scanned △ fits Δ as well: no budget prints Δ before an amount
    for g in run:
        if not g.char.isdigit() and (g.char.isascii() and not letters or id(g) in in_figure):
            g.char = _digit_rival(g) or g.char
    if len(run) == 1 and unicodedata.category(run[0].char)[0] in "SP":  # a code alone: `1`, not `↓`
        run[0].char = next((ch for ch, _ in run[0].rivals if _is_digit(ch)), run[0].char)
    _separators(run)
    if len(run) > 1:
        _by_words(run)


def _figure(run: list[Glyph]) -> list[Glyph]:
    """The run without a sign before it (△) and the unit after it (千円): where a number would be."""
    start = 1 if run and _sign_rival(run[0]) else 0
    end = len(run)
    while end > start and _is_wide(run[end - 1].char):
        end -= 1
    return run[start:end]


def _sign_rival(g: Glyph) -> str | None:
    """The sign mark (△, ▲, -) the glyph reads as or nearly fits (Δ / △ in a scan), if any."""
    return next((ch for ch, _ in ((g.char, 0.0), *g.rivals) if ch in SIGNS), None)


def _digit_rival(g: Glyph) -> str | None:
    """The digit among the glyph's near look-alikes (θ / 0, ｱ / 7, Ⅱ / 0 in a scan), if any."""
    return g.digit


def _is_digit(char: str) -> bool:
    return char.isascii() and char.isdigit()


def _separators(run: list[Glyph]) -> None:
    """A small mark on the baseline between two digits is a thousands comma or a decimal point: at
    6 pt a scanned comma is a few pixels, too few for its shape to tell it from `ｬ` or `’`."""
    for a, g, b in zip(run, run[1:], run[2:], strict=False):
        if not (a.char.isdigit() and b.char.isdigit()) or g.char.isdigit() or g.char in ",.":
            continue
        if _is_separator(g, a):
            g.char = "," if g.box[3] - g.box[1] > COMMA_ASPECT * (g.box[2] - g.box[0]) else "."


def _is_separator(g: Glyph, digit: Glyph | None = None) -> bool:
    """A mark small and set on the baseline, as a comma or a point is: against the size and baseline of
    the `digit` before it where given (a comma that matched `ｬ` sizes its line wrongly by itself)."""
    size = digit or g
    return g.box[3] - g.box[1] < SEPARATOR_EM * size.em and g.box[1] <= size.base + ON_BASELINE_EM * size.em


def _by_words(run: list[Glyph]) -> None:
    """Choose the run's kanji and kana among their look-alikes by the lowest sum of the shape fit given
    up (COST_PER_FIT per unit) and the cost of Sudachi's best segmentation of the text (`その他` 2664,
    `その龍` 6111): one change at a time, the best first, while it lowers the sum (so `給科` becomes
    `給料`, not `鎗科`, though `鎗科` is a dictionary word too). A Latin letter among Japanese words
    may become a kanji too (`f円` from a 200-dpi scan is `千円`)."""
    japanese = any(_is_wide(g.char) for g in run)  # a Latin letter in Japanese words may be a kanji's look-alike
    options = [
        (i, ch, gap)
        for i, g in enumerate(run)
        if not g.char.isascii() or japanese and g.char.isalpha()
        for ch, gap in ((g.char, 0.0), *g.rivals)
        if not ch.isascii()
    ]
    chars, given_up = [g.char for g in run], [0.0] * len(run)

    def total(i: int, ch: str, gap: float) -> float:
        text = "".join(chars[:i]) + ch + "".join(chars[i + 1 :])
        return (sum(given_up) - given_up[i] + gap) * COST_PER_FIT + _words_cost(text)

    current = _words_cost("".join(chars))
    for _ in range(len(run)):
        moves = [(total(i, ch, gap), i, ch, gap) for i, ch, gap in options if chars[i] != ch]
        if not moves:
            break
        score, i, ch, gap = min(moves)
        if score >= current:
            break
        chars[i], given_up[i], current = ch, gap, score
    for g, ch in zip(run, chars, strict=True):
        g.char = ch


def _words_cost(text: str) -> int:
    """Sudachi's cost of a run's words, a code before them left out: `1款` is a code and a name, and
    Sudachi would read `1献` (一献, a cup) as likelier; a number inside the words (`第1表`) stays."""
    return path_cost(_CODE_BEFORE_WORDS.sub("", text))


def _fit(c: Candidate, g: Glyph, em: float, base: float) -> float:
    """How well a candidate fits a glyph: its shape's similarity less how far its height, proportions and
    vertical place (against the line's em and baseline) are from the glyph's."""
    w, h = g.box[2] - g.box[0], g.box[3] - g.box[1]
    floor = 0.05 * em
    ref_w, ref_h = max(c.width * em, floor), max(c.height * em, floor)
    size = abs(math.log(max(h, floor) / ref_h))
    aspect = abs(math.log(max(w, floor) / max(h, floor) * ref_h / ref_w))
    place = abs((g.box[1] + g.box[3]) / 2 - (base + (c.y0 + c.y1) / 2 * em)) / em
    return c.score - SIZE_WEIGHT * size - ASPECT_WEIGHT * aspect - PLACE_WEIGHT * place


def _words(lines: list[list[Glyph]], height: float) -> list[Word]:
    """Join each line's glyphs into words where their advance boxes nearly touch, as the text layer does."""
    words = []
    for line in lines:
        line = sorted(line, key=lambda g: g.box[0])
        _widen_full_width(line)
        runs: list[list[Glyph]] = []
        for g in line:
            if runs and _same_word(runs[-1][-1], g):
                runs[-1].append(g)
            else:
                runs.append([g])
        for run in runs:
            _settle_by_words(run)
        for spaced in _letter_spaced(runs):
            _settle_by_words(spaced)
        words += [_word(run, height) for run in runs]
    return sorted(words, key=lambda w: (w.bbox[1], w.bbox[0]))


def _letter_spaced(runs: list[list[Glyph]]) -> list[list[Glyph]]:
    """Runs of one wide character each, set side by side within LETTER_SPACING em (`本 年 度 予 算 額`):
    one letter-spaced word for the dictionary, though the text layer keeps them apart."""
    groups: list[list[Glyph]] = []
    for run in runs:
        g = run[0]
        alone = len(run) == 1 and _is_wide(g.char)
        if alone and groups and groups[-1] and g.box[0] - groups[-1][-1].box[2] <= LETTER_SPACING * g.em:
            groups[-1].append(g)
        elif alone:
            groups.append([g])
        else:
            groups.append([])
    return [group for group in groups if len(group) > 1]


def _same_word(g: Glyph, h: Glyph) -> bool:
    """Whether `h` continues `g`'s word: their advance boxes nearly touch, as the text layer's words join,
    or their inks are closer than INK_JOIN em (the advance box of a half-width glyph is a guess: MS
    Mincho's cells are monospaced, IPAex's Latin is not)."""
    near = h.origin - (g.origin + g.advance) <= DEFAULT_WORD_X_TOLERANCE_PT
    return near or h.box[0] - g.box[2] <= INK_JOIN * min(g.em, h.em)


def _word(run: list[Glyph], height: float) -> Word:
    em = median(g.em for g in run)
    base = median(g.base for g in run)
    text = "".join(g.char for g in run)
    box = (run[0].origin, base - DESCENT * em, run[-1].origin + run[-1].advance, base + ASCENT * em)
    return Word(
        text=text,
        bbox=_flip(box, height),
        size=round(em, 2),
        confidence=round(min(1.0, max(0.0, min(g.score for g in run))), 3),
        alternatives=tuple(ch for ch, _ in run[0].rivals if ch != text) if len(run) == 1 else (),
    )
