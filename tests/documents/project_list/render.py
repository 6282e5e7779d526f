"""Our own renderings of a one-row-per-project list, in layouts unlike 南国市's, for the family tests.

`UNRULED`: portrait A4, no ruling line at all (rows apart by white space), columns in another order
(事業名 before 款項目 and 主管課, the 財源 sources 一般財源 first), two years' 予算額 with the year
stacked over `予算額（千円）`, a 合計 row. `RULED`: landscape A3, every row ruled across the table,
the 南国市 order, the 内容 left of the figures, two rows a page (the second page has no header).
Both print `LIST`, so both parse to the same records. `RULED`'s rules follow `sample_docs.pdfkit.ruling`
(a full grid by default; horizontal rules only).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.pdfgen import canvas

from sample_docs import pdfkit
from sample_docs.pdfkit import EMBEDDED_GOTHIC, GRID, current_ruling, register_fonts

TITLE = "令和６年度当初予算 主な継続事業"
SOURCES = ("国", "県", "地方債", "その他", "一般財源")
# 番号, 主管課 lines, 款項目 lines, 事業名 lines, 令和5年度, 令和6年度, 増減,
# 財源 (国, 県, 地方債, その他, 一般財源), 内容 lines
LIST = [
    (
        "1",
        ["情報政策課"],
        ["２．１．１"],
        ["電子市役所推進事業費（窓口", "キャッシュレス化）"],
        "12,000",
        "15,500",
        "3,500",
        ("5,000", "", "", "500", "10,000"),
        ["窓口でのキャッシュレス決済を", "全庁に広げる。"],
    ),
    (
        "2",
        ["子育て支援", "課"],
        ["３．２．５"],
        ["放課後児童対策事業費"],
        "40,000",
        "38,000",
        "△ 2,000",
        ("10,000", "10,000", "", "", "18,000"),
        ["既存１２クラブの運営委託。"],
    ),
    (
        "3",
        ["企画課", "生涯学習課"],
        ["２．１．８", "10．５．２"],
        ["地域振興事業費（公民館助成）", "公民館管理費（公民館整備費）"],
        "0",
        "20,000",
        "20,000",
        ("", "", "6,000", "4,000", "10,000"),
        ["公民館の建替えに助成し、", "跡地を整備する。"],
    ),
]
TOTAL = ("52,000", "73,500", "21,500", ("15,000", "10,000", "6,000", "4,500", "38,000"))


@dataclass(frozen=True)
class Layout:
    """Columns left to right: (key, header lines, width in points); a key in SOURCES is a 財源 column."""

    pagesize: tuple[float, float]
    columns: tuple[tuple[str, tuple[str, ...], float], ...]
    font_pt: float
    ruled: bool
    total: bool
    per_page: int = 0  # rows per page (0: all on one); later pages continue the table without a header


UNRULED = Layout(
    pagesize=A4,
    columns=(
        ("番号", ("番号",), 22),
        ("事業名", ("事業名",), 120),
        ("款項目", ("款項目",), 40),
        ("主管課", ("主管課",), 50),
        ("今年", ("令和６年度", "予算額（千円）"), 48),
        ("前年", ("令和５年度", "予算額（千円）"), 48),
        ("増減", ("増減",), 38),
        ("一般財源", ("一般財源",), 36),
        ("国", ("国",), 30),
        ("県", ("県",), 30),
        ("地方債", ("地方債",), 30),
        ("その他", ("その他",), 30),
        ("内容", ("主な内容",), 0),  # the rest of the page
    ),
    font_pt=5.5,
    ruled=False,
    total=True,
)
RULED = Layout(
    pagesize=landscape(A3),
    columns=(  # 1,140 pt: the page's width less its margins
        ("番号", ("番号",), 40),
        ("主管課", ("主管課",), 90),
        ("款項目", ("款項目",), 70),
        ("事業名", ("事業名",), 190),
        ("内容", ("事 業 の 内 容",), 200),
        ("前年", ("Ｒ５年度当初", "予算額（千円）"), 85),
        ("今年", ("Ｒ６年度当初", "予算額（千円）"), 85),
        ("増減", ("増減",), 70),
        ("国", ("国",), 60),
        ("県", ("県",), 60),
        ("地方債", ("地方債",), 60),
        ("その他", ("その他",), 60),
        ("一般財源", ("一般財源",), 70),
    ),
    font_pt=10.0,
    ruled=True,
    total=False,
    per_page=2,
)


def render(path: Path, layout: Layout) -> Path:
    """Given a layout, write `LIST` in it to `path` and return the path."""
    register_fonts()
    width, _ = layout.pagesize
    c = canvas.Canvas(str(path), pagesize=layout.pagesize)
    edges = [24.0]
    for _, _, w in layout.columns:
        edges.append(edges[-1] + (w or width - 24 - edges[-1]))
    box = {key: (edges[i], edges[i + 1]) for i, (key, _, _) in enumerate(layout.columns)}
    body = [(*row[:8], dict(zip(SOURCES, row[7], strict=True)), row[8]) for row in LIST]
    if layout.total:
        body.append(("", ["合計"], [], [], *TOTAL[:3], (), dict(zip(SOURCES, TOTAL[3], strict=True)), []))
    size = layout.per_page or len(body)
    for start in range(0, len(body), size):
        _page(c, layout, box, edges, body[start : start + size], header=start == 0)
        c.showPage()
    c.save()
    return path


def _page(c: canvas.Canvas, layout: Layout, box, edges, body, *, header: bool) -> None:
    f = layout.font_pt
    lead = f * 1.25
    y = layout.pagesize[1] - 40
    rules = [y + f]
    if header:
        c.setFont(EMBEDDED_GOTHIC, f * 1.4)
        c.drawString(edges[0], y, TITLE)
        y -= 3 * f
        rules = [y + f]
        c.setFont(EMBEDDED_GOTHIC, f)
        sources = [k for k in box if k in SOURCES]
        group = (min(box[k][0] for k in sources), max(box[k][1] for k in sources))
        c.drawCentredString(sum(group) / 2, y, "財 源 内 訳")
        for key, lines, _ in layout.columns:
            first = y - lead if key in SOURCES else y
            for i, text in enumerate(lines):
                c.drawCentredString(sum(box[key]) / 2, first - i * lead, text)
        y -= 2 * lead + f
        rules.append(y + f * 0.6)
    else:
        y -= lead
    c.setFont(EMBEDDED_GOTHIC, f)
    for number, depts, codes, names, before, now, change, _, funding, content in body:
        lines = max(len(depts), len(codes), len(names), len(content), 1)
        centre = y - (lines - 1) * lead / 2
        cells = {
            "番号": [number],
            "主管課": depts,
            "款項目": codes,
            "事業名": names,
            "内容": content,
            "前年": [before],
            "今年": [now],
            "増減": [change],
            **{k: [v] for k, v in funding.items()},
        }
        for key, texts in cells.items():
            x0, x1 = box[key]
            texts = [t for t in texts if t]
            top = centre + (len(texts) - 1) * lead / 2
            for i, text in enumerate(texts):
                if key in ("事業名", "内容") or (key == "主管課" and text == "合計"):
                    c.drawString(x0 + 3, top - i * lead, text)
                elif key in ("番号", "主管課", "款項目"):
                    c.drawCentredString((x0 + x1) / 2, top - i * lead, text)
                else:
                    c.drawRightString(x1 - 3, top - i * lead, text)
        y -= lines * lead + (1.5 * f if layout.ruled else 2 * f)
        rules.append(y + f * 0.8)
    if layout.ruled and current_ruling() != pdfkit.UNRULED:
        c.setLineWidth(0.5)
        for r in rules:
            c.line(edges[0], r, edges[-1], r)
        for x in edges if current_ruling() == GRID else ():
            c.line(x, rules[0], x, rules[-1])
