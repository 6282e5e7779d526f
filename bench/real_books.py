"""Every book of ../shared/real (fuji_r8, nankoku): one row per PDF as parsed, for an issue's closing note.

Run by hand: `.venv/bin/python bench/real_books.py [FOLDER ...] [--failures]` (default: every folder of
../shared/real holding PDFs). Each file goes through `parsers.parse.parse_pdf` (family detection, text
repair, the family parser and its checks, no Prefect or DuckDB), one after the other in this process.
Prints a Markdown table (pages, family, status, text layer, lines, projects, amounts, checks passed /
failed / not run, rejects, seconds, pages/s), the failed checks with `--failures`, and appends one JSON
line per run (machine, load average, every row) to bench/results/real_books.jsonl (git-ignored). A
check that could not run (passed NULL) is counted as not run, never as passed. Nothing is asserted.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_fuji import run_header  # noqa: E402

from parsers.parse import parse_pdf  # noqa: E402

REAL = ROOT.parent / "shared" / "real"
RESULTS = ROOT / "bench" / "results" / "real_books.jsonl"
COLUMNS = ("book", "pages", "family", "status", "text layer", "lines", "projects", "amounts", "checks ok",
           "failed", "not run", "rejects", "seconds", "pages/s")  # fmt: skip


def book_row(path: Path) -> tuple[dict, list]:
    """Given a PDF, parse it; return its table row and its failed checks. A crash is a row, not the end."""
    started, cpu = time.perf_counter(), time.process_time()
    try:
        result = parse_pdf(path, hashlib.sha256(path.read_bytes()).hexdigest())
    except Exception as err:  # the table must show a crash, not stop at it
        return {"book": f"{path.parent.name}/{path.name}", "status": f"crashed: {type(err).__name__}"}, []
    seconds = time.perf_counter() - started
    rows = result.records.rows if result.records else {}
    checks = rows.get("checks", [])
    row = {
        "book": f"{path.parent.name}/{path.name}",
        "pages": result.pages,
        "family": result.family,
        "status": result.status,
        "text layer": result.text_layer,
        "lines": len(rows.get("budget_lines", [])),
        "projects": len(rows.get("projects", [])),
        "amounts": len(rows.get("budget_amounts", [])),
        "checks ok": sum(1 for c in checks if c.passed is True),
        "failed": sum(1 for c in checks if c.passed is False),
        "not run": sum(1 for c in checks if c.passed is None),
        "rejects": len(rows.get("rejects", [])),
        "seconds": round(seconds, 2),
        "cpu_s": round(time.process_time() - cpu, 2),
        "pages/s": round(result.pages / seconds, 2) if seconds else None,
        "error": result.error,
    }
    return row, [c for c in checks if c.passed is False]


def markdown(rows: list[dict]) -> str:
    total = {
        c: sum(r.get(c) or 0 for r in rows)
        for c in COLUMNS
        if c not in ("book", "family", "status", "text layer", "pages/s")
    }
    total["seconds"] = round(total["seconds"], 2)
    total |= {
        "book": f"**total ({len(rows)} PDFs)**",
        "pages/s": round(total["pages"] / total["seconds"], 2) if total["seconds"] else None,
    }
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for row in [*rows, total]:
        lines.append("| " + " | ".join("" if row.get(c) is None else str(row[c]) for c in COLUMNS) + " |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv if not a.startswith("--")]
    if not folders and REAL.is_dir():
        folders = sorted(p for p in REAL.iterdir() if p.is_dir() and any(p.glob("*.pdf")))
    if not folders:
        print(f"skipped: real corpus not found at {REAL} (only present beside the project in CI)")
        return 0
    load_before = os.getloadavg()
    rows, failures = [], []
    for path in (p for folder in folders for p in sorted(folder.glob("*.pdf"))):
        row, failed = book_row(path)
        rows.append(row)
        failures += [(row["book"], c) for c in failed]
        print(f"{row['book']}: {row.get('status')} {row.get('seconds')}s", file=sys.stderr, flush=True)
    print(markdown(rows))
    for row in rows:
        if row.get("error"):
            print(f"- {row['book']}: {row['error']}")
    if "--failures" in argv:
        for book, check in failures:
            found = f"expected {check.expected} actual {check.actual} {check.detail or ''}"
            print(f"FAIL {book} {check.check_name} {check.subject}: {found}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    line = run_header("real_books") | {"load_before": load_before, "load_after": os.getloadavg(), "books": rows}
    with RESULTS.open("a", encoding="utf-8") as out:
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
