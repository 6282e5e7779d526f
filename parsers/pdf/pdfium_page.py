"""Read a page into the page model with pdfium instead of pdfminer: the same model, several times faster (#15).

Why: pdfminer's interpreter and layout are most of an ingest's CPU (pure Python, per character and per
path segment), while pdfium (C++, already installed for the review site) has every character's box,
font and size and every path's points at once. Only the raw objects come from pdfium; everything after
is pdfplumber's own code fed pdfplumber-shaped dicts: its WordExtractor groups the characters into words,
its TableFinder (our `grid.GridFinder`) finds the ruled tables, its text extraction fills their cells.
So the rules stay pdfplumber's and the two readers differ only in the objects, which are made to be
pdfminer's:

- a character's box is pdfminer's: along the baseline from the pen position to the advance (pdfium's
  loose box, which ends at the advance), across it from the font's descent to one em above it (pdfium's
  loose box uses the font program's ascent, pdfminer the descriptor's descent + 1 em);
- a path is cut into subpaths and each is a line, a rectangle or a curve by pdfminer's rules
  (`PDFLayoutAnalyzer.paint_path`), whose edges are pdfplumber's (`rect_to_edges`, `curve_to_edges`);
- coordinates are turned as pdfminer turns a rotated page (its CTM for /Rotate) and flipped to
  pdfplumber's top-left origin.

- the text page's own doings are undone: its generated spaces and line breaks dropped, the spaces of
  objects that draw only blanks put back (it drops them), characters put back in content order.

What pdfium cannot tell is left to the reference reader page by page (`UnsupportedPage`).
`tests/pdf/test_pdfium_page.py` holds both readers to the same words, rules and tables on every sample
and real page, and `tests/pdf/test_reader_facts.py` to the same records (facts, checks, rejects).
"""

from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass, replace
from operator import attrgetter

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from parsers.pdf.model import PageModel
from parsers.pdf.page import (
    DEFAULT_WORD_X_TOLERANCE_PT,
    chars_to_model,
    is_background,
    reaches_a_reader,
    textless_model,
)
from parsers.pdf.tables import DEFAULT_TABLE_SETTINGS, TableSettings
from parsers.pdf.text_ops import show_placements

Point = tuple[float, float]
SEGMENT_OPS = {
    pdfium_c.FPDF_SEGMENT_MOVETO: "m",
    pdfium_c.FPDF_SEGMENT_LINETO: "l",
    pdfium_c.FPDF_SEGMENT_BEZIERTO: "c",
}
TEXT, PATH, IMAGE = pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE
FONT_NAME_BYTES = 256
SAME_PT = 0.002  # distances this close are one (float32 positions)
MATRIX_DECIMALS = 5  # a text matrix and font size as the file prints them (1.01215, 9.7118)
SIZE_DECIMALS = 4  # a page's size as the file prints it (841.8898), not as a float32 (841.8897705)
POINT_DECIMALS = 4
"""Positions as the file prints them (449.4, not float32's 449.399994), then moved by pdfminer's
arithmetic: the table finder joins edges up to 3 pt apart, and two edges 3 pt apart in the file must be
exactly as far apart as pdfminer makes them, not 2.9999 or 3.0001."""
POINT_SCALE = 10.0**POINT_DECIMALS
"""`round(v * POINT_SCALE) / POINT_SCALE` is `round(v, POINT_DECIMALS)` for a float32 `v`, exactly and 3.7
times faster: a float32 times 10^4 fits a double's 53 bits, so it is exact and round() gives the right
integer (no float32 lies halfway: that would need a factor 5 in its denominator); dividing by 10^4 then
gives the double nearest that decimal, as round(v, 4) does."""


