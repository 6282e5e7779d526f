"""Outlined glyphs read shape by shape (#18): fuji_r8 chapters turned into outlines, read back.

Run by hand: `.venv/bin/python bench/outlined_fuji.py [FILE.pdf ...]` (default: a few chapters of
../shared/real/fuji_r8). Each file is rendered with Ghostscript `-dNoOutputFonts` (no text layer, every
glyph a vector path) and read by `parsers.pdf.outlines`; the amount words its text layer holds are looked
for among the words read (same text, multiset), and the family's facts (amounts, passing checks) are
compared with the original's through `parse_pdf` with GYOSEI_OCR=on (checks by their lines' levels and
codes, names aside), with the amounts each flags as taking part in a failing check. Prints one JSON line
per file, then totals with pages/s and the machine's load. Needs ghostscript and fonts-ipaexfont-*.
`all` as the only argument reads every chapter of fuji_r8.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.ocr_fuji import FUJI, facts, number_words, outlined  # noqa: E402
from parsers.pdf.glyph_match import shape_set  # noqa: E402
from parsers.pdf.open import open_pdf  # noqa: E402
from parsers.pdf.outlines import read_outlined_page  # noqa: E402
from parsers.pdf.page import page_to_model  # noqa: E402

DEFAULT_FILES = ("歳入_11款_地方交付税.pdf", "歳入_02款_地方譲与税.pdf", "歳出_12款_公債費.pdf", "歳出_05款_労働費.pdf")


def main(names: list[str]) -> None:
    os.environ["GYOSEI_OCR"] = "on"
    started = time.perf_counter()
    shape_set()
    totals: Counter = Counter(reference_seconds=round(time.perf_counter() - started, 1))
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            src = FUJI / name
            rendering = outlined(src, Path(tmp) / "outlined.pdf")
            with open_pdf(src) as pdf:
                printed = number_words(page_to_model(p) for p in pdf.pages)
                n_pages = len(pdf.pages)
            started = time.perf_counter()
            read = number_words(read_outlined_page(rendering, n) for n in range(1, n_pages + 1))
            seconds = time.perf_counter() - started
            truth, got = facts(src), facts(rendering)
            row = {
                "file": name,
                "pages": n_pages,
                "words_exact": sum((printed & read).values()),
                "words": sum(printed.values()),
                "outline_seconds": round(seconds, 2),
                "family_amounts_exact": sum((truth[0] & got[0]).values()),
                "family_amounts": sum(truth[0].values()),
                "checks_kept": sum((truth[1] & got[1]).values()),
                "checks": sum(truth[1].values()),
                "amounts_flagged": sum(1 for a in got[2].records.rows.get("budget_amounts", []) if a.in_failing_check),
                "amounts_flagged_original": sum(
                    1 for a in truth[2].records.rows.get("budget_amounts", []) if a.in_failing_check
                ),
                "status": got[2].status,
                "text_layer": got[2].text_layer,
                "text_layer_seconds": round(truth[3], 2),
            }
            print(json.dumps(row, ensure_ascii=False), flush=True)
            for key, value in row.items():
                if isinstance(value, int | float) and key != "file":
                    totals[key] += value
    totals["outline_pages_per_s"] = round(totals["pages"] / max(totals["outline_seconds"], 1e-9), 2)
    totals["text_layer_pages_per_s"] = round(totals["pages"] / max(totals["text_layer_seconds"], 1e-9), 2)
    totals["load"] = os.getloadavg()[0]
    print(json.dumps({k: round(v, 2) if isinstance(v, float) else v for k, v in totals.items()}, ensure_ascii=False))


if __name__ == "__main__":
    chosen = sys.argv[1:] or list(DEFAULT_FILES)
    main(sorted(p.name for p in FUJI.glob("*.pdf")) if chosen == ["all"] else chosen)
