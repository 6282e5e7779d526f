"""The action-plan sample PDFs (Sagamihara, Hachioji, Yokohama DX戦略): they open, have the expected
pages, round-trip telling strings through pdfplumber, rebuild byte-identically, and contain the
raw_text of every hand-written expected fact (tests/expected/<stem>.jsonl)."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pdfplumber
import pytest

from sample_docs import hachioji_plan, sagamihara_plan, yokohama_dx_strategy

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_docs"
EXPECTED = ROOT / "tests" / "expected"

SAGAMIHARA = "sagamihara_ict_jisshi_jigyoshu_2024"
HACHIOJI = "hachioji_dx_action_plan_2024"
YOKOHAMA = "yokohama_dx_strategy_action_2024"

PAGES = {
    SAGAMIHARA: 9,
    f"{SAGAMIHARA}_variant_a": 14,
    f"{SAGAMIHARA}_variant_b": 13,
    HACHIOJI: 102,
    YOKOHAMA: 38,
}
BUILDERS = {
    SAGAMIHARA: sagamihara_plan,
    f"{SAGAMIHARA}_variant_a": sagamihara_plan,
    f"{SAGAMIHARA}_variant_b": sagamihara_plan,
    HACHIOJI: hachioji_plan,
    YOKOHAMA: yokohama_dx_strategy,
}
TELLING = {
    SAGAMIHARA: ["15 手続", "R5 年度実績から 約 3%増", "(拠点数は R6.1 実績、利用率は R4 年度実績)", "更新完了"],
    HACHIOJI: ["【達成】", "【未達成】", "（対目標：▲10.1％）", "【新】一時預かりWEB予約システム", "４0％", "施策➀"],
    YOKOHAMA: ["310万件", "1Q(R4)", "4Q(R7)", "31/100", "100/100(その他手続も完了目指す)", "50%超", "β´モデル"],
}
# Non-embedded CID fonts come back from pdfminer with `~` as `˜` (U+02DC) and `～` as `〜` (U+301C).
CID_FOLD = str.maketrans({"˜": "~", "〜": "～"})


def squash(text: str) -> str:
    """Given text, return it without any whitespace (cells wrap differently in each rendering)."""
    return re.sub(r"\s+", "", text)


@cache
def pdf_texts(stem: str) -> tuple[str, ...]:
    """Given a sample stem, return each page's text plus every table cell, whitespace removed."""
    chunks = []
    with pdfplumber.open(SAMPLES / f"{stem}.pdf") as pdf:
        for page in pdf.pages:
            chunks.append(page.extract_text() or "")
            chunks += [cell for table in page.extract_tables() for row in table for cell in row if cell]
    return tuple(squash(c).translate(CID_FOLD) for c in chunks)


