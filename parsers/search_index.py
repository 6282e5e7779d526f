"""Sudachi tokens of a document's text fields (project names and narrative texts), for the `tokens`
table: analysts search `normalized_form` to find 手続/手続き or 一人ひとり/一人一人 alike, and match
project names across documents."""

from __future__ import annotations

from parsers.normalize import NormalizationError, tokenize
from schemas.collect import RecordSet
from schemas.plans import TokenRow


def records_to_tokens(records: RecordSet) -> None:
    """Given a document's records, add a TokenRow for every token of its project names and texts."""
    texts = [("projects", p.project_id, p.page, p.name) for p in records.rows.get("projects", [])]
    texts += [
        ("project_texts", f"{t.project_id}:{t.field}", t.page, t.text) for t in records.rows.get("project_texts", [])
    ]
    for source_table, source_id, page, text in texts:
        try:
            tokens = tokenize(text)
        except NormalizationError as err:
            records.reject("tokenize", "TokenRow", {"source_id": source_id, "text": text}, err.reason, page=page)
            continue
        for position, token in enumerate(tokens):
            records.add(
                TokenRow,
                stage="tokenize",
                doc_id=records.doc_id,
                page=page,
                source_table=source_table,
                source_id=source_id,
                position=position,
                surface=token.surface,
                normalized_form=token.normalized_form,
                part_of_speech=",".join(p for p in token.part_of_speech if p != "*"),
            )
