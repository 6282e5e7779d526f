"""One Prefect test harness (a real API server in a subprocess) shared by the flow tests only, a loopback
HTTP server for manifest URLs, and small PDFs for bad-input batches."""

from __future__ import annotations

import threading
from collections import Counter, defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import pipelines  # noqa: F401  (sets PREFECT_HOME and telemetry defaults before prefect is imported)


@pytest.fixture(scope="session")
def prefect_harness(tmp_path_factory):
    """The harness server, with persisted task results (the parse cache) in a temporary folder."""
    from prefect.settings import PREFECT_LOCAL_STORAGE_PATH, temporary_settings
    from prefect.testing.utilities import prefect_test_harness

    storage = tmp_path_factory.mktemp("prefect-results")
    with temporary_settings({PREFECT_LOCAL_STORAGE_PATH: storage}), prefect_test_harness(server_startup_timeout=120):
        yield


class LoopbackFiles:
    """Files served on 127.0.0.1: set `files[name]` to bytes, queue HTTP error codes in `failures[name]`."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.failures: dict[str, list[int]] = defaultdict(list)
        self.requests: Counter[str] = Counter()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())

    def url(self, name: str) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/{name}"

    def _handler(self):
        files = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                name = self.path.lstrip("/")
                files.requests[name] += 1
                status = files.failures[name].pop(0) if files.failures[name] else 200
                body = files.files.get(name) if status == 200 else None
                if body is None:
                    self.send_error(404 if status == 200 else status)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/pdf")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):  # keep the test output quiet
                pass

        return Handler


@pytest.fixture
def loopback():
    files = LoopbackFiles()
    thread = threading.Thread(target=files.server.serve_forever, daemon=True)
    thread.start()
    yield files
    files.server.shutdown()
    files.server.server_close()
    thread.join(timeout=10)


def image_only_pdf(path):
    """A page drawn only with shapes: no text layer (a scan looks the same to the parser)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.rect(72, 600, 300, 120, fill=1)
    c.line(72, 580, 372, 580)
    c.save()
    return path


@pytest.fixture
def batch(tmp_path, table_pdf):
    """A folder with one good PDF, one empty file, one text file and one encrypted PDF."""
    from tests.pdf_factory import encrypted_pdf, ruled_table_pdf

    folder = tmp_path / "batch"
    folder.mkdir()
    ruled_table_pdf(folder / "good.pdf", [["款", "本年度"], ["市税", "49,286,300"]], pages=2)
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "notes.pdf").write_text("not a pdf", encoding="utf-8")
    encrypted_pdf(folder / "locked.pdf")
    return folder
