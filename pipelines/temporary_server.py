"""The temporary Prefect server of a serverless run, owned by the run so that it never outlives it.

Left to itself, Prefect starts that server lazily and stops it only at interpreter exit (atexit), so a
`kill -9` of the CLI leaves it running, orphaned (~200 MB, a random port). Here the CLI starts it first:
- with the kernel's parent-death signal (PR_SET_PDEATHSIG = SIGKILL): however the CLI dies, the server
  is killed with it;
- in its own process group: a Ctrl-C in the terminal reaches the CLI alone, which stops the run in order
  and then the server (Prefect's own stop: SIGTERM, then SIGKILL after 5 s);
and registers it where Prefect looks for its temporary server, so Prefect uses it instead of its own.
"""

from __future__ import annotations

import os
import subprocess
from functools import partial
from types import SimpleNamespace

from prefect.server.api import server as prefect_server
from prefect.settings import get_current_settings

from parsers.parent_death import die_with


class OwnedServer(prefect_server.SubprocessASGIServer):
    """Prefect's temporary server, started as a child that dies with this process."""

    def _run_uvicorn_command(self) -> subprocess.Popen:
        owned = partial(subprocess.Popen, preexec_fn=die_with(os.getpid()), process_group=0)
        prefect_server.subprocess = SimpleNamespace(Popen=owned)  # Prefect's module only, for this one call
        try:
            return super()._run_uvicorn_command()
        finally:
            prefect_server.subprocess = subprocess


def start_owned_server() -> None:
    """Start the run's temporary server unless a Prefect server is configured (PREFECT_API_URL).

    Call from the main thread: the parent-death signal follows the thread that started the child. Prefect
    stops it at exit (atexit), after its log and event workers have sent what they hold.
    """
    if not get_current_settings().api.url:
        OwnedServer().start()  # registered under Prefect's default key (None): get_client() finds it
