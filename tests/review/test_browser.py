"""The review site as a person sees it: headless Chromium (Debian's) opens the index, a budget-sheet page,
a budget-book page and the dashboard from file://, with no network."""

from __future__ import annotations

import pytest
from PIL import Image, ImageStat

from tests.review.conftest import FUJI_CHAPTER, VIEWPORT, screenshot
from warehouse.query import run_query

pytestmark = pytest.mark.browser

SHEET = "yokohama_2024_jigyo_keikakusho_digital.pdf"
TOLERANCE_PX = 1.5


def fact(site, file_name: str, where: str) -> dict:
    """One fact of the warehouse (facts view) with its page, bbox and raw text."""
    columns, rows = run_query(
        site.warehouse,
        f"select page, bbox, raw_text, value, fiscal_year from facts where file_name = ? and {where}",
        [file_name],
    )
    assert len(rows) == 1, rows
    return dict(zip(columns, rows[0], strict=True))


def expected_rect(tab, page: int, bbox) -> dict:
    """Where the bbox (PDF points) falls on screen: scaled from the page's size to its drawn image."""
    return tab.evaluate(
        """([page, bbox]) => {
            const img = document.querySelector(`.sheet[data-page="${page}"] img`);
            const r = img.getBoundingClientRect();
            const size = window.gyoseiReview.pageSize.get(page);
            const sx = r.width / size.width, sy = r.height / size.height;
            return {x: r.x + bbox[0] * sx, y: r.y + bbox[1] * sy,
                    width: (bbox[2] - bbox[0]) * sx, height: (bbox[3] - bbox[1]) * sy};
        }""",
        [page, list(bbox)],
    )


def assert_same_rect(actual: dict, expected: dict) -> None:
    for key in ("x", "y", "width", "height"):
        assert abs(actual[key] - expected[key]) <= TOLERANCE_PX, (key, actual, expected)


def assert_looks_right(path) -> None:
    """Loosely: the screenshot has the viewport's size and is not blank (many shades, real contrast)."""
    image = Image.open(path).convert("RGB")
    assert image.size == (VIEWPORT["width"], VIEWPORT["height"])
    assert len(image.getcolors(maxcolors=1 << 16) or range(1 << 16)) > 50
    assert max(ImageStat.Stat(image).stddev) > 20


def load_image(tab, page: int) -> None:
    """Wait until the image of that page is drawn (later pages load lazily, once scrolled to)."""
    tab.locator(f'.sheet[data-page="{page}"] img').scroll_into_view_if_needed()
    tab.wait_for_function(
        '(page) => { const i = document.querySelector(`.sheet[data-page="${page}"] img`);'
        " return i.complete && i.naturalWidth > 0; }",
        arg=page,
    )


def test_index_lists_every_document_sortable(built_site, page):
    page.goto((built_site.site / "index.html").as_uri())
    _, rows = run_query(built_site.warehouse, "select file_name from documents")
    listed = page.locator("#documents tbody tr")
    assert listed.count() == len(rows)
    assert page.locator("#documents tbody tr", has_text="scan.pdf").locator(".badge.failed").count() == 1
    _, [(passed, total)] = run_query(
        built_site.warehouse,
        "select count(*) filter (where passed), count(*) from checks join documents using (doc_id) where file_name = ?",
        ["doctored.pdf"],
    )
    doctored = page.locator("#documents tbody tr", has_text="doctored.pdf")
    assert passed == total - 2 and doctored.locator("td.bad").first.inner_text() == f"{passed} / {total}"
    page.click("#documents th:has-text('facts')")
    page.click("#documents th:has-text('facts')")  # descending
    facts = [int(t) for t in page.locator("#documents tbody tr td:nth-child(9)").all_inner_texts()]
    assert facts == sorted(facts, reverse=True) and facts[0] > 0
    assert_looks_right(screenshot(page, "index"))
    page.click(f"#documents a:text-is('{SHEET}')")
    assert page.locator("h1").inner_text() == SHEET


def test_budget_sheet_value_is_drawn_at_its_bbox(built_site, page):
    """デジタル企画調整費 令和6年度 金額 34,577 千円: the box under its bbox says so when hovered."""
    amount = fact(
        built_site,
        SHEET,
        "project = 'デジタル企画調整費' and table_name = '財源内訳' and row_label = '令和6年度' and measure = '金額'",
    )
    assert (amount["value"], amount["fiscal_year"]) == (34577000, 2024)
    page.goto(built_site.doc_page(SHEET))
    load_image(page, amount["page"])
    where = expected_rect(page, amount["page"], amount["bbox"])
    page.mouse.move(where["x"] + where["width"] / 2, where["y"] + where["height"] / 2)
    detail = page.locator("#detail").inner_text()
    assert f"{amount['raw_text']} → 34,577,000 円" in detail
    assert "2024" in detail and "財源内訳 / 令和6年度" in detail and "budget_amounts" in detail
    hovered = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('.box').getBoundingClientRect().toJSON()",
        [where["x"] + where["width"] / 2, where["y"] + where["height"] / 2],
    )
    assert_same_rect(hovered, where)