def _lean(function, restype, *argtypes):
    """The C function behind a pypdfium2 binding, taking and returning plain addresses. The bindings check
    every argument and wrap every result in a typed pointer: 1.2 µs for the four calls a path segment
    takes, against 0.65 µs here, and fuji_r8's 歳出 pages have 60,000 segments each (outlined glyphs)."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(function, ctypes.c_void_p).value)


_segment_at = _lean(pdfium_c.FPDFPath_GetPathSegment, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
_segment_type = _lean(pdfium_c.FPDFPathSegment_GetType, ctypes.c_int, ctypes.c_void_p)
_segment_point = _lean(
    pdfium_c.FPDFPathSegment_GetPoint, ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p
)
_segment_closes = _lean(pdfium_c.FPDFPathSegment_GetClose, ctypes.c_int, ctypes.c_void_p)


class UnsupportedPage(Exception):
    """A page this reader does not read as pdfplumber would: the caller reads it with the reference reader.

    Six kinds: a media box not at the origin (not placed here as pdfplumber places it); text in a
    font that is not embedded, whose codes pdfium maps to text by its own tables (〜 as ～, some digits
    not at all), not by pdfminer's; vertical writing, which pdfminer boxes from the font's vertical
    metrics (W2, DW2) that pdfium does not expose; a glyph that maps to no character, which pdfminer
    reads as `(cid:N)` for text repair to find; a string one Tc after a letter-spaced one where the content
    stream does not say whether it continues it, and glyphs exactly one word tolerance apart (`_continued`)."""


@dataclass(frozen=True, slots=True)
class _View:
    """User space -> pdfplumber's page coordinates: pdfminer's CTM for the page's /Rotate, then y flipped."""

    ctm: tuple[float, float, float, float, float, float]
    width: float
    height: float

    @classmethod
    def of(cls, page: pdfium.PdfPage) -> _View:
        x0, y0, x1, y1 = (round(v, SIZE_DECIMALS) for v in page.get_mediabox())  # float32: as printed
        if x0 or y0:
            raise UnsupportedPage(f"media box starts at ({x0}, {y0}), not at the origin")
        rotation = page.get_rotation()
        ctm = {
            90: (0.0, -1.0, 1.0, 0.0, -y0, x1),
            180: (-1.0, 0.0, 0.0, -1.0, x1, y1),
            270: (0.0, 1.0, -1.0, 0.0, y1, -x0),
        }.get(rotation, (1.0, 0.0, 0.0, 1.0, -x0, -y0))
        w, h = x1 - x0, y1 - y0
        return cls(ctm, h, w) if rotation in (90, 270) else cls(ctm, w, h)

    def point(self, x: float, y: float) -> Point:
        """(x, top) in pdfplumber's coordinates of a point in user space."""
        a, b, c, d, e, f = self.ctm
        return a * x + c * y + e, self.height - (b * x + d * y + f)

    def linear(self, a: float, b: float, c: float, d: float) -> tuple[float, float, float, float]:
        """A character matrix's linear part as pdfminer sees it (rotated with the page)."""
        ra, rb, rc, rd = self.ctm[:4]
        return a * ra + b * rc, a * rb + b * rd, c * ra + d * rc, c * rb + d * rd


def read_pdfium_page(
    pdf: pdfium.PdfDocument,
    index: int,
    settings: TableSettings = DEFAULT_TABLE_SETTINGS,
    contents: bytes | None = None,
) -> PageModel:
    """Given an open document and a 0-based page index, return the page model pdfplumber would give.
    `contents` (the page's content stream, decoded) settles where a string starts (`_continued`).

    Raises UnsupportedPage for a page to be read by the reference reader.
    """
    page = pdf[index]
    try:
        view = _View.of(page)
        objects = list(_objects(page.raw))
        if not any(kind == TEXT for kind, _, _ in objects):  # outlined glyphs: their paths are no rules
            textless = textless_model(index + 1, view.width, view.height, has_graphics=_draws(objects, view))
            return replace(textless, reader="pdfium")
        textpage = page.get_textpage()
        try:
            chars = _chars(textpage.raw, view, objects, contents)
        finally:
            textpage.close()
        edges, has_graphics = _edges(objects, view)
        model = chars_to_model(index + 1, view.width, view.height, chars, edges, has_graphics, settings)
        return replace(model, reader="pdfium")
    finally:
        page.close()


