"""The review site's files: built by the ingest flow, self-contained, page images cached by content hash,
a failed check placed on the figure it disputes, a PDF that moved away reported instead of drawn."""

from __future__ import annotations

import re
import shutil

from pipelines.cli import main
from pipelines.review.document import locate_check
from pipelines.review.images import find_pdf
from pipelines.review.site import build_site
from warehouse.query import run_query


def test_ingest_built_a_page_per_document_and_a_self_contained_site(built_site):
    _, docs = run_query(built_site.warehouse, "select doc_id, pages from documents")
    for doc_id, pages in docs:
        assert (built_site.site / "docs" / f"{doc_id}.html").is_file()
        assert len(page_images(built_site.site / "img" / doc_id)) == pages
    plotly = (built_site.site / "assets" / "plotly.min.js").read_text(encoding="utf-8")
    assert "plotly.js v" in plotly[:200] and "MIT" in plotly[:300]
    for html in [built_site.site / "index.html", built_site.site / "dashboard.html"]:
        text = html.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", text), html  # nothing from the network


def page_images(folder) -> list:
    return sorted(p for p in folder.rglob("p*") if p.suffix in (".png", ".webp"))


def test_a_page_without_colour_is_a_grey_png_and_one_in_colour_a_webp(built_site):
    from PIL import Image

    _, docs = run_query(built_site.warehouse, "select doc_id, file_name from documents")
    kinds = {}
    for doc_id, name in docs:
        for image in page_images(built_site.site / "img" / doc_id):
            with Image.open(image) as opened:
                kinds.setdefault((opened.format, opened.mode), set()).add(name)
    assert set(kinds) == {("PNG", "L"), ("WEBP", "RGB")}
    assert kinds[("WEBP", "RGB")] == {"hachioji_dx_action_plan_2024.pdf"}  # its pages with coloured charts
    assert {"yokohama_2024_jigyo_keikakusho_digital.pdf", "scan.pdf"} <= kinds[("PNG", "L")]
    if built_site.with_real:
        assert "歳出_01款_議会費.pdf" in kinds[("PNG", "L")]  # a budget book prints in black


def test_rebuilding_reuses_the_page_images(built_site, tmp_path, capsys):
    out = tmp_path / "site"
    assert main(["review", "--warehouse", str(built_site.warehouse), "--out", str(out)]) == 0
    assert capsys.readouterr().out.startswith("review site: ")
    images = page_images(out / "img")
    stamps = {p: p.stat().st_mtime_ns for p in images}
    images[0].unlink()
    build_site(built_site.warehouse, out)
    assert images[0].exists()
    assert {p: p.stat().st_mtime_ns for p in images[1:]} == {p: stamps[p] for p in images[1:]}


def test_a_failed_check_sits_on_the_figure_the_document_prints():
    check = {"subject": "デジタル企画調整費 (計画書頁 2, p.1) 財源内訳 令和6年度", "expected": 34677000.0}
    check["actual"] = 34577000.0
    boxes = [
        {"n": 0, "k": "fact", "v": 34577000.0, "tbl": "細事業", "row": "細事業合計", "col": "6年度", "m": "金額"},
        {"n": 1, "k": "fact", "v": 34577000.0, "tbl": "財源内訳", "row": "令和6年度", "col": "金 額", "m": "金額"},
        {"n": 2, "k": "fact", "v": 34677000.0, "tbl": "財源内訳", "row": "令和6年度", "col": "国", "m": "国"},
        {"n": 3, "k": "cell", "v": 34577000.0},
    ]
    assert locate_check(check, boxes)["n"] == 1
    assert locate_check(check | {"actual": 1.0, "expected": 2.0}, boxes) is None


def test_a_pdf_that_changed_or_moved_is_not_drawn(built_site, tmp_path):
    doc_id = built_site.doc_id("doctored.pdf")
    copy = tmp_path / "doctored.pdf"
    shutil.copyfile(built_site.warehouse.parent.parent / "doctored.pdf", copy)
    assert find_pdf(str(copy), doc_id, tmp_path / "w.duckdb") == copy
    copy.write_bytes(copy.read_bytes() + b"\n% edited")
    assert find_pdf(str(copy), doc_id, tmp_path / "w.duckdb") is None
    downloaded = tmp_path / "downloads" / f"{doc_id}.pdf"
    downloaded.parent.mkdir()
    shutil.copyfile(built_site.warehouse.parent.parent / "doctored.pdf", downloaded)
    assert find_pdf("https://example.invalid/doctored.pdf", doc_id, tmp_path / "w.duckdb") == downloaded


