"""Hachioji KPI cells: one year's cell may hold several KPIs, each `【達成】|【未達成】 label value (対目標：±x)`.

Why its own step: the cell's lines carry the structure the flat text loses. A status tag starts a KPI
and a `（対目標：…）` group ends one; the label is the text on the value's line, else the lines above
it; a bracketed note with a figure (`（手続種類 24種中1種）`, `（実績：1,722件）`) is a figure too, and a
figure labelled only 実績 or 前年比 belongs to the KPI above it. A figure printed before the value with the
same unit (`30％をオンライン申請に … 22.4％`) is that year's printed target; other figures on a line of
their own before it (`2,237件` before `前年比＋39.5％`) are further values of the same KPI, while figures
inside a label (`年間1,000件以上の…`) and the digits of dates (`令和6年4月1日`, `（２月～３月）`) are not values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers.documents.plans.kpi_values import KpiValue, figures_in_text, in_name, parse_kpi_cell
from parsers.normalize import NormalizationError, clean_text, parse_number

_STATUS = re.compile(r"^\s*【(達成|未達成|一部未達成)】")
_DELTA_END = re.compile(r"対\s*目標.*[）)]\s*$")
_NOTE = re.compile(r"^[（(][^（()）]*[）)]$")  # a bracketed line (`（3保健福祉センター）`): a note on the KPI above
# masked before reading figures: dates, and ordinals (`（第1回目）`), which count nothing
_DATE = re.compile(r"(令和|平成|昭和)\s*[元\d０-９]+\s*年(\s*度)?|[\d０-９]+\s*[月日]|第\s*[\d０-９]+")
_CONTINUES = re.compile(r"^([（(]\s*(対\s*目標|実績)|前年度?比)")  # (対目標：…), （実績：…）, 前年比＋39.5％
_CHANGE = re.compile(r"^前年度?比")  # `前年比３割増`: a change, which the bare figure after it may restate
_BULLET = "・"
_LABEL_TRIM = " \u3000:：、,・（("
_ABOUT_ABOVE = {"実績", "前年比", "前年度比"}  # labels that say a figure is about the KPI above it
_CHANGES = {"前年比", "前年度比", "対前年度"}  # a change on the year before, not the year's own figure
_HIRAGANA = re.compile(r"[\u3041-\u309f]")


@dataclass
class KpiChunk:
    """One KPI of a cell: status, label, the value, the printed delta and target, its text."""

    raw_text: str
    status: str | None
    label: str | None
    value: KpiValue | None
    delta: KpiValue | None = None
    printed_target: KpiValue | None = None
    extras: list[KpiValue] = field(default_factory=list)
    is_blank: bool = False


def cell_to_chunks(text: str) -> list[KpiChunk]:
    """Given a KPI cell's text (with its line breaks), return one KpiChunk per KPI in it."""
    groups: list[list[str]] = []
    for line in (ln.strip() for ln in text.split("\n")):
        if not line:
            continue
        if groups and (_CONTINUES.match(line) or _HIRAGANA.match(line) or _NOTE.match(line)):
            groups[-1].append(line)
        elif groups and _CHANGE.match(groups[-1][-1]) and _is_figure(line):
            groups[-1].append(line)  # `前年比３割増` / `47,161人`: one target printed as a change and a count
        elif not groups or _STATUS.match(line) or _ends(groups[-1]) or _starts_item(line, groups[-1]):
            groups.append([line])
        else:
            groups[-1].append(line)
    chunks = [_chunk(lines) for lines in groups]
    status = None
    for chunk in chunks:  # one tag may cover the KPIs after it in the same cell
        status = chunk.status = chunk.status or status
    return chunks


def _is_figure(line: str) -> bool:
    try:
        return parse_number(line).value is not None
    except NormalizationError:
        return False


def _starts_item(line: str, lines: list[str]) -> bool:
    """A bulleted line (`・主要な資料の`) after lines that already hold a figure starts the next KPI."""
    return line.startswith(_BULLET) and any(v.value is not None for v in parse_kpi_cell(" ".join(lines)).values)


