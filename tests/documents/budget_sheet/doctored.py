"""A budget sheet whose figures no longer add up: sheet 2 (デジタル企画調整費) rebuilt with its 令和6年度 国
changed from 0 to 100 (千円), so 金額 34,577 ≠ 国 100 + … + 一般財源 34,195 and the change row disagrees."""

from __future__ import annotations

import copy
from pathlib import Path

from sample_docs import yokohama_budget_sheets as builder
from sample_docs.data.yokohama_budget_sheets import SHEETS, Block
from sample_docs.pdfkit import build_pdf, register_fonts


def doctored_sheet_pdf(path: Path) -> Path:
    """Write the doctored one-sheet PDF to `path` and return it."""
    sheet = copy.deepcopy(SHEETS[1])
    funding = next(i for i, b in enumerate(sheet) if b.kind == "funding")
    rows = [list(r) for r in sheet[funding].rows]
    row = next(r for r in rows if r[0] == "令和6年度")
    row[2] = "100"  # 国
    sheet[funding] = Block(sheet[funding].kind, sheet[funding].line, rows)
    register_fonts()
    layout, margin = builder.MAIN, 28.0
    return build_pdf(
        path,
        builder.sheet_flowables(sheet, layout, layout.pagesize[0] - 2 * margin),
        pagesize=layout.pagesize,
        title=builder.TITLE,
        margins_pt=margin,
    )
