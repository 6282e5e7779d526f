"""Find the files to ingest and fingerprint them."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

CHUNK_BYTES = 1 << 20


class UsageError(ValueError):
    """A path given on the command line does not exist."""


def discover_files(paths: Iterable[Path]) -> list[Path]:
    """Given files and folders, return every file named explicitly and every *.pdf under the folders."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf"))
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError(f"no such file or folder: {path}")
    return list(dict.fromkeys(p.resolve() for p in found))


def sha256_file(path: Path) -> str:
    """Return the sha256 of a file's bytes, hex (the document id)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK_BYTES), b""):
            digest.update(chunk)
    return digest.hexdigest()
