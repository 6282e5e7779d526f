"""Benchmark of the review site: time to build it for a warehouse, cold (no page image yet) and warm
(every image cached), and its size on disk.

Run: .venv/bin/python bench/bench_review.py WAREHOUSE [WAREHOUSE ...]
e.g. a warehouse of sample_docs/ (`make ingest`) and one of ../shared/real/fuji_r8 (ingested with a
manifest giving fiscal_year 2026). Each site is written to a fresh temporary folder. Prints one JSON line
per warehouse, with the machine and its load average, and appends it to bench/results/review.jsonl
(git-ignored). No timing is ever asserted.
"""

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipelines.review.site import build_site  # noqa: E402


def folder_bytes(folder: Path) -> dict[str, int]:
    """Bytes on disk under each top-level entry of the site, and in total."""
    sizes = {}
    for entry in folder.iterdir():
        files = [entry] if entry.is_file() else [p for p in entry.rglob("*") if p.is_file()]
        sizes[entry.name] = sum(p.stat().st_size for p in files)
    sizes["total"] = sum(sizes.values())
    return sizes


def measure(warehouse: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "review"
        load_before = os.getloadavg()
        started = time.perf_counter()
        cold = build_site(warehouse, out)
        cold_s = time.perf_counter() - started
        started = time.perf_counter()
        build_site(warehouse, out)
        warm_s = time.perf_counter() - started
        return {
            "bench": "review",
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
            "git_commit": subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
            ).stdout.strip(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpu_count": os.cpu_count(),
            "loadavg_before": [round(x, 2) for x in load_before],
            "loadavg_after": [round(x, 2) for x in os.getloadavg()],
            "warehouse": str(warehouse),
            "documents": cold.documents,
            "pages": cold.pages,
            "cold_s": round(cold_s, 2),
            "warm_s": round(warm_s, 2),
            "bytes": folder_bytes(out),
        }


def main() -> None:
    out = ROOT / "bench" / "results" / "review.jsonl"
    out.parent.mkdir(parents=True, exist_ok=True)
    for warehouse in sys.argv[1:]:
        line = json.dumps(measure(Path(warehouse)), ensure_ascii=False)
        print(line)
        with out.open("a", encoding="utf-8") as f:
            f.write(line + "\n")


if __name__ == "__main__":
    main()
