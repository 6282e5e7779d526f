"""DX strategy action plans (横浜DX戦略 アクション編): milestone grids, INDEX tables, the procedures ranking.

Why a family of its own: its tables are headed by the strategy's step labels `1Q(R4)`…`4Q(R7)`
(fiscal years 2022–2025, not quarters) and it ranks procedures over several pages. It fills the
shape shared with the other action plans: `projects` (with `plan_path` = the headings above the
table), `milestones`, `indicators`, `indicator_values`, plus cross-checks.

Example query (`facts` view × `projects`): rank 1 = 図書の予約申し込み, 3,100,000 件 (FY2019 counts):

    select cast(p.code as int) as rank, f.project as procedure, f.value, f.unit, f.fiscal_year
    from facts as f
    join projects as p on p.doc_id = f.doc_id and p.name = f.project and p.category = '手続TOP100'
    where f.table_name = '手続TOP100' and f.municipality = '横浜市'
    order by rank;
"""

from __future__ import annotations

from collections.abc import Sequence

from parsers.documents.base import DocumentInfo, Family
from parsers.documents.dx_strategy.checks import check_ranking
from parsers.documents.dx_strategy.detect import classify_table, detect, find_municipality, header_period
from parsers.documents.dx_strategy.index_tables import parse_indicator_table
from parsers.documents.dx_strategy.layout import Line, LogicalTable, page_to_lines, pages_to_stream
from parsers.documents.dx_strategy.milestones import parse_milestone_table
from parsers.documents.dx_strategy.progress import file_progress
from parsers.documents.dx_strategy.top100 import RankedProcedure, parse_ranking_table
from parsers.normalize import NormalizationError, parse_period
from parsers.pdf.model import PageModel
from parsers.text_facts import add_text_facts, lines_to_paragraphs
from schemas.collect import RecordSet


def parse_dx_strategy(pages: Sequence[PageModel], records: RecordSet, hints: DocumentInfo) -> DocumentInfo:
    """Given the page models of a DX strategy action plan, fill `records`; return what it says of itself."""
    stream = pages_to_stream(pages, records)
    tables = [item for item in stream if isinstance(item, LogicalTable)]
    steps = step_years(tables)
    ranking: list[RankedProcedure] = []
    for table in tables:
        with records.contain("dx_strategy:tables", "table", page=table.page, raw_text=_table_text(table)):
            kind = classify_table(table.header)
            if kind == "milestones":
                parse_milestone_table(table, records, records.doc_id)
            elif kind == "indicators":
                parse_indicator_table(table, records, records.doc_id)
            elif kind == "ranking":
                ranking += parse_ranking_table(table, records, records.doc_id, steps)
    with records.contain("dx_strategy:checks", "check"):
        file_progress(records, len(ranking))
        check_ranking(ranking, records)
    with records.contain("dx_strategy:prose", "document"):
        add_prose_facts(stream, records)
    return document_info(pages, stream, steps)


def _table_text(table: LogicalTable) -> str:
    return " | ".join(c.text for row in table.rows[:3] for c in row if c is not None)


def add_prose_facts(stream: Sequence[Line | LogicalTable], records: RecordSet) -> None:
    """Given the stream, add the figures of its body text (`年間総受付件数約1,900万件`) as text facts,
    each under the heading it is printed below."""
    heading, body = None, []
    for item in [*stream, None]:
        if isinstance(item, Line) and item.heading is None:
            body.append(item)
            continue
        for text, page, bbox in lines_to_paragraphs(body):
            add_text_facts(records, text, page=page, bbox=bbox, source="lines", table_name=heading or "本文")
        body = []
        if isinstance(item, Line):
            heading = item.text


def step_years(tables: Sequence[LogicalTable]) -> dict[str, int]:
    """Given the tables, return the document's step labels as fiscal years (`1Q` → 2022)."""
    out: dict[str, int] = {}
    for table in tables:
        for h in table.header:
            period = header_period(h)
            if period is not None and period.kind == "label":
                out.setdefault(period.label, period.start)
    return out


def document_info(pages: Sequence[PageModel], stream, steps: dict[str, int]) -> DocumentInfo:
    """Given the pages, return municipality, title (the cover's large lines) and plan fiscal years."""
    cover = page_to_lines(pages[0]) if pages else []
    lines = [line.text for line in cover] + [i.text for i in stream if isinstance(i, Line)]
    municipality = find_municipality(lines)
    biggest = max((line.size for line in cover), default=0)
    title_lines = [
        line.text
        for line in cover
        if line.size == biggest
        and not line.text.isascii()
        and not _is_date(line.text)
        and (municipality is None or municipality not in line.text)
    ]
    years = sorted(steps.values())
    return DocumentInfo(
        municipality=municipality,
        title=" ".join(title_lines) or None,
        fiscal_year_start=years[0] if years else None,
        fiscal_year_end=years[-1] if years else None,
    )


def _is_date(text: str) -> bool:
    try:
        parse_period(text)
    except NormalizationError:
        return False
    return True


FAMILY = Family(name="dx_strategy", detect=detect, parse=parse_dx_strategy)
