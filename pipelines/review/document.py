"""What one document page of the review site shows: its pages, a box per located record, its checks
(a failed one placed on the box of the figure it disagrees with) and its rejects."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict
from typing import TextIO

from pipelines.review.images import PageImage

BOX_FIELDS = {
    "kind": "k",
    "page": "p",
    "raw_text": "raw",
    "value": "v",
    "unit": "u",
    "fiscal_year": "fy",
    "table_name": "tbl",
    "row_label": "row",
    "column_label": "col",
    "measure": "m",
    "source_table": "src",
    "record_id": "id",
    "suspect": "s",
    "is_redacted": "red",
}
"""Short keys: a budget book chapter has tens of thousands of boxes, all embedded in its page."""
JSON_OPTIONS = {"ensure_ascii": False, "default": str}
"""How the site writes JSON (the templates' `tojson` too)."""


def document_payload(
    document: dict, pages: list[PageImage], boxes: Iterable[dict], checks: list[dict], rejects: list[dict]
) -> dict:
    """The JSON the document page's script draws from (held whole; the site writes the same JSON with
    `write_payload`, which never holds a document's boxes)."""
    compact = [_box(n, box) for n, box in enumerate(boxes)]
    by_page: dict[int, list[dict]] = {}
    for box in compact:
        by_page.setdefault(box["p"], []).append(box)
    failed = [_check(c, by_page.get(c["page"], [])) for c in checks if not c["passed"]]
    return {
        "doc": {k: document[k] for k in ("doc_id", "file_name", "text_layer", "status")},
        "pages": [asdict(p) | {"boxes": len(by_page.get(p.number, []))} for p in pages],
        "boxes": compact,
        "failed_checks": failed,
        "rejects": [_reject(r) for r in rejects],
    }


def write_payload(
    out: TextIO, document: dict, pages: list[PageImage], boxes: Iterable[dict], checks: list[dict], rejects: list[dict]
) -> None:
    """Write to `out` the JSON of `document_payload(...)` as the page's template embeds it (`tojson`: the
    same characters), one box at a time: `boxes` may be a stream (`review_stream`). A 1,000-page book has
    300k boxes; held as dicts and serialised whole they took 700 MB. Each box is written to a spool file as
    it comes; only the boxes of pages with a failed check are kept, to place those checks on them."""
    failing = [c for c in checks if not c["passed"]]
    wanted = {c["page"] for c in failing}
    on_page: dict[int, list[dict]] = {}
    counts: Counter[int] = Counter()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
        for n, row in enumerate(boxes):
            box = _box(n, row)
            counts[box["p"]] += 1
            if box["p"] in wanted:
                on_page.setdefault(box["p"], []).append(box)
            spool.write((", " if n else "") + html_json(box))
        parts = {
            "doc": {k: document[k] for k in ("doc_id", "file_name", "text_layer", "status")},
            "pages": [asdict(p) | {"boxes": counts[p.number]} for p in pages],
            "boxes": None,  # the spool
            "failed_checks": [_check(c, on_page.get(c["page"], [])) for c in failing],
            "rejects": [_reject(r) for r in rejects],
        }
        out.write("{")
        for i, (key, value) in enumerate(parts.items()):
            out.write((", " if i else "") + html_json(key) + ": ")
            if key == "boxes":
                out.write("[")
                spool.seek(0)
                shutil.copyfileobj(spool, out)
                out.write("]")
            else:
                out.write(html_json(value))
        out.write("}")


def html_json(value: object) -> str:
    """`value` as the templates' `tojson` writes it (the site's json.dumps options, then Jinja's escapes
    of <, >, & and ' for a script element)."""
    text = json.dumps(value, **JSON_OPTIONS)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")


def _box(n: int, row: dict) -> dict:
    box = {short: row[name] for name, short in BOX_FIELDS.items() if row[name] is not None and row[name] is not False}
    box["n"] = n
    box["b"] = [round(x, 2) for x in row["bbox"]]
    return box


def locate_check(check: dict, boxes: list[dict]) -> dict | None:
    """The fact a failed check is about: on its page, printing one of its two figures, named in its subject.

    A check records a subject and two figures, not a bbox: the figure the document prints (`actual`) beats
    the one the rule computes, and among those the box whose table, row, column and measure the subject
    names most fully wins (令和6年度 over 6年度).
    """
    figures = {check["actual"]: 2, check["expected"]: 1}
    subject = check["subject"]

    def score(box: dict) -> tuple[int, int]:
        named = [str(box[key]) for key in ("tbl", "row", "col", "m") if box.get(key)]
        return figures[box["v"]], sum(len(label) for label in named if label in subject)

    candidates = [b for b in boxes if b["k"] == "fact" and b.get("v") in figures]
    return max(candidates, key=score, default=None)


def _check(check: dict, boxes: list[dict]) -> dict:
    box = locate_check(check, boxes)
    out = {k: check[k] for k in ("check_name", "subject", "page", "expected", "actual", "detail")}
    out["box"] = box["n"] if box else None
    return out


def _reject(reject: dict) -> dict:
    """A reject, with the page and bbox of its payload when the record got that far."""
    try:
        payload = json.loads(reject["payload"])
    except ValueError:
        payload = None
    located = payload if isinstance(payload, dict) else {}
    bbox = located.get("bbox")
    return reject | {
        "page": reject["page"] or located.get("page"),
        "bbox": bbox if isinstance(bbox, list) and len(bbox) == 4 else None,
    }
