"""Read pages that have no text layer (glyphs drawn as outlines, or scans) by OCR into the page model (#18).

Why this exists: some real chapters draw every glyph as vector outlines and scanned pages carry only an
image; without OCR their whole content is missing from the warehouse. Such a page is rendered (pdfium)
and read by Tesseract (Debian `tesseract-ocr` + `tesseract-ocr-jpn`, offline, models shipped by the
package); the words it finds, with their confidence, and the ruling lines found in the same bitmap
become a `PageModel`, so the family parsers read it like any other page.

Tesseract splits Japanese into one "word" per character or per digit group; pieces of one line closer
than `JOIN_GAP` × their height are joined into one word, as the text layer's words are (digit groups of
one number up to `NUMBER_GAP`), and a ruling line it reads as `|` splits words instead of joining them.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium

from parsers.pdf.geometry import rounded, union
from parsers.pdf.glyph_match import NoReferenceFont
from parsers.pdf.health import PageText
from parsers.pdf.model import PageModel, Rule, Word
from parsers.pdf.outlines import read_outlined_page
from schemas.collect import RecordSet

DEFAULT_DPI = 300  # 9-pt digits come out ~35 px high, where Tesseract reads them reliably
LANGUAGE = "jpn"
PAGE_SEGMENTATION = "6"  # one uniform block of text: keeps the rows of a table in reading order
JOIN_GAP = 0.6  # pieces of a line closer than this × their height form one word
NUMBER_GAP = 1.0  # ... and digit groups of one number (`49,` `286,` `300`) closer than this
RULE_MARKS = "|｜"  # what Tesseract makes of a vertical ruling line crossing a text line
INK_LEVEL = 128  # grey level under which a pixel is ink (for ruling lines)
MIN_RULE_PT = 36.0  # a straight ink run at least this long is a ruling line, not a glyph stroke
MAX_RULE_THICKNESS_PT = 2.0
OCR_TIMEOUT_S = 300


class OcrUnavailable(RuntimeError):
    """Tesseract or its Japanese model is not installed, so OCR cannot run."""


@dataclass(frozen=True, slots=True)
class _Glyph:
    text: str
    box: tuple[float, float, float, float]  # points
    confidence: float  # 0..1
    line: tuple[int, int, int]  # Tesseract's block, paragraph, line


def tesseract_command() -> str:
    """Return the Tesseract executable, or raise OcrUnavailable saying what to install."""
    exe = os.environ.get("GYOSEI_TESSERACT") or shutil.which("tesseract")
    if not exe:
        raise OcrUnavailable("OCR not run: install the Debian packages tesseract-ocr and tesseract-ocr-jpn")
    return exe


def ocr_pages(
    path: Path, models: list[PageModel], states: list[PageText], records: RecordSet
) -> tuple[list[PageModel], list[PageText], int]:
    """Given a document's pages and their text states, return them with every textless page read by OCR.

    A page drawn as glyph outlines is read from its outlines (`outlines.py`, each distinct shape
    recognised once); any other textless page (a scan) by Tesseract.

    Returns (pages, states, pages read by OCR). OCR runs only with `GYOSEI_OCR=on`: the family parsers
    cannot yet read a budget book from Tesseract's text (see README), and a page costs ~15 s. When
    Tesseract is missing or fails, the pages stay textless and a warning says why.
    """
    if "none" not in states:
        return models, states, 0
    if os.environ.get("GYOSEI_OCR", "off").lower() not in ("on", "1", "yes"):
        return models, states, 0
    models, states, done = list(models), list(states), 0
    for i, state in enumerate(states):
        if state != "none":
            continue
        try:
            models[i] = _outlined_page(path, models[i].number, records) or ocr_page(path, models[i].number)
        except (OcrUnavailable, subprocess.TimeoutExpired) as err:
            records.warnings.append(str(err))
            break
        states[i], done = "ocr", done + 1
    return models, states, done


def _outlined_page(path: Path, number: int, records: RecordSet) -> PageModel | None:
    """The page read from its glyph outlines (`outlines.py`), or None when it has none (or no reference font)."""
    try:
        return read_outlined_page(path, number)
    except NoReferenceFont as err:
        if str(err) not in records.warnings:
            records.warnings.append(f"outlined glyphs read by Tesseract instead: {err}")
        return None


def ocr_page(path: Path, number: int, dpi: int = DEFAULT_DPI) -> PageModel:
    """Given a PDF and a 1-based page number, return the page as OCR reads it (words carry a confidence)."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[number - 1]
        width, height = page.get_size()
        bitmap = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        pdf.close()
    scale = 72 / dpi
    glyphs = _read_glyphs(bitmap, scale)
    words = tuple(_join_words(glyphs))
    return PageModel(
        number=number,
        width=float(width),
        height=float(height),
        words=words,
        rules=tuple(_find_rules(np.asarray(bitmap), scale)),
        tables=(),
        char_count=sum(len(w.text) for w in words),
        has_graphics=True,
    )


