"""Cross-checks of the procedures ranking, stored as `checks` rows (DESIGN §5).

Why: the document states its progress twice, once per procedure (`1Qでスマートフォン対応`) and once as
totals (`31/100`, `43/100`, `48/100`, `100/100`); agreement is the strongest evidence the ranking was
read whole across its pages. The totals are found structurally (`progress`: fractions whose
denominator is the number of ranked procedures). Also: ranks run 1..N without gaps, and counts never
rise with rank.
"""

from __future__ import annotations

from collections.abc import Sequence

from parsers.documents.dx_strategy.progress import progress_values
from parsers.documents.dx_strategy.top100 import RankedProcedure
from schemas.collect import RecordSet

PROGRESS_CHECK = "ranking_progress_matches_statuses"


def done_by(ranking: Sequence[RankedProcedure], fiscal_year: int) -> int:
    """Given the ranking, return how many procedures are done by the end of `fiscal_year`."""
    return sum(1 for p in ranking if p.is_done or (p.done_by is not None and p.done_by <= fiscal_year))


def check_ranking(ranking: Sequence[RankedProcedure], records: RecordSet) -> None:
    """Given the parsed ranking, add its checks (progress totals, rank sequence, count order)."""
    if not ranking:
        return
    page = None
    ranks = sorted(p.rank for p in ranking)
    records.check(
        "ranking_ranks_contiguous",
        "順位 1..N",
        expected=len(ranking),
        actual=sum(1 for i, r in enumerate(ranks, start=1) if r == i),
        page=page,
    )
    by_rank = sorted(ranking, key=lambda p: p.rank)
    counts = [p.count for p in by_rank if p.count is not None]
    records.check(
        "ranking_counts_non_increasing",
        "年間件数 by 順位",
        expected=0,
        actual=sum(1 for a, b in zip(counts, counts[1:], strict=False) if b > a),
    )
    for value in progress_values(records, len(ranking)):
        records.check(
            PROGRESS_CHECK,
            f"{value.row_label} {value.column_label}",
            expected=done_by(ranking, value.fiscal_year),
            actual=value.numerator,
            page=value.page,
            detail=f"procedures 対応済 or due by FY{value.fiscal_year}; printed {value.raw_text}",
        )
