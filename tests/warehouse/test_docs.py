"""docs/warehouse.md documents every table, view and column of the warehouse, with its type, as the DDL
in sql/ creates them: the page cannot drift from the schema without this test failing."""

from __future__ import annotations

import re

import duckdb
import pytest

from tests.conftest import PROJECT_ROOT
from warehouse.schema import ensure_schema

DOC = PROJECT_ROOT / "docs" / "warehouse.md"
SECTION = re.compile(r"^### `(\w+)` \((table|view)\)$", re.M)
COLUMN = re.compile(r"^\| (\w+) \| ([^|]+?) \| (.+?) \|$", re.M)
SAME_AS = re.compile(r"^Columns: as `(\w+)`\.$", re.M)


def documented() -> dict[str, tuple[str, list[tuple[str, str]]]]:
    """name -> (kind, [(column, type)]) as docs/warehouse.md states them."""
    text = DOC.read_text(encoding="utf-8")
    heads = list(SECTION.finditer(text))
    found = {}
    for head, following in zip(heads, heads[1:] + [None], strict=True):
        body = text[head.end() : following.start() if following else len(text)]
        columns = [(c, t) for c, t, meaning in COLUMN.findall(body) if c != "column" and meaning.strip()]
        found[head.group(1)] = (head.group(2), columns, SAME_AS.search(body))
    return {name: (kind, found[same.group(1)][1] if same else columns) for name, (kind, columns, same) in found.items()}


def actual() -> dict[str, tuple[str, list[tuple[str, str]]]]:
    con = duckdb.connect()
    ensure_schema(con)
    kinds = dict(con.execute("select table_name, table_type from information_schema.tables").fetchall())
    return {
        name: (
            "table" if kind == "BASE TABLE" else "view",
            con.execute(
                "select column_name, data_type from information_schema.columns where table_name = ? "
                "order by ordinal_position",
                [name],
            ).fetchall(),
        )
        for name, kind in kinds.items()
    }


def test_every_table_and_view_is_documented_and_nothing_else():
    assert sorted(documented()) == sorted(actual())


@pytest.mark.parametrize("name", sorted(actual()))
def test_each_documented_column_and_type_matches_the_ddl(name):
    assert documented()[name] == actual()[name]


def test_the_readme_links_the_docs_in_the_project_not_a_shared_folder():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/warehouse.md" in readme and "docs/architecture.md" in readme
    assert "../shared/docs" not in readme
    for link in re.findall(r"\]\((docs/[^)#]+)", readme):
        assert (PROJECT_ROOT / link).is_file(), link
