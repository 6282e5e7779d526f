"""Cross-checks of a sheet's own arithmetic and of the 目次 against the sheets (DESIGN §5).

Every check is stored (passing or not) with a subject naming the project, the 計画書頁 and the
block, the printed figures in `detail`, and the page. Redacted (■■■) or missing figures make a sum
uncheckable: that check is skipped, not failed. Each function returns the names of failed checks.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from parsers.documents.budget_sheet.context import is_difference
from parsers.documents.budget_sheet.toc import TocRow
from schemas.budget import BudgetAmount
from schemas.collect import RecordSet
from schemas.quality import Check

FUNDING_PARTS = ("国", "県", "その他", "市債", "一般財源")
FUNDED = ("市債", "一般財源")  # 市債＋一般財源


def check_sheet(records: RecordSet, subject: str, plan_year: int, amounts: list[BudgetAmount]) -> set[str]:
    """Given one sheet's amounts, store its checks and return the names of those that failed."""
    failed: set[str] = set()
    funding = [a for a in amounts if a.table_name == "財源内訳"]
    lines = [a for a in amounts if a.table_name == "細事業"]
    for row in _distinct(a.row_label for a in funding):
        cells = {a.measure: a for a in funding if a.row_label == row}
        parts = [cells.get(m) for m in FUNDING_PARTS]
        if "金額" in cells and all(_known(p) for p in parts) and _known(cells["金額"]):
            ok = _equal(records, "funding_sum", f"{subject} 財源内訳 {row}", cells["金額"], parts)
            failed |= set() if ok else {"funding_sum"}
    rows = _funding_rows(funding, plan_year)
    if all(rows.values()):
        for measure in ("金額", *FUNDING_PARTS):
            now, before, change = (rows[k].get(measure) for k in ("now", "before", "change"))
            if all(_known(a) for a in (now, before, change)):
                expected = now.amount_yen - before.amount_yen
                detail = f"増▲減 {change.raw_text} vs 令和{plan_year - 2018} {now.raw_text} − {before.raw_text}"
                if not _store(
                    records, "funding_change", f"{subject} 財源内訳 増▲減 {measure}", expected, change, detail
                ):
                    failed.add("funding_change")
    failed |= _check_subprojects(records, subject, lines, rows, plan_year)
    failed |= _check_spending(records, subject, amounts)
    return failed


def _check_subprojects(records, subject, lines, funding_rows, plan_year: int) -> set[str]:
    """細事業合計 = Σ 細事業 per column (where none is redacted), and = the 財源内訳 金額 of its year."""
    failed = set()
    totals = [a for a in lines if a.row_label == "細事業合計"]
    for total in totals:
        items = [a for a in lines if a.row_label != "細事業合計" and a.column_label == total.column_label]
        if _known(total) and items and all(_known(a) for a in items):
            ok = _equal(records, "subprojects_sum", f"{subject} 細事業合計 {total.column_label}", total, items)
            failed |= set() if ok else {"subprojects_sum"}
        funded = funding_rows[_row_key(total.column_label, total.fiscal_year, plan_year)].get("金額")
        if _known(total) and _known(funded):
            detail = f"細事業合計 {total.raw_text} vs 財源内訳 {funded.row_label} 金額 {funded.raw_text}"
            name = f"{subject} 細事業合計 {total.column_label} = 財源内訳 金額"
            if not _store(records, "subprojects_total_matches_funding", name, funded.amount_yen, total, detail):
                failed.add("subprojects_total_matches_funding")
    return failed


def _check_spending(records, subject, amounts) -> set[str]:
    """事業費 ≥ 市債＋一般財源 for every printed year of 歳出 予算 and 決算."""
    failed = set()
    spending = [a for a in amounts if a.table_name.startswith("歳出") and a.column_label]
    for stage, column in _distinct((a.stage, a.column_label) for a in spending):
        cells = {a.measure: a for a in spending if (a.stage, a.column_label) == (stage, column)}
        cost, funded = cells.get("事業費"), cells.get("市債＋一般財源")
        if not (_known(cost) and _known(funded)):
            continue
        passed = cost.amount_yen >= funded.amount_yen
        records.add(
            Check,
            doc_id=records.doc_id,
            check_name="spending_cost_covers_funding",
            subject=f"{subject} 歳出{stage} {column}",
            page=cost.page,
            expected=Decimal(cost.amount_yen),
            actual=Decimal(funded.amount_yen),
            passed=passed,
            detail=f"事業費 {cost.raw_text} ≥ 市債＋一般財源 {funded.raw_text} ({cost.unit})",
        )
        failed |= set() if passed else {"spending_cost_covers_funding"}
    return failed


