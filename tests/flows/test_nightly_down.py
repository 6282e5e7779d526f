"""The nightly commands explain a server that is down in one line instead of a connection traceback."""

from __future__ import annotations

import os
import subprocess

from tests.conftest import PROJECT_ROOT
from tests.flows.test_nightly_server import free_port


def test_nightly_now_with_the_server_down_says_to_start_it(tmp_path):
    port = free_port()
    env = {**os.environ, "GYOSEI_PREFECT_PORT": str(port), "PREFECT_HOME": str(tmp_path)}
    done = subprocess.run(
        [PROJECT_ROOT / "scripts" / "nightly-now"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == (
        f"gyosei: no Prefect server answers on http://127.0.0.1:{port}/api: start it with `make server-up` "
        "(or set GYOSEI_PREFECT_PORT to the port of yours)\n"
    )
