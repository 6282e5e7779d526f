"""`python -m tests.flows.kill_child WAREHOUSE PATH...`: run `gyosei ingest`, but stop inside the first
document's load transaction (after its raw cells are inserted, before commit), print 'inside-transaction'
and wait there, so that the test can SIGKILL the process at exactly that point.

With GYOSEI_TEST_SIGNAL_LOG set, it then writes there, every half second, what decides where a SIGINT
goes: the Python handler of SIGINT, and each thread's blocked and pending signals (the Ctrl-C test reports
it when the run does not stop: see test_interruptions.py)."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

import warehouse.load as load_module

real_insert = load_module._insert
SIGNAL_FIELDS = ("SigPnd", "ShdPnd", "SigBlk", "SigIgn", "SigCgt")


def insert_then_hang(con, table, records, **kwargs):
    inserted = real_insert(con, table, records, **kwargs)
    if table == "raw_cells":
        if log := os.environ.get("GYOSEI_TEST_SIGNAL_LOG"):
            threading.Thread(target=_log_signal_state, args=(Path(log),), daemon=True).start()
        print("inside-transaction", flush=True)
        time.sleep(600)
    return inserted


def _log_signal_state(log: Path) -> None:
    while True:
        log.write_text(signal_state(), encoding="utf-8")
        time.sleep(0.5)


def signal_state() -> str:
    """The SIGINT handler, then per thread (main first): its name and its signal masks from /proc."""
    names = {t.native_id: t.name for t in threading.enumerate()}
    lines = [f"SIGINT handler: {signal.getsignal(signal.SIGINT)!r}"]
    for task in sorted(Path("/proc/self/task").iterdir(), key=lambda p: int(p.name)):
        try:
            status = (task / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":\t", 1) for line in status.splitlines() if ":\t" in line)
        name = names.get(int(task.name), fields.get("Name", "?"))
        lines.append(f"{task.name} {name}: " + " ".join(f"{k}={fields.get(k, '?')}" for k in SIGNAL_FIELDS))
    return "\n".join(lines)


if __name__ == "__main__":
    load_module._insert = insert_then_hang
    from pipelines.cli import main

    warehouse, *paths = sys.argv[1:]
    sys.exit(main(["ingest", *paths, "--warehouse", warehouse]))
