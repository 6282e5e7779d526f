"""Whether a run marked `running` is still going: its process is alive, and is the same process (a PID
reused by a later process is not the run). Only a writer can mark a dead run `interrupted`; `gyosei
status` reads, so it tells them apart by asking the system."""

from __future__ import annotations

import os
import socket
from datetime import datetime
from pathlib import Path

CLOCK_SLACK_SECONDS = 2.0


def run_state(pid: int | None, host: str | None, started_at: datetime) -> str:
    """The status to show for a run whose row says `running`."""
    if pid is None:
        return "running"
    if host != socket.gethostname():
        return f"running on {host} (PID {pid})"
    if not _same_process_alive(pid, started_at):
        return f"dead (PID {pid} gone)"
    return f"running (PID {pid})"


def _same_process_alive(pid: int, started_at: datetime) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # alive, owned by someone else
    state, started = _proc_stat(pid)
    if state == "Z":  # killed, not yet reaped by its parent
        return False
    return started is None or started <= started_at.timestamp() + CLOCK_SLACK_SECONDS


def _proc_stat(pid: int) -> tuple[str | None, float | None]:
    """(state, start time as a Unix time) from /proc (Linux); (None, None) where there is no /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        boot = next(
            int(line.split()[1]) for line in Path("/proc/stat").read_text().splitlines() if line.startswith("btime")
        )
    except (OSError, IndexError, StopIteration, ValueError):
        return None, None
    return fields[0], boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")
