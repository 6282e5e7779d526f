"""A document's page models in reading order, held in memory for a short document and spilled to a
temporary file for a long one, so that a 1,000-page book's pages never sit in memory together (#15).

Why: every later step (text repair, OCR, raw cells, the family) reads a document page after page, but
held as objects a budget book's page costs ~350 KB, which made a long book's parse grow with its length.
Past SPILL_AFTER_PAGES pages each model is pickled into an unnamed temporary file (unlinked at creation:
nothing is left on disk whatever happens to the process) and read back when asked for. Reading one back
costs ~2 ms, so a short document, where memory is no concern, keeps its models as they are.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import overload

from parsers.pdf.model import PageModel

SPILL_AFTER_PAGES = 64
"""A document with more pages than this keeps them in a temporary file (a budget book by 款 is 2-20
pages a file; a whole book is hundreds)."""


class PageStore(Sequence[PageModel]):
    """The page models of one document, appended in reading order; an ordinary read-only sequence."""

    def __init__(self, spill_after: int | None = None) -> None:
        self._spill_after = SPILL_AFTER_PAGES if spill_after is None else spill_after
        self._held: list[PageModel] = []
        self._file = None
        self._spans: list[tuple[int, int]] = []  # (offset, length) of each spilled page
        self.numbers: list[int] = []
        """Each page's number, without reading the page back."""

    @classmethod
    def of(cls, models: Iterable[PageModel], spill_after: int | None = None) -> PageStore:
        """A store holding `models`, taken one at a time."""
        store = cls(spill_after)
        for model in models:
            store.append(model)
        return store

    def append(self, model: PageModel) -> None:
        """Add the next page; past the threshold, every page held so far moves to the file."""
        self.numbers.append(model.number)
        if self._file is None and len(self.numbers) <= self._spill_after:
            self._held.append(model)
            return
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="gyosei-pages-")
            held, self._held = self._held, []
            for page in held:
                self._spill(page)
        self._spill(model)

    def _spill(self, model: PageModel) -> None:
        blob = pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)
        offset = self._file.seek(0, 2)
        self._file.write(blob)
        self._spans.append((offset, len(blob)))

    @property
    def spilled(self) -> bool:
        """Whether the pages are in the temporary file."""
        return self._file is not None

    def __len__(self) -> int:
        return len(self.numbers)

    @overload
    def __getitem__(self, index: int) -> PageModel: ...

    @overload
    def __getitem__(self, index: slice) -> list[PageModel]: ...

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if self._file is None:
            return self._held[index]
        offset, length = self._spans[index]
        self._file.seek(offset)
        return pickle.loads(self._file.read(length))

    def __iter__(self) -> Iterator[PageModel]:
        if self._file is None:
            return iter(self._held)
        return (self[i] for i in range(len(self)))


def page_numbers(pages: Sequence[PageModel]) -> list[int]:
    """Each page's number; a store answers without reading its pages back."""
    return pages.numbers if isinstance(pages, PageStore) else [page.number for page in pages]
