"""Every family's sample re-rendered as tables are commonly printed, to prove parsers read structure.

Per family sample (SAMPLES), the renderings (RENDERINGS) are:
- `horizontal`: the main rendering with a rule above each table row and none between columns;
- `unruled`: the main rendering with no rule and no shading at all (columns and rows by white space);
- `two_up`: the main rendering imposed two pages side by side on one landscape sheet (as a print shop
  puts two A4 pages on one A3), scaled to 71 %;
- `reordered`: the main rendering with columns whose order the form leaves free printed in another
  order (`pdfkit.in_column_order`; each builder names its own: funding sources, year columns, a
  ranking's columns, a headline figure after its note).

The ruling is one switch of the shared drawing code (`pdfkit.ruling`), not a copy of a builder. The
renderings are generated, not committed (git-ignored `build/renderings/`, outside `sample_docs/`,
which `make ingest` reads whole): they follow the samples' data as it grows. Build them with
`.venv/bin/python -m sample_docs.renderings [OUT_DIR]`; the bytes are the same on every run.
"""

from __future__ import annotations

import importlib
import re
import shutil
import sys
import tempfile
from contextlib import nullcontext
from pathlib import Path

import pypdfium2 as pdfium

from sample_docs.pdfkit import HORIZONTAL, UNRULED, columns_reordered, ruling

OUT_DIR = Path(__file__).resolve().parents[1] / "build" / "renderings"  # not under sample_docs/: ingested
TWO_UP = "two_up"
REORDERED = "reordered"
RENDERINGS = (HORIZONTAL, UNRULED, TWO_UP, REORDERED)
# family -> the builder module of its sample (its main rendering is `<module.STEM>.pdf`)
SAMPLES = {
    "budget_sheet": "sample_docs.yokohama_budget_sheets",
    "dashboard": "sample_docs.yokohama_dashboard",
    "ict_project_book": "sample_docs.sagamihara_plan",
    "action_plan_kpi": "sample_docs.hachioji_plan",
    "dx_strategy": "sample_docs.yokohama_dx_strategy",
}


def rendering_path(family: str, rendering: str, out_dir: Path = OUT_DIR) -> Path:
    """Where `build_rendering` writes a family's rendering."""
    return out_dir / f"{importlib.import_module(SAMPLES[family]).STEM}_{rendering}.pdf"


def build_rendering(family: str, rendering: str, out_dir: Path = OUT_DIR) -> Path:
    """Given a family and a rendering name, write that rendering of the family's sample; return its path."""
    if rendering not in RENDERINGS:
        raise ValueError(f"unknown rendering {rendering!r}: one of {RENDERINGS}")
    module = importlib.import_module(SAMPLES[family])
    path = rendering_path(family, rendering, out_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        with ruling(HORIZONTAL if rendering == HORIZONTAL else UNRULED if rendering == UNRULED else "grid"):
            with columns_reordered() if rendering == REORDERED else nullcontext():
                main = next(p for p in module.build(Path(tmp)) if p.stem == module.STEM)
        if rendering == TWO_UP:
            impose_two_up(main, path)
        else:
            shutil.copyfile(main, path)
    return path


def impose_two_up(source: Path, path: Path, scale: float = 0.7071) -> Path:
    """Given a PDF, write it imposed 2-up (pages 1+2, 3+4, … side by side on one landscape sheet,
    each scaled by `scale`, as a print shop would put two A4 pages on one A3) and return the path.

    The pages are placed as form XObjects, so their text layer survives, at a size unlike the original.
    """
    src = pdfium.PdfDocument(source)
    out = pdfium.PdfDocument.new()
    for first in range(0, len(src), 2):
        indexes = list(range(first, min(first + 2, len(src))))
        sizes = [src[i].get_size() for i in indexes]
        slot = max(w for w, _ in sizes) * scale
        sheet = out.new_page(2 * slot, max(h for _, h in sizes) * scale)
        for k, index in enumerate(indexes):
            placed = src.page_as_xobject(index, out).as_pageobject()
            placed.transform(pdfium.PdfMatrix().scale(scale, scale).translate(k * slot, 0))
            sheet.insert_obj(placed)
        sheet.gen_content()
    out.save(path)
    path.write_bytes(_fixed_stamps(path.read_bytes()))
    return path


def _fixed_stamps(pdf: bytes) -> bytes:
    """PDFium stamps the time and a random /ID into what it saves; both are set to fixed digits of
    the same length (the cross-reference offsets stay valid), so a rebuild gives the same bytes."""
    pdf = re.sub(rb"\(D:\d{14}", b"(D:20240401000000", pdf)
    return re.sub(rb"(?<=/ID\[)<[0-9A-F]+><[0-9A-F]+>", lambda m: re.sub(rb"[0-9A-F]", b"0", m[0]), pdf)


def main() -> int:
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT_DIR
    for family in SAMPLES:
        for rendering in RENDERINGS:
            print(build_rendering(family, rendering, out_dir))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
