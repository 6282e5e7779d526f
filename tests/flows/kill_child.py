"""`python -m tests.flows.kill_child WAREHOUSE PATH...`: run `gyosei ingest`, but stop inside the first
document's load transaction (after its raw cells are inserted, before commit), print 'inside-transaction'
and wait there, so that the test can SIGKILL the process at exactly that point.

SIGINT is given Python's default handler first, as a user's shell gives a command run in the foreground:
a test session started in the background (`nohup make test &`, a non-interactive shell's `&`) passes
SIGINT on ignored, and the Ctrl-C test would then wait for a run that rightly ignores it."""

from __future__ import annotations

import signal
import sys
import time

import warehouse.load as load_module

real_insert = load_module._insert


def insert_then_hang(con, table, records, **kwargs):
    inserted = real_insert(con, table, records, **kwargs)
    if table == "raw_cells":
        print("inside-transaction", flush=True)
        time.sleep(600)
    return inserted


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.default_int_handler)
    load_module._insert = insert_then_hang
    from pipelines.cli import main

    warehouse, *paths = sys.argv[1:]
    sys.exit(main(["ingest", *paths, "--warehouse", warehouse]))
