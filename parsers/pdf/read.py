"""Read every page of a PDF into the page model, in worker processes when the machine has cores to spare.

Reading pages is most of parsing, and pages are independent: each worker opens the file itself and
returns the models of one range of pages, so every core works and no pdfminer object crosses a process
boundary. The pool is plain `concurrent.futures`, independent of Prefect, started per document by the
process that parses it (the per-document child of `pipelines.limits`, whose memory limit the workers
inherit): workers are forked from it, get SIGKILL when it dies, and carry its inflate cap. A page that
fails comes back as its error; a limit hit (inflate cap, memory) fails the document as it would in one
process; a worker that dies costs only its range of pages.

GYOSEI_READER chooses the page reader: `pdfium` (the default; `pdfium_page.py`: the same page model from
pdfium's objects, about three times faster; a page it cannot read as pdfplumber would is read by
pdfplumber, and text repair reads its pages again with pdfplumber) or `pdfplumber` (the reference).

GYOSEI_PAGE_WORKERS sets the number of workers (default: the number of CPUs); 0 or 1 reads in the calling
process, as does a daemon process (a Dask worker), which may not start processes, and a process running
other threads (a test session, a thread-pool task runner), which may not safely fork.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pypdfium2 as pdfium

from parsers.parent_death import die_with
from parsers.pdf.inflate import InflateLimitExceeded, current_cap, inflate_cap, limit_hit
from parsers.pdf.model import PageModel
from parsers.pdf.open import open_pdf
from parsers.pdf.page import inflate_streams, page_to_model
from parsers.pdf.pdfium_page import UnsupportedPage, read_pdfium_page

PAGES_PER_TASK = 8
"""Pages a worker reads per task: enough to amortise opening the file, few enough to keep all busy."""
WORKERS_ENV = "GYOSEI_PAGE_WORKERS"
READER_ENV = "GYOSEI_READER"
READERS = ("pdfium", "pdfplumber")

PageRead = tuple[int, PageModel | str | InflateLimitExceeded]
"""A page number with its model, or with the reason it could not be read (the limit hit, when reading
its range hit one)."""


def page_workers(n_pages: int, wanted: int | None = None) -> int:
    """How many worker processes read a document of `n_pages`: `wanted`, else $GYOSEI_PAGE_WORKERS, else the
    number of CPUs; never more than its ranges of pages, none where a process may not start them."""
    if wanted is None:
        value = os.environ.get(WORKERS_ENV)
        wanted = max(0, int(value)) if value else os.cpu_count() or 1
    if multiprocessing.current_process().daemon or threading.active_count() > 1:
        return 0
    workers = min(wanted, -(-n_pages // PAGES_PER_TASK))
    return workers if workers > 1 else 0


def page_ranges(n_pages: int, size: int = PAGES_PER_TASK) -> list[tuple[int, int]]:
    """[first, last) ranges (0-based) of at most `size` pages covering a document of `n_pages`."""
    return [(first, min(first + size, n_pages)) for first in range(0, n_pages, size)]


def read_pages(path: Path, n_pages: int, workers: int | None = None) -> Iterator[PageRead]:
    """Given a PDF already known to open and its page count, yield (page number, model or error) in order,
    read by `workers` processes (None: `page_workers`' choice)."""
    ranges = page_ranges(n_pages)
    cap, workers = current_cap(), page_workers(n_pages, workers)
    if not workers:
        for first, last in ranges:
            yield from read_range(str(path), first, last, cap)
        return
    context = multiprocessing.get_context("fork")  # this process runs one thread: the parse
    with ProcessPoolExecutor(workers, mp_context=context, initializer=die_with(os.getpid())) as pool:
        pending = deque((first, last, pool.submit(read_range, str(path), first, last, cap)) for first, last in ranges)
        while pending:  # each range's models are let go once handed on: a book's are never all held here
            first, last, future = pending.popleft()
            yield from _range_result(future, first, last)


def page_reader(wanted: str | None = None) -> str:
    """The page reader: `wanted`, else $GYOSEI_READER, else pdfium."""
    reader = wanted or os.environ.get(READER_ENV) or READERS[0]
    if reader not in READERS:
        raise ValueError(f"{READER_ENV} must be one of {', '.join(READERS)}, not {reader!r}")
    return reader


def read_range(path: str, first: int, last: int, cap: int | None = None, reader: str | None = None) -> list[PageRead]:
    """Open `path` and read pages [first, last) (0-based) with streams capped at `cap` bytes, by `reader`
    (None: `page_reader`'s choice)."""
    with inflate_cap(cap), open_pdf(Path(path)) as pdf:
        if page_reader(reader) == "pdfplumber":
            return [_read(index + 1, _reference, pdf, index) for index in range(first, last)]
        document = pdfium.PdfDocument(path)
        try:
            return [_read(index + 1, _pdfium_or_reference, document, pdf, index) for index in range(first, last)]
        finally:
            document.close()


def _reference(pdf, index: int) -> PageModel:
    page = pdf.pages[index]
    try:
        return page_to_model(page)
    finally:
        page.close()  # its layout is dropped: a book's pages are never all held at once


def _pdfium_or_reference(document: pdfium.PdfDocument, pdf, index: int) -> PageModel:
    page = pdf.pages[index]
    try:
        contents = inflate_streams(page)  # a decompression bomb fails the document as it does in pdfminer
    finally:
        page.close()
    try:
        return read_pdfium_page(document, index, contents=contents)
    except UnsupportedPage:
        return _reference(pdf, index)


def _read(number: int, read, *args) -> PageRead:
    try:
        return number, read(*args)
    except Exception as err:  # a bad page never kills its document: it becomes a reject ...
        if limit := limit_hit(err):
            raise limit from err  # ... but a limit hit (inflate cap, memory) fails the document
        return number, f"{type(err).__name__}: {err}"


def _range_result(future: Future, first: int, last: int) -> Iterator[PageRead]:
    try:
        yield from future.result()
    except BrokenProcessPool as err:  # the worker died (killed, crashed in C code)
        yield from _failed(first, last, f"worker process died reading pages {first + 1}-{last}: {err}")
    except Exception as err:
        if limit := limit_hit(err):
            raise limit from err
        yield from _failed(first, last, f"{type(err).__name__}: {err}")  # the file changed or vanished


def _failed(first: int, last: int, reason: str) -> Iterator[PageRead]:
    return ((number, reason) for number in range(first + 1, last + 1))
