"""`gyosei sql` reads the warehouse and nothing else, refuses empty queries as usage errors, and prints
each column type one way in every format."""

from __future__ import annotations

import json

import pytest

from pipelines.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, main
from warehouse.connection import open_writer


@pytest.fixture
def warehouse(tmp_path):
    path = tmp_path / "w.duckdb"
    open_writer(path).close()
    return path


def sql(warehouse, query, *options):
    return main(["sql", query, "--warehouse", str(warehouse), *options])


@pytest.mark.parametrize(
    "query",
    [
        "select * from read_csv('/etc/passwd')",
        "select * from read_text('/etc/hostname')",
        "copy (select 1) to '{out}/x.csv'",
        "attach '{out}/other.duckdb' as other (read_write)",
        "export database '{out}/dump'",
        "install httpfs",
        "set enable_external_access = true",
        "set lock_configuration = false",
    ],
)
def test_the_machine_is_out_of_reach(warehouse, tmp_path, capsys, query):
    out = tmp_path / "out"
    out.mkdir()
    assert sql(warehouse, query.format(out=out)) == EXIT_FAILED
    error = capsys.readouterr().err
    assert error.startswith("gyosei: query failed: ")
    assert "disabled by configuration" in error or "Cannot change configuration option" in error
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("query", ["", "   \n", "-- just a comment", "/* nothing */ ;"])
def test_an_empty_query_is_a_usage_error(warehouse, capsys, query):
    assert sql(warehouse, query) == EXIT_USAGE
    assert capsys.readouterr().err.startswith("gyosei: error: the query is empty")


VALUES = (
    "select * from (values (cast(30000 as decimal(38, 6)), true, date '2024-04-01', [1.5, 2.0]::double[], null),"
    " (cast(7.5 as decimal(38, 6)), false, date '2025-03-31', [], 'x')) t(amount, flag, day, bbox, note)"
)


def test_each_type_prints_one_way_in_every_format(warehouse, capsys):
    assert sql(warehouse, VALUES, "--format", "json") == EXIT_OK
    rows = json.loads(capsys.readouterr().out)
    assert rows == [
        {"amount": 30000, "flag": True, "day": "2024-04-01", "bbox": [1.5, 2.0], "note": None},
        {"amount": 7.5, "flag": False, "day": "2025-03-31", "bbox": [], "note": "x"},
    ]
    assert sql(warehouse, VALUES, "--format", "csv") == EXIT_OK
    assert capsys.readouterr().out.splitlines() == [
        "amount,flag,day,bbox,note",
        '30000,true,2024-04-01,"[1.5, 2.0]",',
        "7.5,false,2025-03-31,[],x",
    ]
    assert sql(warehouse, VALUES) == EXIT_OK
    table = capsys.readouterr().out.splitlines()
    assert table[2].split() == ["30000", "true", "2024-04-01", "[1.5,", "2.0]", "NULL"]
    assert table[3].split() == ["7.5", "false", "2025-03-31", "[]", "x"]
