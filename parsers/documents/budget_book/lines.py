"""Row events in reading order -> the budget tree: side, 款 → 項 → 目 → 節 (→ 細節) and 説明 items.

Reading order is sheet by sheet, line by line, and on each line the row part before the 節 part before
the 説明 part, so a 節 or 説明 line always lands under the 目 printed at or above it, also when a 目
runs on over the next page. Repeated chapter headers (`１款 市税 49,286,300千円` at every 項 and on
every page) reopen the same node instead of making a new one; their amounts are kept for checks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field, replace

from parsers.documents.budget_book.columns import TABLE_NAMES, Band
from parsers.documents.budget_book.rows import Cell, Event
from parsers.pdf.reading import wrap_homes
from schemas.collect import RecordSet

DEFAULT_CONTINUATION_INDENT = 2.0  # × char height: a 説明 line indented this much deeper continues the item above
DEFAULT_INDENT_TOLERANCE_PT = 1.5
DEFAULT_FIGURE_LINE_GAP = 2.5  # × char height: a figures-only line this close below a bare coded row is its figures


@dataclass(eq=False)
class Money:
    """A printed amount of a node: measure key, printed column label, the cell and its unit."""

    key: str
    label: str
    cell: Cell
    unit: str


@dataclass(eq=False)
class Node:
    """A line of the budget tree with its printed amounts (`money`) and chapter-header amount."""

    table: str
    side: str | None
    level: str
    code: str | None
    name: str
    cell: Cell | None
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    money: dict[str, Money] = field(default_factory=dict)
    header: list[Money] = field(default_factory=list)
    reprints: list[Cell] = field(default_factory=list)  # the name printed again (continuation page, running head)
    notes: list[str] = field(default_factory=list)
    indent: float = 0.0  # 説明 items: x of the line's first word (code or name), for nesting
    name_x0: float = 0.0  # 説明 items: x of the name, for telling a wrapped line from a sub-item

    def kids(self, level: str) -> list[Node]:
        return [c for c in self.children if c.level == level]

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}" if self.code else self.name


@dataclass
class TreeBuilder:
    """Consumes events sheet by sheet and grows the forest of budget trees (one per table and side)."""

    records: RecordSet | None = None  # where a fault in placing one event is kept (else it propagates)
    roots: list[Node] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    side: str | None = None
    current: dict[str, Node] = field(default_factory=dict)
    stack: list[Node] = field(default_factory=list)
    sheet_band: Band | None = None  # the sheet's first table header, to tell 歳入 from 歳出 above it
    table_kind: str | None = None  # kind of the table the last sheet held (detail, table1, summary)

    def feed(self, events: Iterable[tuple[Event, Band | None]], row_rules: Sequence[float] = ()) -> None:
        """Given one sheet's events (each with its table header) and the heights of the ruling lines
        that separate its table rows, grow the tree."""
        pending = list(events)
        with self._contain("sheet", pending[0][0] if pending else None):
            pending = _attach_wrapped_names(_attach_lone_figures(pending), row_rules)
        self.sheet_band = next((band for _, band in pending if band is not None), None)
        if self.sheet_band is not None and self.sheet_band.kind != "half":
            if self.table_kind not in (None, self.sheet_band.kind):
                self.side = None  # a new table (総括 → 明細): its side is read afresh, not carried over
            self.table_kind = self.sheet_band.kind
        for event, band in pending:
            with self._contain("row", event):
                getattr(self, f"_on_{event.kind}")(event, band)

    def _contain(self, unit: str, event: Event | None):
        if self.records is None or event is None:
            return nullcontext()
        cell = _first_cell(event)
        return self.records.contain("budget_book:tree", unit, page=cell.page, raw_text=cell.text)

    # -- the row part -------------------------------------------------------------------------
    def _on_side(self, event: Event, band: Band | None) -> None:
        if event.level != self.side:
            self.side = event.level
            self.current.clear()
            self.stack.clear()

    def _on_chapter(self, event: Event, band: Band | None) -> None:
        sheet_band = band or self.sheet_band
        table = sheet_band.table if sheet_band is not None and sheet_band.kind == "detail" else TABLE_NAMES["detail"]
        parent = self.current.get("款") if event.level == "項" else None
        if event.level == "項" and parent is None:
            self.warnings.append(f"p.{_first_cell(event).page}: 項 header {event.code} before any 款 header")
        node = self._find_or_open(table, parent, event.level, event.code, event.name, band)
        if event.amount is not None:  # a running head prints no amount
            node.header.append(Money("本年度", "本年度予算額", event.amount, "千円"))  # the cell prints its own unit

    def _on_row(self, event: Event, band: Band | None) -> None:
        table = band.table
        levels = band.row_levels
        index = levels.index(event.level) if event.level in levels else len(levels) - 1
        parent = None
        for up in reversed(("款", "項", "目")[: ("款", "項", "目").index(levels[index])]):
            if (candidate := self.current.get(up)) is not None and candidate.table == table:
                parent = candidate
                break
        name = event.name.text if event.name else ""
        same = self.current.get(levels[index])
        if same is not None and event.code is not None and (same.parent, same.code) == (parent, event.code):
            # the row reprinted at the top of a continuation page: its amounts are a check, not a new line
            same.header.extend(_money(event, band).values())
            if event.name is not None:
                same.reprints.append(event.name)
            return
        node = self._open(table, parent, levels[index], event.code, name, event.name or _first_cell(event))
        self._set_money(node, event, band)

    def _on_row_text(self, event: Event, band: Band | None) -> None:
        if event.money:
            self.warnings.append(f"p.{_first_cell(event).page}: amounts without a row label, kept on no line")

    def _on_total(self, event: Event, band: Band | None) -> None:
        table = band.table
        if band.kind == "detail":
            owner = self.current.get("項") or self.current.get("款")
            if owner is None:
                self.warnings.append(f"p.{event.name.page}: 計 row before any 款/項")
                return
            if owner.money:  # a second 計 for the same 項 (repeated on a continuation page) is a check
                owner.header.extend(_money(event, band).values())
                return
            self._set_money(owner, event, band)
            return
        node = self._open(table, None, "合計", None, event.name.text.replace(" ", ""), event.name)
        self._set_money(node, event, band)

    # -- the 節 part ----------------------------------------------------------------------------
    def _on_setsu(self, event: Event, band: Band | None) -> None:
        moku = self.current.get("目")
        if moku is None:
            self.warnings.append(f"p.{_first_cell(event).page}: 節 line before any 目: {_first_cell(event).text}")
            return
        if event.code is not None:
            node = self._child(moku, "節", event.code, event.name)
            self.current["節"] = node
            self.current.pop("細節", None)
        elif event.name is not None and event.amount is not None and "節" in self.current:
            node = self._child(self.current["節"], "細節", None, event.name)
            self.current["細節"] = node
        elif event.name is not None:
            last = self.current.get("細節") or self.current.get("節")
            if last is not None:
                last.name += event.name.text
            return
        elif event.amount is not None:
            node = self.current.get("細節") or self.current.get("節")
            if node is None or "金額" in node.money:
                self.warnings.append(f"p.{event.amount.page}: 節 amount {event.amount.text} without a name")
                return
        else:  # neither name nor amount (a stray mark in the 節 column): nothing to place
            self.warnings.append(f"p.{_first_cell(event).page}: 節 line without a name or an amount")
            return
        if event.amount is not None:
            node.money["金額"] = Money("金額", band.get("節金額").label, event.amount, band.unit)

    # -- the 説明 part ---------------------------------------------------------------------------
    def _on_setsumei(self, event: Event, band: Band | None) -> None:
        moku = self.current.get("目")
        if moku is None:
            self.warnings.append(f"p.{_first_cell(event).page}: 説明 line before any 目: {_first_cell(event).text}")
            return
        last = self.stack[-1] if self.stack else None
        if event.name is None and event.amount is None:
            return
        if event.is_note:
            (last or moku).notes.append(event.name.text)
            return
        if event.name is None:
            if last is not None and "金額" not in last.money:
                last.money["金額"] = Money("金額", band.get("説明").label, event.amount, band.unit)
            else:
                self.warnings.append(f"p.{event.amount.page}: 説明 amount {event.amount.text} without an item")
            return
        deeper = last is not None and event.indent >= last.name_x0 + DEFAULT_CONTINUATION_INDENT * event.size
        if event.code is None and event.amount is None and deeper:
            last.name += event.name.text
            if event.note:
                last.notes.append(event.note)
            return
        while self.stack and self.stack[-1].indent >= event.indent - DEFAULT_INDENT_TOLERANCE_PT:
            self.stack.pop()
        parent = self.stack[-1] if self.stack else moku
        node = self._child(parent, "説明", event.code, event.name)
        node.indent, node.name_x0 = event.indent, event.name_x0
        if event.note:
            node.notes.append(event.note)
        if event.amount is not None:
            node.money["金額"] = Money("金額", band.get("説明").label, event.amount, band.unit)
        self.stack.append(node)

    # -- helpers --------------------------------------------------------------------------------
    def _find_or_open(self, table, parent, level, code, cell, band) -> Node:
        siblings = parent.children if parent is not None else self.roots
        for node in siblings:
            same = node.code == code and (code is not None or cell is None or node.name == cell.text)
            if node.table == table and node.side == self._side(band) and node.level == level and same:
                self.current[level] = node
                if cell is not None and node.cell is not cell:
                    node.reprints.append(cell)
                return node
        return self._open(table, parent, level, code, cell.text if cell else "", cell, band)

    def _open(self, table, parent, level, code, name, cell, band=None) -> Node:
        node = Node(table, self._side(band), level, code, name, cell, parent)
        (parent.children if parent is not None else self.roots).append(node)
        order = ("款", "項", "目", "節", "細節")
        for deeper in order[order.index(level) :] if level in order else order:
            self.current.pop(deeper, None)
        self.current[level] = node
        self.stack.clear()
        return node

    def _child(self, parent: Node, level: str, code: str | None, cell: Cell | None) -> Node:
        node = Node(parent.table, parent.side, level, code, cell.text if cell else "", cell, parent)
        parent.children.append(node)
        return node

    def _side(self, band: Band | None) -> str | None:
        band = band or self.sheet_band
        if self.side is None and band is not None and band.kind != "half":
            return "歳出" if band.get("一般財源") or band.get("国県支出金") else "歳入"
        return self.side

    def _set_money(self, node: Node, event: Event, band: Band) -> None:
        node.money.update(_money(event, band))


def _money(event: Event, band: Band) -> dict[str, Money]:
    return {key: Money(key, band.get(key).label, cell, band.unit) for key, cell in event.money.items()}


def _first_cell(event: Event) -> Cell:
    cells = [c for c in (event.name, event.amount, *event.money.values(), event.origin) if c is not None]
    return cells[0] if cells else Cell(event.code or "", None, (0.0, event.top, 0.0, event.top))


def _attach_lone_figures(events: list[tuple[Event, Band | None]]) -> list[tuple[Event, Band | None]]:
    """Given a sheet's events, give a coded row printed without figures the figures-only line right
    below it (第1表 and 総括 of some cities print `1.市 税` and its `５，８６０，６０９` on two lines)."""
    out: list[tuple[Event, Band | None]] = []
    for event, band in events:
        if event.kind == "row_text" and event.name is None and event.money and out:
            above, above_band = out[-1]
            near = event.top - above.top <= DEFAULT_FIGURE_LINE_GAP * max(above.size, 1.0)
            if above.kind in ("row", "total", "row_text") and not above.money and above_band is band and near:
                kind = "row" if above.kind == "row_text" else above.kind  # an uncoded label (`○国庫支出金`)
                out[-1] = (replace(above, kind=kind, money=event.money), band)
                continue
        out.append((event, band))
    return out


def _attach_wrapped_names(
    events: list[tuple[Event, Band | None]], row_rules: Sequence[float] = ()
) -> list[tuple[Event, Band | None]]:
    """Given a sheet's events, fold label-only row lines into the coded row of their level whose name
    they continue (a long name printed over two or three lines around its code: `wrap_homes`, which
    never crosses a row rule), and return the rest."""
    rows = [i for i, (e, _) in enumerate(events) if e.kind == "row"]
    loose = [i for i, (e, _) in enumerate(events) if e.kind == "row_text" and e.name is not None and not e.money]
    names: dict[int, list[tuple[float, Cell]]] = {i: [] for i in rows}
    folded = set()
    for level in {events[i][0].level for i in loose}:
        keyed = [r for r in rows if events[r][0].level == level]
        mine = [i for i in loose if events[i][0].level == level]
        homes = wrap_homes([events[i][0].top for i in mine], [events[r][0].top for r in keyed], row_rules)
        for i, home in zip(mine, homes, strict=True):
            if home is not None:
                names[keyed[home]].append((events[i][0].top, events[i][0].name))
                folded.add(i)
    out_index = [i for i in range(len(events)) if i not in folded]
    out = []
    for i in out_index:
        event, band = events[i]
        if event.kind == "row" and names.get(i):
            parts = sorted([*names[i], (event.top, event.name)], key=lambda p: p[0])
            cells = [c for _, c in parts if c is not None]
            text = "".join(c.text.replace(" ", "") for c in cells)
            base = event.name or cells[0]
            event = Event(
                "row",
                event.top,
                level=event.level,
                code=event.code,
                name=Cell(text, base.page, base.bbox),
                money=event.money,
                size=event.size,
            )
        out.append((event, band))
    return out


def borrow_summary_amounts(roots: list[Node]) -> None:
    """Give each detail 款 that prints no amount of its own (its running head has none) the amounts of
    its row in the book's 総括 (same side and code), which is that 款's row of the same 明細書.

    The amounts keep the 総括's cells as provenance; `款 = Σ項` then checks the detail against them.
    """
    summary = {
        (n.table.replace(" 総括", ""), n.side, n.code or n.name.replace(" ", "")): n
        for n in roots
        if n.table.endswith(" 総括") and n.level == "款"
    }
    for node in roots:
        if (
            node.table.endswith(" 総括")
            or node.table.startswith("第1表")
            or node.level != "款"
            or node.money
            or node.header
        ):
            continue
        printed = summary.get((node.table, node.side, node.code or node.name.replace(" ", "")))
        if printed is not None and printed.money:
            node.money = dict(printed.money)
            node.notes.append("amounts as printed in the 総括")
