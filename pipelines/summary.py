"""What happened to each document in a run, and how the CLI prints it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True)
class DocumentOutcome:
    """The fate of one file in one run: loaded, partial, skipped (unchanged) or failed."""

    file_name: str
    doc_id: str | None
    status: str
    family: str | None = None
    pages: int = 0
    rows: int = 0
    rejects: int = 0
    error: str | None = None

    def line(self) -> str:
        """One line for the terminal."""
        counts = f"{self.pages:>4}p {self.rows:>7} rows {self.rejects:>4} rejects"
        head = f"{self.status:<8} {self.family or '-':<14} {counts}"
        tail = f"  {self.error}" if self.error else ""
        return f"{head}  {self.file_name}{tail}"


@dataclass
class RunSummary:
    """All outcomes of one ingest run."""

    run_id: str
    warehouse: str
    outcomes: list[DocumentOutcome] = field(default_factory=list)

    def counts(self) -> Counter:
        return Counter(o.status for o in self.outcomes)

    @property
    def any_failed(self) -> bool:
        return any(o.status == "failed" for o in self.outcomes)

    def total_line(self) -> str:
        c = self.counts()
        rows = sum(o.rows for o in self.outcomes)
        rejects = sum(o.rejects for o in self.outcomes)
        return (
            f"total: {len(self.outcomes)} documents: {c['loaded']} loaded, {c['partial']} partial, "
            f"{c['skipped']} unchanged, {c['failed']} failed; {rows} rows, {rejects} rejects -> {self.warehouse}"
        )
