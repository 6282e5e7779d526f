"""`python -m tests.flows.kill_child WAREHOUSE PATH...`: run `gyosei ingest`, but stop inside the first
document's load transaction (after its raw cells are inserted, before commit), print 'inside-transaction'
and wait there, so that the test can SIGKILL the process at exactly that point."""

from __future__ import annotations

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
    load_module._insert = insert_then_hang
    from pipelines.cli import main

    warehouse, *paths = sys.argv[1:]
    sys.exit(main(["ingest", *paths, "--warehouse", warehouse]))
