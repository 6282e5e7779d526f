"""Per-document limits: parse each document in a child process with a time limit, a memory limit
(RLIMIT_AS, so an allocation beyond it fails inside the child) and a cap on how far one PDF stream may
inflate. A document that hits one is `failed` with the limit named; the run goes on.

Defaults are in `pipelines.settings.DEFAULT_LIMITS`; a run overrides them (`gyosei ingest --time-limit/--memory-limit/
--inflate-limit`, or the flow's `limits` parameter) and a manifest entry overrides the run's
(`time_limit`, `memory_limit_mb`, `inflate_limit_mb`).

Children come from a forkserver that has imported the parsers once (a fork each, not a fresh
interpreter). A child gets SIGKILL when its parent dies (PR_SET_PDEATHSIG), and the forkserver exits
when the run does, so no parse outlives its run. The child is not a daemon, so that it may start the
page-reading workers of `parsers.pdf.read` (which die with it, and share its memory limit each).

The child reports progress on the same pipe as its result: a function that takes `progress` (pages read,
pages in all) gets one that sends them to the parent, where `on_progress` is called.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import time
from collections.abc import Callable
from typing import Any

from parsers.parent_death import die_with
from parsers.pdf.inflate import inflate_cap
from pipelines.settings import Limits


class LimitExceeded(RuntimeError):
    """A document's parse hit one of its limits; the message names it."""


def run_limited(limits: Limits, function: Callable, *args, on_progress: Callable | None = None, **kwargs) -> Any:
    """Call `function(*args, **kwargs)` in a child process within `limits`; return its result or raise
    LimitExceeded naming the limit hit. Other exceptions of the function are raised here as they were.
    With `on_progress`, the function is also given `progress=`, whose calls reach `on_progress` here."""
    context = multiprocessing.get_context("forkserver")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, limits, function, args, kwargs, on_progress is not None))
    child.start()
    send.close()
    deadline = time.monotonic() + limits.seconds
    try:
        while True:
            if not receive.poll(max(0.0, deadline - time.monotonic())):
                raise LimitExceeded(f"time limit: the parse took longer than {limits.seconds:g} s")
            try:
                kind, value = receive.recv()
            except EOFError:  # the child died without a word: killed (by the kernel's OOM killer, or a signal)
                child.join(5)
                raise LimitExceeded(
                    f"the parse process died (exit {child.exitcode}); memory limit {limits.memory_mb} MB?"
                ) from None
            if kind != "progress":
                break
            on_progress(*value)
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    if kind == "memory":
        raise LimitExceeded(f"memory limit: the parse needed more than {limits.memory_mb} MB")
    if kind == "error":
        raise value
    return value


def _child(send, limits: Limits, function: Callable, args: tuple, kwargs: dict, progress: bool) -> None:
    die_with(os.getppid())()  # the forkserver, which exits when the run does
    if progress:
        kwargs = {**kwargs, "progress": lambda *done: send.send(("progress", done))}
    size = limits.memory_mb << 20
    resource.setrlimit(resource.RLIMIT_AS, (size, size))
    try:
        with inflate_cap(limits.inflate_mb << 20):
            result = ("ok", function(*args, **kwargs))
    except MemoryError:
        result = ("memory", None)
    except Exception as err:  # noqa: BLE001 (handed to the parent, which raises it)
        result = ("error", err)
    try:
        send.send(result)
    except MemoryError:
        send.send(("memory", None))
    send.close()


multiprocessing.set_forkserver_preload(["pipelines.parse_preload", "pipelines.limits"])
