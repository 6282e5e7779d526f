"""Small record builders and readers shared by the action-plan families (Sagamihara, Hachioji)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from parsers.documents.plans.rows import Line
from parsers.normalize import NormalizationError, clean_text, parse_period
from schemas.collect import RecordSet
from schemas.plans import ProjectText

_KANJI = "[一-龥々ヶケ]"
_CITY = rf"({_KANJI}{{1,5}}?[市区町村])"
_CITY_TITLE = re.compile(rf"^(?:第[0-9０-９一二三四五六七八九十]+次)?{_CITY}(?=.*(?:計画|戦略|方針|事業集|プラン))")
"""A plan's title begins with the city that issues it: `八王子市DX推進計画`, `第2次相模原市ICT総合戦略`."""
_CITY_PUBLISHER = re.compile(rf"^(?:発行|編集|作成|発行者)[／/:：]?(?:{_KANJI}{{2,3}}[都道府県])?{_CITY}")
"""The colophon names the publisher: `発行／相模原市`."""


def find_municipality(events: Iterable) -> str | None:
    """Given a document's rows and lines, return the city its title line names, else the publisher its
    colophon names, else None (the manifest's municipality is used then). Read from the document, so
    that no family is tied to one city."""
    texts = ["".join(e.text.split()) for e in events if isinstance(e, Line)]
    for pattern in (_CITY_TITLE, _CITY_PUBLISHER):
        if city := next((m.group(1) for t in texts if (m := pattern.match(t))), None):
            return city
    return None


def add_project_text(records: RecordSet, project_id: str, field_name: str, page: int, where, text: str) -> None:
    """Add one narrative field of a project: `text` as printed, cleaned; `where` is a cell or line."""
    records.add_printed(
        ProjectText,
        where,
        page=page,
        raw_text=text,
        project_id=project_id,
        field=field_name,
        text=clean_text(text),
    )


def events_to_plan_period(events: Iterable, pattern: re.Pattern) -> dict:
    """Given a document's rows and lines, return fiscal_year_start/end from the first text line whose
    `pattern` (two groups: first and last year as printed) reads as two fiscal years, else {}."""
    return next(iter(plan_periods(events, pattern)), {})


def plan_periods(events: Iterable, pattern: re.Pattern) -> list[dict]:
    """Given a document's rows and lines, return every period `pattern` reads in its text lines, in
    order (fiscal_year_start/end): front matter may print the periods of other plans too."""
    found = []
    for event in events:
        if not isinstance(event, Line):
            continue
        for m in pattern.finditer(event.text):
            try:
                start, end = parse_period(m.group(1)).start, parse_period(m.group(2)).start
            except NormalizationError:
                continue
            found.append({"fiscal_year_start": start, "fiscal_year_end": end})
    return found
