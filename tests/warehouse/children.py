"""Child processes for failure tests: start them in their own process group, wait for a line they print
(bounded), and kill exactly the groups that were started, even when a test fails."""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]


class Children:
    """The processes one test started; `kill_all` ends their process groups and nothing else."""

    def __init__(self) -> None:
        self.procs: list[subprocess.Popen] = []

    def start(self, *args: str, env: dict[str, str] | None = None, unset: tuple[str, ...] = ()) -> subprocess.Popen:
        """Start `python ARGS` with this environment plus `env`, minus the variables named in `unset`."""
        proc = subprocess.Popen(
            [sys.executable, *args],
            cwd=PROJECT_ROOT,
            env={k: v for k, v in {**os.environ, **(env or {})}.items() if k not in unset},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,  # its own process group: killpg reaches its children too
        )
        self.procs.append(proc)
        return proc

    def kill_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
            if proc.stdout:
                proc.stdout.close()


def wait_for_line(proc: subprocess.Popen, expected: str, timeout: float) -> list[str]:
    """Read the child's output until a line equals `expected`; fail after `timeout` s or if it exits."""
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if not selector.select(timeout=max(0.0, deadline - time.monotonic())):
                break
            line = proc.stdout.readline()
            if not line:
                raise AssertionError(f"child exited ({proc.wait()}) before printing {expected!r}:\n" + "".join(seen))
            seen.append(line)
            if line.strip() == expected:
                return seen
    raise AssertionError(f"child did not print {expected!r} within {timeout} s:\n" + "".join(seen))