def _ends(lines: list[str]) -> bool:
    """A KPI ends with its difference, or with a line ending on a figure with its unit (`63%`,
    `オンライン実施率10％`): two untagged KPIs in one cell are told apart by that."""
    last = _DATE.sub(lambda m: " " * len(m.group(0)), lines[-1]).rstrip()  # `令和４年４月１日`: no figure
    if _DELTA_END.search(last) or _is_figure(last):
        return True
    figures = [v for v in parse_kpi_cell(last).values if v.value is not None and v.unit]
    return bool(figures) and last.endswith(figures[-1].raw.strip())


def _chunk(lines: list[str]) -> KpiChunk:
    raw = " ".join(lines)
    masked = _DATE.sub(lambda m: " " * len(m.group(0)), raw)
    cell = parse_kpi_cell(masked)
    flat = "".join(masked.split())
    figures = [
        v
        for v in cell.values
        if (v.value is not None or v.numerator is not None) and not _is_date(v) and not in_name(v, flat)
    ]
    from_notes = [f for note in cell.notes for f in figures_in_text(note) if f.unit and not _is_date(f)]
    figures.extend(from_notes)
    if cell.is_blank or not figures:
        text_value = KpiValue(raw=raw, text=clean_text(_STATUS.sub("", raw)) or "-") if cell.values else None
        return KpiChunk(raw, cell.status, None, text_value, cell.delta, is_blank=cell.is_blank)
    if len(figures) > 1 and figures[-1].qualifier in _CHANGES and figures[-2].unit == figures[-1].unit:
        figures = [*figures[:-2], figures[-1], figures[-2]]  # `計７所管 （対前年度：＋１所管）`: the 7 is the value
    value = figures[-1]
    target = next(
        (f for f in reversed(figures[:-1]) if f.unit == value.unit and f.unit and f.qualifier not in _CHANGES), None
    )
    noted = value in from_notes and value.label
    if len(figures) > 1 and (value.basis in _ABOUT_ABOVE or (noted and value.label in _ABOUT_ABOVE)):
        label = _label(lines, figures[-2])  # `前年比＋39.5％`, `（実績：1,722件）`: about the figure above
    else:
        label = value.label if noted else _label(lines, value)
    alone = {  # a figure on a line of its own, not one inside a label (`年間7,000件以上` / `の手続の95％を`)
        "".join(ln.split()) for ln, after in zip(lines, [*lines[1:], ""], strict=True) if not _HIRAGANA.match(after)
    }
    extras = [
        f for f in figures[:-1] if f is not target and ("".join(f.raw.split()) in alone or f.qualifier in _CHANGES)
    ]
    return KpiChunk(raw, cell.status, label, value, cell.delta, target, extras)


def _is_date(value: KpiValue) -> bool:
    """`令和6年4月1日`, `令和５年度事業`, `100年活躍ナビ`: digits of a date or a name, not a KPI figure."""
    return bool(value.unit) and value.unit[0] in "年月日" and "分" not in value.unit


def _label(lines: list[str], value: KpiValue) -> str | None:
    """The text on the value's line before it, else the lines above it (without the status tag)."""
    body = [_STATUS.sub("", ln).strip() for ln in lines]
    for i, line in enumerate(body):
        compact = "".join(line.split())
        if "".join(value.raw.split()) in compact:
            before = line[: line.find(value.raw)] if value.raw in line else ""
            before = before.strip(_LABEL_TRIM)
            if before:
                return _with_wrapped_start(before, body[:i])
            above = "".join(ln for ln in _item_lines(body[:i]) if ln and not _CONTINUES.match(ln))
            return above.strip(_LABEL_TRIM) or value.label
    return value.label


def _item_lines(lines: list[str]) -> list[str]:
    """The lines of the bulleted item the last line belongs to (all of them if none is bulleted)."""
    starts = [i for i, line in enumerate(lines) if line.startswith(_BULLET)]
    return lines[starts[-1] :] if starts else lines


def _with_wrapped_start(label: str, above: list[str]) -> str:
    """A label wrapped over lines (`当課申請手続の` / `オンライン実施率`): a line ending, or a label
    starting, on a hiragana (a particle, a verb ending) is joined to the line before it."""
    for line in reversed([ln for ln in above if ln]):
        if not (_HIRAGANA.match(label[0]) or _HIRAGANA.match(line[-1])):
            break
        label = line + label
    return label
