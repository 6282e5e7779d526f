"""The temporary Prefect server of a serverless run, owned by the run so that it never outlives it, and
started before the run imports Prefect so that the two start up side by side.

Left to itself, Prefect starts that server lazily, once the flow runs, and waits for it (3 s on a 2-core
machine, 8 s the first time, when it creates its database), after the CLI has spent 2 s importing Prefect;
it stops it only at interpreter exit (atexit), so a `kill -9` of the CLI leaves it running, orphaned
(~200 MB, a random port). Here the CLI launches it first, with Prefect's own command, from a process that
has not imported Prefect yet (`launch_server`):
- with the kernel's parent-death signal (PR_SET_PDEATHSIG = SIGKILL): however the CLI dies, the server
  is killed with it;
- in its own process group: a Ctrl-C in the terminal reaches the CLI alone, which stops the run in order
  and then the server (Prefect's own stop: SIGTERM, then SIGKILL after 5 s);
then, once Prefect is imported, waits until it answers and runs the flow with the server's address as
Prefect's API URL, so Prefect uses it as it would any server (`adopted_server`): the CLI never imports
Prefect's server code (1.5 CPU s, which Prefect's own temporary server needs in the client: its class
lives there), and stops the server at exit. The flow runs on it without flow-run heartbeats: a heartbeat
lets a server mark as crashed a run whose process died; this server dies with the run, so no one could
ever read one, and stopping the heartbeat thread costs every run up to a second at its end (Prefect's
thread sleeps in 1 s steps and the engine joins it).
"""

from __future__ import annotations

import atexit
import importlib.util
import os
import random
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from parsers.parent_death import die_with

PORTS = range(8000, 9000)
"""Where Prefect picks its temporary server's port (`SubprocessASGIServer._port_range`)."""
PORT_TAKEN_EXIT = 3
"""uvicorn's exit status when its port was taken between the choice and the bind: launch again."""
HEALTH_POLL_S = 0.1


@dataclass
class Launched:
    """A server process being started, and its port."""

    process: subprocess.Popen
    port: int

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"


def launch_server() -> Launched | None:
    """Start Prefect's temporary server (Prefect's own uvicorn command) without waiting for it, unless the
    environment names a Prefect server (PREFECT_API_URL). Call from the main thread, before importing
    Prefect: the parent-death signal follows the thread that started the child."""
    if os.environ.get("PREFECT_API_URL"):
        return None
    port = _free_port()
    prefect_dir = Path(importlib.util.find_spec("prefect").origin).parent  # not imported: that is the point
    command = [sys.executable, "-m", "uvicorn", "--app-dir", str(prefect_dir.parent)]
    command += ["--factory", "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--log-level", "error", "--lifespan", "on"]
    env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
    process = subprocess.Popen(command, env=env, preexec_fn=die_with(os.getpid()), process_group=0)
    return Launched(process, port)


@contextmanager
def adopted_server(launched: Launched | None) -> Iterator[None]:
    """Wait until the launched server answers, then run what the block runs with it as Prefect's API and
    without flow-run heartbeats. The server is stopped at exit (atexit: after Prefect's log and event
    workers, which start later, have sent what they hold). A Prefect profile that names a server
    (PREFECT_API_URL there, not in the environment) wins: the launched one is stopped unused, and that
    server's runs keep their heartbeats."""
    from prefect.settings import (
        PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS,
        get_current_settings,
        temporary_settings,
    )

    if launched is None:
        yield
        return
    if get_current_settings().api.url:
        launched.process.kill()
        launched.process.wait()
        yield
        return
    atexit.register(stop_server, launched)
    _wait_until_healthy(launched, PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value())
    with temporary_settings({"api.url": launched.api_url, "flows.heartbeat_frequency": None}):
        yield


def stop_server(launched: Launched) -> None:
    """Prefect's own way of stopping its temporary server: SIGTERM, then SIGKILL after 5 s."""
    launched.process.terminate()
    try:
        launched.process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        launched.process.kill()
        launched.process.wait()


def _wait_until_healthy(launched: Launched, timeout_s: float) -> None:
    import httpx

    deadline = time.monotonic() + timeout_s
    with httpx.Client() as client:
        while time.monotonic() < deadline:
            if launched.process.poll() == PORT_TAKEN_EXIT:
                relaunched = launch_server()
                launched.process, launched.port = relaunched.process, relaunched.port
                continue
            if launched.process.poll() is not None:
                raise RuntimeError(f"Prefect's temporary server exited with status {launched.process.returncode}")
            try:
                if client.get(f"{launched.api_url}/health").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(HEALTH_POLL_S)
    raise RuntimeError(f"Prefect's temporary server did not answer within {timeout_s:g} s")


def _free_port() -> int:
    """A port in PORTS that nothing listens on now (Prefect's own way of choosing)."""
    for _ in range(100):
        port = random.choice(PORTS)
        with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port for Prefect's temporary server in {PORTS.start}-{PORTS.stop - 1}")
