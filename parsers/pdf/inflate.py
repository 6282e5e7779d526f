"""A cap on how far one PDF stream may inflate.

A 1 MB file whose page content inflates to 1 GiB of zero bytes costs pdfminer minutes and gigabytes
(the cost is linear in the inflated size). Within `inflate_cap(n)`, a FlateDecode stream is first
inflated 1 MiB at a time and only counted (the check costs at most n of time, 1 MiB of memory), and one
that goes beyond n raises InflateLimitExceeded before pdfminer decodes it; any other filter's output is
checked after decoding. pdfminer offers no hook for this, so `PDFStream.decode` is wrapped once, here;
outside a cap it behaves as before. The cap is a context variable: each thread parsing has its own.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream

from parsers.pdf.errors import UnreadablePdf

_max_inflated_bytes: ContextVar[int | None] = ContextVar("max_inflated_bytes", default=None)
_pdfminer_decode = PDFStream.decode
STEP_BYTES = 1 << 20


class InflateLimitExceeded(UnreadablePdf):
    """A stream inflates beyond the cap: the document fails, naming the limit it hit."""


def limit_hit(err: BaseException | None) -> InflateLimitExceeded | MemoryError | None:
    """The limit behind `err` (the inflate cap, or the process's memory limit), however pdfplumber
    wrapped it (PdfminerException(err)); None for any other error."""
    seen = 0
    while err is not None and seen < 8:
        if isinstance(err, InflateLimitExceeded | MemoryError):
            return err
        inner = err.args[0] if err.args and isinstance(err.args[0], BaseException) else None
        err, seen = inner or err.__cause__ or err.__context__, seen + 1
    return None


def current_cap() -> int | None:
    """The cap in force here, for a worker process that must apply the same."""
    return _max_inflated_bytes.get()


@contextmanager
def inflate_cap(max_bytes: int | None) -> Iterator[None]:
    """Within the block, no stream may inflate beyond `max_bytes` (None: keep the cap already set, if any)."""
    token = _max_inflated_bytes.set(_max_inflated_bytes.get() if max_bytes is None else max_bytes)
    try:
        yield
    finally:
        _max_inflated_bytes.reset(token)


def _exceeded(stream: PDFStream, cap: int) -> InflateLimitExceeded:
    return InflateLimitExceeded(
        f"inflated-size limit: stream {stream.objid} inflates to more than {cap / (1 << 20):g} MiB "
        "(a decompression bomb, or a limit set too low for this document)"
    )


def _decode_capped(stream: PDFStream) -> None:
    cap = _max_inflated_bytes.get()
    if cap is None:
        return _pdfminer_decode(stream)
    filters = stream.get_filters()
    if filters and filters[0][0] in LITERALS_FLATE_DECODE and not stream.decipher and stream.rawdata:
        if _inflated_size(stream.rawdata, cap) > cap:
            raise _exceeded(stream, cap)
    _pdfminer_decode(stream)
    if stream.data is not None and len(stream.data) > cap:
        stream.data = None
        raise _exceeded(stream, cap)


def _inflated_size(data: bytes, cap: int) -> int:
    """How many bytes `data` inflates to, counted in 1 MiB steps and only up to just past `cap`: the
    check costs at most `cap` of time and 1 MiB of memory. A damaged stream counts what inflates before
    the damage (pdfminer then deals with it its own way)."""
    inflater, total = zlib.decompressobj(), 0
    try:
        while data and total <= cap:
            total += len(inflater.decompress(data, STEP_BYTES))
            data = inflater.unconsumed_tail
    except zlib.error:
        pass
    return total


PDFStream.decode = _decode_capped