def _chars(textpage, view: _View, objects: list, contents: bytes | None) -> list[dict]:
    """Every character the content stream draws, in its order, as pdfplumber's char dicts (text, box,
    size, upright, fontname): the text page's characters but not its generated spaces and line breaks,
    and a space for each text object that draws only blanks (the text page drops those objects, pdfminer
    keeps their spaces, and pdfplumber splits words and cell text at them). The text page orders
    characters by lines it finds; pdfplumber groups runs of characters in content order, so they are
    put back in the order of their objects."""
    order = {_address(obj): n for n, (kind, _, obj) in enumerate(objects) if kind == TEXT}
    fonts = {_address(f): f for f in (pdfium_c.FPDFTextObj_GetFont(o) for k, _, o in objects if k == TEXT)}
    if not all(pdfium_c.FPDFFont_GetIsEmbedded(font) for font in fonts.values()):
        raise UnsupportedPage("text in a font that is not embedded (pdfium and pdfminer map its codes apart)")
    known: dict[int, tuple[str, float]] = {}
    blanks = ((n, obj, matrix) for n, (kind, matrix, obj) in enumerate(objects) if _is_blank(obj, kind, textpage))
    placed = [_blank(n, obj, matrix, known) for n, obj, matrix in blanks]
    loose, matrix = pdfium_c.FS_RECTF(), pdfium_c.FS_MATRIX()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    previous = (0, 0.0, 0.0)
    for i in range(pdfium_c.FPDFText_CountChars(textpage)):
        if pdfium_c.FPDFText_IsGenerated(textpage, i):
            continue
        obj = pdfium_c.FPDFText_GetTextObject(textpage, i)
        address = _address(obj)
        fontname, descent = _font(pdfium_c.FPDFTextObj_GetFont(obj), known)
        pdfium_c.FPDFText_GetLooseCharBox(textpage, i, loose)
        pdfium_c.FPDFText_GetMatrix(textpage, i, matrix)
        pdfium_c.FPDFText_GetCharOrigin(textpage, i, ox, oy)
        a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
        if previous[0] == address and _down_the_line(ox.value - previous[1], oy.value - previous[2], a, b, c, d):
            raise UnsupportedPage("vertical writing (pdfium gives no vertical metrics to box it as pdfminer does)")
        previous = (address, ox.value, oy.value)
        advance = (loose.right - loose.left) / abs(a) if abs(a) >= abs(b) else (loose.top - loose.bottom) / abs(b)
        if pdfium_c.FPDFText_HasUnicodeMapError(textpage, i):
            raise UnsupportedPage("a glyph without a character (pdfminer's `(cid:N)`, which text repair reads)")
        text = chr(pdfium_c.FPDFText_GetUnicode(textpage, i))
        size = pdfium_c.FPDFText_GetFontSize(textpage, i)
        placed.append(
            _Placed(order[address], text, fontname, (ox.value, oy.value), (a, b, c, d), size, descent, advance)
        )
    placed.sort(key=attrgetter("object"))  # stable: each object's characters stay in their order
    return [p.char(view) for p in _continued(placed, objects, contents)]


@dataclass(frozen=True, slots=True)
class _Placed:
    """A character as pdfium places it: its object's place in the content, text, font, pen position,
    matrix (linear part), size, descent and advance (text space)."""

    object: int
    text: str
    fontname: str
    origin: Point
    linear: tuple[float, float, float, float]
    size: float
    descent: float
    advance: float

    def end(self) -> Point:
        """Where the pen stands after the glyph (before any character spacing)."""
        (ox, oy), (a, b, _, _) = self.origin, self.linear
        return ox + a * self.advance, oy + b * self.advance

    def char(self, view: _View) -> dict:
        """pdfplumber's char dict."""
        return _char(self.text, self.fontname, self.origin, self.linear, self.size, self.descent, self.advance, view)


