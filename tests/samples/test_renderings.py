"""Every family reads its sample whatever the ruling (issue #14): horizontal rules only, no rules, two
pages side by side on one landscape sheet, columns in another order.
Each rendering must give at least 98 % of the sample's hand-written expected facts with no wrong value,
as the ruled sample does.

A family that does not read a rendering yet is listed in NOT_READ_YET and marked a strict xfail with
what it does today: the test turns red the day it reads it, so the list cannot go stale.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from parsers.parse import ParsedDocument
from sample_docs.pdfkit import HORIZONTAL, UNRULED
from sample_docs.renderings import RENDERINGS, SAMPLES, TWO_UP, build_rendering
from tests.samples.rendered_facts import MIN_FOUND, parse, score_document

# (family, rendering) -> what the family reads of it today (bench/renderings.py measures it): the tables
# are found without rules (parsers/pdf/text_tables.py), but the family misses what the table finder
# does not yet give it as a grid would
NOT_READ_YET: dict[tuple[str, str], str] = {}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Parse each family's rendering once, built into one temporary folder."""
    out_dir: Path = tmp_path_factory.mktemp("renderings")

    @cache
    def parsed(family: str, rendering: str) -> ParsedDocument:
        return parse(build_rendering(family, rendering, out_dir))

    return parsed


CASES = [
    pytest.param(
        family,
        rendering,
        marks=[pytest.mark.xfail(strict=True, reason=NOT_READ_YET[family, rendering])]
        if (family, rendering) in NOT_READ_YET
        else [],
        id=f"{family}-{rendering}",
    )
    for family in SAMPLES
    for rendering in RENDERINGS
]


@pytest.mark.parametrize(("family", "rendering"), CASES)
def test_family_finds_its_expected_facts(rendered, family, rendering):
    doc = rendered(family, rendering)
    result = score_document(family, doc)
    print(result.summary(f"{family} {rendering}"))
    assert (doc.status, doc.family) == ("loaded", family), doc.error
    assert not result.wrong, result.wrong[:3]
    assert result.found_share >= MIN_FOUND, result.missing[:5]


def test_renderings_are_ruled_as_named_and_rebuild_byte_identically(tmp_path):
    """The switch draws what it says: a full grid has vertical rules, `horizontal` none, `unruled` no
    rule at all; the two-up sheet is landscape and holds two pages; a rebuild gives the same bytes."""
    import pdfplumber

    def rules(path: Path) -> tuple[int, int]:
        """(horizontal, vertical) edges longer than the 新規/拡充 check boxes the sheets draw as content."""
        with pdfplumber.open(path) as pdf:
            edges = [e for page in pdf.pages[:3] for e in page.edges if max(e["width"], e["height"]) > 10]
        return sum(e["orientation"] == "h" for e in edges), sum(e["orientation"] == "v" for e in edges)

    family = "budget_sheet"
    horizontal, unruled = (build_rendering(family, r, tmp_path) for r in (HORIZONTAL, UNRULED))
    across, down = rules(horizontal)
    assert across > 50 and down == 0
    assert rules(unruled) == (0, 0)
    two_up = build_rendering(family, TWO_UP, tmp_path)
    with pdfplumber.open(two_up) as pdf:
        assert len(pdf.pages) == 9 and pdf.pages[0].width > pdf.pages[0].height
    again = build_rendering(family, TWO_UP, tmp_path / "again")
    assert again.read_bytes() == two_up.read_bytes()