def check_toc(
    records: RecordSet, toc: list[TocRow], sheets: dict[int, tuple[str, list[BudgetAmount], list[str]]], year: int
) -> dict[int, set[str]]:
    """Given the 目次 rows and each sheet's (subject, amounts, flags), store 目次 = sheet checks and the
    目次 total; return the failed check names by sheet ordinal."""
    failed: dict[int, set[str]] = {}
    rows = [r for r in toc if not r.is_total]
    for row in rows:
        if row.ordinal is None or row.ordinal not in sheets:
            records.check("toc_matches_sheet", f"目次 {row.name}: no sheet", expected=1, actual=0, page=row.page)
            continue
        subject, amounts, flags = sheets[row.ordinal]
        funding = _funding_rows([a for a in amounts if a.table_name == "財源内訳"], year)
        for cell in row.amounts:
            sheet_row = funding[_row_key(cell.column_label, cell.fiscal_year, year)]
            parts = [sheet_row.get("金額")] if cell.measure == "事業費" else [sheet_row.get(m) for m in FUNDED]
            if _known(cell) and parts and all(_known(p) for p in parts):
                name = f"{subject} 目次 {cell.column_label}"
                if not _equal(records, "toc_matches_sheet", name, cell, parts):
                    failed.setdefault(row.ordinal, set()).add("toc_matches_sheet")
        printed = bool(row.flag)
        if not records.check(
            "toc_flag_matches_sheet",
            f"{subject} 目次 新規・拡充",
            expected=int(bool(flags)),
            actual=int(printed),
            page=row.page,
            detail=f"目次 {row.flag or '(blank)'} vs sheet {'・'.join(flags) or '(none ticked)'}",
        ):
            failed.setdefault(row.ordinal, set()).add("toc_flag_matches_sheet")
    for total in (r for r in toc if r.is_total):
        for cell in total.amounts:
            items = [a for r in rows for a in r.amounts if a.column_label == cell.column_label]
            if _known(cell) and all(_known(a) for a in items):
                _equal(records, "toc_total_sum", f"目次 計 {cell.column_label}", cell, items)
    return failed


def _funding_rows(funding: list[BudgetAmount], plan_year: int) -> dict[str, dict[str, BudgetAmount]]:
    """Given 財源内訳 amounts, return them by row (now / before / change), then by measure."""
    rows: dict[str, dict[str, BudgetAmount]] = {"now": {}, "before": {}, "change": {}}
    for a in funding:
        rows[_row_key(a.row_label, a.fiscal_year, plan_year)][a.measure] = a
    return rows


def _row_key(label: str | None, fiscal_year: int | None, plan_year: int) -> str:
    """Which 財源内訳 row a label or column stands for: the plan year, the year before, or the change."""
    if is_difference(label or ""):
        return "change"
    return "now" if fiscal_year == plan_year else "before"


def _equal(records, name, subject, total: BudgetAmount, parts: list[BudgetAmount]) -> bool:
    """Store `total = Σ parts` with the printed figures in the detail."""
    terms = " + ".join(f"{_short(p)} {p.raw_text}" for p in parts)
    detail = f"{_short(total)} {total.raw_text} vs {terms} ({total.unit})"
    return _store(records, name, subject, sum(p.amount_yen for p in parts), total, detail)


def _short(a: BudgetAmount) -> str:
    return " ".join(x for x in (a.row_label, a.measure if a.table_name != "細事業" else a.column_label) if x)


def _store(records: RecordSet, name: str, subject: str, expected: int, actual: BudgetAmount, detail: str) -> bool:
    return records.check(
        name, subject, expected=Decimal(expected), actual=Decimal(actual.amount_yen), page=actual.page, detail=detail
    )


def _known(a: BudgetAmount | None) -> bool:
    return a is not None and a.amount_yen is not None


def _distinct(items: Iterable) -> list:
    return list(dict.fromkeys(items))
