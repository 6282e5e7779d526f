"""How much of each seed text the sample PDFs print: the share of the seed's figures (numbers of two or
more digits, counted with their repeats) found in the text of the seed's sample PDFs.

The goal is 100 %. Where a seed is not yet covered, every missing figure is an exception listed here
with its reason: per figure for a seed that is complete but for named figures, per part of the
document for a seed whose sample still leaves parts out (Hachioji: see sample_docs/README.md). The
floors are the measured shares, so a sample that loses a figure fails, and one that gains figures
raises the floor.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pdfplumber
import pytest

from parsers.normalize.numbers import fold_number_text

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
SAMPLES = ROOT / "sample_docs"
_FIGURE = re.compile(r"(?<![\d.,])\d{2,}(?:,\d{3})*(?:\.\d+)?|\d(?:,\d{3})+(?:\.\d+)?|\d\.\d+")
_STRAY_SPACE = re.compile(r",\s+(?=\d{3})")

# seed -> (its sample PDFs, the share covered at least, exceptions: figure -> (how many, why))
COVERAGE = {
    "yokohama_2024_jigyo_keikakusho_digital": (("yokohama_2024_jigyo_keikakusho_digital",), 1.0, {}),
    "yokohama_dx_dashboard_2023": (("yokohama_dx_dashboard_2023",), 1.0, {}),
    "sagamihara_ict_jisshi_jigyoshu_2024": (("sagamihara_ict_jisshi_jigyoshu_2024",), 1.0, {}),
    "hachioji_dx_action_plan_2024": (
        ("hachioji_dx_action_plan_2024",),
        0.720,
        "the sample holds the front matter sections １–４, 基本方針1 and 2 whole and the 施策 pages of"
        " 基本方針3: the 事業 of 基本方針3 (their KPI tables and compact blocks), sections ５ 記載方式 and"
        " ６ (the 施策 schedules) are not transcribed yet",
    ),
    "yokohama_dx_strategy_action_2024": (("yokohama_dx_strategy_action_2024",), 1.0, {}),
}


def figures(text: str) -> Counter[str]:
    """Given text, return its figures (two or more digits, or with a comma or decimal) with their counts."""
    return Counter(_FIGURE.findall(_STRAY_SPACE.sub(",", fold_number_text(text))))


@cache
def sample_text(stems: tuple[str, ...]) -> str:
    out = []
    for stem in stems:
        with pdfplumber.open(SAMPLES / f"{stem}.pdf") as pdf:
            out += [page.extract_text() or "" for page in pdf.pages]
    return "\n".join(out)


def coverage(seed: str) -> tuple[float, Counter[str]]:
    """Given a seed, return the share of its figures its samples print and the figures they miss."""
    wanted = figures((SEEDS / f"{seed}.txt").read_text(encoding="utf-8"))
    printed = figures(sample_text(COVERAGE[seed][0]))
    missing = wanted - printed
    return 1 - sum(missing.values()) / sum(wanted.values()), missing


pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed texts not found at {SEEDS}")


@pytest.mark.parametrize("seed", COVERAGE)
def test_seed_figures_are_in_the_samples(seed):
    share, missing = coverage(seed)
    _, floor, exceptions = COVERAGE[seed]
    assert share >= floor, f"{seed}: {share:.1%} of its figures printed, below {floor:.1%}"
    if isinstance(exceptions, dict):  # complete but for the listed figures
        assert dict(missing) == {figure: n for figure, (n, _) in exceptions.items()}
