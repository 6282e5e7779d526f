"""Parse one PDF into a cache folder and hand on a small reference, never the records (DESIGN §2).

Prefect inspects every task parameter and pickles every result: walking and pickling a 200k-record parse
result cost more than parsing it. So `parse_to_cache` writes a document's rows as Arrow IPC files (one per
table, in batches of ROW_BATCH) plus a JSON summary, in a folder named by the bytes (sha256), the parser
version and code, and the manifest's hints (never the path), and returns a `ParsedRef` of a few hundred
bytes. The loader streams the tables back batch by batch (`open_tables`).

This module imports no Prefect: `parse_to_cache` runs in any process (a thread, a process pool, a Dask
worker, a child process with limits). A folder appears by one rename, so two processes parsing the same
bytes never see each other's half-written files. The same folder is the parse cache: unchanged bytes are
not parsed again, even into another warehouse; folders unused for CACHE_DAYS are removed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path

import pyarrow as pa

import parsers
from parsers import PARSER_VERSION
from parsers.documents.base import DocumentInfo
from parsers.parse import NO_HINTS, ParsedDocument, ParseSummary, Progress, parse_pdf
from schemas.quality import Reject
from warehouse.load import records_to_arrow

ROW_BATCH = 10_000
"""Rows per Arrow record batch: what the loader holds of a table at a time."""
CACHE_DAYS = 30
SUMMARY_FILE = "summary.json"


@dataclass
class ParsedRef(ParseSummary):
    """What is known of one parsed PDF without its rows: status, pages, family, row counts, and the folder
    holding the rows (None when nothing is to be loaded: a failed document)."""

    warnings: tuple[str, ...] = ()
    row_counts: dict[str, int] = field(default_factory=dict)
    folder: Path | None = None

    @property
    def rejects(self) -> int:
        return self.row_counts.get(Reject.table, 0)

    @property
    def rows(self) -> int:
        """Rows to load, rejects not counted."""
        return sum(self.row_counts.values()) - self.rejects

    def failed(self, error: str) -> ParsedRef:
        """A failed copy of this reference (nothing to load), keeping what is known about the file."""
        return replace(self, status="failed", error=error, warnings=(), row_counts={}, folder=None)


def parse_to_cache(
    path: Path,
    doc_id: str,
    hints: DocumentInfo = NO_HINTS,
    cache_dir: Path | None = None,
    *,
    refresh: bool = False,
    progress: Progress | None = None,
    **parse_options,
) -> ParsedRef:
    """Parse the PDF at `path` (sha256 `doc_id`) into `cache_dir`, or reuse the folder of an earlier parse
    of the same bytes, parser and hints unless `refresh`; return the reference to it. `progress` is told
    of every page read; `parse_options` go to `parse_pdf` (pages already read, an inflate cap)."""
    if cache_dir is None:
        raise ValueError("parse_to_cache needs a cache folder")
    folder = Path(cache_dir) / cache_key(doc_id, hints)
    if not refresh and (cached := read_ref(folder)) is not None:
        os.utime(folder)  # keeps a folder in use from being pruned
        return cached
    ref = write_parsed(parse_pdf(Path(path), doc_id, hints, progress=progress, **parse_options), folder)
    prune(Path(cache_dir))
    return ref


def cache_key(doc_id: str, hints: DocumentInfo) -> str:
    """The folder name of a parse: the bytes, the parser version and code, the hints; not the path."""
    parts = [doc_id, PARSER_VERSION, parsers_code_digest()]
    parts += [hints.municipality, hints.fiscal_year_start, hints.family, hints.account]
    return f"{doc_id[:16]}-{hashlib.sha256(repr(parts).encode()).hexdigest()[:16]}"


@lru_cache(maxsize=1)
def parsers_code_digest() -> str:
    """sha256 of the parsers' source files: a change not (yet) reflected in PARSER_VERSION still misses."""
    digest = hashlib.sha256()
    root = Path(parsers.__file__).parent
    for source in sorted(root.rglob("*.py")):
        digest.update(source.relative_to(root).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def write_parsed(parsed: ParsedDocument, folder: Path) -> ParsedRef:
    """Write `parsed` into `folder` (replacing it), releasing each table's records once written."""
    staging = _staging(folder)
    counts: dict[str, int] = {}
    rows = parsed.records.rows if parsed.records is not None and parsed.status != "failed" else {}
    for table in list(rows):
        records = rows.pop(table)
        if records:
            counts[table] = _write_table(staging / f"{table}.arrow", records_to_arrow(records))
    ref = ParsedRef(
        **{f.name: getattr(parsed, f.name) for f in fields(ParseSummary)},
        warnings=tuple(parsed.records.warnings) if parsed.records is not None else (),
        row_counts=counts,
    )
    summary = asdict(ref) | {"folder": None}
    (staging / SUMMARY_FILE).write_text(json.dumps(summary, ensure_ascii=False), encoding="utf-8")
    _publish(staging, folder)
    return replace(ref, folder=folder)


def folder_files(ref: ParsedRef) -> dict[str, bytes]:
    """The files of a parse's folder as {name: bytes}: what a Dask worker sends back to the run."""
    return {path.name: path.read_bytes() for path in sorted(ref.folder.iterdir())}


def store_files(files: dict[str, bytes], folder: Path) -> ParsedRef:
    """Publish a parse's files (from `folder_files` on another machine) as `folder`; return its reference."""
    staging = _staging(folder)
    for name, content in files.items():
        (staging / Path(name).name).write_bytes(content)
    _publish(staging, folder)
    return read_ref(folder)


def read_ref(folder: Path) -> ParsedRef | None:
    """The reference stored in `folder`, or None when there is none (never parsed, or pruned)."""
    try:
        summary = json.loads((folder / SUMMARY_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return ParsedRef(
        **summary | {"info": DocumentInfo(**summary["info"]), "warnings": tuple(summary["warnings"]), "folder": folder}
    )


@contextmanager
def open_tables(ref: ParsedRef) -> Iterator[dict[str, pa.RecordBatchReader]]:
    """Yield {table: stream of record batches} of a parsed document, read from its memory-mapped files."""
    with ExitStack() as stack:
        streams = {}
        for table in ref.row_counts if ref.folder is not None else ():
            source = stack.enter_context(pa.memory_map(str(ref.folder / f"{table}.arrow")))
            streams[table] = _batches(pa.ipc.open_file(source))
        yield streams


def prune(cache_dir: Path, max_age_days: float = CACHE_DAYS) -> None:
    """Remove parse folders unused for `max_age_days` (and staging left by a killed process)."""
    cutoff = time.time() - max_age_days * 86400
    for folder in cache_dir.iterdir():
        try:
            if folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)
        except FileNotFoundError:  # another process pruned it first
            pass


def _batches(reader: pa.ipc.RecordBatchFileReader) -> pa.RecordBatchReader:
    """The file's record batches as a stream, read one at a time."""
    return pa.RecordBatchReader.from_batches(
        reader.schema, (reader.get_batch(i) for i in range(reader.num_record_batches))
    )


def _write_table(path: Path, table: pa.Table) -> int:
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table, max_chunksize=ROW_BATCH)
    return table.num_rows


def _staging(folder: Path) -> Path:
    """A new private folder beside `folder`, published by one rename once complete."""
    staging = folder.with_name(f".{folder.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}")
    staging.mkdir(parents=True)
    return staging


def _publish(staging: Path, folder: Path) -> None:
    """Move the finished `staging` folder to `folder` in one rename; a refresh replaces the old one."""
    if folder.exists():
        old = folder.with_name(f".{folder.name}.old.{uuid.uuid4().hex[:8]}")
        try:
            folder.rename(old)
        except FileNotFoundError:
            old = None
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    try:
        staging.rename(folder)
    except OSError:  # another process published the same parse meanwhile: keep theirs
        shutil.rmtree(staging, ignore_errors=True)
