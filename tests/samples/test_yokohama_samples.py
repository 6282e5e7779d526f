"""The Yokohama 事業計画書 and DX dashboard sample PDFs: they open, have the expected pages and fonts,
rebuild byte for byte, and print every hand-written expected fact as its raw text."""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from pathlib import Path

import pdfplumber
import pytest

from sample_docs import yokohama_budget_sheets, yokohama_dashboard
from sample_docs.data.yokohama_budget_sheets import SHEETS

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_docs"
EXPECTED = ROOT / "tests" / "expected"
SHEETS_STEM = "yokohama_2024_jigyo_keikakusho_digital"
DASHBOARD_STEM = "yokohama_dx_dashboard_2023"

# pdf stem -> (expected-facts stem, page count)
DOCUMENTS = {
    SHEETS_STEM: (SHEETS_STEM, 18),
    f"{SHEETS_STEM}_variant_a": (SHEETS_STEM, 34),
    f"{SHEETS_STEM}_variant_b": (SHEETS_STEM, 22),
    DASHBOARD_STEM: (DASHBOARD_STEM, 8),
    f"{DASHBOARD_STEM}_variant_a": (DASHBOARD_STEM, 9),
}
TELLING = {
    SHEETS_STEM: [
        "デジタル統括本部",
        "▲104,143",
        "△ 104,143",
        "■■■",
        "34, 577",
        "▲65, 339",
        "48/100",
        "50%以上",
        "99～100",
        "□ 新規 ■ 拡充",
        "昭和36年度",
        "デジタルデバйд対策",
        "<背景>",
    ],
    DASHBOARD_STEM: [
        "横浜 DX 戦略 ダッシュボード",
        "約55～75分",
        "▲15分",
        "2,639,436 枚",
        "9割",
        "全33チーム",
    ],
}
# pdfminer reads reportlab's non-embedded CID fonts through the Adobe-Japan1 maps, which turn the
# full-width ～ and － into 〜 (U+301C) and − (U+2212): a property of the text layer, folded back here.
CID_FOLD = str.maketrans({"〜": "～", "−": "－"})


@cache
def pdf_text(stem: str) -> str:
    """All pages' text of a committed sample, CID look-alikes folded back."""
    with pdfplumber.open(SAMPLES / f"{stem}.pdf") as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages).translate(CID_FOLD)


@cache
def pdf_cells(stem: str) -> frozenset[str]:
    """Every table cell of a committed sample, whitespace removed (for text wrapped inside a cell)."""
    cells = set()
    with pdfplumber.open(SAMPLES / f"{stem}.pdf") as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                cells.update(re.sub(r"\s", "", cell or "").translate(CID_FOLD) for row in table for cell in row)
    return frozenset(cells)


def load_facts(stem: str) -> list[dict]:
    with open(EXPECTED / f"{stem}.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.mark.parametrize("stem", DOCUMENTS)
def test_sample_opens_with_expected_pages(stem):
    with pdfplumber.open(SAMPLES / f"{stem}.pdf") as pdf:
        assert len(pdf.pages) == DOCUMENTS[stem][1]
        assert pdf.metadata.get("Title")


@pytest.mark.parametrize("stem", DOCUMENTS)
def test_telling_strings_round_trip(stem):
    text = pdf_text(stem)
    for telling in TELLING[DOCUMENTS[stem][0]]:
        assert telling in text, telling


def test_main_rendering_has_one_sheet_per_page_after_the_toc():
    with pdfplumber.open(SAMPLES / f"{SHEETS_STEM}.pdf") as pdf:
        assert "事業計画書目次" in pdf.pages[0].extract_text()
        for plan_page, blocks in enumerate(SHEETS, start=1):
            name = next(block for block in blocks if block.kind == "header").rows[2][1]
            text = pdf.pages[plan_page].extract_text()
            assert text.startswith("令和6年度 事業計画書") and name in text, plan_page


def test_fonts_embedded_subset_or_cid():
    def fonts(stem):
        with pdfplumber.open(SAMPLES / f"{stem}.pdf") as pdf:
            return {char["fontname"] for page in pdf.pages[:3] for char in page.chars}

    for stem in (SHEETS_STEM, f"{SHEETS_STEM}_variant_b", DASHBOARD_STEM):
        assert fonts(stem) and all(name.endswith("+IPAexGothic") for name in fonts(stem)), stem
    assert fonts(f"{SHEETS_STEM}_variant_a") == {"HeiseiMin-W3"}
    # reportlab writes the CID font HeiseiKakuGo-W5 under the base name `HeiseKakuGo-W5`
    assert fonts(f"{DASHBOARD_STEM}_variant_a") == {"HeiseKakuGo-W5"}


def test_variant_b_splits_subproject_tables_across_pages():
    """A split 細事業 table repeats its header row on the next page, so the header is printed more often."""
    assert pdf_text(f"{SHEETS_STEM}_variant_b").count("細事業名称") > pdf_text(SHEETS_STEM).count("細事業名称")


def test_build_is_byte_identical(tmp_path):
    built = yokohama_budget_sheets.build(tmp_path) + yokohama_dashboard.build(tmp_path)
    assert sorted(path.stem for path in built) == sorted(DOCUMENTS)
    for path in built:
        committed = SAMPLES / path.name
        assert hashlib.sha256(path.read_bytes()).digest() == hashlib.sha256(committed.read_bytes()).digest(), path.name


@pytest.mark.parametrize("stem", DOCUMENTS)
def test_every_expected_fact_is_printed(stem):
    """Exact raw text, else the same text wrapped over lines (whitespace dropped), else one table cell."""
    text, missing = pdf_text(stem), []
    for fact in load_facts(DOCUMENTS[stem][0]):
        raw, flat = fact["raw_text"], re.sub(r"\s", "", fact["raw_text"])
        if raw not in text and flat not in re.sub(r"\s", "", text) and flat not in pdf_cells(stem):
            missing.append((fact["source_line"], raw))
    assert not missing


@pytest.mark.parametrize(("stem", "minimum"), [(SHEETS_STEM, 100), (DASHBOARD_STEM, 30)])
def test_expected_facts_are_complete(stem, minimum):
    keys = {"document", "project", "table_name", "row_label", "column_label", "measure", "fiscal_year"}
    keys |= {"raw_text", "value", "unit", "is_redacted", "source_line"}
    facts = load_facts(stem)
    assert len(facts) >= minimum
    for fact in facts:
        assert keys <= fact.keys() and fact["document"] == stem
        assert fact["value"] is None or isinstance(fact["value"], str)
        assert fact["value"] is None if fact["is_redacted"] else True


def test_lead_facts():
    def one(**match):
        found = [f for f in load_facts(SHEETS_STEM) if match.items() <= f.items()]
        assert len(found) == 1, match
        return found[0]

    assert one(project="デジタル企画調整費", table_name="財源内訳", row_label="令和6年度", measure="金額")["value"] == (
        "34577000"
    )
    assert one(project="社会保障・税番号制度推進事業", table_name="財源内訳", row_label="増▲減", measure="国")[
        "value"
    ] == ("-180000000")
    fraction = one(table_name="事業指標①", raw_text="48/100")
    assert (fraction["fiscal_year"], fraction["value"], fraction["measure"]) == (2023, "48", "target")
    trained = one(row_label="DX推進研修受講者数", measure="actual", fiscal_year=2022)
    assert (trained["value"], trained["unit"]) == ("2800", "人")
    start = one(raw_text="昭和36年度")
    assert start["value"] == "1961"
    assert sum(f["is_redacted"] for f in load_facts(SHEETS_STEM)) >= 8
