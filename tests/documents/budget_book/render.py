"""Our own renderings of a small 歳出 事項別明細書, in layouts unlike Fuji's, for the family tests.

`PORTRAIT`: one portrait A4 page holding the whole table, narrow columns, letter-spaced labels
(`比　較`, `区　分`), the 財源 labels on the same line as the others, no 財源内訳 heading, and no
side marker. `SPLIT`: the same table as a spread split over two landscape pages (目 and money on
the first, 節 and 説明 on the second), wide columns, the money columns in another width order.
Both print the same facts (`BOOK`), so both must parse to the same records. The rules follow
`sample_docs.pdfkit.ruling` (a full grid by default, horizontal rules only, or none).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from sample_docs.pdfkit import EMBEDDED_GOTHIC, GRID, UNRULED, current_ruling, register_fonts

FUNDING = ("国県支出金", "地方債", "その他", "一般財源")

# 目: (code, name, 本年度, 前年度, 比較, 財源 (国県, 地方債, その他, 一般), 節 lines, 説明 lines)
# 節 line: (code or None, name, amount or None); 説明 line: (indent level, code, name, amount, note)
BOOK = {
    "款": ("2", "総務費", "12,500"),
    "項": ("1", "総務管理費", "12,500"),
    "目": [
        (
            "1",
            "一般管理費",
            "10,000",
            "9,000",
            "1,000",
            ("2,000", "", "500", "7,500"),
            [
                ("1", "報酬", "4,000"),
                ("3", "職員手当等", "6,000"),
                (None, "扶養手当", "2,500"),
                (None, "通勤手当", "3,500"),
            ],
            [
                (0, "001", "一般管理事務費", "10,000", None),
                (1, "001", "庁舎管理事業費", "6,000", None),
                (2, None, "庁舎清掃委託", None, None),
                (1, "002", "文書管理事業費", "4,000", "100×40"),
            ],
        ),
        (
            "2",
            "文書広報費",
            "2,500",
            "3,000",
            "△500",
            ("", "", "", "2,500"),
            [("11", "役務費", "2,500")],
            [(0, "001", "広報事業費", "2,500", None)],
        ),
    ],
    "計": ("12,500", "12,000", "500", ("2,000", "0", "500", "10,000")),
}


@dataclass(frozen=True)
class Layout:
    """Where each column sits: (label, width in points) left to right, per physical page."""

    pagesize: tuple[float, float]
    pages: tuple[tuple[tuple[str, float], ...], ...]
    font_pt: float
    line_pt: float
    left_pt: float = 20.0


PORTRAIT = Layout(
    pagesize=A4,
    pages=(
        (
            ("目", 62),
            ("本年度予算額", 50),
            ("前年度予算額", 50),
            ("比　較", 38),
            ("国県支出金", 36),
            ("地方債", 30),
            ("その他", 30),
            ("一般財源", 34),
            ("区　分", 56),
            ("金　額", 38),
            ("説　明", 130),
        ),
    ),
    font_pt=5.5,
    line_pt=11.0,
)
SPLIT = Layout(
    pagesize=landscape(A4),
    pages=(
        (
            ("目", 150),
            ("本年度予算額", 90),
            ("前年度予算額", 90),
            ("比較", 70),
            ("国県支出金", 95),
            ("地方債", 60),
            ("その他", 80),
            ("一般財源", 90),
        ),
        (("区分", 150), ("金額", 100), ("説明", 500)),
    ),
    font_pt=8.0,
    line_pt=15.0,
    left_pt=40.0,
)


def render(path: Path, layout: Layout) -> Path:
    """Given a layout, write `BOOK` in it to `path` and return the path."""
    register_fonts()
    c = canvas.Canvas(str(path), pagesize=layout.pagesize)
    c.setTitle("test budget book")
    for index, columns in enumerate(layout.pages):
        _page(c, layout, columns, first=index == 0)
        c.showPage()
    c.save()
    return path


def _page(c: canvas.Canvas, layout: Layout, columns, *, first: bool) -> None:
    width, height = layout.pagesize
    f, lh = layout.font_pt, layout.line_pt
    edges = [layout.left_pt]
    for _, w in columns:
        edges.append(edges[-1] + w)
    box = {label.replace("　", ""): (edges[i], edges[i + 1]) for i, (label, _) in enumerate(columns)}
    y = height - 40
    c.setFont(EMBEDDED_GOTHIC, f + 1)
    for level in ("款", "項"):  # the right page of a split spread leaves the same space blank
        if first:
            code, name, amount = BOOK[level]
            c.drawString(layout.left_pt + (0 if level == "款" else 8), y, f"{_wide(code)}{level} {name}")
            c.drawRightString(layout.left_pt + 230, y, f"{amount}千円")
        y -= lh
    y -= lh / 2
    header_top = y + f + 2
    c.setFont(EMBEDDED_GOTHIC, f)
    for label, _ in columns:
        x0, x1 = box[label.replace("　", "")]
        c.drawCentredString((x0 + x1) / 2, y, label)
    y -= lh * 0.8
    for label, _ in columns:
        if label.replace("　", "") not in ("目", "区分", "説明"):
            c.drawRightString(box[label.replace("　", "")][1] - 2, y, "千円")
    y -= lh
    body_top = y
    y = _body(c, layout, box, y, first)
    c.setLineWidth(0.4)
    if current_ruling() != UNRULED:
        c.line(edges[0], header_top, edges[-1], header_top)
        c.line(edges[0], body_top + lh * 0.7, edges[-1], body_top + lh * 0.7)
        c.line(edges[0], y, edges[-1], y)
    if current_ruling() == GRID:
        for x in edges:
            c.line(x, header_top, x, y)


def _body(c: canvas.Canvas, layout: Layout, box, y: float, first: bool) -> float:
    lh = layout.line_pt
    for code, name, now, prev, diff, funding, setsu, setsumei in BOOK["目"]:
        if "目" in box:
            _row(c, box, y, f"{code} {name}", (now, prev, diff, *funding))
        if "区分" in box:
            for i, (s_code, s_name, amount) in enumerate(setsu):
                label = f"{s_code} {s_name}" if s_code else f"  {s_name}"
                c.drawString(box["区分"][0] + 2, y - i * lh, label)
                if amount:
                    c.drawRightString(box["金額"][1] - 2, y - i * lh, amount)
            x0, x1 = box["説明"]
            for i, (level, item_code, item, amount, note) in enumerate(setsumei):
                text = f"{item_code} {item}" if item_code else item
                c.drawString(x0 + 3 + 7 * level, y - i * lh, text)
                if note:
                    c.drawString(x0 + (x1 - x0) * 0.45, y - i * lh, note)
                if amount:
                    c.drawRightString(x1 - 3 - 12 * level, y - i * lh, amount)
        y -= lh * max(len(setsu), len(setsumei), 1) + lh / 2
    if "目" in box:
        now, prev, diff, funding = BOOK["計"]
        _row(c, box, y, "計", (now, prev, diff, *funding))
    return y - lh


def _row(c: canvas.Canvas, box, y: float, label: str, amounts) -> None:
    c.drawString(box["目"][0] + 3, y, label)
    for key, amount in zip(("本年度予算額", "前年度予算額", "比較", *FUNDING), amounts, strict=True):
        if amount and key in box:
            c.drawRightString(box[key][1] - 2, y, amount)


def _wide(digits: str) -> str:
    return digits.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
