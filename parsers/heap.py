"""Give the memory a finished step freed back to the system.

glibc's malloc keeps freed memory for reuse, but Python's small objects come from arenas of their own,
so what a big step of large buffers frees (text repair: the decoded font programs and streams of every
font of a long book, 140 MB for 1,000 pages) is reused by nothing that follows and only adds to the
parse's peak. `malloc_trim` returns it. Elsewhere than glibc (macOS, musl) this only collects garbage.
"""

from __future__ import annotations

import ctypes
import gc
from functools import lru_cache


def release_freed_memory() -> None:
    """Collect cyclic garbage, then return the heap's free memory to the system (glibc)."""
    gc.collect()
    if trim := _malloc_trim():
        trim(0)


@lru_cache(maxsize=1)
def _malloc_trim():
    try:
        return ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError):
        return None
