"""Every path under a folder is either ingested or listed with the reason it was left out."""

from __future__ import annotations

import os

import pytest

from pipelines.discover import UsageError, discover_files


def test_paths_left_out_are_listed_with_their_reason(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.7")
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / "x.pdf").mkdir()
    (tmp_path / "x.pdf" / "inside.PDF").write_bytes(b"%PDF-1.7")
    (tmp_path / "sub").mkdir()
    os.symlink(tmp_path, tmp_path / "sub" / "loop")
    os.symlink(tmp_path / "gone.pdf", tmp_path / "broken.pdf")
    os.mkfifo(tmp_path / "pipe.pdf")
    found = discover_files([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in found.files] == ["a.pdf", "x.pdf/inside.PDF"]
    reasons = {s.path.relative_to(tmp_path).as_posix(): s.reason for s in found.skipped}
    assert reasons == {
        "notes.txt": "not named *.pdf",
        "x.pdf": "a folder named like a PDF (searched as a folder)",
        "sub/loop": f"symlink loop: {tmp_path.resolve()} was already searched",
        "broken.pdf": "broken symlink",
        "pipe.pdf": "not a regular file",
    }


def test_a_missing_path_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no such file or folder"):
        discover_files([tmp_path / "none"])
