"""OCR on truth we can make (#18): fuji_r8 pages turned into outlines and into 300-dpi images.

Run by hand: `.venv/bin/python bench/ocr_fuji.py [FILE.pdf ...]` (default: a few one-page chapters of
../shared/real/fuji_r8). Each file is rendered twice: Ghostscript `-dNoOutputFonts` (glyphs become vector
outlines, no text layer) and pdfium at 300 dpi wrapped back into a PDF (a scan). All three are parsed
with `parsers.parse.parse_pdf`; the amounts read from each rendering are compared with the original's
(same line level, code, measure and amount), and so are the checks that pass; below the family parser,
the amounts printed on each page (the text layer's number words) are looked for among the OCR words.
Needs the Debian packages ghostscript, tesseract-ocr and tesseract-ocr-jpn; runs with GYOSEI_OCR=on.
Prints one JSON line per file and rendering, then totals.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parsers.parse import parse_pdf  # noqa: E402
from parsers.pdf.ocr import ocr_page  # noqa: E402
from parsers.pdf.open import open_pdf  # noqa: E402
from parsers.pdf.page import page_to_model  # noqa: E402

FUJI = ROOT.parent / "shared" / "real" / "fuji_r8"
DEFAULT_FILES = ("歳入_02款_地方譲与税.pdf", "歳入_11款_地方交付税.pdf", "歳出_12款_公債費.pdf", "歳出_14款_予備費.pdf")
DPI = 300
NUMBER = re.compile(r"[△▲]?[0-9][0-9,]*(千円)?")
LINE_NAME = re.compile(r"(款|項|目|節|細節|説明)(\w*) [^/(]+")


def outlined(src: Path, out: Path) -> Path:
    """Write `src` with every glyph drawn as a vector outline (Ghostscript pdfwrite -dNoOutputFonts)."""
    subprocess.run(
        [
            "gs",
            "-q",
            "-dBATCH",
            "-dNOPAUSE",
            "-dSAFER",
            "-sDEVICE=pdfwrite",
            "-dNoOutputFonts",
            f"-sOutputFile={out}",
            str(src),
        ],
        check=True,
    )
    return out


def scanned(src: Path, out: Path, dpi: int = DPI) -> Path:
    """Write `src` as a PDF of one grey image per page at `dpi` (no text layer at all)."""
    pdf = pdfium.PdfDocument(str(src))
    images = [page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for page in pdf]
    pdf.close()
    images[0].save(out, save_all=True, append_images=images[1:], resolution=dpi)
    return out


def facts(path: Path) -> tuple[Counter, Counter, object, float]:
    """Parse `path`; return its amounts and passing checks as multisets, the result and the seconds taken."""
    started = time.perf_counter()
    result = parse_pdf(path, "0" * 64)
    seconds = time.perf_counter() - started
    rows = result.records.rows if result.records else {}
    lines = {line.line_id: line for line in rows.get("budget_lines", [])}
    amounts = Counter(
        (lines[a.line_id].level, lines[a.line_id].code, a.measure, a.amount_yen)
        for a in rows.get("budget_amounts", [])
        if a.line_id in lines
    )
    passing = Counter((c.check_name, without_names(c.subject)) for c in rows.get("checks", []) if c.passed)
    return amounts, passing, result, seconds


def without_names(subject: str) -> str:
    """A check's subject by its lines' levels and codes only (`歳出款12/項1 (p.1, …): 本年度 = Σ目.本年度`):
    a name OCR reads otherwise (or reads right where the text layer is mis-mapped) is the same check."""
    return LINE_NAME.sub(r"\1\2", subject)


def number_words(pages) -> Counter:
    """The words of pages that are printed amounts (digits, commas, △), as a multiset."""
    return Counter(w.text for page in pages if page is not None for w in page.words if NUMBER.fullmatch(w.text))


def word_recall(src: Path, rendering: Path) -> tuple[int, int, float]:
    """Return (amount words OCR read exactly, amount words printed, seconds of OCR) for a rendering."""
    with open_pdf(src) as pdf:
        printed = number_words(page_to_model(p) for p in pdf.pages)
        n_pages = len(pdf.pages)
    started = time.perf_counter()
    read = number_words(ocr_page(rendering, n) for n in range(1, n_pages + 1))
    return sum((printed & read).values()), sum(printed.values()), time.perf_counter() - started


def compare(name: str, kind: str, truth: tuple, got: tuple) -> dict:
    amounts, passing, original, _ = truth
    got_amounts, got_passing, result, seconds = got
    return {
        "file": name,
        "kind": kind,
        "pages": result.pages,
        "text_layer": result.text_layer,
        "status": result.status,
        "amounts_exact": sum((amounts & got_amounts).values()),
        "amounts": sum(amounts.values()),
        "amounts_extra": sum((got_amounts - amounts).values()),
        "checks_kept": sum((passing & got_passing).values()),
        "checks": sum(passing.values()),
        "seconds": round(seconds, 1),
    }


def main(names: list[str]) -> None:
    os.environ["GYOSEI_OCR"] = "on"
    totals: Counter = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            src = FUJI / name
            truth = facts(src)
            totals["text_pages"] += truth[2].pages
            totals["text_seconds"] += truth[3]
            for kind, make in (("outlined", outlined), ("image", scanned)):
                rendering = make(src, Path(tmp) / f"{kind}.pdf")
                row = compare(name, kind, truth, facts(rendering))
                row["words_exact"], row["words"], row["ocr_seconds"] = word_recall(src, rendering)
                print(json.dumps(row, ensure_ascii=False), flush=True)
                keys = ("pages", "amounts_exact", "amounts", "amounts_extra", "checks_kept", "checks", "seconds")
                for key in (*keys, "words_exact", "words", "ocr_seconds"):
                    totals[f"{kind}_{key}"] += row[key]
    totals["load"] = os.getloadavg()[0]
    print(json.dumps({k: round(v, 1) if isinstance(v, float) else v for k, v in totals.items()}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:] or list(DEFAULT_FILES))
