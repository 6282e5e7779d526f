"""The `参考：<year> <label> <figure> <label> <figure>` line under a 施策's 目標・KPI matrix: baselines.
The marker may be bracketed instead (`【参考】`, `（参考）`); a year may be joined to the label by
`における` / `の`.

Why: the plan prints where the 施策's KPIs start from once, as a text line below the matrix
(`参考：令和３年度（2021年度）オンライン申請化率 228件/3,018件 うち年1,000件以上 24件/141件`).
The year opens the line; each figure follows its label. A fraction `a件/b件` gives two rows: the
label with a (numerator and denominator kept) and `label (分母)` with b, the count it is out of.
"""

from __future__ import annotations

import re

from parsers.documents.plans.rows import Line
from parsers.normalize import NormalizationError, NumberValue, Period, parse_number, parse_period
from schemas.collect import RecordSet, make_id
from schemas.plans import Indicator, IndicatorValue

# `参考：…`, `【参考】…`, `（参考）…`: the word marked off by a colon or brackets, then the year
_REFERENCE = re.compile(r"^\s*(?:(参考)\s*[:：]|[【（(]\s*(参考)\s*[】）)]\s*[:：]?)\s*(.+)$")
_LINK = re.compile(r"^(?:における|の)")  # `令和３年度（2021年度）におけるオープンデータ公開数`
MAX_YEAR_TEXT = 24  # characters the opening year may take (`令和３年度（2021年度）`)


def add_reference_line(records: RecordSet, project_id: str, line: Line) -> None:
    """Given a text line under a 施策's matrix, add its baselines if it is a 参考 line."""
    m = _REFERENCE.match(line.text)
    opening = _leading_year(m.group(3)) if m else None
    if opening is None:
        return
    table = m.group(1) or m.group(2)
    year_text, period, rest = opening
    rest = _LINK.sub("", rest)
    for label, figure, raw in _labelled_figures(rest):
        rows = [(label, figure.value, figure.numerator, figure.denominator)]
        if figure.denominator is not None:
            rows.append((f"{label} (分母)", figure.denominator, None, None))
        for row_label, value, numerator, denominator in rows:
            indicator_id = make_id(records.doc_id, "indicator", project_id, table, row_label)
            records.add_printed(
                Indicator,
                line,
                indicator_id=indicator_id,
                project_id=project_id,
                kind="kpi",
                name=row_label,
            )
            records.add_printed(
                IndicatorValue,
                line,
                raw_text=raw,
                indicator_id=indicator_id,
                table_name=table,
                row_label=row_label,
                column_label=year_text,
                fiscal_year=period.start,
                role="baseline",
                value=value,
                unit=figure.unit,
                comparator=figure.comparator,
                qualifier=figure.qualifier,
                numerator=numerator,
                denominator=denominator,
            )


def _leading_year(text: str) -> tuple[str, Period, str] | None:
    """The longest start of `text` that is one fiscal year, the Period, and the rest; else None."""
    for end in range(min(len(text), MAX_YEAR_TEXT), 0, -1):
        try:
            period = parse_period(text[:end])
        except NormalizationError:
            continue
        if period.end == period.start:
            return text[:end].strip(), period, text[end:].strip()
    return None


def _labelled_figures(text: str) -> list[tuple[str, NumberValue, str]]:
    """(label, figure, figure as printed) for each figure word preceded by label words.

    A figure word with no label before it (`年1,000件`) is read as part of the next label.
    """
    out = []
    label: list[str] = []
    for word in text.split():
        figure = _figure(word)
        if figure is not None and label:
            out.append((" ".join(label), figure, word))
            label = []
        else:
            label.append(word)
    return out


def _figure(word: str) -> NumberValue | None:
    try:
        nv = parse_number(word)
    except NormalizationError:
        return None
    return nv if nv.value is not None else None
