"""End-to-end ingest vs plain pdfplumber (issue #15), in one process tree and one run.

Run: .venv/bin/python bench/bench_ingest.py [--skip-synthetic]
Each phase is a fresh child process (its own process group), watched from here:
  gyosei     `gyosei ingest --manifest` over ../shared/real/fuji_r8 exactly as a user runs it (Prefect
             included), into a fresh warehouse, with nothing in the parse cache, in a PREFECT_HOME where
             Prefect has run before (an empty flow, not timed): every run of a project but its first;
  gyosei-first-run  the same in a fresh PREFECT_HOME: Prefect's temporary server first creates its
             database (its migrations, ~5 s once per project);
  baseline   plain pdfplumber over the same files: `page.extract_tables(); page.flush_cache()`;
  synthetic  the CLI on one 1,000-page book made of fuji_r8 pages repeated (per-page time and peak
             against `gyosei`);
  noop       `gyosei ingest sample_docs` again on a warehouse that already holds them (nothing to do);
  empty      an empty Prefect flow in a fresh interpreter with the same environment, for comparison.
For each: wall seconds, CPU seconds of the phase's process tree (`cpu_s`, user + system of every
process in it, sampled with the RSS: the figure to compare when the machine is shared), pages/s, peak RSS of the
biggest single process (`peak_rss_mb`, ru_maxrss of the phase's waited-for descendants or the largest RSS
sampled, whichever is larger) and of the whole process
tree (`tree_peak_mb`, sum of RSS sampled every 0.1 s, which counts Prefect's temporary API server and
any page workers); and each process's peak private memory (`biggest_private_mb`: Private_Clean +
Private_Dirty of /proc/PID/smaps_rollup, sampled every second, what the process alone holds: RSS also
counts the file pages it maps, such as Sudachi's 200 MB dictionary and the glyph matrix, shared and
reclaimable); `watcher_cpu_s` is the CPU the sampling itself took (TreeWatcher). The machine's
load average is recorded before and after every phase: the machine is shared, so read figures with it.
Prints one JSON line per phase and a summary line, appended to bench/results/ingest.jsonl (git-ignored).
No timing is ever asserted. Skips with a message when ../shared/real is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench_fuji import CORPUS, ROOT, check_pins, corpus_files, run_header

RESULTS = ROOT / "bench" / "results" / "ingest.jsonl"
GYOSEI = ROOT / ".venv" / "bin" / "gyosei"
SYNTHETIC_PAGES = 1000
SAMPLE_INTERVAL_S = 0.1
PRIVATE_EVERY = 10
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

BASELINE = """
import sys, pdfplumber
pages = 0
for path in sys.argv[1:]:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.flush_cache()
            pages += 1
print(pages)
"""
EMPTY_FLOW = """
import pipelines  # the same Prefect environment defaults as the CLI
from prefect import flow

@flow(name="empty")
def empty():
    return None

