"""The numbered text sections under a 施策's matrix (`（１）目的・あるべき姿`, `（２）事業の方向性`,
`（３）実施内容`): each becomes a project text of the 施策, so its figures reach `text_facts`.

Why: the plan states its quantities in these paragraphs as often as in the tables
(`申請件数が年間1,000件以上の手続（141手続）は全体申請件数（136万7千件）の約９０％`). Lines that wrapped
are joined without a space (Japanese text); a line opening with a list marker (①, ・) starts a new
line of the section, so a sentence never runs into the next item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers.documents.plans.rows import Line
from parsers.normalize import clean_text
from parsers.pdf.geometry import union
from schemas.collect import RecordSet
from schemas.plans import ProjectText

_SECTION = re.compile(r"^\s*[（(]\s*[0-9０-９]\s*[）)]\s*(\S.*)$")
_ITEM = re.compile(r"^\s*[①-⑳➀-➉・●○■]")


@dataclass
class SectionReader:
    """Collects the section text lines of one 施策; `close` adds them as ProjectText rows."""

    project_id: str
    sections: list[tuple[str, list[Line]]] = field(default_factory=list)

    def feed(self, line: Line) -> bool:
        """Given a text line under the matrix, keep it if it opens or continues a section."""
        if m := _SECTION.match(line.text):
            self.sections.append((m.group(1).strip(), []))
            return True
        if self.sections:
            self.sections[-1][1].append(line)
            return True
        return False

    def close(self, records: RecordSet) -> None:
        """Add one ProjectText per section that holds text."""
        for name, lines in self.sections:
            if not lines:
                continue
            raw = "".join(("\n" if k and _ITEM.match(ln.text) else "") + ln.text for k, ln in enumerate(lines))
            records.add_printed(
                ProjectText,
                lines[0],
                bbox=union(ln.bbox for ln in lines) if len({ln.page for ln in lines}) == 1 else lines[0].bbox,
                raw_text=raw,
                project_id=self.project_id,
                field=name,
                text=clean_text(raw),
            )
