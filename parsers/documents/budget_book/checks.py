"""Cross-checks of one budget book: every printed total against the lines it sums (DESIGN §5).

Names (the `checks.check_name` column):
- budget_book_sum_children: a parent's measure = Σ its children's (款 = Σ項, 項 = Σ目, 款 = Σ目,
  in a 補正予算 only 補正額 and its 財源内訳, since only the amended lines are printed;
  目 = Σ節, 節 = Σ細節, 目 = Σ top 説明 items, 説明 item = Σ its sub-items, 合計 = Σ款, 款 = Σ項 in 第1表);
- budget_book_header: a chapter header (`１項 市民税 18,719,000千円`) or a repeated 計 = the line's amount;
- budget_book_difference: 比較 = 本年度 − 前年度 (補正予算: 計 = 補正前の額 + 補正額);
- budget_book_name: a name printed twice reads the same (a 目 reprinted on its continuation page, a
  款/項 in its running heads, a 款/項 of the 明細 and its row in 第1表); `detail` holds both;
- budget_book_funding: 国県支出金 + 地方債 + その他 + 一般財源 = 本年度 (歳出; 補正予算: = 補正額);
- budget_book_ordinance: the ordinance's 第1条 total = 第1表's 歳入合計 and 歳出合計 (`ordinance.py`).
A check that cannot run (a parent that prints no amount) is recorded as not run (passed NULL).
Blank cells count as zero. Each subject names the line and the page it is printed on.

The amounts a failing check adds up or compares are returned, so that their records are flagged
(`in_failing_check`): one of them is misprinted or misread (OCR), and none is loaded as certain.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from parsers.documents.budget_book.amounts import owned_money, printed_cell, read_yen, walk
from parsers.documents.budget_book.columns import AMENDMENT_TABLE_NAMES, FUNDING_KEYS, TABLE_NAMES
from parsers.documents.budget_book.lines import Money, Node
from parsers.documents.budget_book.ordinance import OrdinanceTotal, check_ordinance
from schemas.collect import RecordSet

NAME_CHECK = "budget_book_name"
TABLE1_OF = {names["detail"]: names["table1"] for names in (TABLE_NAMES, AMENDMENT_TABLE_NAMES)}
# In a rule, BUDGET is the row's 本年度 (当初予算) or 補正額 (補正予算): what its 節 and 説明 share out.
BUDGET = "予算額"
# (parent level, child level(s), measures summed; None = every measure the parent prints)
SUM_RULES: tuple[tuple[str, tuple[str, ...], tuple[str, ...] | None], ...] = (
    ("款", ("項",), None),
    ("項", ("目",), None),
    ("目", ("節",), (f"{BUDGET}:金額",)),
    ("節", ("細節",), ("金額",)),
    ("目", ("説明",), (f"{BUDGET}:金額",)),
    ("説明", ("説明",), ("金額",)),
    ("合計", ("款",), None),
)


def check_tree(roots: list[Node], records: RecordSet, ordinance: Sequence[OrdinanceTotal] = ()) -> set[int]:
    """Given the forest (and the 第1条 totals printed beside it), record every check it allows; return the
    ids of the amounts (`Money`) that take part in a failing one."""
    table1 = {key: node for node in walk(roots) if node.table in TABLE1_OF.values() and (key := _table1_key(node))}
    failing: set[int] = set()
    with records.contain("budget_book:ordinance", "check"):
        check_ordinance(ordinance, roots, _Flagging(records, failing))
    for node in walk(roots):
        where = printed_cell(node)
        with records.contain("budget_book:checks", "check", page=where and where.page, raw_text=node.label):
            _check_node(node, roots, _Flagging(records, failing))
            _check_names(node, table1, records)
    return failing


class _Flagging:
    """The document's records, seen by the value checks: `check` also takes the amounts it compares
    and keeps their ids when it fails."""

    def __init__(self, records: RecordSet, failing: set[int]) -> None:
        self.records, self.failing = records, failing

    def check(self, name: str, subject: str, *, values: Iterable[Money | None], **result) -> bool:
        passed = self.records.check(name, subject, **result)
        if not passed:
            self.failing.update(id(m) for m in values if m is not None)
        return passed

    def not_run(self, *args, **kwargs) -> None:
        self.records.not_run(*args, **kwargs)


def _table1_key(node: Node) -> tuple | None:
    """Given a 款/項 node, return its key in 第1表 (第1表's name, side, 款 code, 項 code), else None."""
    codes = [n.code for n in (node.parent, node) if n is not None and n.level in ("款", "項")]
    if node.level not in ("款", "項") or None in codes:
        return None
    return (TABLE1_OF.get(node.table, node.table), node.side, *codes)


def _check_names(node: Node, table1: dict, records: RecordSet) -> None:
    """A name printed twice must read the same: a 目 reprinted on its continuation page, a 款/項 in
    every running head, and a 款/項 of the 明細 against its row in 第1表 (a wrapped name joined to
    the wrong row, or a line of it lost, shows here)."""
    seen = {"".join(node.name.split())}
    for cell in node.reprints:
        if "".join(cell.text.split()) in seen:
            continue
        seen.add("".join(cell.text.split()))
        records.check_text(
            NAME_CHECK,
            f"{_where(node)}: name as reprinted p.{cell.page}",
            expected=node.name,
            actual=cell.text,
            page=cell.page,
        )
    key = _table1_key(node) if node.table in TABLE1_OF else None
    counterpart = table1.get(key) if key is not None else None
    if counterpart is not None:
        records.check_text(
            NAME_CHECK,
            f"{_where(node)}: name = {counterpart.table} p.{counterpart.cell.page if counterpart.cell else None}",
            expected=counterpart.name,
            actual=node.name,
            page=node.cell.page if node.cell else None,
        )


def _check_node(node: Node, roots: list[Node], records: _Flagging) -> None:
    _check_sums(node, roots, records)
    if node.level == "款" and any(k.kids("目") for k in node.kids("項")):
        measure = budget_measure(node)
        _check_sum(records, node, "目", [m for k in node.kids("項") for m in k.kids("目")], measure, measure)
    _check_headers(node, records)
    _check_difference(node, records)
    _check_funding(node, records)


def _check_sums(node: Node, roots: list[Node], records: _Flagging) -> None:
    for parent_level, child_levels, measures in SUM_RULES:
        if node.level != parent_level:
            continue
        pool = roots if node.level == "合計" else node.children
        kids = [k for k in pool if k.level in child_levels and k.table == node.table and k.side == node.side]
        if not kids:
            continue
        if measures is None:
            pairs = [(m, m) for m in owned_money(node)]
            if not pairs:
                records.not_run(
                    "budget_book_sum_children",
                    f"{_where(node)}: {node.level} = Σ{kids[0].level}",
                    f"not run: the {node.level} line prints no amount",
                    page=node.cell.page if node.cell else None,
                )
        else:
            pairs = [tuple(m.split(":")) if ":" in m else (m, m) for m in measures]
            pairs = [(budget_measure(node) if mine == BUDGET else mine, theirs) for mine, theirs in pairs]
        if "補正額" in owned_money(node):
            # a 補正予算 prints only the lines it amends: their 補正額 (and its 財源) add up, their
            # 補正前の額 and 計 need not (the unamended siblings are not printed)
            pairs = [(mine, theirs) for mine, theirs in pairs if mine not in ("補正前の額", "計")]
        for mine, theirs in pairs:
            if child_levels == ("説明",):
                # Only numbered 説明 items (細事業 `001 給与費`) add up to their parent; unnumbered
                # ones name a few notable costs, not all of them.
                kids = [k for k in kids if k.code is not None]
                if not any(theirs in k.money for k in kids):
                    continue
            _check_sum(records, node, kids[0].level, kids, mine, theirs)


def _check_sum(records: _Flagging, node: Node, child_level: str, kids: list[Node], mine: str, theirs: str) -> None:
    money = owned_money(node).get(mine)
    if money is None:
        records.not_run(
            "budget_book_sum_children",
            f"{_where(node)}: {mine} = Σ{child_level}.{theirs} ({len(kids)})",
            f"not run: the {node.level} line prints no {mine}",
            page=node.cell.page if node.cell else None,
        )
        return
    total = sum(_yen(k, theirs) for k in kids)
    records.check(
        "budget_book_sum_children",
        f"{_where(node)}: {mine} = Σ{child_level}.{theirs} ({len(kids)})",
        expected=read_yen(money),
        actual=total,
        page=money.cell.page,
        detail=_detail(kids, theirs),
        values=[money, *(owned_money(k).get(theirs) for k in kids)],
    )


def _check_headers(node: Node, records: _Flagging) -> None:
    money = owned_money(node)
    seen: set[tuple[str, int | None]] = set()
    for header in node.header:  # a header repeated on every page is checked once per printed value
        value = read_yen(header)
        if header is money.get(header.key) or (header.key, value) in seen:
            continue
        seen.add((header.key, value))
        printed = money.get(header.key)
        records.check(
            "budget_book_header",
            f"{_where(node)}: header {header.cell.text!r} p.{header.cell.page} = {header.key}",
            expected=read_yen(printed) if printed else None,
            actual=value,
            page=header.cell.page,
            values=[printed, header],
        )


def _check_difference(node: Node, records: _Flagging) -> None:
    money = owned_money(node)
    if {"本年度", "前年度", "比較"} <= money.keys():
        records.check(
            "budget_book_difference",
            f"{_where(node)}: 比較 = 本年度 − 前年度",
            expected=_yen(node, "本年度") - _yen(node, "前年度"),
            actual=read_yen(money["比較"]),
            page=money["比較"].cell.page,
            values=[money[k] for k in ("本年度", "前年度", "比較")],
        )
    if {"補正前の額", "補正額", "計"} <= money.keys():
        records.check(
            "budget_book_difference",
            f"{_where(node)}: 計 = 補正前の額 + 補正額",
            expected=_yen(node, "補正前の額") + _yen(node, "補正額"),
            actual=read_yen(money["計"]),
            page=money["計"].cell.page,
            values=[money[k] for k in ("補正前の額", "補正額", "計")],
        )


def _check_funding(node: Node, records: _Flagging) -> None:
    money = owned_money(node)
    measure = budget_measure(node)
    if measure not in money or not any(k in money for k in FUNDING_KEYS):
        return
    records.check(
        "budget_book_funding",
        f"{_where(node)}: 国県支出金 + 地方債 + その他 + 一般財源 = {measure}",
        expected=read_yen(money[measure]),
        actual=sum(_yen(node, k) for k in FUNDING_KEYS),
        page=money[measure].cell.page,
        values=[money[measure], *(money.get(k) for k in FUNDING_KEYS)],
    )


def budget_measure(node: Node) -> str:
    """Given a node, return the measure its 節, 説明 and 財源内訳 share out: 補正額 in a 補正予算, else 本年度."""
    return "補正額" if "補正額" in owned_money(node) else "本年度"


def _yen(node: Node, key: str) -> int:
    money = owned_money(node).get(key)
    return (read_yen(money) or 0) if money is not None else 0


def _where(node: Node) -> str:
    path = []
    cursor: Node | None = node
    while cursor is not None:
        path.append(f"{cursor.level}{cursor.code or ''} {cursor.name}".strip())
        cursor = cursor.parent
    page = node.cell.page if node.cell else None
    return f"{node.side or ''}{'/'.join(reversed(path))} (p.{page}, {node.table})"


def _detail(kids: Iterable[Node], key: str) -> str:
    return "; ".join(f"{k.label}: {m.cell.text}" for k in kids if (m := owned_money(k).get(key)) is not None)
