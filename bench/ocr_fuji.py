"""OCR on truth we can make (#18): fuji_r8 pages turned into 300-dpi images (scans) and read back.

Run by hand: `.venv/bin/python bench/ocr_fuji.py [FILE.pdf ...]` (default: a few chapters of
../shared/real/fuji_r8; `all` reads every chapter). Each file is rendered by pdfium at 300 dpi, one grey
image per page wrapped back into a PDF with no text layer (a scan), and parsed with
`parsers.parse.parse_pdf` (GYOSEI_OCR=on); the amounts read from it are compared with the original's
(same line level, code, measure and amount), and so are the checks that pass, with the amounts flagged
as taking part in a failing check. Below the family parser, the amounts printed on each page (the text
layer's number words) are looked for among the words `parsers.pdf.scans` reads. Prints one JSON line
per file, then totals with pages/s and the machine's load. Needs the fonts-ipaexfont-* packages.
Outlined renderings (`outlined`, Ghostscript `-dNoOutputFonts`) are measured by `bench/outlined_fuji.py`.
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
from parsers.pdf.glyph_match import shape_set  # noqa: E402
from parsers.pdf.open import open_pdf  # noqa: E402
from parsers.pdf.page import page_to_model  # noqa: E402
from parsers.pdf.scans import read_scanned_page  # noqa: E402

FUJI = ROOT.parent / "shared" / "real" / "fuji_r8"
DEFAULT_FILES = ("歳入_02款_地方譲与税.pdf", "歳入_11款_地方交付税.pdf", "歳出_12款_公債費.pdf", "歳出_05款_労働費.pdf")
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
    """Return (amount words read exactly, amount words printed, seconds of reading) for a scan."""
    with open_pdf(src) as pdf:
        printed = number_words(page_to_model(p) for p in pdf.pages)
        n_pages = len(pdf.pages)
    started = time.perf_counter()
    read = number_words(read_scanned_page(rendering, n) for n in range(1, n_pages + 1))
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
    started = time.perf_counter()
    shape_set()
    totals: Counter = Counter(reference_seconds=round(time.perf_counter() - started, 1))
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            src = FUJI / name
            truth = facts(src)
            rendering = scanned(src, Path(tmp) / "image.pdf")
            got = facts(rendering)
            row = compare(name, "image", truth, got)
            row["amounts_flagged"] = sum(1 for a in got[2].records.rows.get("budget_amounts", []) if a.in_failing_check)
            row["words_exact"], row["words"], row["scan_seconds"] = word_recall(src, rendering)
            row["text_layer_seconds"] = round(truth[3], 2)
            print(json.dumps(row, ensure_ascii=False), flush=True)
            for key, value in row.items():
                if isinstance(value, int | float):
                    totals[key] += value
    totals["scan_pages_per_s"] = round(totals["pages"] / max(totals["scan_seconds"], 1e-9), 2)
    totals["parse_pages_per_s"] = round(totals["pages"] / max(totals["seconds"], 1e-9), 2)
    totals["text_layer_pages_per_s"] = round(totals["pages"] / max(totals["text_layer_seconds"], 1e-9), 2)
    totals["load"] = os.getloadavg()[0]
    print(json.dumps({k: round(v, 2) if isinstance(v, float) else v for k, v in totals.items()}, ensure_ascii=False))


if __name__ == "__main__":
    chosen = sys.argv[1:] or list(DEFAULT_FILES)
    main(sorted(p.name for p in FUJI.glob("*.pdf")) if chosen == ["all"] else chosen)
