"""Shared reportlab set-up for the sample builders: fonts and a byte-deterministic document.

reportlab's platypus `Table` already does what the samples need (ruled grids, SPAN for merged cells,
tables split across pages with repeated header rows), so builders use it directly; this module only
fixes what must be the same for all of them.

Fonts:
- `EMBEDDED_GOTHIC` is IPAexGothic, a TrueType font that reportlab embeds as a subset, as real
  municipal PDFs are made. The file comes from the PyPI package `japanize-matplotlib` (a dev
  dependency locked in uv.lock), so a fresh `uv sync` brings it; no system font is needed.
- `CID_MINCHO` / `CID_GOTHIC` are reportlab's standard Japanese CID fonts (HeiseiMin-W3,
  HeiseiKakuGo-W5): referenced by name, not embedded.
"""

from __future__ import annotations

from pathlib import Path

from reportlab import rl_config

rl_config.invariant = 1  # fixed creation date and document ID: same bytes on every run

from importlib.util import find_spec  # noqa: E402

from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.platypus import SimpleDocTemplate  # noqa: E402

EMBEDDED_GOTHIC = "IPAexGothic"
CID_MINCHO = "HeiseiMin-W3"
CID_GOTHIC = "HeiseiKakuGo-W5"

# located without importing the package (importing it loads matplotlib)
IPAEX_GOTHIC_TTF = Path(find_spec("japanize_matplotlib").origin).parent / "fonts" / "ipaexg.ttf"


def register_fonts() -> None:
    """Register the three sample fonts with reportlab (idempotent)."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    if EMBEDDED_GOTHIC not in registered:
        pdfmetrics.registerFont(TTFont(EMBEDDED_GOTHIC, str(IPAEX_GOTHIC_TTF)))
    for name in (CID_MINCHO, CID_GOTHIC):
        if name not in registered:
            pdfmetrics.registerFont(UnicodeCIDFont(name))


def build_pdf(path: Path, flowables: list, *, pagesize, title: str, margins_pt: float = 28.0, on_page=None) -> Path:
    """Given flowables, write them to `path` as a deterministic PDF and return the path; `on_page(canvas,
    doc)`, when given, draws the running header or footer of every page."""
    register_fonts()
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = SimpleDocTemplate(
        str(path),
        pagesize=pagesize,
        title=title,
        author="gyosei sample_docs",
        leftMargin=margins_pt,
        rightMargin=margins_pt,
        topMargin=margins_pt,
        bottomMargin=margins_pt,
    )
    if on_page is None:
        doc.build(flowables)
    else:
        doc.build(flowables, onFirstPage=on_page, onLaterPages=on_page)
    return path