def test_clicking_a_table_row_highlights_its_box(built_site, page):
    amount = fact(
        built_site,
        SHEET,
        "project = 'デジタル企画調整費' and table_name = '財源内訳' and row_label = '令和6年度' and measure = '金額'",
    )
    page.goto(built_site.doc_page(SHEET))
    page.fill("#filter", f"{amount['raw_text']} 財源内訳 令和6年度 金")
    row = page.locator("#records tbody tr")
    assert row.count() == 1
    row.click()
    selected = page.locator(".box.selected")
    assert selected.count() == 1
    load_image(page, amount["page"])
    selected.scroll_into_view_if_needed()
    assert_same_rect(selected.bounding_box(), expected_rect(page, amount["page"], amount["bbox"]))
    pane = page.locator("#pages").bounding_box()
    box = selected.bounding_box()
    assert pane["y"] <= box["y"] and box["y"] + box["height"] <= pane["y"] + pane["height"]  # scrolled to
    assert page.locator("#records tr.selected").count() == 1
    assert_looks_right(screenshot(page, "budget-sheet"))


def test_failed_check_of_a_doctored_sheet_is_red(built_site, page):
    """国 doctored from 0 to 100: funding_sum expects 34,677,000 where the sheet prints 34,577,000."""
    page.goto(built_site.doc_page("doctored.pdf"))
    failed = page.locator(".box.failed")
    assert failed.count() >= 1
    flags = failed.locator(".flag").all_inner_texts()
    assert "✗ expected 34,677,000 ≠ printed 34,577,000" in flags
    box = failed.filter(has_text="expected 34,677,000")
    colour = box.evaluate("(el) => getComputedStyle(el).borderTopColor")
    assert colour == "rgb(213, 0, 0)"
    amount = fact(
        built_site,
        "doctored.pdf",
        "table_name = '財源内訳' and row_label = '令和6年度' and measure = '金額'",
    )
    load_image(page, amount["page"])
    box.scroll_into_view_if_needed()
    assert_same_rect(box.bounding_box(), expected_rect(page, amount["page"], amount["bbox"]))
    checks = page.locator("#failed-checks li").all_inner_texts()
    assert any("funding_sum" in c and "expected 34,677,000, printed 34,577,000" in c for c in checks)
    assert_looks_right(screenshot(page, "doctored-sheet"))


def test_a_page_without_text_is_marked(built_site, page):
    page.goto(built_site.doc_page("scan.pdf"))
    marked = page.locator(".page.no-text")
    assert marked.count() == 1
    assert "no text layer" in marked.locator(".page-head").inner_text()
    assert "nothing extracted" in marked.locator(".page-head").inner_text()


@pytest.mark.real
def test_budget_book_page_marks_mismapped_text(built_site, page):
    """Fuji 歳出 1款 議会費: its 款 total is drawn at its bbox; lines the broken text layer left suspect are
    marked, and the text-layer state is shown."""
    if not built_site.with_real:
        pytest.skip("real corpus not found (../shared/real/fuji_r8)")
    total = fact(
        built_site,
        FUJI_CHAPTER,
        "table_name = '歳入歳出予算事項別明細書' and measure = '本年度' and project = '議会費' and page = 1"
        " and raw_text = '488,451'",
    )
    assert (total["value"], total["fiscal_year"]) == (488451000, 2026)
    _, [(suspect, layer)] = run_query(
        built_site.warehouse,
        "select count(*) filter (where is_text_suspect), any_value(text_layer) from budget_lines"
        " join documents using (doc_id) where file_name = ?",
        [FUJI_CHAPTER],
    )
    page.goto(built_site.doc_page(FUJI_CHAPTER))
    assert page.locator(".box.line.suspect").count() == suspect  # 0 once the text repair fixed every line
    assert page.locator(f".doc-head .badge.layer-{layer}").count() == 1
    page.fill("#filter", f"{total['raw_text']} 本年度 議会費 p.{total['page']}")
    page.locator("#records tbody tr").filter(has=page.locator(f"td:text-is('{total['raw_text']}')")).click()
    load_image(page, total["page"])
    page.locator(".box.selected").scroll_into_view_if_needed()
    assert_same_rect(page.locator(".box.selected").bounding_box(), expected_rect(page, total["page"], total["bbox"]))
    assert_looks_right(screenshot(page, "budget-book"))


def test_dashboard_charts_render(built_site, page):
    page.goto((built_site.site / "dashboard.html").as_uri())
    ids = page.locator(".js-plotly-plot").evaluate_all("(els) => els.map((e) => e.id)")
    expected = {"projects-0", "funding", "kpi", "kpi-status", "runs", "run-checks"}
    if built_site.with_real:
        expected.add("kan-0")
    assert expected <= set(ids)
    # every chart draws its traces: bars and markers are `.point`s of a `.trace`
    page.wait_for_function(
        "[...document.querySelectorAll('.js-plotly-plot')].every((c) => c.querySelector('.trace .point'))"
    )

    def legend(chart_id: str) -> list[str]:
        return page.locator(f"#{chart_id} .legendtext").evaluate_all("(els) => els.map((e) => e.textContent)")

    assert {"達成", "未達成"} <= set(legend("kpi-status"))
    assert sorted(legend("funding")) == sorted(["国", "県", "その他", "市債", "一般財源"])
    assert_looks_right(screenshot(page, "dashboard"))
