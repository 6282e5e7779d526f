"""Record invariants: a bad record becomes a reject with its payload, never a silent drop."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from parsers.documents.plans.kpi_values import parse_kpi_cell
from parsers.normalize import parse_amount_yen
from schemas.budget import BudgetAmount
from schemas.collect import RecordSet, Where
from schemas.plans import IndicatorValue

DOC = "b" * 64
BASE = {"doc_id": DOC, "page": 2, "bbox": (10.0, 20.0, 30.0, 40.0)}


def test_amount_null_only_when_redacted_or_blank():
    records = RecordSet(DOC)
    ok = records.add(
        BudgetAmount,
        **BASE,
        raw_text="■■■",
        project_id="p",
        table_name="財源内訳",
        measure="国",
        amount_yen=None,
        is_redacted=True,
    )
    assert ok is not None and ok.amount_yen is None
    bad = records.add(
        BudgetAmount,
        **BASE,
        raw_text="34, 577",
        project_id="p",
        table_name="財源内訳",
        measure="金額",
        amount_yen=None,
    )
    assert bad is None
    [reject] = records.rows["rejects"]
    assert reject.page == 2 and reject.record_type == "BudgetAmount"
    assert "amount is NULL but the cell prints '34, 577'" in reject.error
    assert json.loads(reject.payload)["raw_text"] == "34, 577"


def test_add_printed_takes_provenance_from_where_it_was_printed():
    """One place fills doc, page, bbox and raw text from the cell or line; a field named overrides it,
    and a place that is no valid provenance (a reversed bbox) is a reject with its page, never a drop."""
    records = RecordSet(DOC)
    cell = Where(4, (1.0, 2.0, 3.0, 4.0), "34, 577")
    fields = {"project_id": "p", "table_name": "財源内訳", "measure": "金額", "amount_yen": 34_577_000}
    amount = records.add_printed(BudgetAmount, cell, **fields)
    assert (amount.doc_id, amount.page, amount.bbox, amount.raw_text) == (DOC, 4, (1.0, 2.0, 3.0, 4.0), "34, 577")
    moved = records.add_printed(BudgetAmount, cell, page=5, raw_text="34,577", **fields)
    assert (moved.page, moved.bbox, moved.raw_text) == (5, (1.0, 2.0, 3.0, 4.0), "34,577")
    assert records.add_printed(BudgetAmount, Where(6, (3.0, 2.0, 1.0, 4.0), "1"), **fields) is None
    [reject] = records.rows["rejects"]
    assert reject.page == 6 and "x0 <= x1" in reject.error


def test_bbox_must_be_ordered():
    with pytest.raises(ValidationError, match="x0 <= x1"):
        BudgetAmount(
            **{**BASE, "bbox": (30.0, 20.0, 10.0, 40.0)},
            raw_text="1",
            project_id="p",
            table_name="t",
            measure="m",
            amount_yen=1000,
        )


def test_fraction_needs_both_parts():
    with pytest.raises(ValidationError, match="numerator needs its denominator"):
        IndicatorValue(**BASE, raw_text="43/100", indicator_id="i", table_name="事業指標", role="target", numerator=43)


def test_records_are_closed():
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        BudgetAmount(**BASE, raw_text="1", project_id="p", table_name="t", measure="m", amount_yen=1000, colour=1)


@pytest.mark.parametrize("mark", ["－", "—", "―", "‐", "–", "ー", "−", "-"])
def test_every_blank_mark_is_blank_for_schema_normaliser_and_kpi_reader(mark):
    """One set of blank marks: a `–` the normaliser reads as blank is a NULL amount the schema accepts."""
    assert parse_amount_yen(mark, "千円") is None
    records = RecordSet(DOC)
    fields = {"project_id": "p", "table_name": "財源内訳", "measure": "国"}
    amount = records.add(BudgetAmount, **BASE, raw_text=f" {mark} ", amount_yen=None, **fields)
    assert amount is not None and records.rows["rejects"] == []
    cell = parse_kpi_cell(mark)
    assert cell.is_blank and [v.text for v in cell.values] == [mark]


def test_raw_cells_are_validated_into_arrow_batches_and_a_bad_one_is_a_reject():
    """Raw cells (a long book has 244k) are kept as Arrow record batches, not objects: each is still
    validated, one that fails is a reject with its payload, the rest keep their order across batches, and
    the table loaded is the one the records themselves would make; a unit that fails takes its cells back."""
    from schemas.cells import RawCell
    from schemas.collect import RecordBatches
    from warehouse.load import records_to_arrow

    records = RecordSet(DOC)
    cells = [Where(1 + n // 7, (1.0, 2.0 + n, 3.0, 4.0 + n), f"セル{n}") for n in range(25)]
    for n, cell in enumerate(cells):
        records.add_printed(RawCell, cell, table_index=0, row_index=-1 if n == 12 else n // 5, col_index=n % 5)
    kept = records.rows[RawCell.table]
    assert isinstance(kept, RecordBatches) and len(kept) == 24
    [reject] = records.rows["rejects"]
    assert (reject.record_type, reject.page) == ("RawCell", 2) and "row_index" in reject.error
    assert json.loads(reject.payload)["raw_text"] == "セル12"
    expected = [
        RawCell(doc_id=DOC, page=c.page, bbox=c.bbox, raw_text=c.text, table_index=0, row_index=n // 5, col_index=n % 5)
        for n, c in enumerate(cells)
        if n != 12
    ]
    assert list(kept) == expected and kept == expected
    batched = RecordBatches(RawCell, batch_rows=4)
    for record in expected:
        batched.append(record)
    assert len(batched.batches) == 6 and records_to_arrow(batched).equals(records_to_arrow(list(expected)))
    with records.contain("parse:test", "page", page=3):
        records.add_printed(RawCell, cells[0], table_index=1, row_index=0, col_index=0)
        raise ValueError("a unit that fails")
    assert len(records.rows[RawCell.table]) == 24 and list(records.rows[RawCell.table]) == expected
    assert records_to_arrow(RecordBatches(RawCell)).num_rows == 0
