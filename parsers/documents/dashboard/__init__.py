"""KPI dashboards (横浜 DX 戦略 ダッシュボード): headline figures by tab, with their period, into indicators.

Why a family of its own: a dashboard is neither a plan nor a budget. Its unit of meaning is a
headline figure (`2,639,436 枚`) with a label above it and an as-of note beside or below it
(`2023年7月31日 時点の数値`), grouped under a tab (the project) and a block heading (the table),
sometimes broken down in a small grid by period (`R5`/`R4` × 西区/港南区). Renderings differ: the
figure may sit in a ruled label/figure/note table or stand alone in a large font between its label
and its note; a grid may put its periods on rows or on columns. The reader keys on that structure,
never on the printed header words:

- a document is a dashboard when its title (the largest type on the first page) says so;
- a body line printed the same on (nearly) every page, like the web page's navigation of tab names,
  is page furniture: no figure is read from it (`上位100手続オンライン化` is not 100 手続);
- heading sizes: the largest is the repeated page title, the next one names the tab, smaller ones
  name blocks (`parsers.documents.dx_strategy.layout` reads the stream and the heading sizes);
- figures are found by `parsers.normalize.prose` (value, unit, 約/全/以上, range), periods by
  `parsers.normalize.parse_period`; prose paragraphs go to `text_facts`.

Records: one `projects` row per tab (category `ダッシュボード`), an `indicators` row (kind `kpi`) per
figure with its `indicator_values` (role `actual`, a printed `▲` change as `delta`, the as-of label
as printed in `column_label`, its fiscal year), `milestones` for dated steps (`R4.12実施済`) and the
page's 最終更新日, `projects` rows for the rows of a two-column attribute table (事務 → 所管局), and a
check that a `全N` total equals the sum of the grid that breaks it down.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from parsers.documents.base import DocumentInfo, Family
from parsers.documents.dashboard.reader import DashboardReader
from parsers.documents.dx_strategy.layout import page_to_lines, pages_to_stream
from parsers.pdf.model import PageModel
from schemas.collect import RecordSet

TITLE_WORD = "ダッシュボード"
_MUNICIPALITY = re.compile(r"([\u4e00-\u9fff]{1,4}?[都道府県市区町村])(?:における|の|電子申請|公式)")


def detect(pages: Sequence[PageModel]) -> bool:
    """Given a document's pages, return whether its title (largest type on page 1) names a dashboard."""
    if not pages:
        return False
    lines = page_to_lines(pages[0])
    if not lines:
        return False
    biggest = max(line.size for line in lines)
    return any(TITLE_WORD in line.text.replace(" ", "") for line in lines if line.size == biggest)


def parse_dashboard(pages: Sequence[PageModel], records: RecordSet, hints: DocumentInfo) -> DocumentInfo:
    """Given the page models of a dashboard, fill `records`; return what it says of itself."""
    reader = DashboardReader(records)
    reader.read(pages_to_stream(pages))
    years = sorted(reader.updated_years)
    return DocumentInfo(
        municipality=_municipality(reader.all_text),
        title=reader.title,
        fiscal_year_start=years[0] if years else None,
        fiscal_year_end=years[-1] if years else None,
    )


def _municipality(texts: Sequence[str]) -> str | None:
    """Given the document's texts, return the municipality printed most often (`横浜市`)."""
    found: dict[str, int] = {}
    for text in texts:
        for m in _MUNICIPALITY.finditer(text):
            found[m.group(1)] = found.get(m.group(1), 0) + 1
    return max(found, key=found.__getitem__) if found else None


FAMILY = Family(name="dashboard", detect=detect, parse=parse_dashboard)
