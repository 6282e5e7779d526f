"""Page images of a document for the review site, rendered with pypdfium2 and cached by content hash.

An image's name holds the document's sha256 (its doc_id), the page and the scale, so a rebuilt site only
renders pages it has never rendered; the same bytes under another path reuse the same images.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

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


def render_pages(pdf_path: Path, doc_id: str, site: Path) -> list[PageImage]:
    """Render every page of `pdf_path` into `site`/img/<doc_id>/ unless already there; describe each page."""
    folder = site / "img" / doc_id
    folder.mkdir(parents=True, exist_ok=True)
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        pages = []
        for n in range(len(pdf)):
            if n and n % REOPEN_PAGES == 0:  # pdfium keeps what it parsed of every page until closed
                pdf.close()
                pdf = pdfium.PdfDocument(str(pdf_path))
            pages.append(_page(pdf, n, folder, site))
        return pages
    finally:
        pdf.close()


def _page(pdf: pdfium.PdfDocument, index: int, folder: Path, site: Path) -> PageImage:
    page = pdf[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        chars = textpage.count_chars()
        textpage.close()
        target = folder / f"p{index + 1}-x{SCALE:g}.webp"
        if not target.exists():
            partial = target.with_suffix(".part")
            page.render(scale=SCALE).to_pil().save(partial, "WEBP", quality=WEBP_QUALITY, method=0)
            partial.replace(target)
        return PageImage(index + 1, width, height, target.relative_to(site).as_posix(), chars)
    finally:
        page.close()
