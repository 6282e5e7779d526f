"""Every table cell found on every page, understood or not (DESIGN §3 table `raw_cells`)."""

from __future__ import annotations

from pydantic import Field

from schemas.base import Provenanced


class RawCell(Provenanced):
    """A cell of a table found on a page; `raw_text` is the cell text as extracted."""

    table = "raw_cells"
    columnar = True  # a 1,000-page book has 244k cells: 250 MB as objects, 34 MB as Arrow batches

    table_index: int = Field(ge=0)
    row_index: int = Field(ge=0)
    col_index: int = Field(ge=0)
