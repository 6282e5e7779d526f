"""A run over a folder holding an inflation bomb next to the samples: how long, and how much memory at
peak (the whole process tree: the CLI, Prefect's temporary server, the parse children).

Run: nice .venv/bin/python bench/bomb_run.py [INFLATED_MIB]   (default 1024: a 1 GiB bomb)
Copies sample_docs/*.pdf and a bomb into a temporary folder, runs `gyosei ingest FOLDER` with the default
limits and samples the tree's resident memory (/proc) every 0.2 s. Prints one JSON line (seconds, peak
RSS of the tree and of its largest process, exit status, the bomb's line) and appends it to
bench/results/bomb_run.jsonl (git-ignored). Nothing is asserted.
"""

import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_ingest import process_tree  # noqa: E402

from tests.pdf_factory import inflation_bomb_pdf  # noqa: E402


def main(inflated_mib: int = 1024) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        for pdf in sorted((ROOT / "sample_docs").glob("*.pdf")):
            shutil.copy(pdf, folder / pdf.name)
        bomb = inflation_bomb_pdf(folder / "bomb.pdf", inflated_mib << 20)
        command = [sys.executable, "-m", "pipelines.cli", "ingest", str(folder), "--warehouse", f"{tmp}/w.duckdb"]
        env = {**os.environ, "PREFECT_HOME": f"{tmp}/prefect"}
        started = time.monotonic()
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        peak_sum = peak_max = 0
        while proc.poll() is None:
            sizes = [size for _, size in process_tree(proc.pid).values()]
            peak_sum, peak_max = max(peak_sum, sum(sizes)), max(peak_max, max(sizes, default=0))
            time.sleep(0.2)
        seconds = time.monotonic() - started
        output = proc.stdout.read().splitlines()
        result = {
            "bench": "bomb_run",
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": f"{platform.node()} {platform.machine()} {os.cpu_count()} cpu",
            "load_1min": os.getloadavg()[0],
            "bomb": {"file_bytes": bomb.stat().st_size, "inflated_mib": inflated_mib},
            "documents": len(list(folder.glob("*.pdf"))),
            "exit": proc.returncode,
            "seconds": round(seconds, 1),
            "peak_tree_rss_mib": round(peak_sum / (1 << 20)),
            "peak_process_rss_mib": round(peak_max / (1 << 20)),
            "bomb_line": next((line for line in output if "bomb.pdf" in line), None),
            "total_line": next((line for line in output if line.startswith("total:")), None),
            "output_tail": output[-5:],
        }
    line = json.dumps(result, ensure_ascii=False)
    print(line)
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    with open(out / "bomb_run.jsonl", "a", encoding="utf-8") as handle:
        handle.write(line + "\n")
    return result


if __name__ == "__main__":
    main(*map(int, sys.argv[1:]))
