"""Ruled tables of a page, via pdfplumber's TableFinder (edges -> intersections -> cells -> tables).

pdfplumber already implements the ruled-grid algorithm well; this module only fixes the settings and
converts its output into the page model (row / col indices, merged cells appear once). Its two quadratic
steps are replaced by `grid.py`, which gives the same cells and texts.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from parsers.pdf.geometry import rounded
from parsers.pdf.grid import GridFinder, table_texts
from parsers.pdf.model import Cell, Table

DEFAULT_SNAP_TOLERANCE_PT = 3.0
DEFAULT_JOIN_TOLERANCE_PT = 3.0
DEFAULT_INTERSECTION_TOLERANCE_PT = 3.0
EDGE_MIN_LENGTH_PT = 1.0
"""pdfplumber's `edge_min_length_prefilter` (its default): the finder drops shorter edges before it snaps
and joins the rest, so a reader need not make them (`pdfium_page.py`: glyph outlines are mostly such)."""


@dataclass(frozen=True)
class TableSettings:
    """Tolerances (points) for joining ruling lines into a grid; only drawn lines count."""

    snap_tolerance: float = DEFAULT_SNAP_TOLERANCE_PT
    join_tolerance: float = DEFAULT_JOIN_TOLERANCE_PT
    intersection_tolerance: float = DEFAULT_INTERSECTION_TOLERANCE_PT

    def __post_init__(self) -> None:
        for name, value in asdict(self).items():
            if value < 0:
                raise ValueError(f"table setting {name!r} cannot be negative")

    def to_pdfplumber(self) -> dict:
        return {
            "vertical_strategy": "lines",
            "horizontal_strategy": "lines",
            "edge_min_length_prefilter": EDGE_MIN_LENGTH_PT,
            **asdict(self),
        }


DEFAULT_TABLE_SETTINGS = TableSettings()


def find_tables(edges: list[dict], chars: list[dict], settings: TableSettings = DEFAULT_TABLE_SETTINGS) -> list[Table]:
    """Given a page's edges and characters (pdfplumber's dicts), return its ruled tables with every
    non-merged cell and its text."""
    tables = []
    for index, found in enumerate(GridFinder(edges, settings.to_pdfplumber()).tables):
        texts = table_texts(found, chars)
        cells = [
            Cell(row=r, col=c, text=texts[r][c] or "", bbox=rounded(box))
            for r, row in enumerate(found.rows)
            for c, box in enumerate(row.cells)
            if box is not None
        ]
        tables.append(Table(index=index, bbox=rounded(found.bbox), cells=tuple(cells)))
    return tables
