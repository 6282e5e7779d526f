"""Figures printed in prose, as `text_facts` rows: every family's narrative texts and milestone texts.

Why after the family parser, for every family: a 記述欄 (`常勤一般職員 111人`), a plan's 事業の方向性
(`136万7千件`) and a milestone (`24手続オンライン化を順次開始`) are texts the families already keep
(`project_texts`, `milestones`); reading their figures is one job, done once here with
`parsers.normalize.prose`. A family with prose outside those records (a dashboard's paragraphs)
calls `add_text_facts` itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from parsers.normalize.prose import figures_in_prose
from parsers.pdf.geometry import union
from schemas.collect import RecordSet, Where, make_id
from schemas.text import TextFact
from schemas.types import BBox

FOOTNOTE = re.compile(r"^\s*[(（]?※\s*\d")  # `(※1)` opens a footnote


def records_to_text_facts(records: RecordSet) -> None:
    """Given a document's records, add a TextFact for every figure in its project texts and milestones."""
    for t in list(records.rows.get("project_texts", [])):
        add_text_facts(
            records,
            t.text,
            page=t.page,
            bbox=t.bbox,
            source=f"project_texts:{t.field}",
            table_name=t.field,
            project_id=t.project_id,
        )
    for m in list(records.rows.get("milestones", [])):
        add_text_facts(
            records,
            m.text,
            page=m.page,
            bbox=m.bbox,
            source="milestones",
            table_name=m.table_name,
            project_id=m.project_id,
            label=m.item,
        )


def add_text_facts(
    records: RecordSet,
    text: str,
    *,
    page: int,
    bbox: BBox,
    source: str,
    table_name: str,
    project_id: str | None = None,
    label: str | None = None,
) -> int:
    """Given one text and where it is printed, add a TextFact per figure in it; return how many."""
    added = 0
    for figure in figures_in_prose(text):
        number = figure.number
        low, high = number.range if number.range else (None, None)
        fact = records.add_printed(
            TextFact,
            Where(page, bbox, figure.raw),
            fact_id=make_id(records.doc_id, source, project_id, table_name, page, bbox, figure.start, figure.raw),
            project_id=project_id,
            source=source,
            table_name=table_name,
            row_label=figure.label or label,
            fiscal_year=figure.fiscal_year,
            value=number.value if number.value is not None else None,
            value_min=low,
            value_max=high,
            unit=number.unit,
            qualifier=figure.qualifier,
            comparator=number.comparator,
            context=figure.sentence,
        )
        added += fact is not None
    return added


def lines_to_paragraphs(lines: Sequence) -> list[tuple[str, int, BBox]]:
    """Given body text lines (anything with `text`, `page`, `bbox`, `size`), return paragraphs as
    (text, page, bbox): wrapped lines are joined without a space (Japanese text). A footnote marker
    (`(※1)`), a change of type size or of page, or a previous line that stopped short of the block's
    right edge by more than two glyphs (the author ended it there) starts a new paragraph."""
    out: list[list] = []  # [text, page, bbox, size, right edge of its last line]
    for ln in lines:
        last = out[-1] if out else None
        starts = (
            last is None
            or FOOTNOTE.match(ln.text)
            or ln.size != last[3]
            or ln.page != last[1]
            or last[4] < last[2][2] - 2 * ln.size
        )
        if starts:
            out.append([ln.text, ln.page, ln.bbox, ln.size, ln.bbox[2]])
            continue
        last[0] += ln.text
        last[2] = union((last[2], ln.bbox))
        last[4] = ln.bbox[2]
    return [(text, page, box) for text, page, box, _, _ in out]
