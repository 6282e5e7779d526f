"""Pages read / total of the documents being parsed, on one line of the terminal that runs the ingest.

A run's log says what happened to each document when it is done; while a 400-page book is read, only a
terminal shows how far it is. When stderr is not a terminal (a log file, a nightly run, a pipe), nothing
is written: logs stay free of carriage returns. The parses of one process share the line (threads);
a parse in a process of its own draws its own.
"""

from __future__ import annotations

import shutil
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

REDRAW_SECONDS = 0.2
"""At most five redraws a second, however fast small pages go."""


class PageProgress:
    """The line: `reading 歳出.pdf 120/408 pages · plan.pdf 3/10 pages`, redrawn in place."""

    def __init__(self, stream: TextIO | None = None):
        self._stream = stream
        self.reading: dict[str, tuple[int, int]] = {}
        self._lock = threading.Lock()
        self._drawn_at = 0.0

    @property
    def stream(self) -> TextIO:
        return self._stream or sys.stderr  # looked up late: whatever stderr is when the run draws

    @property
    def enabled(self) -> bool:
        isatty = getattr(self.stream, "isatty", None)
        return bool(isatty and isatty())

    def reporter(self, name: str) -> Callable[[int, int], None] | None:
        """The `progress` callback for the document `name`, or None when there is no terminal to draw on."""
        if not self.enabled:
            return None
        return lambda done, total: self.update(name, done, total)

    def update(self, name: str, done: int, total: int) -> None:
        with self._lock:
            self.reading[name] = (done, total)
            now = time.monotonic()
            if now - self._drawn_at >= REDRAW_SECONDS or done == total:
                self._drawn_at = now
                self._draw()

    def finish(self, name: str) -> None:
        """The document is parsed: its part of the line goes (the line too, when it was the last)."""
        with self._lock:
            if self.reading.pop(name, None) is not None:
                self._draw()

    def _draw(self) -> None:
        parts = [f"{name} {done}/{total} pages" for name, (done, total) in self.reading.items()]
        width = shutil.get_terminal_size((100, 20)).columns - 1
        line = ("reading " + " · ".join(parts))[:width] if parts else ""
        self.stream.write("\r\x1b[K" + line)
        self.stream.flush()


PROGRESS = PageProgress()


@contextmanager
def pages_read(name: str) -> Iterator[Callable[[int, int], None] | None]:
    """The `progress` callback of the document `name` while it is parsed (None without a terminal); its
    part of the line goes when the block ends. A task calls this rather than touching PROGRESS, whose lock
    could not be pickled with the task's code for a process pool."""
    try:
        yield PROGRESS.reporter(name)
    finally:
        PROGRESS.finish(name)
