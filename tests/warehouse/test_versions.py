"""Versions of a document: new bytes under the same key supersede the old ones in the same transaction."""

from __future__ import annotations

from datetime import datetime

from schemas.budget import BudgetAmount
from schemas.cells import RawCell
from schemas.collect import RecordSet
from schemas.documents import Document, IngestRun
from warehouse.load import load_document, loaded_keys, mark_interrupted_runs, record_failure, record_run

KEY = "八王子市/action_plan/DX推進計画"
V1, V2 = "1" * 64, "2" * 64


def document(doc_id: str, key: str = KEY, status: str = "loaded", error: str | None = None) -> Document:
    return Document(
        doc_id=doc_id,
        document_key=key,
        source=f"https://example.invalid/{doc_id[:4]}.pdf",
        file_name="plan.pdf",
        pages=1,
        status=status,
        error=error,
        parser_version="test",
        size_bytes=10,
        loaded_at=datetime(2026, 1, 1),
    )


def cells(doc_id: str, text: str) -> dict:
    records = RecordSet(doc_id)
    records.add(
        RawCell, doc_id=doc_id, page=1, bbox=(0, 0, 1, 1), raw_text=text, table_index=0, row_index=0, col_index=0
    )
    return records.rows


def versions(con) -> list[tuple]:
    return con.execute("select doc_id, version, status from documents order by version").fetchall()


def test_new_bytes_under_the_same_key_supersede_the_old_version(con):
    assert load_document(con, document(V1), cells(V1, "旧")).version == 1
    result = load_document(con, document(V2), cells(V2, "新"))
    assert (result.version, result.superseded) == (2, (V1,))
    assert versions(con) == [(V1, 1, "superseded"), (V2, 2, "loaded")]
    # the old version stays queryable; current_* views show only the latest
    assert con.execute("select raw_text from raw_cells order by raw_text").fetchall() == [("新",), ("旧",)]
    assert con.execute("select doc_id, version from current_documents").fetchall() == [(V2, 2)]
    assert loaded_keys(con, "test") == {V2: KEY}  # V1, superseded, is not loaded any more


def test_reloading_the_same_bytes_keeps_their_version(con):
    load_document(con, document(V1), cells(V1, "a"))
    load_document(con, document(V2), cells(V2, "b"))
    assert load_document(con, document(V2), cells(V2, "b")).version == 2
    assert versions(con) == [(V1, 1, "superseded"), (V2, 2, "loaded")]


def test_a_failed_new_version_leaves_the_last_good_one_current(con):
    load_document(con, document(V1), cells(V1, "good"))
    assert record_failure(con, document(V2, status="failed", error="encrypted PDF"))
    assert versions(con) == [(V1, 1, "loaded"), (V2, 2, "failed")]
    assert con.execute("select raw_text from raw_cells").fetchall() == [("good",)]
    assert con.execute("select version, status from current_documents order by 1").fetchall() == [
        (1, "loaded"),
        (2, "failed"),
    ]


def test_bytes_that_come_back_are_the_newest_version_and_every_publication_stays(con):
    load_document(con, document(V1), cells(V1, "a"))
    load_document(con, document(V2), cells(V2, "b"))
    assert load_document(con, document(V1), cells(V1, "a")).version == 3
    assert versions(con) == [(V2, 2, "superseded"), (V1, 3, "loaded")]
    assert con.execute("select version, doc_id, status from document_versions order by version").fetchall() == [
        (1, V1, "superseded"),
        (2, V2, "superseded"),
        (3, V1, "loaded"),
    ]


def amounts(doc_id: str, figures: dict[str, tuple[int, int]]) -> dict:
    """Budget amounts of one line: measure -> (yen, page)."""
    records = RecordSet(doc_id)
    for measure, (yen, page) in figures.items():
        records.add(
            BudgetAmount,
            doc_id=doc_id,
            page=page,
            bbox=(0, 0, 1, 1),
            raw_text=f"{yen // 1000:,}",
            line_id="line-1",
            table_name="財源内訳",
            row_label="令和6年度",
            fiscal_year=2024,
            measure=measure,
            amount_yen=yen,
        )
    return records.rows


def test_document_changes_lists_facts_added_removed_and_changed_with_both_values_and_pages(con):
    load_document(con, document(V1), amounts(V1, {"金額": (1_000_000, 1), "国": (500_000, 1), "県": (7_000, 1)}))
    load_document(con, document(V2), amounts(V2, {"金額": (1_200_000, 2), "県": (7_000, 3), "市債": (300_000, 2)}))
    rows = con.execute(
        "select version, previous_version, change, measure, fiscal_year, old_value, new_value, old_page, new_page "
        "from document_changes where document_key = ? order by change, measure",
        [KEY],
    ).fetchall()
    assert rows == [
        (2, 1, "added", "市債", 2024, None, 300_000, None, 2),
        (2, 1, "changed", "金額", 2024, 1_000_000, 1_200_000, 1, 2),
        (2, 1, "removed", "国", 2024, 500_000, None, 1, None),
    ]
    # the old bytes coming back are version 3, compared with version 2: the same changes reversed
    load_document(con, document(V1), amounts(V1, {"金額": (1_000_000, 1), "国": (500_000, 1), "県": (7_000, 1)}))
    [(changes,)] = con.execute(
        "select list(change || ':' || measure order by measure) from document_changes where version = 3"
    ).fetchall()
    assert changes == ["added:国", "removed:市債", "changed:金額"]


def test_other_keys_are_untouched(con):
    load_document(con, document(V1), cells(V1, "a"))
    load_document(con, document(V2, key="相模原市/ict/実施事業集"), cells(V2, "b"))
    assert versions(con) == [(V1, 1, "loaded"), (V2, 1, "loaded")]


def test_a_run_left_running_is_marked_interrupted(con):
    record_run(con, IngestRun(run_id="r1", started_at=datetime(2026, 1, 1), warehouse="w"))
    assert mark_interrupted_runs(con, datetime(2026, 1, 2)) == 1
    [(status, error)] = con.execute("select status, error from ingest_runs").fetchall()
    assert status == "interrupted" and "killed?" in error
