"""Benchmark on the real fuji_r8 budget book (issue #7): gyosei end to end vs plain pdfplumber tables.

Run: .venv/bin/python bench/bench_fuji.py
Phases, each in a fresh subprocess so that its peak RSS (ru_maxrss) is its own:
  gyosei    `parsers.parse.parse_pdf` on every file, then each document loaded into a temporary DuckDB
            (`warehouse.connection.open_writer` + `warehouse.load.load_document`): the whole path from
            bytes to warehouse rows, timed as parse_s and load_s;
  baseline  the same pages through plain `pdfplumber` `page.extract_tables()`.
Prints one JSON line per phase and appends them to bench/results/fuji.jsonl (git-ignored). Inputs are
pinned by sha256 in bench/fuji_inputs.json (STYLE §7): a changed or missing file marks the run
`inputs_pinned: false` (`--strict` refuses to run). No timing is ever asserted. Skips with a message
when ../shared/real is absent (a fresh clone has no real corpus).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CORPUS = ROOT.parent / "shared" / "real" / "fuji_r8"
PINS = Path(__file__).with_name("fuji_inputs.json")
RESULTS = ROOT / "bench" / "results" / "fuji.jsonl"
PHASES = ("gyosei", "baseline")


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.pdf"))


def check_pins(files: list[Path]) -> dict[str, str]:
    """Given the corpus files, return {file name: problem} for each file that differs from its pin."""
    pinned = json.loads(PINS.read_text(encoding="utf-8"))["sha256"]
    actual = {f.name: sha256_of(f) for f in files}
    problems = {name: "missing" for name in pinned.keys() - actual.keys()}
    problems |= {name: "not pinned" for name in actual.keys() - pinned.keys()}
    problems |= {name: "sha256 differs" for name in actual.keys() & pinned.keys() if actual[name] != pinned[name]}
    return problems


def write_pins(files: list[Path]) -> None:
    body = {"corpus": "../shared/real/fuji_r8", "sha256": {f.name: sha256_of(f) for f in files}}
    PINS.write_text(json.dumps(body, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def peak_rss_mb() -> float:
    """Return this process's peak resident set size in MB (ru_maxrss is KB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def run_gyosei(files: list[Path]) -> dict:
    """Given the PDFs, parse and load each into a temporary warehouse; return timings and outcomes."""
    from warehouse.connection import open_writer

    per_doc, parse_s, load_s, pages = [], 0.0, 0.0, 0
    layers: dict[str, int] = {}
    outcomes: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        con = open_writer(Path(tmp) / "bench.duckdb")
        try:
            for path in files:
                n_pages, layer, outcome, t_parse, t_load = parse_and_load(con, path)
                parse_s, load_s, pages = parse_s + t_parse, load_s + t_load, pages + n_pages
                per_doc.append((path.name, n_pages, round(t_parse + t_load, 3)))
                layers[layer] = layers.get(layer, 0) + 1
                outcomes[outcome] = outcomes.get(outcome, 0) + 1
            rows = con.execute("select count(*) from raw_cells").fetchall()[0][0]
        finally:
            con.close()
    return {
        "pages": pages,
        "seconds": parse_s + load_s,
        "parse_s": round(parse_s, 2),
        "load_s": round(load_s, 2),
        "raw_cells": rows,
        "text_layers": layers,
        "outcomes": outcomes,
        "slowest_docs": sorted(per_doc, key=lambda d: -d[2])[:3],
    }


