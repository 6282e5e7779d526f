"""Read pages that have no text layer (glyphs drawn as outlines, or scans) by OCR into the page model (#18).

Why this exists: some real chapters draw every glyph as vector outlines and scanned pages carry only an
image; without OCR their whole content is missing from the warehouse. Such a page is read from its
outlines (`outlines.py`) or its image (`scans.py`), each distinct shape matched once against a reference
font; the words found, with their confidence, and the ruling lines become a `PageModel`, so the family
parsers read it like any other page. Without the reference fonts, Tesseract (Debian `tesseract-ocr` +
`tesseract-ocr-jpn`, offline, models shipped by the package) reads the rendered page instead.

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
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from PIL import Image

from parsers.pdf.geometry import rounded, union
from parsers.pdf.glyph_match import NoReferenceFont
from parsers.pdf.health import PageText
from parsers.pdf.model import PageModel, Word
from parsers.pdf.outlines import read_outlined_page
from parsers.pdf.page_store import PageStore
from schemas.collect import RecordSet

DEFAULT_DPI = 300  # 9-pt digits come out ~35 px high, where Tesseract reads them reliably
LANGUAGE = "jpn"
PAGE_SEGMENTATION = "6"  # one uniform block of text: keeps the rows of a table in reading order
JOIN_GAP = 0.6  # pieces of a line closer than this × their height form one word
NUMBER_GAP = 1.0  # ... and digit groups of one number (`49,` `286,` `300`) closer than this
RULE_MARKS = "|｜"  # what Tesseract makes of a vertical ruling line crossing a text line
OCR_TIMEOUT_S = 300


class OcrUnavailable(RuntimeError):
    """Tesseract or its Japanese model is not installed, so OCR cannot run."""


@dataclass(frozen=True, slots=True)
class _Glyph:
    text: str
    box: tuple[float, float, float, float]  # points
    confidence: float  # 0..1
    line: tuple[int, int, int]  # Tesseract's block, paragraph, line


def _scan_reader() -> ModuleType:
    """The scan reader, imported when a page needs it: it brings scipy (~40 MB and 0.2 s in every process
    that imports the parsers: the CLI, the forkserver, each page worker), which only scanned pages use."""
    from parsers.pdf import scans

    return scans


def tesseract_command() -> str:
    """Return the Tesseract executable, or raise OcrUnavailable saying what to install."""
    exe = os.environ.get("GYOSEI_TESSERACT") or shutil.which("tesseract")
    if not exe:
        raise OcrUnavailable("OCR not run: install the Debian packages tesseract-ocr and tesseract-ocr-jpn")
    return exe


def ocr_pages(
    path: Path, models: Sequence[PageModel], states: list[PageText], records: RecordSet
) -> tuple[Sequence[PageModel], list[PageText], int]:
    """Given a document's pages and their text states, return them with every textless page read by OCR.

    A page drawn as glyph outlines is read from its outlines (`outlines.py`), any other textless page (a
    scan) from its image (`scans.py`): each distinct shape matched once against the reference font.
    Without the reference fonts, Tesseract reads them (it reads no budget book: see README).

    Returns (pages, states, pages read by OCR). OCR runs only with `GYOSEI_OCR=on` (its values are
    unverified, and a page costs seconds). When Tesseract is needed but missing or fails, the pages
    stay textless and a warning says why.
    """
    if "none" not in states:
        return models, states, 0
    if os.environ.get("GYOSEI_OCR", "off").lower() not in ("on", "1", "yes"):
        return models, states, 0
    read, states, done, unavailable = PageStore(), list(states), 0, False
    for i, model in enumerate(models):  # into a store of their own: a long book's pages are not all held
        if states[i] == "none" and not unavailable:
            try:
                model, states[i], done = _textless_page(path, model.number, records), "ocr", done + 1
            except (OcrUnavailable, subprocess.TimeoutExpired) as err:
                records.warnings.append(str(err))
                unavailable = True
        read.append(model)
    return read, states, done


def _textless_page(path: Path, number: int, records: RecordSet) -> PageModel:
    """The page read from its glyph outlines or, having none, from its image; by Tesseract without the
    reference fonts."""
    try:
        return read_outlined_page(path, number) or _scan_reader().read_scanned_page(path, number)
    except NoReferenceFont as err:
        if (warning := f"pages without text read by Tesseract instead: {err}") not in records.warnings:
            records.warnings.append(warning)
        return ocr_page(path, number)


def ocr_page(path: Path, number: int, dpi: int = DEFAULT_DPI) -> PageModel:
    """Given a PDF and a 1-based page number, return the page as OCR reads it (words carry a confidence)."""
    scans = _scan_reader()
    grey, width, height = scans.render(path, number, dpi)
    scale = 72 / dpi
    glyphs = _read_glyphs(Image.fromarray(grey), scale)
    words = tuple(_join_words(glyphs))
    return PageModel(
        number=number,
        width=width,
        height=height,
        words=words,
        rules=tuple(scans.ruling_lines(grey < scans.INK_LEVEL, scale)),
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
