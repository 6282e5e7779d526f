"""Fuzzing in CI, at small counts (bench/fuzz.py runs the large ones): no generated input crashes or
hangs the normaliser, no mutated PDF crashes, hangs or blows up the opener."""

from __future__ import annotations

import logging

import pytest

from tests.conftest import SAMPLE_DOCS
from tests.fuzz.harness import fuzz_normalizer, fuzz_pdf_opener

NORMALIZER_INPUTS = 5_000
PDF_MUTANTS = 200


@pytest.fixture(autouse=True)
def quiet_pdfminer():
    """pdfminer warns about every damaged stream; thousands of lines say nothing here."""
    logging.disable(logging.WARNING)
    yield
    logging.disable(logging.NOTSET)


def test_the_normaliser_gives_a_result_or_a_clear_error_for_every_generated_input():
    report = fuzz_normalizer(NORMALIZER_INPUTS, seed=20)
    assert (report.inputs, report.finding_count, report.findings) == (NORMALIZER_INPUTS, 0, {})


def test_the_pdf_opener_gives_a_pdf_or_a_clear_error_for_every_mutated_pdf():
    report = fuzz_pdf_opener(sorted(SAMPLE_DOCS.glob("*.pdf")), PDF_MUTANTS, seed=20)
    assert (report.inputs, report.finding_count, report.findings) == (PDF_MUTANTS, 0, {})
    assert report.outcomes["ok"] > 0 and report.outcomes["clear error"] > 0  # both paths were exercised
