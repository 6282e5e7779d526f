"""`gyosei diff KEY`: the facts added, removed and changed between a document's version and the one before."""

from __future__ import annotations

import json
import re

import pytest

from pipelines.cli import EXIT_OK, EXIT_USAGE, main
from tests.warehouse.test_versions import KEY, V1, V2, amounts, document
from warehouse.connection import open_writer
from warehouse.load import load_document


@pytest.fixture
def warehouse(tmp_path):
    path = tmp_path / "w.duckdb"
    con = open_writer(path)
    load_document(con, document(V1), amounts(V1, {"金額": (1_000_000, 1), "国": (500_000, 1)}))
    load_document(con, document(V2), amounts(V2, {"金額": (1_200_000, 2), "市債": (300_000, 2)}))
    con.close()
    return str(path)


def test_diff_of_the_latest_version_by_a_part_of_its_key(warehouse, capsys):
    assert main(["diff", "DX推進計画", "--warehouse", warehouse]) == EXIT_OK
    headline, _, _, *rows, count = capsys.readouterr().out.splitlines()
    assert headline == f"{KEY}: version 2 against version 1: 1 added, 1 removed, 1 changed"
    cells = [re.split(r"\s{2,}", row) for row in rows]
    assert cells == [
        ["added", "NULL", "財源内訳", "令和6年度", "NULL", "市債", "2024", "NULL", "300000", "円", "NULL", "2"],
        ["changed", "NULL", "財源内訳", "令和6年度", "NULL", "金額", "2024", "1000000", "1200000", "円", "1", "2"],
        ["removed", "NULL", "財源内訳", "令和6年度", "NULL", "国", "2024", "500000", "NULL", "円", "1", "NULL"],
    ]
    assert count == "(3 rows)"


def test_diff_as_json(warehouse, capsys):
    assert main(["diff", KEY, "--version", "2", "--format", "json", "--warehouse", warehouse]) == EXIT_OK
    changed = [r for r in json.loads(capsys.readouterr().out) if r["change"] == "changed"]
    assert [(r["old_value"], r["new_value"], r["old_page"], r["new_page"]) for r in changed] == [
        (1000000, 1200000, 1, 2)
    ]


@pytest.mark.parametrize(
    ("key", "version", "error"),
    [
        ("横浜市", None, "no document key contains '横浜市'"),
        (KEY, 1, "version 1 is its first loaded version, there is nothing to compare"),
        (KEY, 7, "has no loaded version 7; its versions: [1, 2]"),
    ],
)
def test_what_cannot_be_compared_is_a_usage_error(warehouse, capsys, key, version, error):
    argv = ["diff", key, "--warehouse", warehouse] + (["--version", str(version)] if version else [])
    assert main(argv) == EXIT_USAGE
    assert error in capsys.readouterr().err
