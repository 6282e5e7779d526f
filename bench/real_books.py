"""Budget book checks over a folder of PDFs (default ../shared/real/fuji_r8): pass rate and counts.

Run by hand: `.venv/bin/python bench/budget_book_checks.py [FOLDER] [--failures]`. Each file goes
through `parsers.parse.parse_pdf` (family detection included); prints one line per file, the failed
checks with `--failures`, and a JSON summary line (files, family, lines, amounts, checks, passed).
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parsers.parse import parse_pdf  # noqa: E402

DEFAULT_FOLDER = ROOT.parent / "shared" / "real" / "fuji_r8"


def run(folder: Path, show_failures: bool) -> dict:
    """Given a folder of PDFs, parse each one and return the summary of its budget-book records."""
    totals: Counter = Counter()
    failures = []
    for path in sorted(folder.glob("*.pdf")):
        started = time.perf_counter()
        doc_id = hashlib.sha256(path.read_bytes()).hexdigest()
        result = parse_pdf(path, doc_id)
        rows = result.records.rows if result.records else {}
        checks = rows.get("checks", [])
        passed = sum(c.passed for c in checks)
        counts = {t: len(rows.get(t, [])) for t in ("budget_lines", "budget_amounts", "rejects")}
        print(
            f"{path.name}: family={result.family} status={result.status} lines={counts['budget_lines']} "
            f"amounts={counts['budget_amounts']} checks={passed}/{len(checks)} rejects={counts['rejects']} "
            f"{time.perf_counter() - started:.1f}s"
        )
        totals.update(counts)
        totals["checks"] += len(checks)
        totals["passed"] += passed
        totals["files"] += 1
        totals.update(f"check:{c.check_name}" for c in checks)
        totals.update(f"level:{line.level}" for line in rows.get("budget_lines", []))
        totals[f"family:{result.family}"] += 1
        failures += [(path.name, c) for c in checks if not c.passed]
    if show_failures:
        for name, check in failures:
            print(f"FAIL {name} {check.check_name} {check.subject}: expected {check.expected} actual {check.actual}")
    summary = dict(totals)
    summary["pass_rate"] = round(totals["passed"] / totals["checks"], 5) if totals["checks"] else None
    return summary


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    print(json.dumps(run(Path(args[0]) if args else DEFAULT_FOLDER, "--failures" in sys.argv), ensure_ascii=False))
