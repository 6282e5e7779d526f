"""Fuzz the normaliser and the PDF opener at large counts (tests/fuzz runs small ones in CI).

Run: nice .venv/bin/python bench/fuzz.py [NORMALIZER_INPUTS [PDF_MUTANTS [WORKERS]]]
Defaults: 1,000,000 normaliser inputs, 10,000 mutated PDFs in 2 worker processes (0 skips a part). The PDFs are the real
ones under ../shared/real up to 300 KB when present, else sample_docs/. Prints one JSON line (counts of
every outcome, examples of any finding, seconds, machine and load) and appends it to
bench/results/fuzz.jsonl (git-ignored). Inputs come from fixed seeds, so a finding can be replayed.
"""

import json
import logging
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fuzz.harness import (  # noqa: E402
    NORMALIZE_SECONDS,
    PDF_MEMORY_BYTES,
    PDF_SECONDS,
    FuzzReport,
    default_pdf_sources,
    fuzz_normalizer,
    fuzz_pdf_opener,
    pdf_source_note,
)


def as_json(report: FuzzReport) -> dict:
    """The report's counts (not dataclasses.asdict: it rebuilds a Counter from its items, miscounting)."""
    return {"inputs": report.inputs, "outcomes": dict(report.outcomes), "findings": report.findings}


def main(normalizer_inputs: int = 1_000_000, pdf_mutants: int = 10_000, workers: int = 2) -> dict:
    logging.disable(logging.WARNING)  # pdfminer warns about every damaged stream
    sources = default_pdf_sources(ROOT.parent / "shared" / "real", ROOT / "sample_docs")
    started = time.monotonic()
    normalizer = fuzz_normalizer(normalizer_inputs, seed=1) if normalizer_inputs else FuzzReport()
    normalizer_seconds = time.monotonic() - started
    started = time.monotonic()
    pdf = fuzz_pdf_opener(sources, pdf_mutants, seed=1, workers=workers) if pdf_mutants else FuzzReport()
    pdf_seconds = time.monotonic() - started
    result = {
        "bench": "fuzz",
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.node()} {platform.machine()} {os.cpu_count()} cpu",
        "load_1min": os.getloadavg()[0],
        "normalizer": as_json(normalizer) | {"seconds": round(normalizer_seconds, 1)},
        "normalizer_limit_seconds": NORMALIZE_SECONDS,
        "pdf_opener": as_json(pdf) | {"seconds": round(pdf_seconds, 1), "sources": pdf_source_note(sources)},
        "pdf_limits": {"seconds": PDF_SECONDS, "memory_bytes": PDF_MEMORY_BYTES, "workers": workers},
    }
    line = json.dumps(result, ensure_ascii=False, default=str)
    print(line)
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    with open(out / "fuzz.jsonl", "a", encoding="utf-8") as handle:
        handle.write(line + "\n")
    return result


if __name__ == "__main__":
    main(*map(int, sys.argv[1:]))
