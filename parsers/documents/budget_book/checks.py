"""Cross-checks of one budget book: every printed total against the lines it sums (DESIGN §5).

Names (the `checks.check_name` column):
- budget_book_sum_children: a parent's measure = Σ its children's (款 = Σ項, 項 = Σ目, 款 = Σ目,
  目 = Σ節, 節 = Σ細節, 目 = Σ top 説明 items, 説明 item = Σ its sub-items, 合計 = Σ款, 款 = Σ項 in 第1表);
- budget_book_header: a chapter header (`１項 市民税 18,719,000千円`) or a repeated 計 = the line's amount;
- budget_book_difference: 比較 = 本年度 − 前年度;
- budget_book_funding: 国県支出金 + 地方債 + その他 + 一般財源 = 本年度 (歳出).
Blank cells count as zero. Each subject names the line and the page it is printed on.
"""

from __future__ import annotations

from collections.abc import Iterable

from parsers.documents.budget_book.amounts import owned_money, printed_cell, read_yen, walk
from parsers.documents.budget_book.columns import FUNDING_KEYS
from parsers.documents.budget_book.lines import Node
from schemas.collect import RecordSet

# (parent level, child level(s), measures summed; None = every measure the parent prints)
SUM_RULES: tuple[tuple[str, tuple[str, ...], tuple[str, ...] | None], ...] = (
    ("款", ("項",), None),
    ("項", ("目",), None),
    ("目", ("節",), ("本年度:金額",)),
    ("節", ("細節",), ("金額",)),
    ("目", ("説明",), ("本年度:金額",)),
    ("説明", ("説明",), ("金額",)),
    ("合計", ("款",), None),
)


def check_tree(roots: list[Node], records: RecordSet) -> None:
    """Given the forest, record every check it allows."""
    for node in walk(roots):
        where = printed_cell(node)
        with records.contain("budget_book:checks", "check", page=where and where.page, raw_text=node.label):
            _check_node(node, roots, records)


def _check_node(node: Node, roots: list[Node], records: RecordSet) -> None:
    _check_sums(node, roots, records)
    if node.level == "款" and any(k.kids("目") for k in node.kids("項")):
        _check_sum(records, node, "目", [m for k in node.kids("項") for m in k.kids("目")], "本年度", "本年度")
    _check_headers(node, records)
    _check_difference(node, records)
    _check_funding(node, records)


def _check_sums(node: Node, roots: list[Node], records: RecordSet) -> None:
    for parent_level, child_levels, measures in SUM_RULES:
        if node.level != parent_level:
            continue
        pool = roots if node.level == "合計" else node.children
        kids = [k for k in pool if k.level in child_levels and k.table == node.table and k.side == node.side]
        if not kids:
            continue
        if measures is None:
            pairs = [(m, m) for m in owned_money(node)]
        else:
            pairs = [tuple(m.split(":")) if ":" in m else (m, m) for m in measures]
        for mine, theirs in pairs:
            if child_levels == ("説明",):
                # Only numbered 説明 items (細事業 `001 給与費`) add up to their parent; unnumbered
                # ones name a few notable costs, not all of them.
                kids = [k for k in kids if k.code is not None]
                if not any(theirs in k.money for k in kids):
                    continue
            _check_sum(records, node, kids[0].level, kids, mine, theirs)


def _check_sum(records: RecordSet, node: Node, child_level: str, kids: list[Node], mine: str, theirs: str) -> None:
    money = owned_money(node).get(mine)
    if money is None:
        return
    total = sum(_yen(k, theirs) for k in kids)
    records.check(
        "budget_book_sum_children",
        f"{_where(node)}: {mine} = Σ{child_level}.{theirs} ({len(kids)})",
        expected=read_yen(money),
        actual=total,
        page=money.cell.page,
        detail=_detail(kids, theirs),
    )


def _check_headers(node: Node, records: RecordSet) -> None:
    money = owned_money(node)
    seen: set[int | None] = set()
    for header in node.header:  # a header repeated on every page is checked once per printed value
        value = read_yen(header)
        if header is money.get(header.key) or value in seen:
            continue
        seen.add(value)
        printed = money.get(header.key)
        records.check(
            "budget_book_header",
            f"{_where(node)}: header {header.cell.text!r} p.{header.cell.page} = {header.key}",
            expected=read_yen(printed) if printed else None,
            actual=value,
            page=header.cell.page,
        )


def _check_difference(node: Node, records: RecordSet) -> None:
    money = owned_money(node)
    if not {"本年度", "前年度", "比較"} <= money.keys():
        return
    records.check(
        "budget_book_difference",
        f"{_where(node)}: 比較 = 本年度 − 前年度",
        expected=_yen(node, "本年度") - _yen(node, "前年度"),
        actual=read_yen(money["比較"]),
        page=money["比較"].cell.page,
    )


def _check_funding(node: Node, records: RecordSet) -> None:
    money = owned_money(node)
    if "本年度" not in money or not any(k in money for k in FUNDING_KEYS):
        return
    records.check(
        "budget_book_funding",
        f"{_where(node)}: 国県支出金 + 地方債 + その他 + 一般財源 = 本年度",
        expected=read_yen(money["本年度"]),
        actual=sum(_yen(node, k) for k in FUNDING_KEYS),
        page=money["本年度"].cell.page,
    )


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
