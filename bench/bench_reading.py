"""Time per page of `parse_pdf` (read, triage, family parser) on the samples and one fuji_r8 chapter.

Run: .venv/bin/python bench/bench_reading.py [--records OUT.jsonl]
Issue #14 moves every family onto one reading layer (parsers/pdf/reading.py): this says what a page
costs before and after, per file, with the machine and its load (the machine is shared; no timing is
ever asserted). `--records` also writes every record parsed (one JSON line per record, sorted), so
that two commits can be compared with `diff`: a refactor of the reading layer must give the same rows.
Appends its line to bench/results/reading.jsonl (git-ignored). The fuji_r8 chapter is skipped with a
message when ../shared/real is absent.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_fuji import CORPUS, run_header  # noqa: E402

CHAPTER = "歳入_15款_国庫支出金.pdf"  # 16 pages of the real budget book: budget_book family, real fonts
RESULTS = ROOT / "bench" / "results" / "reading.jsonl"


def inputs(chapter: Path) -> list[Path]:
    files = sorted((ROOT / "sample_docs").glob("*.pdf"))
    if chapter.is_file():
        files.append(chapter)
    else:
        print(f"skipped {chapter.name}: real corpus not found at {chapter.parent}", file=sys.stderr)
    return files


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (page readers): on a shared machine it
    varies far less with the load than the wall clock does."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def parse_one(path: Path) -> tuple[dict, list[str]]:
    """Given a PDF, parse it; return its timing row and its records as sorted JSON lines."""
    from parsers.parse import parse_pdf

    doc_id = hashlib.sha256(path.read_bytes()).hexdigest()
    t0, c0 = time.perf_counter(), cpu_seconds()
    parsed = parse_pdf(path, doc_id)
    seconds, cpu = time.perf_counter() - t0, cpu_seconds() - c0
    rows = parsed.records.rows if parsed.records else {}
    lines = sorted(
        json.dumps({"file": path.name, "table": table, **r.model_dump(mode="json")}, ensure_ascii=False, sort_keys=True)
        for table, records in rows.items()
        for r in records
    )
    timing = {
        "file": path.name,
        "pages": parsed.pages,
        "status": parsed.status,
        "family": parsed.family,
        "records": len(lines),
        "s": round(seconds, 3),
        "s_per_page": round(seconds / max(parsed.pages, 1), 4),
        "cpu_s_per_page": round(cpu / max(parsed.pages, 1), 4),
    }
    return timing, lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=Path, help="write every parsed record here (JSON lines, sorted)")
    parser.add_argument("--chapter", type=Path, default=CORPUS / CHAPTER, help="the real chapter timed too")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    per_file, everything = [], []
    for path in inputs(args.chapter):
        timing, lines = parse_one(path)
        per_file.append(timing)
        everything += lines
    samples = [t for t in per_file if t["file"] != args.chapter.name]
    result = run_header("reading") | {
        "loadavg_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "samples_s_per_page": round(sum(t["s"] for t in samples) / max(sum(t["pages"] for t in samples), 1), 4),
        "samples_cpu_s_per_page": round(
            sum(t["cpu_s_per_page"] * t["pages"] for t in samples) / max(sum(t["pages"] for t in samples), 1), 4
        ),
        "files": per_file,
    }
    line = json.dumps(result, ensure_ascii=False)
    print(line)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as out:
        out.write(line + "\n")
    if args.records:
        args.records.write_text("".join(r + "\n" for r in everything), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
