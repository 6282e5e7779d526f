"""Fuzzing the two front doors of the parsers with hostile input, each input bounded in time.

- the normaliser (numbers, eras, text): generated strings built from the pieces documents print (digits of
  every width, kanji numerals, ▲/△, units, qualifiers, eras, brackets) plus random characters; every
  input must give a result or a NormalizationError;
- the PDF opener (`check_pdf_bytes` + `open_pdf`): real PDFs with bytes flipped, streams cut, objects
  dropped, the file truncated or numbers blown up; every input must give an opened PDF or an
  UnreadablePdf, within its time and memory limits, in worker processes.

An outcome other than a result or the clear error (another exception, a hang, a memory blow-up) is a
finding: counted, with the first examples kept. Used by tests/fuzz (small counts, in CI) and
bench/fuzz.py (the large counts).
"""

from __future__ import annotations

import random
import re
import resource
import signal
import tempfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from parsers.normalize import (
    NormalizationError,
    clean_text,
    parse_amount_yen,
    parse_fiscal_year,
    parse_number,
    parse_numbers,
    parse_period,
)
from parsers.pdf.errors import UnreadablePdf
from parsers.pdf.open import check_pdf_bytes, open_pdf

NORMALIZE_SECONDS = 1.0
"""Time allowed for one input through every normaliser entry point."""
PDF_SECONDS = 10.0
"""Time allowed for opening one mutated PDF."""
PDF_MEMORY_BYTES = 2 << 30
"""Address-space limit of a PDF worker: a blow-up becomes a MemoryError, never the machine's problem."""
EXAMPLES_KEPT = 5

PIECES = (
    list("0123456789０１２３４５６７８９〇一二三四五六七八九十百千万億兆")
    + list(",，.．、 　-－−―▲△~～/%％()（）■□")
    + ["千円", "円", "万円", "億円", "人", "件", "手続", "割", "約", "超", "以上", "以下", "未満", "程度"]
    + ["増", "減", "令和", "平成", "昭和", "R", "H", "S", "元", "年", "年度", "月", "Q", "第", "号"]
    + ["一人ひとり", "誰一人", "一部", "\n", "\t", "e", "E", "+", "*", "=", "0x", "∞", "NaN"]
)


class Hang(Exception):
    """The input took longer than its time limit."""


@dataclass
class FuzzReport:
    """Outcomes of one fuzz run: how many inputs gave each outcome, and examples of the findings."""

    inputs: int = 0
    outcomes: Counter = field(default_factory=Counter)
    findings: dict[str, list[str]] = field(default_factory=dict)

    def add(self, outcome: str, example: str | None = None) -> None:
        self.inputs += 1
        self.outcomes[outcome] += 1
        if example is not None:
            kept = self.findings.setdefault(outcome, [])
            if len(kept) < EXAMPLES_KEPT:
                kept.append(example)

    def merge(self, other: FuzzReport) -> None:
        self.inputs += other.inputs
        self.outcomes.update(other.outcomes)
        for outcome, examples in other.findings.items():
            kept = self.findings.setdefault(outcome, [])
            kept.extend(examples[: EXAMPLES_KEPT - len(kept)])

    @property
    def finding_count(self) -> int:
        return sum(n for outcome, n in self.outcomes.items() if outcome not in ("ok", "clear error"))


def _on_alarm(signum, frame):
    raise Hang


def _bounded(seconds: float, call):
    """Run `call()` with a wall-clock limit (SIGALRM: pure-Python parsers are interrupted promptly)."""
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return call()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# -- the normaliser ---------------------------------------------------------------------------------


def normalizer_input(rng: random.Random) -> str:
    """A string made of the pieces numbers, eras and units are printed with, sometimes with noise."""
    text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 12)))
    if rng.random() < 0.1:
        at = rng.randint(0, len(text))
        text = text[:at] + chr(rng.randint(0x20, 0x2FFFF)) + text[at:]
    if rng.random() < 0.01:
        text *= rng.randint(2, 200)  # long inputs: a quadratic regex shows here
    return text


def _normalize_all(text: str) -> None:
    for call in (parse_number, parse_numbers, parse_amount_yen, parse_fiscal_year, parse_period, clean_text):
        try:
            call(text)
        except NormalizationError:
            pass