def _continued(placed: list[_Placed], objects: list, contents: bytes | None) -> list[_Placed]:
    """The characters with each string that continues a string spaced by Tc (the room it leaves between
    its own glyphs beyond their advance) moved back by that Tc, where pdfminer places it.

    The PDF adds the character spacing (Tc) after every glyph; pdfminer adds it only between the glyphs
    of one string. So where a string continues from where the one before left the pen (no Td, Tm),
    pdfminer starts it Tc earlier than pdfium. From positions alone that start cannot be told from a
    string placed there on purpose (Word sets every glyph of a letter-spaced title by Tm at that pitch):
    the page's content stream tells (`text_ops.py`). Raises UnsupportedPage where it cannot be read so,
    and where a glyph starts one word tolerance after the one before it: only pdfminer's float noise then
    splits the words (fuji_r8 00_概要 pp. 12-13: 業 交 流 展 spaced by 1.5 pt).
    """
    spacing = _spacings(placed)
    ambiguous = []
    for before, after in zip(placed, placed[1:], strict=False):
        if before.linear != after.linear:
            continue
        along, across = _along(before, after)
        if abs(across) > SAME_PT:
            continue
        if abs(along - DEFAULT_WORD_X_TOLERANCE_PT) <= SAME_PT:
            raise UnsupportedPage("glyphs one word tolerance apart (float noise splits their words)")
        if before.object == after.object:
            continue
        if (tc := spacing.get(before.object)) is not None and abs(along - tc) <= SAME_PT:
            ambiguous.append((before.object, after.object, tc))
    if not ambiguous:
        return placed
    placed_by_object = _placements(objects, contents)
    shift: dict[int, float] = {}
    for before, after, tc in ambiguous:
        if not placed_by_object[after]:
            shift[after] = shift.get(before, 0.0) + tc
    return [_moved_back(p, shift[p.object]) if p.object in shift else p for p in placed]


def _placements(objects: list, contents: bytes | None) -> dict[int, bool]:
    """Whether each text object (by its place among the page's objects) was placed by a positioning
    operator; UnsupportedPage where the content stream does not say (none given, a string in a form)."""
    unsure = UnsupportedPage("a string one Tc after a letter-spaced one: continued, or placed there?")
    if contents is None:
        raise unsure
    try:
        shows = show_placements(contents)
    except ValueError as err:
        raise unsure from err
    texts = [n for n, (kind, _, _) in enumerate(objects) if kind == TEXT]
    if len(shows) != len(texts):
        raise unsure
    return dict(zip(texts, shows, strict=True))


def _moved_back(p: _Placed, distance: float) -> _Placed:
    """A character moved back along its line by `distance` (user space)."""
    (ox, oy), (a, b, _, _) = p.origin, p.linear
    scale = math.hypot(a, b) or 1.0
    return replace(p, origin=(ox - distance * a / scale, oy - distance * b / scale))


def _spacings(placed: list[_Placed]) -> dict[int, float]:
    """Each string's room between its glyphs beyond their advance (user space), where all its glyphs
    leave the same: its Tc."""
    gaps: dict[int, list[float]] = {}
    for before, after in zip(placed, placed[1:], strict=False):
        if before.object == after.object:
            gaps.setdefault(before.object, []).append(_along(before, after)[0])
    return {obj: g[0] for obj, g in gaps.items() if max(g) - min(g) <= SAME_PT and abs(g[0]) > SAME_PT}


def _along(before: _Placed, after: _Placed) -> tuple[float, float]:
    """How far `after`'s pen is from the end of `before`, along their line and across it (user space)."""
    (ex, ey), (ox, oy), (a, b, _, _) = before.end(), after.origin, before.linear
    scale = math.hypot(a, b) or 1.0
    return ((ox - ex) * a + (oy - ey) * b) / scale, ((oy - ey) * a - (ox - ex) * b) / scale


def _down_the_line(dx: float, dy: float, a: float, b: float, c: float, d: float) -> bool:
    """Whether the pen moved from one character to the next of a text object along the glyphs' vertical
    axis (c, d) more than along their horizontal one (a, b): vertical writing."""
    return abs(dx * c + dy * d) > abs(dx * a + dy * b)


def _char(text, fontname, origin, linear, size, descent, advance, view: _View) -> dict:
    """A character boxed as pdfminer boxes it (`LTChar`), by its arithmetic on the numbers the file
    prints: pdfium's float32 values are taken back to them (a matrix to 5 decimals, a position to 4, a
    glyph's advance and the font's descent to whole thousandths of an em), then the box runs from the pen
    along the advance and from the descent to one em above it, through the character's matrix turned
    with the page; pdfplumber flips it. Done in pdfminer's order, the noise of its doubles is the same,
    so boxes round to the same hundredths."""
    (ox, oy), (a, b, c, d) = origin, linear
    size = round(size, MATRIX_DECIMALS)
    width, descent = round(advance / size * 1000) * 0.001, round(descent * 1000) * 0.001
    advance, descent = width * size * 1.0, descent * size
    a, b, c, d, e, f = _multiply(_as_printed((a, b, c, d, ox, oy)), view.ctm)
    corners = [
        (a * u + c * v + e, b * u + d * v + f)
        for u, v in ((0, descent), (advance, descent), (advance, descent + size), (0, descent + size))
    ]
    x0, x1 = min(x for x, _ in corners), max(x for x, _ in corners)
    y0, y1 = min(y for _, y in corners), max(y for _, y in corners)
    upright = a * d > 0 and b * c <= 0
    top, bottom = view.height - y1, view.height - y0
    return {"text": text, "fontname": fontname, "size": y1 - y0, "upright": upright, **_box(x0, top, x1, bottom)}


