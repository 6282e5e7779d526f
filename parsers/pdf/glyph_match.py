"""Tell which character a glyph shape is by comparing it with a reference Japanese font (#18).

Why this exists: a PDF whose ToUnicode map is wrong or incomplete still carries the glyph programs it
prints, and a page drawn as outlines still carries the outlines. A glyph rendered into a small em-box
bitmap is matched against every character of a reference font rendered the same way (cosine similarity
of blurred, centred bitmaps): the character whose rendering is closest is what the glyph prints. This
needs no model download and identifies each distinct glyph once.

The reference fonts are IPAex Mincho / IPAex Gothic from Debian (`fonts-ipaexfont-mincho`,
`fonts-ipaexfont-gothic`): the IPA fonts cover JIS X 0213 (so 塡 and other characters outside JIS X 0208)
and are drawn on the same design grid as the MS Mincho / MS Gothic that Japanese offices print with.
`GYOSEI_REFERENCE_FONTS` (a folder) replaces the Debian folders as the place they are looked for.

Drawing a font's ~12,000 candidate characters takes ~3 s of CPU, and every document is parsed in a
process of its own, so the drawn matrix is kept in a file cache (`GYOSEI_GLYPH_CACHE`, default
`$XDG_CACHE_HOME/gyosei/glyphs`, keyed by the font's bytes and the drawing settings) and memory-mapped:
drawn once per machine, its pages shared by every process. An unwritable cache only costs the time.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Literal

import numpy as np
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFilter, ImageFont

Style = Literal["mincho", "gothic"]

CELL_PX = 40  # the em-box is rendered into CELL_PX × CELL_PX pixels
BASELINE = 0.88  # baseline position in the em-box (CJK fonts ascend ~0.88 em)
BLUR_PX = 1.0  # a small blur makes the match tolerant to the stroke differences between type designs
REFERENCE_FILES: dict[Style, str] = {"mincho": "ipaexm.ttf", "gothic": "ipaexg.ttf"}
GLYPH_CACHE_ENV = "GYOSEI_GLYPH_CACHE"
REFERENCE_DIRS = (
    "/usr/share/fonts/opentype/ipaexfont-mincho",
    "/usr/share/fonts/opentype/ipaexfont-gothic",
    "/usr/share/fonts/truetype/ipaexfont",
)
CANDIDATE_ENCODING = "euc_jis_2004"  # JIS X 0213: every character a Japanese government document prints


class NoReferenceFont(RuntimeError):
    """The reference font is not installed, so glyphs cannot be identified (the repair is not run)."""


TOP_K = 5  # closest characters kept per glyph, for a caller that can choose among them by context


@dataclass(frozen=True, slots=True)
class GlyphMatch:
    """The reference characters closest to a glyph, best first, with their similarity (-1..1)."""

    ranked: tuple[tuple[str, float], ...]

    @property
    def char(self) -> str:
        return self.ranked[0][0]

    @property
    def score(self) -> float:
        return self.ranked[0][1]


def style_of(font_name: str) -> Style:
    """Given a PDF font name (`ABCDEF+MS-PGothic`), return the reference style that draws like it."""
    name = font_name.lower()
    return "gothic" if any(k in name for k in ("gothic", "sans", "ゴシック")) else "mincho"


def reference_font_path(style: Style) -> Path:
    """Return the installed reference font file of `style`, or raise NoReferenceFont saying what to install."""
    file_name = REFERENCE_FILES[style]
    override = os.environ.get("GYOSEI_REFERENCE_FONTS")
    for folder in [override] if override else REFERENCE_DIRS:
        path = Path(folder) / file_name
        if path.is_file():
            return path
    package = "fonts-ipaexfont-gothic" if style == "gothic" else "fonts-ipaexfont-mincho"
    raise NoReferenceFont(f"reference font {file_name} not found: install the Debian package {package}")


def render_char(font: ImageFont.FreeTypeFont, char: str) -> Image.Image:
    """Given a font opened at CELL_PX and a character it maps, return its em-box bitmap (ink = 255)."""
    image = Image.new("L", (CELL_PX, CELL_PX), 0)
    ImageDraw.Draw(image).text((0, round(CELL_PX * BASELINE)), char, fill=255, font=font, anchor="ls")
    return image


def to_vector(image: Image.Image) -> np.ndarray:
    """Given an em-box bitmap, return the unit vector the matcher compares (blurred, mean removed)."""
    if image.size != (CELL_PX, CELL_PX):
        image = image.resize((CELL_PX, CELL_PX), Image.Resampling.BILINEAR)
    return _unit(image, BLUR_PX)


def _unit(image: Image.Image, blur: float) -> np.ndarray:
    """The blurred bitmap as a vector with its mean removed, scaled to length 1 (cosine = dot product)."""
    vec = np.asarray(image.filter(ImageFilter.GaussianBlur(blur)), dtype=np.float32).ravel()
    vec = vec - vec.mean()
    norm = float(np.linalg.norm(vec))
    return vec / norm if norm else vec


class ReferenceSet:
    """Every candidate character of one reference font, rendered once, as rows of a matrix."""

    def __init__(self, path: Path) -> None:
        covered = set(TTFont(path, fontNumber=0, lazy=True).getBestCmap())
        self.chars = [c for c in _candidate_chars() if ord(c) in covered]
        self.index = {c: i for i, c in enumerate(self.chars)}
        self.matrix = _cached_matrix(path, self.chars)

    def match(self, vectors: np.ndarray) -> list[GlyphMatch]:
        """Given glyph vectors (one per row), return the TOP_K closest characters of each."""
        if len(vectors) == 0:
            return []
        sims = vectors @ self.matrix.T
        top = np.argsort(-sims, axis=1)[:, :TOP_K]
        return [
            GlyphMatch(tuple((self.chars[i], float(row[i])) for i in best)) for row, best in zip(sims, top, strict=True)
        ]

    def score(self, vector: np.ndarray, char: str) -> float | None:
        """Given one glyph vector and a character, return their similarity (None if not a candidate)."""
        i = self.index.get(char)
        return None if i is None else float(vector @ self.matrix[i])


def _drawn_matrix(path: Path, chars: list[str]) -> np.ndarray:
    font = ImageFont.truetype(str(path), CELL_PX)
    return np.stack([to_vector(render_char(font, c)) for c in chars])


def _cached_matrix(path: Path, chars: list[str]) -> np.ndarray:
    """The vectors of `chars` drawn in the font at `path`, read from the glyph cache when drawn before."""
    settings = f"{CELL_PX}/{BASELINE}/{BLUR_PX}/{''.join(chars)}".encode()
    key = hashlib.sha256(path.read_bytes() + settings).hexdigest()[:32]
    folder = Path(
        os.environ.get(GLYPH_CACHE_ENV)
        or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "gyosei" / "glyphs"
    )
    cached = folder / f"{key}.npy"
    try:
        matrix = np.load(cached, mmap_mode="r")
        if matrix.shape == (len(chars), CELL_PX * CELL_PX) and matrix.dtype == np.float32:
            return matrix
    except (OSError, ValueError):
        pass  # not drawn yet, or a damaged file: draw it again
    matrix = _drawn_matrix(path, chars)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".npy", delete=False) as tmp:
            np.save(tmp, matrix)
        os.replace(tmp.name, cached)  # atomic: a concurrent reader sees the whole file or none
    except OSError:
        pass
    return matrix


def reference_set(style: Style) -> ReferenceSet:
    """Return the reference set of `style` (raises NoReferenceFont when its font is not installed)."""
    return _reference_set_at(reference_font_path(style))


@lru_cache(maxsize=2)
def _reference_set_at(path: Path) -> ReferenceSet:
    """Cached per process and font file: building one takes a few seconds."""
    return ReferenceSet(path)


def release_reference_sets() -> None:
    """Let go of the reference sets. Their matrices are memory-mapped, and once glyphs have been compared
    with every row, all of a font's rows (54 MB) stay resident in the process until it unmaps them. The
    next `reference_set` maps them again from the glyph cache (30 ms)."""
    _reference_set_at.cache_clear()


def _candidate_chars() -> list[str]:
    """Return the printable characters of JIS X 0213 plane 1 (two-byte EUC codes), in code order."""
    chars = []
    for hi in range(0xA1, 0xFF):
        for lo in range(0xA1, 0xFF):
            try:
                char = bytes((hi, lo)).decode(CANDIDATE_ENCODING)
            except UnicodeDecodeError:
                continue
            if len(char) == 1 and not char.isspace():
                chars.append(char)
    return chars


SHAPE_BLUR_PX = 1.6  # shapes of two type designs (MS Mincho printed, IPAex compared) differ in detail
SHAPE_PX = 32  # a shape is compared inside its ink box, scaled into SHAPE_PX × SHAPE_PX
REF_PX = 96  # reference characters are drawn at this em size before being cut to their ink box
SHAPE_TOP_K = 32  # look-alikes kept per shape for the line to choose among by size and place
STRETCH_ASPECT = 0.35  # a shape thinner than this (ー, 一, |) is compared as it is, never stretched
FULL_WIDTH_ASCII = range(0xFF01, 0xFF5F)  # drawn like ASCII: read as ASCII, whose width the normaliser folds
FULL_WIDTH_DIGITS = range(0xFF10, 0xFF1A)  # ... but a font may draw them unlike its ASCII digits (IPAex's １ has
# no foot): compared as drawn too, read as the ASCII digit (the text line sets its width)
RARE = (range(0x00A0, 0x0370), range(0x0400, 0x0530), range(0x2170, 0x2180), range(0x2500, 0x2580))  # accented
# Latin, IPA, Cyrillic, small Roman numerals, box drawing: never printed as text in these books and easily
# confused with digits, kanji and dashes (û for 0, Ц for 目, ⅹ for ×, ━ for -) ...
KEPT_SYMBOLS = "×÷±°§¶´¨"  # ... but for JIS X 0208's own symbols among them (`100×40` in a 説明)
HALF_WIDTH_KANA = range(0xFF61, 0xFFA0)  # ｼﾙﾊﾞｰ: printed in names, outside JIS X 0208's two-byte rows
COMMON_BONUS = 0.03  # among near look-alikes, JIS level-1 kanji, kana, symbols and ASCII win over rare kanji
FINE_PX, FINE_BLUR_PX = 48, 1.2  # a scanned shape is compared again at this finer grid, less blurred ...
FINE_GAP = 0.03  # ... against the kanji fitting this close to its best (款 / 軟 / 歉 differ in detail only). Not
# wider: MS Mincho's 他 is nearer IPAex's 飢 at any grid, and only its words tell it (0.05 from the best); nor
# kana: MS Mincho's dakuten is drawn unlike IPAex's, so a finer look at び prefers ぴ


@dataclass(frozen=True, slots=True)
class Candidate:
    """A reference character close to a shape: its similarity and where its ink sits in its em box.

    Ink box (x0, y0, x1, y1) in em from the pen position, y up from the baseline; `advance` in em.
    """

    char: str
    score: float
    x0: float
    y0: float
    x1: float
    y1: float
    advance: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def shape_vector(
    ink: np.ndarray, *, stretched: bool = False, px: int = SHAPE_PX, blur: float = SHAPE_BLUR_PX
) -> np.ndarray:
    """Given a bitmap cut to its ink (ink = 255), return the unit vector of its shape in a `px` cell.

    The longer side fills the cell and the other keeps its proportion, so size is compared separately.
    `stretched` fills the cell both ways (unless the shape is a bar, thinner than STRETCH_ASPECT): two
    type designs draw a square character with different proportions (MS Mincho's 目 is narrower than
    IPAex's), which moves every vertical stroke out of place when the proportion is kept.
    """
    h, w = ink.shape
    scale = (px - 2) / max(h, w)
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    if stretched and min(h, w) >= STRETCH_ASPECT * max(h, w):
        size = (px - 2, px - 2)
    small = Image.fromarray(ink).resize(size, Image.Resampling.BOX)
    cell = Image.new("L", (px, px), 0)
    cell.paste(small, ((px - size[0]) // 2, (px - size[1]) // 2))
    return _unit(cell, blur)


def shape_vectors(ink: np.ndarray) -> np.ndarray:
    """Both vectors of a shape (kept proportion, stretched), side by side, as `ShapeSet.match` takes them."""
    return np.concatenate([shape_vector(ink), shape_vector(ink, stretched=True)])


class ShapeSet:
    """Every candidate character of the reference fonts, cut to its ink box, for matching outlined glyphs."""

    def __init__(self, paths: list[Path]) -> None:
        chars = [c for c in _candidate_chars() if ord(c) not in FULL_WIDTH_ASCII and not _is_rare(c)]
        chars += [chr(i) for i in (*range(0x21, 0x7F), *HALF_WIDTH_KANA, *FULL_WIDTH_DIGITS)]
        self.entries: list[tuple[str, float, float, float, float, float]] = []
        vectors, wide = [], []
        for path in paths:
            covered = set(TTFont(path, fontNumber=0, lazy=True).getBestCmap())
            font = ImageFont.truetype(str(path), REF_PX)
            for char in chars:
                if ord(char) not in covered:
                    continue
                drawn = _drawn(font, char)
                if drawn is not None:
                    folded = chr(ord(char) - 0xFEE0) if ord(char) in FULL_WIDTH_DIGITS else char
                    self.entries.append((folded, *drawn[0][1:]))
                    vectors.append(drawn[1])
                    wide.append(unicodedata.east_asian_width(char) in "WF")
        order = np.argsort(~np.asarray(wide), kind="stable")  # full-width entries first, each compared one way
        self.entries = [self.entries[i] for i in order]
        self.n_wide, n, matrix = int(sum(wide)), SHAPE_PX * SHAPE_PX, np.stack(vectors)[order]
        self.stretched = np.ascontiguousarray(matrix[: self.n_wide, n:])
        self.kept = np.ascontiguousarray(matrix[self.n_wide :, :n])
        self.bonus = np.asarray([COMMON_BONUS if _is_common(e[0]) else 0.0 for e in self.entries], dtype=np.float32)
        self.fonts = [ImageFont.truetype(str(path), REF_PX) for path in paths]
        self.fine: dict[str, list[np.ndarray]] = {}  # each character's fine vectors, drawn when first asked for

    def match(self, vectors: np.ndarray) -> list[list[Candidate]]:
        """Given shapes (one `shape_vectors` per row), return the SHAPE_TOP_K closest distinct characters
        of each: full-width characters compared stretched (the proportion left to the text line to
        weigh), the others as they are (a digit is told from a letter by its proportion)."""
        if len(vectors) == 0:
            return []
        n = SHAPE_PX * SHAPE_PX
        vectors = np.asarray(vectors, dtype=np.float32)
        sims = np.empty((len(vectors), len(self.entries)), dtype=np.float32)
        sims[:, : self.n_wide] = vectors[:, n:] @ self.stretched.T
        sims[:, self.n_wide :] = vectors[:, :n] @ self.kept.T
        sims += self.bonus
        keep = min(SHAPE_TOP_K * 3, sims.shape[1])
        floor = np.partition(sims, sims.shape[1] - keep, axis=1)[:, sims.shape[1] - keep]  # each row's keep-th best
        rows, cols = np.nonzero(sims >= floor[:, None])  # (a full sort of every row costs seconds a page)
        ranked = np.lexsort((-sims[rows, cols], rows))
        order = np.split(cols[ranked], np.flatnonzero(np.diff(rows[ranked])) + 1)
        found = []
        for row, best in zip(sims, order, strict=True):
            seen: dict[str, Candidate] = {}
            for i in best:
                char, *box = self.entries[i]
                if char not in seen:
                    seen[char] = Candidate(char, float(row[i]), *box)
                if len(seen) == SHAPE_TOP_K:
                    break
            found.append(list(seen.values()))
        return found

    def refine(self, ink: np.ndarray, candidates: list[Candidate]) -> list[Candidate]:
        """Given a shape's ink and its candidates, return them re-ranked by a second look at FINE_PX, less
        blurred: each kanji within FINE_GAP of the best loses what it fits worse there than the best of
        them (a scanned 款, 8 pt or 10 pt, fits 軟 and 歉 as well at SHAPE_PX, and plainly best at FINE_PX,
        by 0.14; 国 / 困 likewise). Only those few close ones are drawn finely, once each per process."""
        close = [c for c in candidates if candidates[0].score - c.score <= FINE_GAP and _is_kanji(c.char)]
        if len(close) < 2:
            return candidates
        vector = shape_vector(ink, stretched=True, px=FINE_PX, blur=FINE_BLUR_PX)  # a kanji fills its em
        fine = {c.char: max((float(vector @ ref) for ref in self._fine_vectors(c.char)), default=-1.0) for c in close}
        top = max(fine.values())
        moved = {c.char: replace(c, score=c.score - (top - fine[c.char])) for c in close}
        return sorted((moved.get(c.char, c) for c in candidates), key=lambda c: -c.score)

    def _fine_vectors(self, char: str) -> list[np.ndarray]:
        """`char` drawn in each reference font, as vectors at FINE_PX (drawn once per process)."""
        if char not in self.fine:
            drawn = (_ink_of(font, char) for font in self.fonts)
            self.fine[char] = [
                shape_vector(ink, stretched=True, px=FINE_PX, blur=FINE_BLUR_PX) for ink in drawn if ink is not None
            ]
        return self.fine[char]


def _is_kanji(char: str) -> bool:
    return unicodedata.name(char, "").startswith("CJK UNIFIED IDEOGRAPH")


def _is_rare(char: str) -> bool:
    return char not in KEPT_SYMBOLS and any(ord(char) in r for r in RARE)


def _is_common(char: str) -> bool:
    """ASCII, half-width kana, JIS X 0208 rows 1-5 (symbols, kana) and level 1 (the 2,965 common kanji)."""
    if ord(char) < 0x80 or ord(char) in HALF_WIDTH_KANA:
        return True
    try:
        first = char.encode("euc_jp")[0]
    except UnicodeEncodeError:
        return False
    return 0xA1 <= first <= 0xA5 or 0xB0 <= first <= 0xCF


def _drawn(font: ImageFont.FreeTypeFont, char: str) -> tuple[tuple, np.ndarray] | None:
    """Draw `char`, return its (char, ink box in em, advance) and shape vector, or None if it has no ink."""
    image, box = _draw(font, char)
    if box is None:
        return None
    bx0, by0, bx1, by1 = box
    em, pad, base = float(REF_PX), REF_PX // 2, REF_PX * 3 // 2
    entry = (char, (bx0 - pad) / em, (base - by1) / em, (bx1 - pad) / em, (base - by0) / em, font.getlength(char) / em)
    return entry, shape_vectors(np.asarray(image.crop(box)))


def _ink_of(font: ImageFont.FreeTypeFont, char: str) -> np.ndarray | None:
    """`char` drawn at REF_PX and cut to its ink box, or None if it has no ink."""
    image, box = _draw(font, char)
    return None if box is None else np.asarray(image.crop(box))


def _draw(font: ImageFont.FreeTypeFont, char: str) -> tuple[Image.Image, tuple[int, int, int, int] | None]:
    """`char` drawn at REF_PX on a canvas with room around it, and its ink box (None if it has no ink)."""
    pad, base = REF_PX // 2, REF_PX * 3 // 2
    image = Image.new("L", (REF_PX * 3, REF_PX * 2), 0)
    ImageDraw.Draw(image).text((pad, base), char, fill=255, font=font, anchor="ls")
    return image, image.getbbox()


def shape_set() -> ShapeSet:
    """Return the shapes of both reference fonts (raises NoReferenceFont when one is not installed)."""
    return _shape_set_at(tuple(reference_font_path(style) for style in REFERENCE_FILES))


@lru_cache(maxsize=1)
def _shape_set_at(paths: tuple[Path, ...]) -> ShapeSet:
    """Cached per process: drawing every candidate of two fonts takes several seconds."""
    return ShapeSet(list(paths))
