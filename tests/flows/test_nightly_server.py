"""The nightly deployment for real: scripts/prefect-up starts a Prefect server and a process worker on
127.0.0.1 and deploys prefect.yaml; a run of `ingest/nightly` is triggered and must complete and fill the
warehouse; scripts/prefect-down stops both. Every wait is bounded, and whatever the test started is stopped
by its PID (process group) even when an assertion fails. Uses its own PREFECT_HOME and a free port, so a
developer's own server is never touched."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT, SAMPLE_DOCS
from warehouse.query import run_query

pytestmark = [pytest.mark.server]

PREFECT = str(PROJECT_ROOT / ".venv" / "bin" / "prefect")
SAMPLES = {"hachioji_dx_action_plan_2024.pdf": "action_plan_kpi", "yokohama_dx_dashboard_2023.pdf": "dashboard"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening_addresses(port: int) -> set[str]:
    """Local IPv4 addresses in LISTEN state on `port` (from /proc/net/tcp: hex address, state 0A)."""
    found = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if state == "0A" and int(hex_port, 16) == port:
            found.add(socket.inet_ntoa(bytes.fromhex(address)[::-1]))
    return found


def run(args: list[str], env: dict[str, str], timeout: float) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=timeout)


def kill_leftovers(prefect_home: Path) -> None:
    """Safety net after prefect-down: SIGKILL the process groups whose PIDs prefect-up recorded."""
    for pidfile in prefect_home.glob("*.pid"):
        try:
            os.killpg(int(pidfile.read_text()), signal.SIGKILL)
        except (ValueError, ProcessLookupError, PermissionError):
            pass


@pytest.fixture
def server_env(tmp_path):
    home = tmp_path / "prefect-home"
    port = free_port()
    env = {
        **os.environ,
        "PREFECT_HOME": str(home),
        "GYOSEI_PREFECT_PORT": str(port),
        "PREFECT_API_URL": f"http://127.0.0.1:{port}/api",
        "PREFECT_SERVER_UI_ENABLED": "false",  # the test needs the API only
        "PREFECT_WORKER_QUERY_SECONDS": "2",  # poll for the triggered run every 2 s, not 10
        "GYOSEI_PREFECT_UP_TIMEOUT": "150",
        "GYOSEI_PREFECT_DOWN_GRACE": "15",
    }
    try:
        yield env
    finally:
        try:
            run([str(PROJECT_ROOT / "scripts" / "prefect-down")], env, timeout=90)
        finally:
            kill_leftovers(home)


def test_the_nightly_deployment_runs_on_a_local_server(server_env, tmp_path):
    up = run([str(PROJECT_ROOT / "scripts" / "prefect-up")], server_env, timeout=240)
    assert up.returncode == 0, up.stdout + up.stderr
    port = int(server_env["GYOSEI_PREFECT_PORT"])
    assert listening_addresses(port) == {"127.0.0.1"}

    inspect = run([PREFECT, "deployment", "inspect", "ingest/nightly", "--output", "json"], server_env, timeout=60)
    deployment = json.loads(inspect.stdout)
    [schedule] = [s["schedule"] for s in deployment["schedules"]]
    assert (schedule["cron"], schedule["timezone"]) == ("0 2 * * *", "Asia/Tokyo")
    assert deployment["work_pool_name"] == "gyosei"

    manifest = tmp_path / "manifest.toml"
    manifest.write_text(
        "".join(
            f'[[document]]\nsource = "{SAMPLE_DOCS / name}"\nmunicipality = "m"\nfamily = "{family}"\n'
            f'title = "{name}"\n'
            for name, family in SAMPLES.items()
        ),
        encoding="utf-8",
    )
    warehouse = tmp_path / "nightly.duckdb"
    params = ["--param", f"manifest={json.dumps(str(manifest))}", "--param", f"warehouse={json.dumps(str(warehouse))}"]
    triggered = run(
        [PREFECT, "deployment", "run", "ingest/nightly", *params, "--watch", "--watch-timeout", "180"],
        server_env,
        timeout=240,
    )
    assert triggered.returncode == 0 and "Completed" in triggered.stdout, triggered.stdout + triggered.stderr

    documents = run_query(warehouse, "select file_name, status, version from documents order by file_name")[1]
    assert [(name, version) for name, _, version in documents] == [(n, 1) for n in sorted(SAMPLES)]
    assert {status for _, status, _ in documents} <= {"loaded", "partial"}
    [(status, flow_run_id)] = run_query(warehouse, "select status, flow_run_id from ingest_runs")[1]
    assert status == "completed" and flow_run_id in triggered.stdout

    down = run([str(PROJECT_ROOT / "scripts" / "prefect-down")], server_env, timeout=90)
    assert down.returncode == 0 and "worker stopped" in down.stdout and "server stopped" in down.stdout
    assert listening_addresses(port) == set()
