"""Shared reportlab set-up for the sample builders: fonts, a byte-deterministic document, the ruling.

reportlab's platypus `Table` already does what the samples need (ruled grids, SPAN for merged cells,
tables split across pages with repeated header rows), so builders use it directly; this module only
fixes what must be the same for all of them.

Ruling: every builder draws its tables' rules and shading through `table_rules`, so one switch
(`with ruling(HORIZONTAL): build(...)`) re-renders any sample with a full grid, horizontal rules
only, or no rules at all (shading goes with the vertical rules: a filled cell's edges would draw them).

Fonts:
- `EMBEDDED_GOTHIC` is IPAexGothic, a TrueType font that reportlab embeds as a subset, as real
  municipal PDFs are made. The file comes from the PyPI package `japanize-matplotlib` (a dev
  dependency locked in uv.lock), so a fresh `uv sync` brings it; no system font is needed.
- `CID_MINCHO` / `CID_GOTHIC` are reportlab's standard Japanese CID fonts (HeiseiMin-W3,
  HeiseiKakuGo-W5): referenced by name, not embedded.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from reportlab import rl_config

rl_config.invariant = 1  # fixed creation date and document ID: same bytes on every run

from importlib.util import find_spec  # noqa: E402

from reportlab.lib import colors  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.platypus import SimpleDocTemplate  # noqa: E402

EMBEDDED_GOTHIC = "IPAexGothic"
CID_MINCHO = "HeiseiMin-W3"
CID_GOTHIC = "HeiseiKakuGo-W5"

GRID = "grid"  # every cell ruled (the committed samples)
HORIZONTAL = "horizontal"  # a rule above every row and below the last, no vertical rule, no shading
UNRULED = "unruled"  # no rule and no shading: rows and columns by white space alone
RULINGS = (GRID, HORIZONTAL, UNRULED)
_RULING: ContextVar[str] = ContextVar("ruling", default=GRID)
_REORDERED: ContextVar[bool] = ContextVar("reordered", default=False)

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


@contextmanager
def ruling(name: str) -> Iterator[None]:
    """Within the block, every table a builder makes is ruled as `name` (one of RULINGS)."""
    if name not in RULINGS:
        raise ValueError(f"unknown ruling {name!r}: one of {RULINGS}")
    token = _RULING.set(name)
    try:
        yield
    finally:
        _RULING.reset(token)


def current_ruling() -> str:
    """The ruling in force (GRID outside any `ruling` block), for builders that draw rules by hand."""
    return _RULING.get()


@contextmanager
def columns_reordered() -> Iterator[None]:
    """Within the block, builders print the columns whose order the format leaves free in another order
    (`in_column_order`): a parser must find a column by its header, not by its place."""
    token = _REORDERED.set(True)
    try:
        yield
    finally:
        _REORDERED.reset(token)


def in_column_order(
    rows: list[list], order: list[int] | None, first_row: int = 0, end_row: int | None = None
) -> list[list]:
    """Given a table's rows and the order its columns take when reordered (`order[i]` = the column printed
    i-th), return rows `first_row` to `end_row` (exclusive) in that order inside a `columns_reordered`
    block, else as they are; the other rows (a heading or a text spanning the columns) keep theirs."""
    if order is None or not _REORDERED.get():
        return rows
    end = len(rows) if end_row is None else end_row
    return [[row[i] for i in order] if first_row <= r < end else row for r, row in enumerate(rows)]


def table_rules(
    weight: float = 0.5, color=colors.black, *, frame: str = "GRID", shading: tuple[tuple, ...] = ()
) -> list[tuple]:
    """Given the rule weight and colour, the grid command (`GRID`, or `BOX` for a frame) and the
    BACKGROUND commands, return the TableStyle commands that draw them under the current ruling."""
    name = current_ruling()
    if name == GRID:
        return [(frame, (0, 0), (-1, -1), weight, color), *shading]
    if name == HORIZONTAL:
        above = (-1, 0) if frame == "BOX" else (-1, -1)  # a frame keeps its top and bottom, a grid every row's
        return [("LINEABOVE", (0, 0), above, weight, color), ("LINEBELOW", (0, -1), (-1, -1), weight, color)]
    return []
