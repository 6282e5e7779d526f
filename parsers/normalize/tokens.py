"""SudachiPy tokens of text fields, for search and for matching names across documents (DESIGN §4).

Why Sudachi (core dictionary, split mode C): its `normalized_form` folds spelling variants
(`手続` -> `手続き`, `一人ひとり` -> `一人一人`) and its default config joins numerals
(`136万7千` is one 数詞 token); `numbers.py` asks it whether a kanji numeral is swallowed by a word.

One dictionary per process, one tokenizer per thread (a `threading.local`): the core dictionary costs
~0.1 s and ~75 MB of memory, so threads share it (a budget-book ingest ran 5 copies, issue #15); a
tokenizer is not safe to share between threads (Prefect runs tasks in threads in its ephemeral mode),
and one made from the shared dictionary costs almost nothing.
Sudachi refuses input over 49,149 UTF-8 bytes, so long text is cut at line or sentence ends (or, for
one very long sentence, at any character) into chunks under `MAX_CHUNK_BYTES`.
"""

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

from sudachipy import Dictionary, SplitMode

from parsers.normalize.errors import NormalizationError

MAX_CHUNK_BYTES = 48_000  # Sudachi's hard limit is 49,149 bytes
_BREAK_AFTER = re.compile(r"[\n。．！？!?]")


@dataclass(frozen=True, slots=True)
class Token:
    """One morpheme: `begin`/`end` are character offsets into the text given to `tokenize`; `is_oov` is
    True when the dictionary does not know the word (used to detect mismapped text layers)."""

    surface: str
    normalized_form: str
    part_of_speech: tuple[str, ...]
    begin: int
    end: int
    is_oov: bool = False


_local = threading.local()


@lru_cache(maxsize=1)
def load_dictionary() -> Dictionary:
    """This process's Sudachi core dictionary, loaded on first use (30 ms). A process that forks parses
    may load it first: the children share it (it is a read-only mapping of the dictionary file)."""
    return Dictionary(dict="core")


def _tokenizer():
    """Return this thread's Sudachi tokenizer, made from the shared dictionary on first use."""
    if not hasattr(_local, "tokenizer"):
        _local.tokenizer = load_dictionary().tokenizer(mode=SplitMode.C)
    return _local.tokenizer


def tokenize(text: str) -> list[Token]:
    """Given any text, return its Sudachi tokens in order, whitespace tokens dropped."""
    if not isinstance(text, str):
        raise NormalizationError(text, "not a string")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise NormalizationError(text, "text is not valid Unicode (lone surrogate)") from exc
    out: list[Token] = []
    tok = _tokenizer()
    for offset, chunk in _chunks(text):
        for m in tok.tokenize(chunk):
            surface = m.surface()
            if surface.isspace():
                continue
            out.append(
                Token(
                    surface,
                    m.normalized_form(),
                    tuple(m.part_of_speech()),
                    offset + m.begin(),
                    offset + m.end(),
                    m.is_oov(),
                )
            )
    return out


@lru_cache(maxsize=65536)
def path_cost(text: str) -> int:
    """Given a short text, return the cost of Sudachi's best segmentation of it: the lower, the more
    plausible as Japanese (`その他` 2664, `その龍` 6111, `本隼度` 17189, `本年度` 0). It tells apart
    readings of a glyph that look alike, where both make known words."""
    return sum(_tokenizer().tokenize(chunk).get_internal_cost() for _, chunk in _chunks(text))


@lru_cache(maxsize=4096)
def token_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Given a short text, return the (begin, end) character span of each of its tokens."""
    return tuple((t.begin, t.end) for t in tokenize(text))


def _chunks(text: str) -> list[tuple[int, str]]:
    """Given text, return (character offset, chunk) pairs, each chunk under MAX_CHUNK_BYTES."""
    if len(text) * 4 <= MAX_CHUNK_BYTES or len(text.encode("utf-8")) <= MAX_CHUNK_BYTES:
        return [(0, text)]
    chunks = []
    start = 0
    while start < len(text):
        end = _cut(text, start)
        chunks.append((start, text[start:end]))
        start = end
    return chunks


def _cut(text: str, start: int) -> int:
    """Given text and a start, return the end of the longest chunk under the limit, ending at a break."""
    size = 0
    end = start
    last_break = None
    while end < len(text):
        size += len(text[end].encode("utf-8"))
        if size > MAX_CHUNK_BYTES:
            break
        end += 1
        if _BREAK_AFTER.match(text[end - 1]):
            last_break = end
    if end == len(text):
        return end
    return last_break if last_break is not None else end