empty()
"""


def manifest_for(files: list[Path], path: Path) -> Path:
    """A manifest listing `files` as chapters of the 富士市 令和8年度 budget book."""
    entries = [
        f'[[document]]\nsource = "{f}"\nmunicipality = "富士市"\nfamily = "budget_book"\n'
        f'title = "令和8年度 一般会計予算書 {f.stem}"\nfiscal_year = "令和8年度"\n'
        for f in files
    ]
    path.write_text("\n".join(entries), encoding="utf-8")
    return path


def synthetic_book(files: list[Path], path: Path, pages: int = SYNTHETIC_PAGES) -> Path:
    """A `pages`-page PDF made of the corpus pages repeated in order (pypdfium2 copies them as they are)."""
    import pypdfium2

    book = pypdfium2.PdfDocument.new()
    sources = [pypdfium2.PdfDocument(f) for f in files]
    while len(book) < pages:
        for source in sources:
            take = min(len(source), pages - len(book))
            if take <= 0:
                break
            book.import_pages(source, list(range(take)), index=len(book))
    book.save(str(path))
    for doc in [book, *sources]:
        doc.close()
    return path


def page_count(files: list[Path]) -> int:
    import pypdfium2

    total = 0
    for f in files:
        doc = pypdfium2.PdfDocument(f)
        total += len(doc)
        doc.close()
    return total


class TreeWatcher(threading.Thread):
    """Samples the RSS and CPU of a process and all its descendants until stopped: the peak of their sum,
    and each process's own peak (to tell the ingest process from Prefect's server and page workers).

    It watches a run on the same 2 cores, so it is kept light: one read of /proc/PID/stat per process per
    sample gives parent, CPU and RSS; private memory (smaps_rollup, which walks the process's page tables)
    is read every PRIVATE_EVERY samples only. Reading stat, statm and smaps_rollup of every process every
    0.1 s cost 2.6 CPU s in a 20 s run and slowed it by ~2 s. `cpu_seconds_self` is what watching cost."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_bytes, self.stopped = pid, 0, threading.Event()
        self.peaks: dict[int, tuple[int, str]] = {}
        self.private_peaks: dict[int, tuple[int, str]] = {}
        self.cpu_ticks: dict[int, int] = {}
        self.cpu_seconds_self = 0.0

    @property
    def cpu_seconds(self) -> float:
        return sum(self.cpu_ticks.values()) / CLOCK_TICKS

    def run(self) -> None:
        started, samples = time.thread_time(), 0
        while not self.stopped.wait(SAMPLE_INTERVAL_S):
            tree = process_tree(self.pid)
            for pid, (ticks, _) in tree.items():  # a process's CPU as last seen (one that ends loses one interval)
                self.cpu_ticks[pid] = max(self.cpu_ticks.get(pid, 0), ticks)
            self.peak_bytes = max(self.peak_bytes, sum(size for _, size in tree.values()))
            samples += 1
            for pid, (_, size) in tree.items():
                if size > self.peaks.get(pid, (0, ""))[0]:
                    self.peaks[pid] = (size, self.peaks.get(pid, (0, _cmdline(pid)))[1])
                if samples % PRIVATE_EVERY == 0 and (private := _private(pid)) > self.private_peaks.get(pid, (0,))[0]:
                    self.private_peaks[pid] = (private, self.peaks[pid][1])
        self.cpu_seconds_self = time.thread_time() - started

    def biggest(self, n: int = 3, private: bool = False) -> list[tuple[str, float]]:
        ranked = sorted((self.private_peaks if private else self.peaks).values(), reverse=True)[:n]
        return [(cmd, round(size / 2**20, 1)) for size, cmd in ranked]


def process_tree(root: int) -> dict[int, tuple[int, int]]:
    """CPU ticks (user + system, its own) and RSS bytes of `root` and each of its descendants, by pid."""
    children: dict[int, list[int]] = {}
    stats: dict[int, tuple[int, int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as f:
                    fields = f.read().rsplit(b")", 1)[1].split()
                ppid, ticks, pages = int(fields[1]), int(fields[11]) + int(fields[12]), int(fields[21])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
            stats[int(entry)] = (ticks, pages * PAGE_SIZE)
    found, todo = {root}, [root]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return {pid: stats[pid] for pid in found if pid in stats}


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            words = f.read().decode(errors="replace").split("\0")
    except OSError:
        return "?"
    return " ".join(Path(w).name if i == 0 else w for i, w in enumerate(words[:3]))[:60]


def _private(pid: int) -> int:
    """Memory only this process holds (its private pages, resident), in bytes."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            lines = f.read().splitlines()
    except OSError:
        return 0
    fields = dict(line.split(b":", 1) for line in lines if line.startswith(b"Private_"))
    try:
        return sum(int(value.split()[0]) for value in fields.values()) * 1024
    except (IndexError, ValueError):
        return 0


def run_phase(name: str, argv: list[str], env: dict[str, str], pages: int | None, ok_exits=(0, 1)) -> dict:
    """Run one phase as a child process; return its wall time, pages/s, peaks and the load around it.

    Exit 1 of the CLI (some document failed) is still a measured run unless `ok_exits` says otherwise."""
    load_before = os.getloadavg()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen(argv, env=env, cwd=ROOT, stdout=out, stderr=err, text=True)
        watcher = TreeWatcher(child.pid)
        watcher.start()
        _, status, usage = os.wait4(child.pid, 0)  # its rusage: ru_maxrss covers its waited-for descendants
        seconds = time.perf_counter() - started
        watcher.stopped.set()
        watcher.join()
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        stdout, stderr = out.read(), err.read()
    if child.returncode not in ok_exits:
        raise RuntimeError(f"phase {name} exited {child.returncode}:\n{stderr[-3000:]}")
    result = {
        "phase": name,
        "seconds": round(seconds, 2),
        "pages": pages,
        "pages_per_s": round(pages / seconds, 2) if pages else None,
        "cpu_s": round(watcher.cpu_seconds, 2),  # its tree's CPU: comparable on a shared machine
        # ru_maxrss (KB on Linux) misses a process its tree did not wait for (a parse child reaped by the
        # forkserver): the largest RSS sampled counts too
        "peak_rss_mb": round(max([usage.ru_maxrss / 1024, *(mb for _, mb in watcher.biggest(1))]), 1),
        "tree_peak_mb": round(watcher.peak_bytes / 2**20, 1),
        "biggest_processes_mb": watcher.biggest(),
        "biggest_private_mb": watcher.biggest(private=True),
        "watcher_cpu_s": round(watcher.cpu_seconds_self, 2),
        "loadavg": [round(x, 2) for x in load_before] + [round(os.getloadavg()[0], 2)],
        "exit": child.returncode,
    }
    if stdout.strip():
        result["last_line"] = stdout.strip().splitlines()[-1][:200]
    return result


def measure(skip_synthetic: bool) -> list[dict]:
    files = corpus_files()
    pages = page_count(files)
    with tempfile.TemporaryDirectory(prefix="gyosei-bench-") as tmp:
        tmp_path = Path(tmp)

        def fresh_env(name: str) -> dict[str, str]:
            home = tmp_path / name / "prefect"
            home.mkdir(parents=True)
            return os.environ | {"PREFECT_HOME": str(home)}

        def cli(name: str, *args: str) -> list[str]:
            return [str(GYOSEI), "ingest", *args, "--warehouse", str(tmp_path / name / "w.duckdb")]

        def used_env(name: str) -> dict[str, str]:
            """A project's Prefect home after its first run: Prefect's database exists, no parse is cached."""
            env = fresh_env(name)
            run_phase(f"{name}-home-setup", [sys.executable, "-c", EMPTY_FLOW], env, None, ok_exits=(0,))
            return env

        manifest = manifest_for(files, tmp_path / "fuji.toml")
        phases = [
            ("gyosei", cli("gyosei", "--manifest", str(manifest)), used_env("gyosei"), pages),
            ("gyosei-first-run", cli("gyosei-first-run", "--manifest", str(manifest)), fresh_env("first"), pages),
            ("baseline", [sys.executable, "-c", BASELINE, *map(str, files)], dict(os.environ), pages),
        ]
        if not skip_synthetic:
            book = synthetic_book(files, tmp_path / "book.pdf")
            phases.append(
                (
                    "synthetic",
                    cli("synthetic", "--manifest", str(manifest_for([book], tmp_path / "book.toml"))),
                    used_env("synthetic"),
                    SYNTHETIC_PAGES,
                )
            )
        results = []
        for name, argv, env, n_pages in phases:
            results.append(run_phase(name, argv, env, n_pages))
            print(json.dumps(results[-1], ensure_ascii=False), flush=True)
        noop_env = fresh_env("noop")
        samples = str(ROOT / "sample_docs")
        run_phase("noop-setup", cli("noop", samples), noop_env, None, ok_exits=(0,))  # a no-op needs a full warehouse
        for name, argv in [("noop", cli("noop", samples)), ("empty", [sys.executable, "-c", EMPTY_FLOW])]:
            results.append(run_phase(name, argv, noop_env, None))
            print(json.dumps(results[-1], ensure_ascii=False), flush=True)
        shutil.rmtree(tmp_path, ignore_errors=True)
    return results


def summarise(results: list[dict]) -> dict:
    by = {r["phase"]: r for r in results}
    summary = {
        "phase": "summary",
        "ratio_gyosei_to_baseline": round(by["gyosei"]["seconds"] / by["baseline"]["seconds"], 3),
        "cpu_ratio_gyosei_to_baseline": round(by["gyosei"]["cpu_s"] / by["baseline"]["cpu_s"], 3),
        "ratio_first_run_to_baseline": round(by["gyosei-first-run"]["seconds"] / by["baseline"]["seconds"], 3),
        "noop_minus_empty_s": round(by["noop"]["seconds"] - by["empty"]["seconds"], 2),
        "noop_changed_nothing": ": 0 loaded, 0 partial," in by["noop"].get("last_line", ""),
    }
    if "synthetic" in by:
        per_page = {k: by[k]["seconds"] / by[k]["pages"] for k in ("gyosei", "synthetic")}
        summary["synthetic_per_page_vs_fuji"] = round(per_page["synthetic"] / per_page["gyosei"], 3)
        summary["synthetic_tree_peak_vs_fuji"] = round(
            by["synthetic"]["tree_peak_mb"] / by["gyosei"]["tree_peak_mb"], 3
        )
    return summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-synthetic", action="store_true", help="leave out the 1,000-page book")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: real corpus not found at {CORPUS} (only present beside the project in CI)")
        return 0
    problems = check_pins(corpus_files())
    if problems:
        print(f"warning: inputs differ from the pins: {problems}", file=sys.stderr)
    common = run_header("ingest") | {"inputs_pinned": not problems}
    results = measure(args.skip_synthetic)
    results.append(summarise(results))
    print(json.dumps(results[-1], ensure_ascii=False))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as f:
        for result in results:
            f.write(json.dumps(common | result, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
