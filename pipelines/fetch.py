"""Fetch a source into a local file and fingerprint it (sha256 = doc_id).

Downloads stream into a temporary file beside their destination and are renamed to `<sha256>.pdf` only
when complete, so an interrupted download never leaves a file that looks whole. A `FetchError` says
whether trying again may help (a 503 or a dropped connection) or not (a 404, a missing file).
"""

from __future__ import annotations

import hashlib
import http.client
import os
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from pipelines.discover import CHUNK_BYTES, sha256_file
from pipelines.sources import Source

TIMEOUT_SECONDS = 60
TRANSIENT_HTTP_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
USER_AGENT = "gyosei (municipal PDF ingest)"


class FetchError(RuntimeError):
    """A source could not be fetched; `transient` is True when a retry may succeed."""

    def __init__(self, message: str, *, transient: bool):
        super().__init__(message)
        self.transient = transient


@dataclass(frozen=True)
class Fetched:
    """A source's bytes on local disk, with their sha256."""

    source: Source
    path: Path
    doc_id: str
    size_bytes: int


def fetch_source(source: Source, download_dir: Path) -> Fetched:
    """Given a source, return its local file and sha256, downloading URLs into `download_dir`."""
    if source.is_url:
        path, doc_id = download(source.location, download_dir)
    else:
        path = Path(source.location)
        if not path.is_file():
            raise FetchError(f"no such file: {path}", transient=False)
        doc_id = sha256_file(path)
    return Fetched(source=source, path=path, doc_id=doc_id, size_bytes=path.stat().st_size)


def download(url: str, download_dir: Path) -> tuple[Path, str]:
    """Download `url` to `<download_dir>/<sha256>.pdf`; return the path and the sha256."""
    download_dir.mkdir(parents=True, exist_ok=True)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    digest = hashlib.sha256()
    with tempfile.NamedTemporaryFile(dir=download_dir, prefix=".download-", suffix=".part", delete=False) as part:
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
                for chunk in iter(lambda: response.read(CHUNK_BYTES), b""):
                    digest.update(chunk)
                    part.write(chunk)
        except BaseException as err:
            Path(part.name).unlink(missing_ok=True)
            if (fetch_error := _as_fetch_error(url, err)) is None:
                raise
            raise fetch_error from err
    target = download_dir / f"{digest.hexdigest()}.pdf"
    os.replace(part.name, target)
    return target, digest.hexdigest()


def _as_fetch_error(url: str, err: BaseException) -> FetchError | None:
    if isinstance(err, urllib.error.HTTPError):
        return FetchError(f"HTTP {err.code} {err.reason} from {url}", transient=err.code in TRANSIENT_HTTP_STATUSES)
    if isinstance(err, urllib.error.URLError):
        return FetchError(f"cannot reach {url}: {err.reason}", transient=True)
    if isinstance(err, TimeoutError | ConnectionError | http.client.HTTPException):
        return FetchError(f"download of {url} broke off: {type(err).__name__}: {err}", transient=True)
    return None