def parse_and_load(con, path: Path) -> tuple[int, str, str, float, float]:
    """Given a writer and a PDF, parse and load it as the ingest flow does; return
    (pages, text layer, outcome, parse seconds, load seconds). A crash is an outcome, not the end of the run."""
    from parsers import PARSER_VERSION
    from parsers.parse import parse_pdf
    from schemas.documents import Document
    from warehouse.load import load_document, record_failure

    t0 = time.perf_counter()
    try:
        parsed = parse_pdf(path, sha256_of(path))
    except Exception as err:  # a parser still being written must not stop the benchmark
        return 0, "None", f"parse crashed: {type(err).__name__}", time.perf_counter() - t0, 0.0
    t1 = time.perf_counter()
    row = Document(
        doc_id=parsed.doc_id,
        document_key=str(path),
        source=str(path),
        file_name=path.name,
        doc_family=parsed.family,
        title=parsed.info.title,
        pages=parsed.pages,
        text_layer=parsed.text_layer,
        status=parsed.status,
        error=parsed.error,
        parser_version=PARSER_VERSION,
        size_bytes=path.stat().st_size,
        loaded_at=datetime.now(),
    )
    outcome = parsed.status
    try:
        if parsed.status == "failed":
            record_failure(con, row)
        else:
            load_document(con, row, parsed.records.rows)
    except Exception as err:  # the load rolled back, as in the flow
        outcome = f"load failed: {type(err).__name__}"
    return parsed.pages, str(parsed.text_layer), outcome, t1 - t0, time.perf_counter() - t1


def run_baseline(files: list[Path]) -> dict:
    """Given the PDFs, run plain pdfplumber `extract_tables()` on every page; return timings and counts."""
    import pdfplumber

    pages, tables, cells = 0, 0, 0
    t0 = time.perf_counter()
    for path in files:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                found = page.extract_tables()
                pages, tables = pages + 1, tables + len(found)
                cells += sum(len(row) for table in found for row in table)
                page.close()
    return {"pages": pages, "seconds": time.perf_counter() - t0, "tables": tables, "cells": cells}


def run_phase(phase: str) -> None:
    """Run one phase in this (fresh) process and print its measurements as one JSON object."""
    files = corpus_files()
    result = run_gyosei(files) if phase == "gyosei" else run_baseline(files)
    seconds = result["seconds"]
    result |= {
        "docs": len(files),
        "seconds": round(seconds, 2),
        "pages_per_s": round(result["pages"] / seconds, 3),
        "s_per_doc": round(seconds / len(files), 3),
        "peak_rss_mb": peak_rss_mb(),
    }
    print(json.dumps(result, ensure_ascii=False))


def git_commit() -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True)
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout.strip() + ("-dirty" if dirty.stdout.strip() else "")


def run_header(bench: str) -> dict:
    """What every benchmark line starts with: which benchmark, when, which code, which machine."""
    return {
        "bench": bench,
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "git_commit": git_commit(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu_count": os.cpu_count(),
    }


def main() -> int:
    args = build_parser().parse_args()
    if args.phase:
        run_phase(args.phase)
        return 0
    if not CORPUS.is_dir():
        print(f"skipped: real corpus not found at {CORPUS} (only present beside the project in CI)")
        return 0
    files = corpus_files()
    if args.write_pins:
        write_pins(files)
        print(f"pinned {len(files)} files in {PINS}")
        return 0
    problems = check_pins(files)
    if problems:
        print(f"warning: inputs differ from {PINS.name}: {problems}", file=sys.stderr)
        if args.strict:
            return 1
    from parsers import PARSER_VERSION

    common = run_header("fuji") | {
        "parser_version": PARSER_VERSION,
        "inputs_pinned": not problems,
        "unpinned": problems or None,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    for phase in PHASES:
        load_before = os.getloadavg()[0]
        child = subprocess.run(
            [sys.executable, __file__, "--phase", phase], cwd=ROOT, capture_output=True, text=True, check=False
        )
        if child.returncode != 0:
            print(f"phase {phase} failed:\n{child.stderr}", file=sys.stderr)
            return 1
        record = common | {"phase": phase, "loadavg_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)]}
        line = json.dumps(record | json.loads(child.stdout.strip().splitlines()[-1]), ensure_ascii=False)
        print(line, flush=True)
        with RESULTS.open("a", encoding="utf-8") as f:
            f.write(line + "\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phase", choices=PHASES, help=argparse.SUPPRESS)  # internal: run one phase
    parser.add_argument("--strict", action="store_true", help="refuse to run when inputs differ from the pins")
    parser.add_argument("--write-pins", action="store_true", help="pin the current corpus files by sha256")
    return parser


if __name__ == "__main__":
    sys.exit(main())
