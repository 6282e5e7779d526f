"""pdfplumber's ruled-table finder without its quadratic steps: the same tables, cells and texts, faster.

Two steps of pdfplumber 0.11 grow with the square of the page's size (issue #15: 46 % of parsing a budget
book): `intersections_to_cells` scans every later intersection for each one and rebuilds the edge sets of
both points at every comparison, and `Table.extract` tests every character of the page against every
row. Here each point finds the points below and to its right by lookup, edge sets are built once, and a
row's characters come from a sorted index. Order and comparisons are pdfplumber's, so the output is
identical (tests/pdf/test_grid.py compares both on every sample and real page). Everything else
(edges, snapping, joining, grouping cells into tables) is pdfplumber's own code.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict

from pdfplumber import utils
from pdfplumber.table import Table, TableFinder, TableSettings, cells_to_tables, edges_to_intersections

Point = tuple[float, float]


class GridFinder(TableFinder):
    """pdfplumber's TableFinder with `intersections_to_cells` below, over a page's edges (pdfplumber's
    dicts, from whichever reader); `.tables` are pdfplumber Tables (their text: `table_texts`)."""

    def __init__(self, edges: list[dict], settings: dict) -> None:
        self.page = _Edges(edges)
        self.settings = TableSettings.resolve(settings)
        self.edges = self.get_edges()
        self.intersections = edges_to_intersections(
            self.edges, self.settings.intersection_x_tolerance, self.settings.intersection_y_tolerance
        )
        self.cells = intersections_to_cells(self.intersections)
        self.tables = [Table(self.page, group) for group in cells_to_tables(self.cells)]


class _Edges:
    """All TableFinder reads of its page with the "lines" strategies: the edges."""

    def __init__(self, edges: list[dict]) -> None:
        self.edges = edges


def intersections_to_cells(intersections: dict[Point, dict]) -> list[tuple[float, float, float, float]]:
    """The cells pdfplumber.table.intersections_to_cells returns, in its order: for each point (sorted),
    the first point below and the first to its right joined to it by an edge that close a rectangle."""
    v_edges = {p: {utils.obj_to_bbox(e) for e in found["v"]} for p, found in intersections.items()}
    h_edges = {p: {utils.obj_to_bbox(e) for e in found["h"]} for p, found in intersections.items()}
    points = sorted(intersections)
    columns: dict[float, list[Point]] = defaultdict(list)
    rows: dict[float, list[Point]] = defaultdict(list)
    for point in points:  # sorted by (x, top): a column lists its points top down, a row left to right
        columns[point[0]].append(point)
        rows[point[1]].append(point)
    place = _positions(columns, rows)

    def connects(p1: Point, p2: Point) -> bool:
        return (p1[0] == p2[0] and not v_edges[p1].isdisjoint(v_edges[p2])) or (
            p1[1] == p2[1] and not h_edges[p1].isdisjoint(h_edges[p2])
        )

    cells = []
    for point in points:
        in_column, in_row = place[point]
        below = [p for p in columns[point[0]][in_column + 1 :] if connects(point, p)]
        right = [p for p in rows[point[1]][in_row + 1 :] if connects(point, p)] if below else []
        cell = _smallest_cell(point, below, right, intersections, connects)
        if cell is not None:
            cells.append(cell)
    return cells


def _positions(columns: dict[float, list[Point]], rows: dict[float, list[Point]]) -> dict[Point, tuple[int, int]]:
    """Each point's index in its column and in its row."""
    in_column = {p: i for column in columns.values() for i, p in enumerate(column)}
    in_row = {p: i for row in rows.values() for i, p in enumerate(row)}
    return {p: (in_column[p], in_row[p]) for p in in_column}


def _smallest_cell(point, below, right, intersections, connects):
    for below_pt in below:
        for right_pt in right:
            corner = (right_pt[0], below_pt[1])
            if corner in intersections and connects(corner, right_pt) and connects(corner, below_pt):
                return (point[0], point[1], corner[0], corner[1])
    return None


def table_texts(table: Table, chars: list[dict]) -> list[list[str | None]]:
    """What `table.extract()` returns (default text settings): each cell's text, None where merged."""
    index = sorted(((char["top"] + char["bottom"]) / 2, n) for n, char in enumerate(chars))
    texts = []
    for row in table.rows:
        x0, top, x1, bottom = row.bbox
        found = sorted(n for _, n in index[bisect_left(index, (top, -1)) : bisect_left(index, (bottom, -1))])
        row_chars = [chars[n] for n in found if x0 <= (chars[n]["x0"] + chars[n]["x1"]) / 2 < x1]
        texts.append([_cell_text(cell, row_chars) for cell in row.cells])
    return texts


def _cell_text(cell, row_chars: list[dict]) -> str | None:
    if cell is None:
        return None
    x0, top, x1, bottom = cell
    inside = [
        c for c in row_chars if x0 <= (c["x0"] + c["x1"]) / 2 < x1 and top <= (c["top"] + c["bottom"]) / 2 < bottom
    ]
    return utils.extract_text(inside) if inside else ""
