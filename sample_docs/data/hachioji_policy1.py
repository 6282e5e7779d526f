"""基本方針1 of the Hachioji plan as the sample prints it: one `MeasureSection` per 施策, in order.

The 施策 are transcribed in three modules (hachioji_plan: the 施策➀ page and its first 事業;
hachioji_policy1_a: the rest of 施策➀ and 施策②; hachioji_policy1_b: 施策③ onwards); this joins them
and puts each 施策's 事業 in 管理番号 order, as the plan prints them.
"""

from __future__ import annotations

from sample_docs.data.hachioji_plan import (
    COMPACT_1_1,
    MEASURE_1_1,
    PROJECTS_1_1,
    CompactProject,
    MeasureSection,
    Project,
)
from sample_docs.data.hachioji_policy1_a import MORE_COMPACT_1_1, MORE_PROJECTS_1_1, SECTION_1_2
from sample_docs.data.hachioji_policy1_b import SECTIONS_1_3_TO_1_6


def mgmt_order(project: Project | CompactProject) -> tuple[int, ...]:
    """Sort key of a 管理番号 (`1-1-10` after `1-1-9`)."""
    return tuple(int(part) for part in project.mgmt_no.split("-"))


SECTION_1_1 = MeasureSection(
    MEASURE_1_1,
    tuple(sorted(PROJECTS_1_1 + MORE_PROJECTS_1_1, key=mgmt_order)),
    tuple(sorted(COMPACT_1_1 + MORE_COMPACT_1_1, key=mgmt_order)),
)
SECTIONS = (SECTION_1_1, SECTION_1_2, *SECTIONS_1_3_TO_1_6)