def _as_printed(matrix) -> tuple[float, ...]:
    """A float32 matrix as the file prints it: its linear part to MATRIX_DECIMALS, its move to POINT_DECIMALS."""
    a, b, c, d, e, f = matrix
    linear = tuple(round(v, MATRIX_DECIMALS) for v in (a, b, c, d))
    return (*linear, round(e, POINT_DECIMALS), round(f, POINT_DECIMALS))


def _is_blank(obj, kind: int, textpage) -> bool:
    """A text object the text page dropped: it draws only blanks."""
    return kind == TEXT and pdfium_c.FPDFTextObj_GetText(obj, textpage, None, 0) <= 2


def _blank(number: int, obj, matrix, fonts: dict) -> _Placed:
    """One space at a blank text object's origin, as wide as its font's space."""
    a, b, c, d, e, f = matrix
    size, width = ctypes.c_float(), ctypes.c_float()
    pdfium_c.FPDFTextObj_GetFontSize(obj, size)
    font = pdfium_c.FPDFTextObj_GetFont(obj)
    fontname, descent = _font(font, fonts)
    pdfium_c.FPDFFont_GetGlyphWidth(font, ord(" "), size, width)
    return _Placed(number, " ", fontname, (e, f), (a, b, c, d), size.value, descent, width.value / size.value)


def _address(obj) -> int:
    return ctypes.cast(obj, ctypes.c_void_p).value or 0


def _font(font, known: dict[int, tuple[str, float]]) -> tuple[str, float]:
    """A font's name (its BaseFont without the subset tag: pdfium drops it) and its descent per em."""
    key = _address(font)
    if key not in known:
        name = ctypes.create_string_buffer(FONT_NAME_BYTES)
        n = pdfium_c.FPDFFont_GetBaseFontName(font, name, FONT_NAME_BYTES)
        descent = ctypes.c_float()
        pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(1.0), descent)
        known[key] = (name.value.decode("latin-1") if n else "unknown", descent.value)
    return known[key]


def _edges(objects: list, view: _View) -> tuple[list[dict], bool]:
    """pdfplumber's `page.edges` from the page's path objects, less the pieces of curves nothing reads
    (`reaches_a_reader`), and whether the page draws anything but a background (any image, line, curve
    or rect that does not fill the page)."""
    edges: list[dict] = []
    graphics = False
    for kind, matrix, obj in objects:
        if kind == IMAGE:
            graphics = True
        elif kind == PATH:
            for shape, points in _subpaths(obj, matrix, view):
                found, drawn = _path_edges(shape, points, view)
                edges += found
                graphics = graphics or drawn
    return edges, graphics


