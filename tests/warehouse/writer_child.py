"""A second process for the failure tests: `python -m tests.warehouse.writer_child MODE WAREHOUSE ...`.

hold SECONDS   hold the writer lock, print 'holding', then release it after SECONDS
fill BYTES     with files capped at BYTES (RLIMIT_FSIZE: a disk that fills up), load a large document and
               print the WarehouseError, or 'loaded' if it fit
"""

from __future__ import annotations

import resource
import signal
import sys
import time
from datetime import datetime
from pathlib import Path

from schemas.cells import RawCell
from schemas.collect import RecordSet
from schemas.documents import Document
from warehouse.connection import WarehouseError, open_writer, write_errors
from warehouse.load import load_document

BIG_DOC = "b" * 64


def big_document(n_cells: int) -> tuple[Document, dict]:
    records = RecordSet(BIG_DOC)
    for i in range(n_cells):
        records.add(
            RawCell, doc_id=BIG_DOC, page=1, bbox=(0, 0, 1, 1), raw_text=f"セル{i:07d}" * 4,
            table_index=0, row_index=i, col_index=0,
        )  # fmt: skip
    document = Document(
        doc_id=BIG_DOC, document_key="big.pdf", source="big.pdf", file_name="big.pdf", pages=1,
        status="loaded", parser_version="test", size_bytes=1, loaded_at=datetime(2026, 1, 1),
    )  # fmt: skip
    return document, records.rows


def hold(warehouse: Path, seconds: float) -> None:
    con = open_writer(warehouse)
    print("holding", flush=True)
    time.sleep(seconds)
    con.close()


def fill(warehouse: Path, limit_bytes: int) -> None:
    document, rows = big_document(200_000)
    con = open_writer(warehouse)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the cap fails with EFBIG instead of killing us
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))
    try:
        with write_errors(warehouse):
            load_document(con, document, rows)
        print("loaded", flush=True)
    except WarehouseError as err:
        print(f"WarehouseError: {err}", flush=True)


if __name__ == "__main__":
    mode, warehouse, arg = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    {"hold": lambda: hold(warehouse, float(arg)), "fill": lambda: fill(warehouse, int(arg))}[mode]()