def test_a_zero_is_a_figure_a_check_can_dispute(built_site):
    """funding_change of the doctored sheet: 増▲減 国 prints 0 where 100 − 0 = 100,000 yen is expected."""
    from pipelines.review.document import document_payload
    from warehouse.review import review_boxes, review_reader, review_rows

    doc_id = built_site.doc_id("doctored.pdf")
    with review_reader(built_site.warehouse) as con:
        document = next(d for d in review_rows(con, "documents") if d["doc_id"] == doc_id)
        boxes = list(review_boxes(con, doc_id, document["pages"]))
        checks = review_rows(con, "checks", doc_id=doc_id)
    payload = document_payload(document, [], boxes, checks, [])
    change = next(c for c in payload["failed_checks"] if c["check_name"] == "funding_change")
    box = payload["boxes"][change["box"]]
    assert (change["expected"], change["actual"]) == (100000, 0)
    assert (box["v"], box["row"], box["m"]) == (0, "増▲減", "国")


def test_a_reject_is_drawn_where_its_payload_was_printed():
    from pipelines.review.document import document_payload

    document = {"doc_id": "d" * 64, "file_name": "x.pdf", "text_layer": "ok", "status": "partial"}
    located = {"stage": "validate", "record_type": "BudgetAmount", "page": None, "error": "amount_yen: not a number"}
    located["payload"] = '{"page": 2, "bbox": [10.0, 20.0, 60.0, 32.0], "raw_text": "34, 5七7"}'
    unplaced = located | {"page": 3, "payload": "not json"}
    rejects = document_payload(document, [], [], [], [located, unplaced])["rejects"]
    assert [(r["page"], r["bbox"]) for r in rejects] == [(2, [10.0, 20.0, 60.0, 32.0]), (3, None)]


def test_the_payload_written_box_by_box_is_the_one_the_template_would_embed():
    """The site streams a document's boxes into its page (a 1,000-page book has 300k of them): the JSON
    written must be the very characters `tojson` makes of the payload held whole, escapes included."""
    import io

    from pipelines.review.document import document_payload, write_payload
    from pipelines.review.images import PageImage
    from pipelines.review.site import _environment

    def row(page, value, raw, **labels):
        base = dict.fromkeys(["unit", "fiscal_year", "table_name", "row_label", "column_label", "measure"])
        return base | {
            "kind": "fact", "page": page, "raw_text": raw, "value": value, "source_table": "budget_amounts",
            "record_id": f"r{page}{raw}", "suspect": False, "is_redacted": False, "bbox": (1.0, 2.333, 3.0, 4.0),
        } | labels  # fmt: skip

    boxes = [
        row(1, 34577000.0, "34,577", row_label="令和6年度", measure="金額"),
        row(1, 1.0, "<b> & 'x'", table_name="</script>"),
        row(2, None, "■■■", is_redacted=True),
    ]
    checks = [
        {"check_name": "sum", "subject": "令和6年度 金額", "page": 1, "expected": 34677000.0, "actual": 34577000.0,
         "detail": None, "passed": False},
        {"check_name": "ok", "subject": "x", "page": 2, "expected": 1, "actual": 1, "detail": None, "passed": True},
        {"check_name": "not run", "subject": "y", "page": None, "expected": None, "actual": None, "detail": "why",
         "passed": None},
    ]  # fmt: skip
    rejects = [{"stage": "v", "record_type": "R", "page": None, "error": "e", "payload": '{"page": 2}'}]
    document = {"doc_id": "d" * 64, "file_name": "<x>.pdf", "text_layer": "ok", "status": "partial"}
    pages = [PageImage(1, 841.9, 595.3, "img/p1.webp", 10), PageImage(2, 841.9, 595.3, None, 0)]
    whole = (
        _environment()
        .from_string("{{ payload|tojson }}")
        .render(payload=document_payload(document, pages, boxes, checks, rejects))
    )
    streamed = io.StringIO()
    write_payload(streamed, document, pages, iter(boxes), checks, rejects)
    assert streamed.getvalue() == whole
    assert "\\u003c/script\\u003e" in whole and '"box": 0' in whole


def test_boxes_fetched_page_range_by_page_range_are_every_box_in_page_order(built_site, monkeypatch):
    """A long book's boxes are fetched BOX_PAGES pages per query; one page per query must give the same
    boxes as one query over the whole document, in page order."""
    from warehouse import review

    monkeypatch.setattr(review, "BOX_PAGES", 1)
    with review.review_reader(built_site.warehouse) as con:
        documents = [d for d in review.review_rows(con, "documents") if d["pages"] and d["pages"] > 1]
        assert documents
        for document in documents:
            doc_id = document["doc_id"]
            whole = review.review_rows(con, "boxes", doc_id=doc_id, after_page=0, upto_page=review.LAST_PAGE)
            ranged = list(review.review_boxes(con, doc_id, document["pages"]))
            assert whole, document["file_name"]
            assert [b["page"] for b in ranged] == sorted(b["page"] for b in whole)
            assert sorted(map(repr, ranged)) == sorted(map(repr, whole))
