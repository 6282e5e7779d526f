"""A real Dask cluster on loopback, for the Dask tests and bench/bench_dask.py: a `dask scheduler` process and
`dask worker` processes (each with its nanny, one thread), as a user starts them (README "Parsing on a Dask
cluster"). Each process runs in its own process group, in a folder outside the project (a worker needs
nothing but the installed package), logs to `<folder>/<name>.log`, and is stopped by its PID."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

DASK = str(Path(sys.executable).with_name("dask"))
START_TIMEOUT = 120  # seconds; a busy 2-core machine needs a while to import distributed in every process


class LoopbackCluster:
    """`start(workers=N)`, then `address`; `kill_worker(name)` SIGKILLs a worker and its nanny; `close()`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.procs: dict[str, subprocess.Popen] = {}
        self.address: str | None = None
        self._client = None

    def start(self, workers: int = 1) -> LoopbackCluster:
        info = self.folder / "scheduler.json"
        self._spawn(
            "scheduler", "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file", info
        )
        deadline = time.monotonic() + START_TIMEOUT
        while not info.exists():
            if self.procs["scheduler"].poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the Dask scheduler did not start:\n{self.log('scheduler')}")
            time.sleep(0.2)
        self.address = json.loads(info.read_text())["address"]
        for n in range(1, workers + 1):
            self.add_worker(f"worker-{n}")
        return self

    def add_worker(self, name: str) -> None:
        self._spawn(
            name, "worker", self.address, "--name", name, "--nworkers", "1", "--nthreads", "1", "--host", "127.0.0.1",
            "--no-dashboard", "--local-directory", self.folder / name,
        )  # fmt: skip
        self.client().wait_for_workers(len(self.procs) - 1, timeout=START_TIMEOUT)

    def client(self):
        """A client of the scheduler for the test itself (task stream, who is processing what)."""
        if self._client is None:
            from distributed import Client

            self._client = Client(self.address, timeout=START_TIMEOUT, set_as_default=False)
        return self._client

    def worker_address(self, name: str) -> str:
        return next(a for a, w in self.client().scheduler_info()["workers"].items() if w["name"] == name)

    def kill_worker(self, name: str) -> None:
        """SIGKILL the worker and its nanny at once, as when its machine dies."""
        os.killpg(self.procs[name].pid, signal.SIGKILL)
        self.procs[name].wait(timeout=30)

    def log(self, name: str) -> str:
        return (self.folder / f"{name}.log").read_text(encoding="utf-8", errors="replace")

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        for proc in reversed(list(self.procs.values())):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)

    def _spawn(self, name: str, *args) -> None:
        with open(self.folder / f"{name}.log", "wb") as log:
            self.procs[name] = subprocess.Popen(
                [DASK, *map(str, args)],
                cwd=self.folder,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: killpg reaches the nanny's worker too
            )
