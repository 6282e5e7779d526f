"""Children that die with their parent, however the parent dies (even SIGKILL): Linux's parent-death
signal, set in the child before it runs anything else. Used by the run's temporary Prefect server, the
parse child of each document and the page-reading workers below it."""

from __future__ import annotations

import ctypes
import os
import signal
from collections.abc import Callable

PR_SET_PDEATHSIG = 1


def die_with(parent: int) -> Callable[[], None]:
    """A preexec_fn: the child gets SIGKILL when `parent` dies (Linux), and exits at once if it already has."""

    def preexec() -> None:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:
            os._exit(1)

    return preexec
