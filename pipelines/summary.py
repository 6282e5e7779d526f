"""What happened to each document in a run: one line each for the terminal, a markdown page for Prefect."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import quote

from pipelines.discover import NOT_PDF, Skipped

NOT_PDF_SHOWN = 3
WARNINGS_SHOWN = 5
"""Parser warnings printed under a document's line; `gyosei status` and the documents table keep them all."""


@dataclass(frozen=True)
class DocumentOutcome:
    """The fate of one source in one run: loaded, partial, skipped (unchanged) or failed."""

    file_name: str
    doc_id: str | None
    status: str
    family: str | None = None
    pages: int = 0
    rows: int = 0
    rejects: int = 0
    error: str | None = None
    document_key: str | None = None
    version: int | None = None
    superseded: int = 0
    """How many older versions of the same document this load marked superseded."""
    warnings: tuple[str, ...] = ()
    """What the family parser noticed but could not settle (withheld names, rows without a label …)."""

    def line(self) -> str:
        """One line for the terminal."""
        counts = f"{self.pages:>4}p {self.rows:>7} rows {self.rejects:>4} rejects"
        version = f"v{self.version}" if self.version else "-"
        head = f"{self.status:<8} {version:<4} {self.family or '-':<16} {counts}"
        tail = f"  {self.note()}" if self.note() else ""
        return f"{head}  {self.file_name}{tail}"

    def warning_lines(self) -> list[str]:
        """The parser's warnings, indented under the document's line (the first few, then a count)."""
        lines = [f"         warning: {w}" for w in self.warnings[:WARNINGS_SHOWN]]
        if len(self.warnings) > WARNINGS_SHOWN:
            lines.append(f"         … {len(self.warnings) - WARNINGS_SHOWN} more warning(s): see `gyosei status`")
        return lines

    def note(self) -> str:
        """The error, or what the load did to older versions."""
        if self.superseded:
            replaced = "version" if self.superseded == 1 else "versions"
            return "; ".join(filter(None, [f"new version, {self.superseded} older {replaced} superseded", self.error]))
        return self.error or ""


@dataclass
class RunSummary:
    """All outcomes of one ingest run."""

    run_id: str
    warehouse: str
    outcomes: list[DocumentOutcome] = field(default_factory=list)
    started_at: datetime = field(default_factory=datetime.now)
    ended_at: datetime | None = None
    skipped: list[Skipped] = field(default_factory=list)
    """Paths under the folders given that were not ingested, with the reason."""
    review_site: str | None = None
    """The review site's index.html, when this run (re)built it."""
    review_error: str | None = None

    def counts(self) -> Counter:
        return Counter(o.status for o in self.outcomes)

    @property
    def any_failed(self) -> bool:
        return any(o.status == "failed" for o in self.outcomes)

    @property
    def rows(self) -> int:
        return sum(o.rows for o in self.outcomes)

    @property
    def rejects(self) -> int:
        return sum(o.rejects for o in self.outcomes)

    @property
    def superseded(self) -> int:
        return sum(o.superseded for o in self.outcomes)

    @property
    def seconds(self) -> float | None:
        return (self.ended_at - self.started_at).total_seconds() if self.ended_at else None

    def total_line(self) -> str:
        c = self.counts()
        return (
            f"total: {len(self.outcomes)} documents: {c['loaded']} loaded, {c['partial']} partial, "
            f"{c['skipped']} unchanged, {c['failed']} failed, {self.superseded} superseded; "
            f"{self.rows} rows, {self.rejects} rejects -> {self.warehouse}"
        )

    def terminal_lines(self) -> list[str]:
        """What the CLI prints: the paths left out, one line per document (with its warnings), the review
        site it rebuilt, then the documents not fully loaded, reason first, and the total: the last lines
        say what needs a look."""
        lines = skipped_lines(self.skipped)
        for outcome in self.outcomes:
            lines += [outcome.line(), *outcome.warning_lines()]
        if self.review_site or self.review_error:
            lines.append(f"review site: {self.review_site or 'not rebuilt: ' + self.review_error}")
        return [*lines, *self.attention_lines(), self.total_line()]

    def attention_lines(self) -> list[str]:
        """Every failed, then partial, document of this run: its reason, then its status and file."""
        needing = sorted(
            (o for o in self.outcomes if o.status in ("failed", "partial")),
            key=lambda o: (o.status != "failed", o.file_name),
        )
        if not needing:
            return []
        head = f"needs attention: {len(needing)} document{'s' if len(needing) != 1 else ''} not fully loaded"
        return [head, *(f"  {o.error or 'no reason recorded'}  ({o.status}: {o.file_name})" for o in needing)]

    def markdown(self) -> str:
        """The run summary published as a Prefect artifact: counts, then every document that changed."""
        c = self.counts()
        took = f"{self.seconds:.1f} s" if self.seconds is not None else "-"
        lines = [
            f"# gyosei ingest run `{self.run_id}`",
            "",
            f"Warehouse `{self.warehouse}`, started {self.started_at:%Y-%m-%d %H:%M:%S}, took {took}.",
            "",
            "| loaded | partial | unchanged | failed | superseded | rows | rejects |",
            "|---:|---:|---:|---:|---:|---:|---:|",
            f"| {c['loaded']} | {c['partial']} | {c['skipped']} | {c['failed']} | {self.superseded} "
            f"| {self.rows} | {self.rejects} |",
            "",
        ]
        if self.review_site:
            lines += [f"Review site: [{self.review_site}](file://{quote(self.review_site)})", ""]
        if self.review_error:
            lines += [f"Review site not rebuilt: {self.review_error}", ""]
        changed = [o for o in self.outcomes if o.status != "skipped"]
        left_out = ["", "Left out:", ""] + [f"- `{s.path}`: {s.reason}" for s in self.skipped] if self.skipped else []
        if not changed:
            return "\n".join([*lines, "Nothing changed: every document was already loaded.", *left_out])
        lines += [
            "| status | version | family | pages | rows | rejects | file | document | note |",
            "|---|---:|---|---:|---:|---:|---|---|---|",
        ]
        for o in sorted(changed, key=lambda o: (o.status != "failed", o.file_name)):
            cells = [o.status, o.version or "", o.family or "", o.pages, o.rows, o.rejects, o.file_name]
            cells += [o.document_key or "", o.note()]
            lines.append("| " + " | ".join(_md_cell(v) for v in cells) + " |")
        return "\n".join([*lines, *left_out])


def skipped_lines(skipped: list[Skipped]) -> list[str]:
    """One line per path left out, except files merely not named *.pdf: one line for all of them."""
    others = [s for s in skipped if s.reason != NOT_PDF]
    not_pdf = [s.path.name for s in skipped if s.reason == NOT_PDF]
    lines = [s.line() for s in others]
    if not_pdf:
        shown = ", ".join(not_pdf[:NOT_PDF_SHOWN]) + (", …" if len(not_pdf) > NOT_PDF_SHOWN else "")
        lines.append(f"skipped  {len(not_pdf)} file{'s' if len(not_pdf) > 1 else ''} {NOT_PDF} ({shown})")
    return lines


def _md_cell(value) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")