def _split_at_rules(glyph: _Glyph) -> list[_Glyph]:
    """Split a piece at the `|` Tesseract read for a ruling line, sharing its box by character count."""
    text = glyph.text
    if not any(m in text for m in RULE_MARKS):
        return [glyph]
    x0, top, x1, bottom = glyph.box
    step = (x1 - x0) / len(text)
    pieces, start = [], 0
    for i, ch in enumerate(text + RULE_MARKS[0]):
        if ch in RULE_MARKS:
            if i > start:
                box = (x0 + start * step, top, x0 + i * step, bottom)
                pieces.append(_Glyph(text[start:i], box, glyph.confidence, glyph.line))
            start = i + 1
    return pieces


def _joins(run: list[_Glyph], glyph: _Glyph) -> bool:
    if glyph.line != run[-1].line:
        return False
    gap = glyph.box[0] - run[-1].box[2]
    number = run[-1].text[-1] in "0123456789,." and glyph.text[0].isdigit()
    return gap <= (NUMBER_GAP if number else JOIN_GAP) * _height(run)


def _read_glyphs(bitmap, scale: float) -> list[_Glyph]:
    """Run Tesseract on the bitmap and return its words (boxes in points, confidence 0..1)."""
    png = io.BytesIO()
    bitmap.save(png, format="PNG")
    command = [tesseract_command(), "stdin", "stdout", "-l", LANGUAGE, "--psm", PAGE_SEGMENTATION, "tsv"]
    done = subprocess.run(command, input=png.getvalue(), capture_output=True, timeout=OCR_TIMEOUT_S, check=False)
    if done.returncode != 0:
        raise OcrUnavailable(f"tesseract failed: {done.stderr.decode(errors='replace').strip()[:300]}")
    glyphs = []
    for row in csv.DictReader(io.StringIO(done.stdout.decode("utf-8")), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row["level"] != "5" or not text:
            continue
        left, top, w, h = (int(row[k]) * scale for k in ("left", "top", "width", "height"))
        line = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        glyph = _Glyph(text, (left, top, left + w, top + h), max(float(row["conf"]), 0.0) / 100, line)
        glyphs.extend(_split_at_rules(glyph))
    return glyphs


def _join_words(glyphs: list[_Glyph]) -> list[Word]:
    """Join Tesseract's pieces of one line into words where they touch, as the text layer groups glyphs."""
    words: list[Word] = []
    run: list[_Glyph] = []
    for glyph in glyphs:
        if run and not _joins(run, glyph):
            words.append(_word(run))
            run = []
        run.append(glyph)
    if run:
        words.append(_word(run))
    return words


def _height(run: list[_Glyph]) -> float:
    return max(g.box[3] - g.box[1] for g in run)


def _word(run: list[_Glyph]) -> Word:
    box = rounded(union(g.box for g in run))
    return Word(
        text="".join(g.text for g in run),
        bbox=box,
        size=round(box[3] - box[1], 2),
        confidence=round(min(g.confidence for g in run), 3),
    )


def _find_rules(pixels: np.ndarray, scale: float) -> list[Rule]:
    """Return the straight horizontal and vertical ink runs of the bitmap long enough to be ruling lines."""
    ink = pixels < INK_LEVEL
    min_len = int(MIN_RULE_PT / scale)
    max_thick = max(1, int(MAX_RULE_THICKNESS_PT / scale))
    rules = [Rule("h", box) for box in _runs(ink, min_len, max_thick, scale)]
    rules += [Rule("v", (b[1], b[0], b[3], b[2])) for b in _runs(ink.T, min_len, max_thick, scale)]
    return rules


def _runs(ink: np.ndarray, min_len: int, max_thick: int, scale: float) -> list[tuple[float, float, float, float]]:
    """Return boxes (x0, top, x1, bottom in points) of ink runs along rows, adjacent rows merged."""
    found: dict[tuple[int, int], list[int]] = {}  # (start, end) columns -> rows holding that run
    for y in np.flatnonzero(ink.sum(axis=1) >= min_len):
        row = np.concatenate(([0], ink[y].astype(np.int8), [0]))
        edges = np.flatnonzero(np.diff(row))
        for start, end in zip(edges[::2], edges[1::2], strict=True):
            if end - start >= min_len:
                found.setdefault((int(start) // 4, int(end) // 4), []).append(int(y))
    boxes = []
    for (start, end), ys in found.items():
        groups = np.split(np.asarray(ys), np.flatnonzero(np.diff(ys) > 1) + 1)
        for group in groups:
            if len(group) <= max_thick:
                boxes.append(
                    (
                        round(start * 4 * scale, 2),
                        round(int(group[0]) * scale, 2),
                        round(end * 4 * scale, 2),
                        round((int(group[-1]) + 1) * scale, 2),
                    )
                )
    return boxes