def fuzz_normalizer(count: int, seed: int = 0) -> FuzzReport:
    """Run `count` generated inputs through every normaliser entry point (a NormalizationError is the
    clear error each may give)."""
    rng, report = random.Random(seed), FuzzReport()
    for _ in range(count):
        text = normalizer_input(rng)
        try:
            _bounded(NORMALIZE_SECONDS, lambda text=text: _normalize_all(text))
        except Hang:
            report.add("hang", repr(text))
        except Exception as err:  # noqa: BLE001 (any other exception is the finding)
            report.add(f"crash {type(err).__name__}", f"{text!r}: {err}")
        else:
            report.add("ok")
    return report


# -- the PDF opener ---------------------------------------------------------------------------------

OBJECT = re.compile(rb"\d+ \d+ obj\b.*?\bendobj\b", re.S)
STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.S)
NUMBER = re.compile(rb"(?<![\w.])\d{1,6}(?![\w.])")


def mutate_pdf(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One mutation of a PDF's bytes: (what was done, the mutated bytes)."""
    kind = rng.choice(["flip", "cut stream", "drop object", "truncate", "big number", "splice"])
    if kind == "flip":
        out = bytearray(data)
        for _ in range(rng.randint(1, 64)):
            out[rng.randrange(len(out))] = rng.randrange(256)
        return kind, bytes(out)
    if kind == "cut stream" and (streams := list(STREAM.finditer(data))):
        m = rng.choice(streams)
        cut = rng.randint(m.start(1), m.end(1))
        return kind, data[:cut] + data[m.end(1) :]
    if kind == "drop object" and (objects := list(OBJECT.finditer(data))):
        m = rng.choice(objects)
        return kind, data[: m.start()] + data[m.end() :]
    if kind == "big number" and (numbers := list(NUMBER.finditer(data))):
        m = rng.choice(numbers)
        return kind, data[: m.start()] + rng.choice([b"999999999", b"-1", b"0", b"4294967296"]) + data[m.end() :]
    if kind == "splice":
        start, length = rng.randrange(len(data)), rng.randint(1, 4096)
        at = rng.randrange(len(data))
        return kind, data[:at] + data[start : start + length] + data[at:]
    return "truncate", data[: rng.randrange(1, len(data))]


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (PDF_MEMORY_BYTES, PDF_MEMORY_BYTES))


def _open_one(data: bytes, scratch: Path) -> str:
    scratch.write_bytes(data)
    check_pdf_bytes(data[:2048])
    with open_pdf(scratch) as pdf:
        return f"ok {len(pdf.pages)} pages"


def _fuzz_pdf_chunk(sources: list[Path], seeds: list[int]) -> FuzzReport:
    originals = [p.read_bytes() for p in sources]
    report = FuzzReport()
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp) / "mutant.pdf"
        for seed in seeds:
            rng = random.Random(seed)
            source = rng.randrange(len(originals))
            kind, data = mutate_pdf(originals[source], rng)
            where = f"seed {seed}: {kind} of {sources[source].name}"
            try:
                _bounded(PDF_SECONDS, lambda data=data: _open_one(data, scratch))
            except UnreadablePdf:
                report.add("clear error")
            except Hang:
                report.add("hang", where)
            except MemoryError:
                report.add("memory", where)
            except Exception as err:  # noqa: BLE001 (any other exception is the finding)
                report.add(f"crash {type(err).__name__}", f"{where}: {err}")
            else:
                report.add("ok")
    return report


def fuzz_pdf_opener(sources: list[Path], count: int, *, seed: int = 0, workers: int = 2) -> FuzzReport:
    """Open `count` mutants of the PDFs in `sources` in `workers` processes (each memory-limited)."""
    seeds = [seed * 1_000_003 + n for n in range(count)]
    chunks = [seeds[n : n + 200] for n in range(0, count, 200)]
    report = FuzzReport()
    with ProcessPoolExecutor(max_workers=workers, initializer=_limit_memory) as pool:
        for part in pool.map(_fuzz_pdf_chunk, [sources] * len(chunks), chunks):
            report.merge(part)
    return report


def default_pdf_sources(real_dir: Path, sample_docs: Path, max_bytes: int = 300_000) -> list[Path]:
    """The real PDFs under `real_dir` up to `max_bytes` (several producers) when present, else the samples."""
    real = sorted(p for p in real_dir.rglob("*.pdf") if p.stat().st_size <= max_bytes) if real_dir.is_dir() else []
    return real or sorted(sample_docs.glob("*.pdf"))


def pdf_source_note(sources: list[Path]) -> str:
    return (
        f"{len(sources)} PDFs ({sum(p.stat().st_size for p in sources) // 1024} KiB): "
        + ", ".join(p.name for p in sources[:5])
        + (", …" if len(sources) > 5 else "")
    )
