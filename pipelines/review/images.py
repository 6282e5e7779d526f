"""Page images of a document for the review site, rendered with pypdfium2 and cached by content hash.

An image's name holds the document's sha256 (its doc_id), the page and the scale, so a rebuilt site only
renders pages it has never rendered; the same bytes under another path reuse the same images.

A page without colour (every page of a budget book) is saved as an 8-bit grey PNG: lossless, so a figure
reads as sharply as the PDF prints it, at the size of the WebP it replaces (fuji_r8: 47 against 44 KB a
page), and 2.5 times faster to encode (4.3 against 11 ms a page: encoding was two thirds of rendering).
A page in colour (a chart, a coloured heading) is saved as WebP.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

from pipelines.discover import sha256_file
from pipelines.settings import download_dir

SCALE = 1.5
"""108 dpi: 34,577 in a 9-point table reads clearly, an A4 page stays near 70 KB as WebP."""
WEBP_QUALITY = 80
REOPEN_PAGES = 32
"""Pages rendered per opening of the file: pdfium's caches grow by ~0.25 MB a page of a budget book while
the document is open (126 MB after 300 pages; 52 MB reopened every 32), at no measurable cost in time."""


@dataclass(frozen=True)
class PageImage:
    """One page: its size in PDF points (the bboxes' unit), its image (relative to the site) and text."""

    number: int
    width: float
    height: float
    image: str | None
    chars: int
    """Characters in the page's text layer: 0 means a page without text (a scan or outlined glyphs)."""


def find_pdf(source: str, doc_id: str, warehouse: Path) -> Path | None:
    """The local file holding these bytes: the source path, else the download beside the warehouse.

    A file that has changed since it was loaded is not these bytes, so it is not used.
    """
    candidates = [download_dir(warehouse) / f"{doc_id}.pdf"]
    if "://" not in source:
        candidates.insert(0, Path(source))
    for candidate in candidates:
        if candidate.is_file() and sha256_file(candidate) == doc_id:
            return candidate
    return None


def render_documents(pdfs: dict[str, Path], site: Path) -> dict[str, list[PageImage] | Exception]:
    """Render every page of each document (doc_id -> its PDF) into `site`/img/<doc_id>/ unless already
    there; describe each page. A document that cannot be rendered gets its error instead (pypdfium2
    raises its own for a file that is not a PDF). Ranges of REOPEN_PAGES pages are spread over worker
    processes: rendering is most of building a site (fuji_r8: 3.5 s of 4.5), pdfium cannot render in
    two threads of one process, and the run's parses are over by then, so the other cores are idle."""
    tasks, results = [], {}
    for doc_id, path in pdfs.items():
        try:
            pages = _page_count(path)
        except Exception as err:  # noqa: BLE001 (kept as the document's reason)
            results[doc_id] = err
            continue
        results[doc_id] = []
        tasks += [
            (path, doc_id, site, first, min(first + REOPEN_PAGES, pages)) for first in range(0, pages, REOPEN_PAGES)
        ]
    workers = min(os.cpu_count() or 1, len(tasks))
    if workers > 1:  # forkserver: the calling process runs Prefect's threads, which a fork would copy mid-work
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("forkserver")) as pool:
            rendered = list(pool.map(_render_range, tasks))
    else:
        rendered = [_render_range(task) for task in tasks]
    for (_, doc_id, *_), images in zip(tasks, rendered, strict=True):
        if isinstance(results[doc_id], list):
            results[doc_id] = images if isinstance(images, Exception) else results[doc_id] + images
    return results


def _page_count(pdf_path: Path) -> int:
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def _render_range(task: tuple[Path, str, Path, int, int]) -> list[PageImage] | Exception:
    """Pages [first, last) of one document, opened once (pdfium keeps what it parsed of every page until
    the document is closed), or the error that stopped them."""
    pdf_path, doc_id, site, first, last = task
    folder = site / "img" / doc_id
    try:
        folder.mkdir(parents=True, exist_ok=True)
        pdf = pdfium.PdfDocument(str(pdf_path))
        try:
            return [_page(pdf, n, folder, site) for n in range(first, last)]
        finally:
            pdf.close()
    except Exception as err:  # noqa: BLE001 (kept as the document's reason)
        return err


def _page(pdf: pdfium.PdfDocument, index: int, folder: Path, site: Path) -> PageImage:
    page = pdf[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        chars = textpage.count_chars()
        textpage.close()
        stem = f"p{index + 1}-x{SCALE:g}"
        rendered = [folder / f"{stem}.{kind}" for kind in ("png", "webp")]
        target = next((image for image in rendered if image.exists()), None) or _render(page, folder, stem)
        return PageImage(index + 1, width, height, target.relative_to(site).as_posix(), chars)
    finally:
        page.close()


def _render(page: pdfium.PdfPage, folder: Path, stem: str) -> Path:
    """Render the page to `folder`/`stem`.png when it has no colour, else to .webp; return the file."""
    bitmap = page.render(scale=SCALE)
    pixels = bitmap.to_numpy()
    blue, green, red = pixels[..., 0], pixels[..., 1], pixels[..., 2]
    if (blue == green).all() and (green == red).all():
        image, kind, options = Image.fromarray(blue), "png", {"compress_level": 1}
    else:
        image, kind, options = bitmap.to_pil(), "webp", {"quality": WEBP_QUALITY, "method": 0}
    target, partial = folder / f"{stem}.{kind}", folder / f"{stem}.part"
    image.save(partial, kind.upper(), **options)
    partial.replace(target)
    return target
