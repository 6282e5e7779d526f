"""Text-layer repair on fuji_r8 (#18): do the repaired books name their lines as printed?

Run by hand: `.venv/bin/python bench/text_repair_fuji.py [FOLDER]`. Parses every file with
`parsers.parse.parse_pdf` and measures, on the 歳出 files, the share of 節 names that are national
standard 節 names, and, on every 款 chapter, the share of 款 / 項 names equal to those 00_概要's 第1表
prints (matched by 歳入/歳出 and code). Prints the names that miss, the glyph repairs, seconds per file
and a JSON summary. Machine and load go beside the figures in the note that quotes them.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parsers.parse import parse_pdf  # noqa: E402

DEFAULT_FOLDER = ROOT.parent / "shared" / "real" / "fuji_r8"
# 地方自治法施行規則 別記 歳出予算に係る節の区分 (since 令和2年度: 27 節)
STANDARD_SETSU = frozenset(
    "報酬 給料 職員手当等 共済費 災害補償費 恩給及び退職年金 報償費 旅費 交際費 需用費 役務費 委託料 使用料及び賃借料 "
    "工事請負費 原材料費 公有財産購入費 備品購入費 負担金、補助及び交付金 扶助費 貸付金 補償、補塡及び賠償金 "
    "償還金、利子及び割引料 投資及び出資金 積立金 寄附金 公課費 繰出金".split()
)


def run(folder: Path) -> dict:
    """Given the fuji_r8 folder, return the measured shares (and print what misses)."""
    parsed, seconds = {}, {}
    for path in sorted(folder.glob("*.pdf")):
        started = time.perf_counter()
        parsed[path.name] = parse_pdf(path, f"{len(parsed):064x}")
        seconds[path.name] = round(time.perf_counter() - started, 1)
        result = parsed[path.name]
        repairs = result.records.rows.get("text_repairs", []) if result.records else []
        fixes = " ".join(f"{r.extracted}->{r.repaired}" for r in repairs)
        print(f"{path.name}: {result.text_layer} {seconds[path.name]}s {fixes}", flush=True)
    table1 = {key: line.name for key, line, table in _kan_kou(parsed["00_概要.pdf"]) if table.startswith("第1表")}
    counts: Counter = Counter()
    for name, result in parsed.items():
        if name.startswith(("00_", "99_")) or result.records is None:
            continue
        for line in result.records.rows.get("budget_lines", []):
            if line.level == "節" and name.startswith("歳出"):
                ok = line.name in STANDARD_SETSU
                counts["setsu"] += 1
                counts["setsu_ok"] += ok
                if not ok:
                    print(f"  節 not standard: {name} p{line.page} {line.name!r}")
        for key, line, _ in _kan_kou(result):
            printed = table1.get(key)
            counts["kanko"] += 1
            counts["kanko_ok"] += printed == line.name
            if printed != line.name:
                print(f"  {line.level} differs from 第1表: {name} p{line.page} {line.name!r} vs {printed!r}")
    layers = Counter(r.text_layer for r in parsed.values())
    return {
        "files": len(parsed),
        "text_layers": dict(layers),
        "setsu_standard": f"{counts['setsu_ok']}/{counts['setsu']}",
        "kan_kou_equal_table1": f"{counts['kanko_ok']}/{counts['kanko']}",
        "seconds": round(sum(seconds.values()), 1),
        "pages": sum(r.pages for r in parsed.values()),
        "load": os.getloadavg()[0],
    }


def _kan_kou(result) -> list:
    """Return [((side, 款 code, 項 code or ''), line, table name)] of a parsed book's 款 and 項 lines.

    00_概要 prints a 款 in 第1表 and again in 総括; each line is listed with the table it was read from.
    """
    rows = result.records.rows
    tables = {a.line_id: a.table_name for a in rows.get("budget_amounts", [])}
    lines = {line.line_id: line for line in rows.get("budget_lines", [])}
    out = []
    for line in lines.values():
        if line.level == "款":
            out.append(((line.side, line.code, ""), line, tables.get(line.line_id, "")))
        elif line.level == "項" and line.parent_line_id in lines:
            key = (line.side, lines[line.parent_line_id].code, line.code)
            out.append((key, line, tables.get(line.line_id, "")))
    return out


if __name__ == "__main__":
    print(json.dumps(run(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_FOLDER), ensure_ascii=False))
