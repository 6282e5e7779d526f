"""The run's temporary Prefect server is launched before Prefect is imported, then adopted as the one
Prefect uses (its API URL, so the CLI never imports Prefect's server code), runs the flow without
heartbeats (nothing outlives it to read them), and dies with the process that launched it."""

from __future__ import annotations

import httpx

from pipelines.temporary_server import adopted_server, launch_server


def test_a_configured_server_means_no_temporary_one(monkeypatch):
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:4200/api")
    from prefect.settings import get_current_settings

    assert launch_server() is None
    heartbeats = get_current_settings().flows.heartbeat_frequency
    with adopted_server(None):  # nothing to adopt, nothing to wait for; a real server's runs keep heartbeats
        assert get_current_settings().flows.heartbeat_frequency == heartbeats is not None


def test_the_launched_server_answers_and_is_the_api_prefect_uses(tmp_path, monkeypatch):
    from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings

    from pipelines.temporary_server import stop_server

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect"))
    heartbeats = get_current_settings().flows.heartbeat_frequency
    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        launched = launch_server()
        try:
            with adopted_server(launched):
                assert get_current_settings().api.url == launched.api_url
                assert httpx.get(f"{launched.api_url}/health").json() is True
                assert get_current_settings().flows.heartbeat_frequency is None
            assert get_current_settings().api.url is None
            assert get_current_settings().flows.heartbeat_frequency == heartbeats is not None
        finally:
            stop_server(launched)  # what the run does at exit
    assert launched.process.poll() is not None
