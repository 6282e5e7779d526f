"""Every family on every rendering of its sample (issue #14): expected facts found, wrong, seconds per page.

Run: .venv/bin/python bench/renderings.py [FAMILY ...]
Builds the renderings of `sample_docs.renderings` (plus the committed main sample as `grid`) into a
temporary folder, parses each in this process (no Prefect, no DuckDB; page workers as configured by
GYOSEI_PAGE_WORKERS) and prints one line per family × rendering; appends JSON lines to
bench/results/renderings.jsonl (git-ignored) with the machine's load average. CPU seconds count this
process only: run with GYOSEI_PAGE_WORKERS=0 for a parse's whole CPU time. No timing is asserted.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sample_docs.renderings import RENDERINGS, SAMPLES, build_rendering  # noqa: E402
from tests.samples.rendered_facts import parse, score_document  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "renderings.jsonl"


def main(families: list[str]) -> int:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    machine = f"{platform.machine()} {os.cpu_count()} CPUs"
    print(f"machine {machine}, load {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp, open(RESULTS, "a", encoding="utf-8") as out:
        for family in families or list(SAMPLES):
            main_pdf = ROOT / "sample_docs" / f"{__import__(SAMPLES[family], fromlist=['STEM']).STEM}.pdf"
            for rendering in ("grid", *RENDERINGS):
                path = main_pdf if rendering == "grid" else build_rendering(family, rendering, Path(tmp))
                start, cpu_start = time.perf_counter(), time.process_time()
                doc = parse(path)
                seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
                result = score_document(family, doc)
                pages = doc.pages
                row = {
                    "family": family,
                    "rendering": rendering,
                    "status": doc.status,
                    "parsed_family": doc.family,
                    "found": len(result.found) + len(result.found_in_text),
                    "total": result.total,
                    "wrong": len(result.wrong),
                    "seconds": round(seconds, 2),
                    "cpu_seconds": round(cpu, 2),
                    "pages": pages,
                    "load": round(os.getloadavg()[0], 2),
                    "machine": machine,
                }
                print(
                    f"{family:17} {rendering:10} {doc.status:8} {str(doc.family):17} "
                    f"{row['found']:4}/{row['total']:<4} wrong {row['wrong']:3}  "
                    f"{seconds / max(pages, 1):5.2f} s/page, {cpu / max(pages, 1):5.3f} CPU s/page ({pages} pages)"
                )
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
