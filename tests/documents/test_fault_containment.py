"""A fault inside a family parser costs the unit it happened in, never the document (issue #13).

Each case injects an exception into one stage of one family (the 2nd time that stage's per-unit
function runs during parsing, not during detection; the 1st for a stage that runs once) and parses a
whole document: it must come out `partial`, with a reject naming the stage, the page and the
exception, and the rest of its records.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import json
from pathlib import Path

import pytest

from parsers.documents import registry
from parsers.documents.budget_book.columns import Band, Column
from parsers.documents.budget_book.lines import TreeBuilder
from parsers.documents.budget_book.rows import Cell, Event
from parsers.parse import parse_pdf
from schemas.collect import RecordSet
from tests.documents.budget_book.render import PORTRAIT, SPLIT, render
from tests.documents.project_list.render import RULED
from tests.documents.project_list.render import render as render_list

SAMPLES = Path(__file__).resolve().parents[2] / "sample_docs"


class InjectedFault(RuntimeError):
    """The exception the tests plant."""


# (family, document, stage as recorded, function to break "module:attr", main table of the family)
CASES = [
    ("budget_book", "split", "budget_book:read", "parsers.documents.budget_book.sheets:read_sheet", "budget_lines"),
    ("budget_book", "portrait", "budget_book:rows", "parsers.documents.budget_book:line_to_events", "budget_lines"),
    ("budget_book", "portrait", "budget_book:tree", "parsers.documents.budget_book.lines:TreeBuilder._on_setsu",
     "budget_lines"),
    ("budget_book", "portrait", "budget_book:records", "parsers.documents.budget_book.amounts:_add_amount",
     "budget_lines"),
    ("budget_book", "portrait", "budget_book:checks", "parsers.documents.budget_book.checks:_check_difference",
     "budget_lines"),
    ("action_plan_kpi", "hachioji_dx_action_plan_2024.pdf", "action_plan_kpi:read",
     "parsers.documents.plans.rows:_page_events", "projects"),
    ("action_plan_kpi", "hachioji_dx_action_plan_2024.pdf", "action_plan_kpi:rows",
     "parsers.documents.action_plan_kpi.projects:ProjectReader.feed", "projects"),
    ("action_plan_kpi", "hachioji_dx_action_plan_2024.pdf", "action_plan_kpi:records",
     "parsers.documents.action_plan_kpi:add_project_draft", "projects"),
    ("action_plan_kpi", "hachioji_dx_action_plan_2024.pdf", "action_plan_kpi:checks",
     "parsers.documents.action_plan_kpi:_progress_check", "projects"),
    ("ict_project_book", "sagamihara_ict_jisshi_jigyoshu_2024.pdf", "ict_project_book:read",
     "parsers.documents.plans.rows:_page_events", "projects"),
    ("ict_project_book", "sagamihara_ict_jisshi_jigyoshu_2024.pdf", "ict_project_book:rows",
     "parsers.documents.ict_project_book.tables:TableReader.feed", "projects"),
    ("ict_project_book", "sagamihara_ict_jisshi_jigyoshu_2024.pdf", "ict_project_book:records",
     "parsers.documents.ict_project_book:add_draft_details", "projects"),
    ("ict_project_book", "sagamihara_ict_jisshi_jigyoshu_2024.pdf", "ict_project_book:checks",
     "parsers.documents.ict_project_book:_checks", "projects"),
    ("budget_sheet", "yokohama_2024_jigyo_keikakusho_digital.pdf", "budget_sheet:read",
     "parsers.documents.budget_sheet.rows:page_to_rows", "projects"),
    ("budget_sheet", "yokohama_2024_jigyo_keikakusho_digital.pdf", "budget_sheet:sheets",
     "parsers.documents.budget_sheet:_read_sheet", "projects"),
    ("budget_sheet", "yokohama_2024_jigyo_keikakusho_digital.pdf", "budget_sheet:toc",
     "parsers.documents.budget_sheet:read_toc", "projects"),
    ("dx_strategy", "yokohama_dx_strategy_action_2024.pdf", "dx_strategy:read",
     "parsers.documents.dx_strategy.layout:table_to_logical", "milestones"),
    ("dx_strategy", "yokohama_dx_strategy_action_2024.pdf", "dx_strategy:tables",
     "parsers.documents.dx_strategy:parse_milestone_table", "milestones"),
    ("dx_strategy", "yokohama_dx_strategy_action_2024.pdf", "dx_strategy:checks",
     "parsers.documents.dx_strategy:check_ranking", "milestones"),
    ("project_list", "project_list", "project_list:read", "parsers.documents.project_list:page_to_rows", "projects"),
    ("project_list", "project_list", "project_list:records", "parsers.documents.project_list:_add_project",
     "projects"),
    ("project_list", "project_list", "project_list:checks", "parsers.documents.project_list:_check_total",
     "projects"),
]  # fmt: skip
RUN_ONCE = {"_progress_check", "_checks", "read_toc", "check_ranking", "_check_total"}  # whole-document stages


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    """Documents by case name, each with its row count per table when parsed without a fault."""
    folder = tmp_path_factory.mktemp("books")
    paths = {
        "portrait": render(folder / "portrait.pdf", PORTRAIT),
        "split": render(folder / "split.pdf", SPLIT),
        "project_list": render_list(folder / "project_list.pdf", RULED),
    }
    clean: dict[str, tuple[Path, dict[str, int]]] = {}

    def get(name: str) -> tuple[Path, dict[str, int]]:
        if name not in clean:
            path = paths.get(name) or SAMPLES / name
            parsed = _parse(path)
            assert parsed.status == "loaded", parsed.error
            clean[name] = path, {table: len(rows) for table, rows in parsed.records.rows.items()}
        return clean[name]

    return get


def _parse(path: Path):
    return parse_pdf(path, hashlib.sha256(path.read_bytes()).hexdigest())


def _break(monkeypatch, target: str, family_name: str) -> dict:
    """Make `target` raise InjectedFault the 2nd time it runs inside the family's parse; return its call count."""
    module_name, attr = target.split(":")
    owner = importlib.import_module(module_name)
    *path, name = attr.split(".")
    for part in path:
        owner = getattr(owner, part)
    original = getattr(owner, name)
    state = {"armed": False, "calls": 0, "raised": False}

    def broken(*args, **kwargs):
        if state["armed"]:
            state["calls"] += 1
            if state["calls"] == (1 if name in RUN_ONCE else 2):
                state["raised"] = True
                raise InjectedFault(f"planted in {attr}")
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, broken)
    family = next(f for f in registry.FAMILIES if f.name == family_name)

    def armed_parse(pages, records, hints):
        state["armed"] = True
        return family.parse(pages, records, hints)

    families = [dataclasses.replace(f, parse=armed_parse) if f is family else f for f in registry.FAMILIES]
    monkeypatch.setattr(registry, "FAMILIES", families)
    return state


