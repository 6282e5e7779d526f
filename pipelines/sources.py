"""What to ingest: files and folders given as paths, or the documents listed in a manifest (TOML).

A manifest names each document by municipality, family and title; that triple is its `document_key`, so a
city's republished plan (same entry, new bytes) becomes a new version of the same document. A file
ingested by path keeps the key of the `manifest.toml` beside it when that manifest names it (so `gyosei
ingest folder/` and the nightly run over the folder's manifest load the same documents); any other file
is keyed by its resolved path.

    [[document]]
    source = "https://www.city.example.lg.jp/dx/plan.pdf"   # or a path, relative to the manifest
    municipality = "八王子市"
    family = "action_plan"
    title = "八王子市DX推進計画 アクションプラン"
    fiscal_year = 2024        # optional: 2024 or "令和6年度"; used where the document prints no year
    time_limit = 1200         # optional limits of this document's parse (seconds, MB, MB): see pipelines.limits
    memory_limit_mb = 8192
    inflate_limit_mb = 512

The optional `fiscal_year` matters for books split into chapters (a budget book by 款): the chapters
print no year, so without it their amounts would have none.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from parsers.documents.base import DocumentInfo
from parsers.documents.registry import FAMILY_NAMES
from parsers.normalize import NormalizationError, parse_fiscal_year
from pipelines.discover import Skipped, UsageError, discover_files
from pipelines.settings import MANIFEST_LIMITS

MANIFEST_NAME = "manifest.toml"
MANIFEST_FIELDS = ("source", "municipality", "family", "title")
OPTIONAL_FIELDS = ("fiscal_year", "account", *MANIFEST_LIMITS)


@dataclass(frozen=True)
class Source:
    """One document to fetch: a local path or an http(s) URL, with the key its versions share."""

    location: str
    document_key: str
    municipality: str | None = None
    family: str | None = None
    title: str | None = None
    fiscal_year: int | None = None
    limits: dict = field(default_factory=dict)
    """This document's own limits (Limits field -> value), over the run's."""
    account: str | None = None  # 一般会計 or a 特別会計, for a budget book that prints none

    @property
    def is_url(self) -> bool:
        return self.location.startswith(("http://", "https://"))

    @property
    def from_manifest(self) -> bool:
        return self.title is not None

    @property
    def hints(self) -> DocumentInfo:
        """What the manifest says that the parser may use where the document prints nothing (or, for the
        family, where detection recognises nothing)."""
        return DocumentInfo(
            municipality=self.municipality,
            fiscal_year_start=self.fiscal_year,
            fiscal_year_end=self.fiscal_year,
            family=self.family,
            account=self.account,
        )

    @property
    def file_name(self) -> str:
        return self.location.rstrip("/").rsplit("/", 1)[-1] or self.location


def sources_from_paths(paths: Iterable[str | Path]) -> tuple[list[Source], list[Skipped]]:
    """Given files and folders, return one source per file found, keyed by its resolved path, and the
    paths left out with their reason."""
    found = discover_files(paths)
    named = _manifest_entries({path.parent for path in found.files})
    sources = [named.get(str(path)) or Source(location=str(path), document_key=str(path)) for path in found.files]
    return sources, found.skipped


def _manifest_entries(folders: set[Path]) -> dict[str, Source]:
    """The entries of the manifest.toml in each folder, by location: one identity however a file is ingested."""
    entries: dict[str, Source] = {}
    for folder in sorted(folders):
        if (folder / MANIFEST_NAME).is_file():
            entries.update((s.location, s) for s in sources_from_manifest(folder / MANIFEST_NAME))
    return entries


def sources_from_manifest(manifest: str | Path) -> list[Source]:
    """Given a manifest file, return its documents in order; relative paths are relative to the manifest."""
    manifest = Path(manifest)
    try:
        entries = tomllib.loads(manifest.read_text(encoding="utf-8")).get("document", [])
    except OSError as err:
        raise UsageError(f"cannot read the manifest {manifest}: {err.strerror}") from err
    except tomllib.TOMLDecodeError as err:
        raise UsageError(f"the manifest {manifest} is not valid TOML: {err}") from err
    if not entries:
        raise UsageError(f"the manifest {manifest} lists no [[document]] entries")
    sources = [_entry_to_source(entry, n, manifest.parent) for n, entry in enumerate(entries, start=1)]
    _reject_duplicate_keys(sources, manifest)
    return sources


def gather_sources(paths: list[str] | None, manifest: str | None) -> tuple[list[Source], list[Skipped]]:
    """Sources from a manifest and from paths, each location once (a manifest entry wins: it has metadata),
    and the paths under the folders that were left out, with their reason."""
    if not paths and not manifest:
        raise UsageError("nothing to ingest: give PATHs or --manifest FILE")
    from_paths, skipped = sources_from_paths(paths or [])
    unique: dict[str, Source] = {}
    for source in (sources_from_manifest(manifest) if manifest else []) + from_paths:
        unique.setdefault(source.location, source)
    return list(unique.values()), skipped


def select_sources(sources: list[Source], select: str | None) -> list[Source]:
    """Keep the sources whose key or location contains `select` (all when it is empty)."""
    if not select:
        return sources
    chosen = [s for s in sources if select in s.document_key or select in s.location]
    if not chosen:
        raise UsageError(f"no document matches --select {select!r}")
    return chosen


def _entry_to_source(entry: dict, number: int, base: Path) -> Source:
    where = f"manifest entry {number}"
    unknown = set(entry) - set(MANIFEST_FIELDS) - set(OPTIONAL_FIELDS)
    missing = [f for f in MANIFEST_FIELDS if not str(entry.get(f, "")).strip()]
    if unknown:
        allowed = ", ".join(MANIFEST_FIELDS + OPTIONAL_FIELDS)
        raise UsageError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}; allowed: {allowed}")
    if missing:
        raise UsageError(f"{where}: missing {', '.join(missing)}")
    municipality, family, title = (str(entry[f]).strip() for f in MANIFEST_FIELDS[1:])
    if family not in FAMILY_NAMES:
        raise UsageError(f"{where}: unknown family {family!r}; the known families are {', '.join(FAMILY_NAMES)}")
    location = str(entry["source"]).strip()
    if not location.startswith(("http://", "https://")):
        location = str((base / location).resolve())  # a missing file fails that document, not the run
    return Source(
        location=location,
        document_key=f"{municipality}/{family}/{title}",
        municipality=municipality,
        family=family,
        title=title,
        fiscal_year=_fiscal_year(entry.get("fiscal_year"), where),
        limits={
            attr: _positive(entry[name], f"{where}: {name}") for name, attr in MANIFEST_LIMITS.items() if name in entry
        },
        account=str(entry["account"]).strip() or None if "account" in entry else None,
    )


def _positive(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise UsageError(f"{what} must be a positive number, not {value!r}")
    return value


def _fiscal_year(value: object, where: str) -> int | None:
    """A manifest's fiscal year: 2026, "2026" or "令和8年度"."""
    if value is None:
        return None
    text = str(value).strip()
    try:
        year = int(text) if text.isascii() and text.isdigit() else parse_fiscal_year(text)
    except NormalizationError as err:
        raise UsageError(f"{where}: fiscal_year {value!r} is not a fiscal year: {err}") from err
    if not 1900 <= year <= 2100:
        raise UsageError(f"{where}: fiscal_year {value!r} is out of range (1900-2100)")
    return year


def _reject_duplicate_keys(sources: list[Source], manifest: Path) -> None:
    seen: set[str] = set()
    for source in sources:
        if source.document_key in seen:
            raise UsageError(f"the manifest {manifest} lists {source.document_key!r} twice")
        seen.add(source.document_key)
