"""Small record builders shared by the action-plan families (Sagamihara, Hachioji)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from parsers.documents.plans.rows import Line
from parsers.normalize import NormalizationError, clean_text, parse_period
from schemas.collect import RecordSet
from schemas.plans import ProjectText


def add_project_text(records: RecordSet, project_id: str, field_name: str, page: int, where, text: str) -> None:
    """Add one narrative field of a project: `text` as printed, cleaned; `where` is a cell or line."""
    records.add(
        ProjectText,
        doc_id=records.doc_id,
        page=page,
        bbox=where.bbox,
        raw_text=text,
        project_id=project_id,
        field=field_name,
        text=clean_text(text),
    )


def events_to_plan_period(events: Iterable, pattern: re.Pattern) -> dict:
    """Given a document's rows and lines, return fiscal_year_start/end from the first text line whose
    `pattern` (two groups: first and last year as printed) reads as two fiscal years, else {}."""
    for event in events:
        if isinstance(event, Line) and (m := pattern.search(event.text)):
            try:
                return {
                    "fiscal_year_start": parse_period(m.group(1)).start,
                    "fiscal_year_end": parse_period(m.group(2)).start,
                }
            except NormalizationError:
                continue
    return {}
