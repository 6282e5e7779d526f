"""Build every sample PDF into sample_docs/ (deterministic: same bytes on every run).

Run: `make samples` (or `.venv/bin/python -m sample_docs.build`). Each builder module exposes
`build(out_dir: Path) -> list[Path]` and is listed in BUILDERS.
"""

from __future__ import annotations

import hashlib
import importlib
import sys
from pathlib import Path

OUT_DIR = Path(__file__).resolve().parent

BUILDERS = [
    "sample_docs.yokohama_budget_sheets",
    "sample_docs.yokohama_dashboard",
    "sample_docs.sagamihara_plan",
    "sample_docs.hachioji_plan",
    "sample_docs.yokohama_dx_strategy",
]


def build_all(out_dir: Path = OUT_DIR) -> list[Path]:
    """Given an output folder, run every builder and return the PDFs written."""
    written: list[Path] = []
    for name in BUILDERS:
        written.extend(importlib.import_module(name).build(out_dir))
    return written


def main() -> int:
    for path in build_all(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT_DIR):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        print(f"{digest}  {path.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
