"""A warehouse and its review site built as a user builds them (`gyosei ingest --manifest`, whose flow
writes the site), and a headless Chromium to look at it.

The manifest holds the budget-sheet sample, a doctored copy whose 財源内訳 no longer adds up, the
Hachioji action plan (KPI 達成 / 未達成), a page with no text layer and, when ../shared/real is present,
one chapter of the Fuji budget book (a mis-mapped text layer) with its fiscal year.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT, REAL_DIR, SAMPLE_DOCS
from tests.documents.budget_sheet.doctored import doctored_sheet_pdf
from tests.flows.conftest import image_only_pdf

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 900}
SCREENSHOTS = PROJECT_ROOT / "build" / "screenshots"
FUJI_CHAPTER = "歳出_01款_議会費.pdf"

DOCUMENTS = [
    ("yokohama_2024_jigyo_keikakusho_digital.pdf", "横浜市", "budget_sheet", "令和6年度 事業計画書 デジタル統括本部"),
    ("doctored.pdf", "横浜市", "budget_sheet", "事業計画書 (国 doctored to 100)"),
    ("hachioji_dx_action_plan_2024.pdf", "八王子市", "action_plan_kpi", "八王子市DX推進計画 アクションプラン"),
    ("scan.pdf", "横浜市", "budget_sheet", "a page with no text layer"),
]


@dataclass(frozen=True)
class BuiltSite:
    warehouse: Path
    site: Path
    with_real: bool

    def doc_id(self, file_name: str) -> str:
        from warehouse.query import run_query

        _, rows = run_query(self.warehouse, "select doc_id from documents where file_name = ?", [file_name])
        return rows[0][0]

    def doc_page(self, file_name: str) -> str:
        return (self.site / "docs" / f"{self.doc_id(file_name)}.html").as_uri()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> BuiltSite:
    folder = tmp_path_factory.mktemp("review")
    for name, *_ in DOCUMENTS:
        if (SAMPLE_DOCS / name).exists():
            shutil.copyfile(SAMPLE_DOCS / name, folder / name)
    doctored_sheet_pdf(folder / "doctored.pdf")
    image_only_pdf(folder / "scan.pdf")
    entries = [(folder / name, *rest, None) for name, *rest in DOCUMENTS]
    with_real = (REAL_DIR / "fuji_r8" / FUJI_CHAPTER).exists()
    if with_real:
        entries.append((REAL_DIR / "fuji_r8" / FUJI_CHAPTER, "富士市", "budget_book", "予算書 01款 議会費", 2026))
    manifest = folder / "manifest.toml"
    manifest.write_text("\n".join(_entry(*e) for e in entries), encoding="utf-8")
    warehouse = folder / "warehouse" / "gyosei.duckdb"
    result = subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "ingest", "--manifest", str(manifest), "--warehouse", str(warehouse)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        env=os.environ | {"PREFECT_HOME": str(folder / "prefect")},
    )
    assert "review site: " in result.stdout, result.stdout + result.stderr
    return BuiltSite(warehouse=warehouse, site=warehouse.parent / "review", with_real=with_real)


def _entry(path: Path, municipality: str, family: str, title: str, fiscal_year: int | None) -> str:
    lines = ["[[document]]", f'source = "{path.as_posix()}"', f'municipality = "{municipality}"']
    lines += [f'family = "{family}"', f'title = "{title}"']
    if fiscal_year:
        lines.append(f"fiscal_year = {fiscal_year}")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: `apt-get install -y chromium` (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh page; it fails the test on any script error or any request that leaves file://."""
    context = browser.new_context(viewport=VIEWPORT)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda err: problems.append(f"script error: {err}"))
    tab.on("request", lambda r: None if r.url.startswith(("file://", "data:")) else problems.append(r.url))
    yield tab
    context.close()
    assert not problems, problems


def screenshot(tab, name: str) -> Path:
    """Save a screenshot of the viewport under build/screenshots/ (git-ignored) and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    tab.screenshot(path=str(path))
    return path
