"""Find the files to ingest, say why anything else was left out, and fingerprint them."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

CHUNK_BYTES = 1 << 20
NOT_PDF = "not named *.pdf"


class UsageError(ValueError):
    """The command line or a manifest asks for something that cannot be done (a missing path, a bad field)."""


@dataclass(frozen=True)
class Skipped:
    """A path found under a folder that is not ingested, and why: nothing is left out without a word."""

    path: Path
    reason: str

    def line(self) -> str:
        return f"skipped  {self.path}: {self.reason}"


@dataclass
class Discovery:
    """The files to ingest and the paths left out."""

    files: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def discover_files(paths: Iterable[Path]) -> Discovery:
    """Given files and folders, return every file named explicitly and every *.pdf under the folders.

    Folders are walked following symlinks, each real folder once (a symlink loop is reported, not walked
    forever); every other entry under a folder is listed in `skipped` with its reason.
    """
    found = Discovery()
    for path in map(Path, paths):
        if path.is_dir():
            _walk(path, found)
        elif path.is_file():
            found.files.append(path)
        else:
            raise UsageError(f"no such file or folder: {path}")
    found.files = list(dict.fromkeys(p.resolve() for p in found.files))
    return found


def _walk(top: Path, found: Discovery) -> None:
    visited: set[str] = set()

    def unreadable(err: OSError) -> None:
        found.skipped.append(Skipped(Path(err.filename), f"cannot read the folder: {err.strerror}"))

    for folder, dirs, files in os.walk(top, followlinks=True, onerror=unreadable):
        real = os.path.realpath(folder)
        if real in visited:
            found.skipped.append(Skipped(Path(folder), f"symlink loop: {real} was already searched"))
            dirs.clear()
            continue
        visited.add(real)
        dirs.sort()
        for name in dirs:
            if name.lower().endswith(".pdf"):
                found.skipped.append(Skipped(Path(folder, name), "a folder named like a PDF (searched as a folder)"))
        for name in sorted(files):
            path = Path(folder, name)
            reason = _not_ingested(path)
            if reason:
                found.skipped.append(Skipped(path, reason))
            else:
                found.files.append(path)


def _not_ingested(path: Path) -> str | None:
    """Why a file under a folder is not ingested, or None when it is a *.pdf to ingest."""
    if path.is_symlink() and not path.exists():
        return "broken symlink"
    if not path.is_file():
        return "not a regular file"
    if path.suffix.lower() != ".pdf":
        return NOT_PDF
    return None


def sha256_file(path: Path) -> str:
    """Return the sha256 of a file's bytes, hex (the document id)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK_BYTES), b""):
            digest.update(chunk)
    return digest.hexdigest()
