"""Project names and texts become Sudachi tokens whose normalized_form folds spelling variants."""

from __future__ import annotations

from parsers.search_index import records_to_tokens
from schemas.budget import Project
from schemas.collect import RecordSet
from schemas.plans import ProjectText

DOC = "c" * 64
WHERE = {"doc_id": DOC, "page": 3, "bbox": (0.0, 0.0, 10.0, 10.0)}


def test_names_and_texts_are_tokenised_with_provenance():
    records = RecordSet(DOC)
    name = "行政手続オンライン化推進事業"
    records.add(Project, **WHERE, raw_text=name, project_id="p1", name=name, name_normalized=name)
    records.add(ProjectText, **WHERE, raw_text="一人ひとりに", project_id="p1", field="事業目的", text="一人ひとりに")
    records_to_tokens(records)
    tokens = records.rows["tokens"]
    name_tokens = [t.surface for t in tokens if t.source_table == "projects"]
    assert name_tokens == ["行政手続", "オンライン", "化", "推進", "事業"]
    first = next(t for t in tokens if t.source_table == "project_texts")
    assert (first.surface, first.normalized_form) == ("一人ひとり", "一人一人")
    assert (first.source_id, first.page) == ("p1:事業目的", 3)
    assert first.part_of_speech.startswith("名詞")