@pytest.mark.parametrize(("family", "document", "stage", "target", "table"), CASES, ids=[c[2] for c in CASES])
def test_a_fault_costs_its_unit_not_the_document(monkeypatch, documents, family, document, stage, target, table):
    path, clean = documents(document)
    state = _break(monkeypatch, target, family)
    hurt = _parse(path)
    assert state["raised"], f"{target} ran {state['calls']} time(s) while parsing: no fault was planted"
    assert hurt.family == family
    assert hurt.status == "partial"
    assert "could not be parsed" in hurt.error
    faults = [r for r in hurt.records.rows["rejects"] if "InjectedFault" in r.error]
    assert len(faults) == 1
    fault = faults[0]
    assert fault.stage == stage
    assert fault.page is None or fault.page >= 1
    assert "planted in" in fault.error
    assert json.loads(fault.payload)["traceback"], "the reject says where the exception was raised"
    kept = len(hurt.records.rows[table])
    assert kept > 0, "the rest of the document still loads"
    if stage.endswith((":records", ":checks")):  # one line / project / check lost at most
        assert kept >= clean[table] - 1
    if stage.endswith(":read"):  # a page: its number and its text are kept
        assert fault.page is not None
        assert json.loads(fault.payload)["raw_text"]


def test_a_reject_is_valid_by_construction():
    records = RecordSet("0" * 64)
    records.reject("", "", {"odd": object()}, "", page=0)
    records.reject("parse", "BudgetLine", {}, "bad", page=True)
    first, second = records.rows["rejects"]
    assert (first.page, first.stage, first.error) == (None, "unknown", "unknown error")
    assert second.page is None


def test_a_failed_unit_takes_back_what_it_added():
    records = RecordSet("0" * 64)
    records.check("kept", "a", expected=1, actual=1)
    with records.contain("stage", "row", page=3, raw_text="1 個人 100"):
        records.check("lost", "b", expected=1, actual=1)
        raise InjectedFault("boom")
    assert [c.check_name for c in records.rows["checks"]] == ["kept"]
    (fault,) = records.rows["rejects"]
    assert (fault.stage, fault.record_type, fault.page, records.faults) == ("stage", "row", 3, 1)
    assert json.loads(fault.payload)["raw_text"] == "1 個人 100"


def test_a_setsu_line_with_neither_name_nor_amount_is_skipped():
    """The 節 handler used to read `event.amount.page` on such a line and lose the whole book."""
    records = RecordSet("0" * 64)
    builder = TreeBuilder(records=records)
    band = Band(0.0, 10.0, (Column("目", "目", 0, 50), Column("本年度", "本年度", 50, 100)), "千円")
    origin = Cell("1 一般管理費 100", 2, (0.0, 20.0, 100.0, 30.0))
    row = Event("row", 20.0, level="目", code="1", name=Cell("一般管理費", 2, (5.0, 20.0, 40.0, 30.0)), origin=origin)
    builder.feed([(row, band), (Event("setsu", 40.0, origin=origin), band)])
    assert records.faults == 0
    assert any("節 line without a name or an amount" in w for w in builder.warnings)
    assert [n.name for n in builder.roots] == ["一般管理費"]
