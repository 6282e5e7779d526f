"""Build the review site: static HTML that works from file:// with no network (DESIGN §6).

index.html lists every document; docs/<doc_id>.html draws every extracted record as a box over its page
images; dashboard.html charts what the warehouse holds. Scripts and styles are copied into assets/
(plotly.js from the plotly package), page images into img/ (see images.py).
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import jinja2
from plotly.offline import get_plotlyjs

from pipelines.review.dashboard import dashboard_charts
from pipelines.review.document import JSON_OPTIONS, html_json, write_payload
from pipelines.review.images import PageImage, find_pdf, render_documents
from warehouse.review import review_boxes, review_reader, review_rows

HERE = Path(__file__).resolve().parent
ASSETS = ("review.css", "review.js", "document.js")
PAYLOAD_MARK = "\x00gyosei-payload\x00"
"""Stands for a document's payload in its rendered template; the payload is written in its place."""


@dataclass
class SiteBuild:
    """What a build wrote: the site folder, the documents (re)built and the pages drawn."""

    out: Path
    documents: int = 0
    pages: int = 0
    unrendered: list[str] = field(default_factory=list)
    """Documents whose PDF could not be found or opened (their page shows why, with no images)."""
    seconds: float = 0.0

    @property
    def index(self) -> Path:
        return self.out / "index.html"

    def line(self) -> str:
        missing = f", {len(self.unrendered)} without page images" if self.unrendered else ""
        return (
            f"review site: {self.documents} documents, {self.pages} pages{missing} in {self.seconds:.1f} s "
            f"-> {self.index}"
        )


def review_dir(warehouse: Path) -> Path:
    """The site goes beside the warehouse file, under review/."""
    return Path(warehouse).parent / "review"


def build_site(warehouse: Path, out: Path | None = None, doc_ids: set[str] | None = None) -> SiteBuild:
    """Write the site for `warehouse` into `out`: the index and dashboard, and the page of every document
    (or only of `doc_ids` and the other versions of their keys, plus any document whose page is missing)."""
    started = time.monotonic()
    warehouse = Path(warehouse)
    out = Path(out) if out else review_dir(warehouse)
    build = SiteBuild(out=out)
    env = _environment()
    built_at = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    (out / "docs").mkdir(parents=True, exist_ok=True)
    _copy_assets(out / "assets")
    with review_reader(warehouse) as con:
        documents = review_rows(con, "documents")
        if doc_ids is not None:  # a new version changes the status of the older ones: rebuild them too
            keys = {d["document_key"] for d in documents if d["doc_id"] in doc_ids}
            doc_ids = {d["doc_id"] for d in documents if d["document_key"] in keys}
        documents_to_build = [
            d
            for d in documents
            if doc_ids is None or d["doc_id"] in doc_ids or not (out / "docs" / f"{d['doc_id']}.html").exists()
        ]
        all_images = _images(documents_to_build, warehouse, out)
        for document in documents_to_build:
            page = out / "docs" / f"{document['doc_id']}.html"
            images, problem = all_images[document["doc_id"]]
            if problem:
                build.unrendered.append(document["file_name"])
            html = env.get_template("document.html.j2").render(
                document=document, payload=PAYLOAD_MARK, problem=problem, built_at=built_at, root="../"
            )
            head, tail = html.split(html_json(PAYLOAD_MARK))
            checks = review_rows(con, "checks", doc_id=document["doc_id"])
            rejects = review_rows(con, "rejects", doc_id=document["doc_id"])
            with page.open("w", encoding="utf-8") as sink:
                sink.write(head)
                boxes = review_boxes(con, document["doc_id"], document["pages"])
                write_payload(sink, document, images, boxes, checks, rejects)
                sink.write(tail)
            build.documents += 1
            build.pages += len(images)
        charts = dashboard_charts(con)
    index = env.get_template("index.html.j2").render(
        documents=documents, warehouse=warehouse, built_at=built_at, root=""
    )
    (out / "index.html").write_text(index, encoding="utf-8")
    dashboard = env.get_template("dashboard.html.j2").render(
        charts=charts, warehouse=warehouse, built_at=built_at, root=""
    )
    (out / "dashboard.html").write_text(dashboard, encoding="utf-8")
    build.seconds = time.monotonic() - started
    return build


def _images(documents: list[dict], warehouse: Path, out: Path) -> dict[str, tuple[list[PageImage], str | None]]:
    """Each document's page images, or none and the reason, by doc_id."""
    found = {d["doc_id"]: find_pdf(d["source"], d["doc_id"], warehouse) for d in documents}
    rendered = render_documents({doc_id: pdf for doc_id, pdf in found.items() if pdf is not None}, out)
    images = {}
    for document in documents:
        doc_id = document["doc_id"]
        if found[doc_id] is None:
            images[doc_id] = [], f"the PDF with these bytes is no longer at {document['source']}"
        elif isinstance(rendered[doc_id], Exception):
            images[doc_id] = [], f"the PDF could not be rendered: {rendered[doc_id]}"
        else:
            images[doc_id] = rendered[doc_id], None
    return images


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.policies["json.dumps_kwargs"] = JSON_OPTIONS
    env.filters["yen"] = lambda v: "" if v is None else f"{v:,.0f}"
    return env


def _copy_assets(folder: Path) -> None:
    """Our script and style, and plotly.js as the plotly package ships it (no CDN)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ASSETS:
        shutil.copyfile(HERE / "static" / name, folder / name)
    (folder / "plotly.min.js").write_text(get_plotlyjs(), encoding="utf-8")