def facts(stem: str) -> list[dict]:
    """Return the expected facts of a main document."""
    lines = (EXPECTED / f"{stem}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


@pytest.mark.parametrize("stem", sorted(PAGES))
def test_pdf_opens_with_expected_pages(stem):
    with pdfplumber.open(SAMPLES / f"{stem}.pdf") as pdf:
        assert len(pdf.pages) == PAGES[stem]
        assert pdf.metadata.get("Author") == "gyosei sample_docs"


@pytest.mark.parametrize("stem", sorted(TELLING))
def test_telling_strings_round_trip(stem):
    texts = pdf_texts(stem)
    for s in TELLING[stem]:
        assert any(squash(s) in t for t in texts), s


def test_builders_reproduce_committed_bytes(tmp_path):
    for module in {id(m): m for m in BUILDERS.values()}.values():
        for path in module.build(tmp_path):
            committed = SAMPLES / path.name
            assert hashlib.sha256(path.read_bytes()).digest() == hashlib.sha256(committed.read_bytes()).digest(), (
                path.name
            )


@pytest.mark.parametrize(
    ("stem", "document"),
    [
        (SAGAMIHARA, SAGAMIHARA),
        (f"{SAGAMIHARA}_variant_a", SAGAMIHARA),
        (f"{SAGAMIHARA}_variant_b", SAGAMIHARA),
        (HACHIOJI, HACHIOJI),
        (YOKOHAMA, YOKOHAMA),
    ],
)
def test_every_fact_raw_text_is_in_the_pdf(stem, document):
    texts = pdf_texts(stem)
    missing = [f["raw_text"] for f in facts(document) if not any(squash(f["raw_text"]) in t for t in texts)]
    assert missing == []


@pytest.mark.parametrize("document", [SAGAMIHARA, HACHIOJI, YOKOHAMA])
def test_facts_are_well_formed(document):
    keys = {"document", "project", "table_name", "row_label", "column_label", "measure", "fiscal_year"}
    keys |= {"raw_text", "value", "unit", "qualifier", "source_line"}
    rows = facts(document)
    assert len(rows) >= 100
    for f in rows:
        assert keys <= f.keys() and f["document"] == document
        assert f["value"] is None or isinstance(f["value"], str)
        assert f["fiscal_year"] is None or 2019 <= f["fiscal_year"] <= 2027


def test_variants_split_a_project_table_across_pages():
    for stem, head, tail in [
        (f"{SAGAMIHARA}_variant_a", "公金収納におけるキャッシュレス決済の推進", "30 拠点・ 17%"),
        (f"{SAGAMIHARA}_variant_b", "相模原市公式ホームページ 管理システム更新", "R5 年度実績から 約 10%増"),
    ]:
        with pdfplumber.open(SAMPLES / f"{stem}.pdf") as pdf:
            pages = [squash(p.extract_text() or "") for p in pdf.pages]
        name_pages = [i for i, t in enumerate(pages) if f"事業名{squash(head)}" in t]
        tail_pages = [i for i, t in enumerate(pages) if squash(tail) in t]
        assert len(name_pages) == 1 and tail_pages == [name_pages[0] + 1], stem


def find(document: str, **where) -> list[dict]:
    """Return the facts of `document` matching every key=value in `where`."""
    return [f for f in facts(document) if all(f.get(k) == v for k, v in where.items())]


def test_lead_facts():
    (e_apply,) = find(SAGAMIHARA, project="電子申請の利用促進", table_name="成果指標", fiscal_year=2025)
    assert (e_apply["raw_text"], e_apply["value"], e_apply["unit"]) == ("15 手続", "15", "手続")

    (library,) = find(YOKOHAMA, table_name="手続TOP100", row_label="図書の予約申し込み", measure="count")
    assert (library["raw_text"], library["value"]) == ("310万件", "3100000")
    done = find(YOKOHAMA, table_name="上位100手続進捗", unit="手続")
    assert [f["raw_text"].split("(")[0] for f in done] == ["31/100", "43/100", "48/100", "100/100"]

    statuses = {}  # the 令和6年度 tags of each KPI project
    for f in find(HACHIOJI, table_name="KPI", measure="status", fiscal_year=2024):
        statuses.setdefault(f["project"], set()).add(f["raw_text"])
    # the 進捗 table's 合計 row: 達成 94, 未達成 15, 一部未達成 3 (37 + 20 + 37, 7 + 7 + 1, 0 + 2 + 1)
    assert Counter(frozenset(s) for s in statuses.values()) == {
        frozenset({"【達成】"}): 94,
        frozenset({"【未達成】"}): 15,
        frozenset({"【達成】", "【未達成】"}): 3,
    }
    deltas = find(HACHIOJI, project="オンライン申請推進のサポート", measure="delta")
    assert [f["value"] for f in deltas] == ["-10.1", "-35.2", "-51.3"]


def test_top100_cross_checks():
    """Seed-note checks: Σ counts = 1,685万件; statuses accumulate to 31/43/48/100 (T04)."""
    counts = find(YOKOHAMA, table_name="手続TOP100", measure="count")
    assert len(counts) == 100 and sum(int(f["value"]) for f in counts) == 16_850_000
    by_year = Counter(f["fiscal_year"] for f in find(YOKOHAMA, table_name="手続TOP100", measure="status"))
    done = by_year[None]
    cumulative = [done, done + by_year[2022], done + by_year[2022] + by_year[2023], sum(by_year.values())]
    assert cumulative == [31, 43, 48, 100]


def test_hachioji_status_matches_delta_sign():
    """【達成】 ⇔ delta ≥ 0: every delta of a 【未達成】 project year is negative, the others are not."""
    rows = facts(HACHIOJI)
    for d in (f for f in rows if f["measure"] == "delta"):
        statuses = {
            f["raw_text"]
            for f in rows
            if f["project"] == d["project"]
            and f["fiscal_year"] == d["fiscal_year"]
            and f["measure"] == "status"
            and f["row_label"] in (d["row_label"], "目標・KPI")
        }
        if statuses == {"【未達成】"}:
            assert float(d["value"]) < 0, d
        elif statuses == {"【達成】"}:
            assert float(d["value"]) >= 0, d