def _draws(objects: list, view: _View) -> bool:
    """Whether a page without text draws anything but a background, from its objects' bounds (cutting
    thousands of outlined glyphs into edges would cost seconds)."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for kind, _, obj in objects:
        if kind != PATH:
            return True
        pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
        (x0, top0), (x1, top1) = view.point(left.value, bottom.value), view.point(right.value, top.value)
        if not is_background(abs(x1 - x0), abs(top1 - top0), view.width, view.height):
            return True
    return False


def _objects(parent, matrix=None, in_form: bool = False):
    """(type, matrix to user space, object) of every page object, inside form XObjects too."""
    count = pdfium_c.FPDFFormObj_CountObjects if in_form else pdfium_c.FPDFPage_CountObjects
    get = pdfium_c.FPDFFormObj_GetObject if in_form else pdfium_c.FPDFPage_GetObject
    own = pdfium_c.FS_MATRIX()
    for i in range(count(parent)):
        obj = get(parent, i)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        pdfium_c.FPDFPageObj_GetMatrix(obj, own)
        m = (own.a, own.b, own.c, own.d, own.e, own.f)
        if matrix is not None:
            m = _multiply(m, matrix)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            yield from _objects(obj, m, in_form=True)
        else:
            yield kind, m, obj


def _multiply(m, n):
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _subpaths(obj, matrix, view: _View):
    """A painted path as pdfminer's subpaths: the operators ('m', 'l', 'c', 'h') and their end points in
    pdfplumber's coordinates. An unpainted path (a clip) yields nothing, as pdfminer paints nothing."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke)
    if not fill.value and not stroke.value:
        return
    a, b, c, d, e, f = _multiply(_as_printed(matrix), view.ctm)  # pdfminer's CTM for the path
    x, y = ctypes.c_float(), ctypes.c_float()
    x_at, y_at, path = ctypes.addressof(x), ctypes.addressof(y), ctypes.cast(obj, ctypes.c_void_p).value
    shape, points, i, count = "", [], 0, pdfium_c.FPDFPath_CountSegments(obj)
    while i < count:  # ~60,000 segments a page of fuji_r8's 歳出: kept lean
        segment = _segment_at(path, i)
        op = SEGMENT_OPS.get(_segment_type(segment), "l")
        if op == "c":  # pdfium gives a Bézier as three points one by one; pdfminer keeps the last
            i += 2
            if i >= count:
                break
            segment = _segment_at(path, i)
        i += 1
        _segment_point(segment, x_at, y_at)
        if op == "m" and shape:
            yield shape, points
            shape, points = "", []
        shape += op
        px, py = round(x.value * POINT_SCALE) / POINT_SCALE, round(y.value * POINT_SCALE) / POINT_SCALE
        points.append((a * px + c * py + e, view.height - (b * px + d * py + f)))
        if _segment_closes(segment):
            shape += "h"
            points.append(points[0])
    if shape:
        yield shape, points


def _path_edges(shape: str, points: list[Point], view: _View) -> tuple[list[dict], bool]:
    """One subpath's edges by pdfminer's rules (a line, a rectangle or a curve) and pdfplumber's, and
    whether it is more than the page's background."""
    if not shape.startswith("m"):
        return [], False
    if len(shape) > 3 and shape.endswith("lh") and points[-2] == points[0]:  # a redundant closing l
        shape, points = shape[:-2] + "h", points[:-2] + points[-1:]
    if shape in ("ml", "mlh"):
        (xa, ta), (xb, tb) = points[0], points[1]
        edge = _edge(min(xa, xb), min(ta, tb), max(xa, xb), max(ta, tb), "h" if ta == tb else "v", "line")
        return [edge], True
    if shape in ("mlllh", "mllll") and points[0] == points[4] and _square(points):
        xs, tops = [p[0] for p in points[:4]], [p[1] for p in points[:4]]
        x0, x1, top, bottom = min(xs), max(xs), min(tops), max(tops)
        rect_edges = [
            _edge(x0, top, x1, top, "h", "rect_edge"),
            _edge(x0, bottom, x1, bottom, "h", "rect_edge"),
            _edge(x0, top, x0, bottom, "v", "rect_edge"),
            _edge(x1, top, x1, bottom, "v", "rect_edge"),
        ]
        return rect_edges, not is_background(x1 - x0, bottom - top, view.width, view.height)
    curve_edges = []
    for (xa, ta), (xb, tb) in zip(points, points[1:], strict=False):
        orientation = "v" if xa == xb else ("h" if ta == tb else None)
        if reaches_a_reader(orientation, abs(tb - ta) if orientation == "v" else abs(xb - xa)):
            curve_edges.append(_edge(min(xa, xb), min(ta, tb), max(xa, xb), max(ta, tb), orientation, "curve_edge"))
    return curve_edges, True


def _square(points: list[Point]) -> bool:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points[:4]
    return (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)


def _edge(x0: float, top: float, x1: float, bottom: float, orientation: str | None, kind: str) -> dict:
    return {"object_type": kind, "orientation": orientation, **_box(x0, top, x1, bottom)}


def _box(x0: float, top: float, x1: float, bottom: float) -> dict:
    """A box as pdfplumber's objects carry it (a page's own top is its document top here)."""
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "width": x1 - x0, "height": bottom - top}
