"""Benchmark of parsers.normalize: parse_number values/s and tokenize characters/s on one core.

Run: .venv/bin/python bench/bench_normalize.py
Single process, single thread (one core). Prints one JSON line and appends it to
bench/results/normalize.jsonl (git-ignored). Inputs are generated from a fixed seed and pinned by
sha256 (STYLE §7), so runs are comparable; no timing is ever asserted.
"""

import hashlib
import json
import platform
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_fuji import run_header  # noqa: E402

from parsers.normalize import parse_number, tokenize  # noqa: E402

N_PLAIN = 200_000
N_MIXED = 20_000
REPEATS = 5
PROSE = (
    "横浜市は、デジタル統括本部を中心に、行政手続のオンライン化を推進します。"
    "令和6年度は、年間受付件数上位100手続のうち43/100を対応済みとし、約1,900万件の申請の約9割を"
    "スマートフォンから行えるようにします。生成AIの活用・研究や、DX推進研修（受講者数2,800人）も進めます。\n"
)
# sha256 of the generated inputs; a change here means results are no longer comparable.
PINNED_SHA256 = {
    "plain": "44e1abce32470b9ca7299ed7960f1602f56f17d960970106fd678d8bed4ead11",
    "mixed": "7ba6402b524fc1b22f5746782d79c1ab5f6bf941031537069e9f19b14657a557",
    "prose": "9c693815c566d0e812c37525e65dbde703e6c7fce53e513a41bb493703bf93dc",
}


def plain_amounts(rng: random.Random) -> list[str]:
    """Given a seeded RNG, return budget-table style amounts: `1,048,514`, `▲785`, `34, 577`."""
    out = []
    for _ in range(N_PLAIN):
        n = rng.randrange(0, 10_000_000)
        s = f"{n:,}"
        r = rng.random()
        if r < 0.15:
            s = "▲" + s
        elif r < 0.2:
            s = "△ " + s
        elif r < 0.3:
            s = s.replace(",", ", ")
        out.append(s)
    return out


def mixed_cells(rng: random.Random) -> list[str]:
    """Given a seeded RNG, return KPI-style cells: units, 万, 割, qualifiers, full width, ranges."""
    forms = [
        "{n}件",
        "約{n}万件",
        "{n}％以上",
        "１{d},５{d}６件",
        "{n}割増",
        "R5 年度実績から 約 {d}%増",
        "{n}～{m}",
        "{n}/100",
        "（対目標：▲{d}.{d}％）",
        "年{n}回",
        "{n}.{d}億円",
        "■■■",
        "-",
    ]
    out = []
    for _ in range(N_MIXED):
        n = rng.randrange(1, 100)
        out.append(rng.choice(forms).format(n=n, m=n + rng.randrange(1, 50), d=rng.randrange(0, 10)))
    return out


def digest(items: list[str]) -> str:
    return hashlib.sha256("\n".join(items).encode("utf-8")).hexdigest()


def best_rate(fn, items, count: int) -> float:
    """Given a function over a batch, return the best of REPEATS runs as items per second."""
    best = float("inf")
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        fn(items)
        best = min(best, time.perf_counter() - t0)
    return count / best


def run_numbers(items: list[str]) -> None:
    for s in items:
        parse_number(s)


def run_tokenize(text: str) -> None:
    tokenize(text)


def main() -> None:
    rng = random.Random(20240401)
    plain, mixed = plain_amounts(rng), mixed_cells(rng)
    prose = PROSE * 2000  # 290,000 characters, ~800 KB of UTF-8: many Sudachi chunks
    hashes = {"plain": digest(plain), "mixed": digest(mixed), "prose": digest([prose])}
    if hashes != PINNED_SHA256:
        print("warning: benchmark inputs differ from the pinned sha256", file=sys.stderr)
    tokenize("準備")  # dictionary load is not part of the rate
    result = run_header("normalize") | {
        "processor": platform.processor(),
        "inputs_sha256": hashes,
        "inputs_pinned": hashes == PINNED_SHA256,
        "plain_amounts": len(plain),
        "parse_number_plain_values_per_s": round(best_rate(run_numbers, plain, len(plain))),
        "parse_number_mixed_values_per_s": round(best_rate(run_numbers, mixed, len(mixed))),
        "tokenize_chars": len(prose),
        "tokenize_chars_per_s": round(best_rate(run_tokenize, prose, len(prose))),
    }
    line = json.dumps(result, ensure_ascii=False)
    print(line)
    out = ROOT / "bench" / "results" / "normalize.jsonl"
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("a", encoding="utf-8") as f:
        f.write(line + "\n")


if __name__ == "__main__":
    main()
