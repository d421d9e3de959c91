"""Every query reads only tables of the published database (the contract), never the warehouse."""
from __future__ import annotations

import json

import duckdb
import pytest

import queries
from examencijfers.paths import SQL


def published_tables() -> set[str]:
    con = duckdb.connect()
    con.execute((SQL / "published.sql").read_text(encoding="utf-8"))
    return {row[0] for row in con.execute("select table_name from duckdb_tables()").fetchall()}


def walk(node, tables: set[str], ctes: set[str]) -> None:
    """Collect BASE_TABLE names and CTE names from DuckDB's serialized parse tree."""
    if isinstance(node, dict):
        if node.get("type") == "BASE_TABLE":
            tables.add(node["table_name"])
        for entry in (node.get("cte_map") or {}).get("map", []):
            ctes.add(entry["key"])
        for value in node.values():
            walk(value, tables, ctes)
    elif isinstance(node, list):
        for value in node:
            walk(value, tables, ctes)


def tables_named(sql: str) -> set[str]:
    tree = json.loads(duckdb.connect().execute("select json_serialize_sql($sql)", {"sql": sql}).fetchone()[0])
    assert not tree["error"], tree
    tables, ctes = set(), set()
    walk(tree, tables, ctes)
    return tables - ctes


def test_warehouse_tables_are_recognised():
    assert tables_named("with a as (select * from cbr_exams_weekly) select * from a join raw_exams using (x)") == {
        "cbr_exams_weekly", "raw_exams"}


@pytest.mark.parametrize("name", queries.names())
def test_query_names_only_published_tables(name):
    query = queries.load(name)
    sql, _ = queries.render(query, {
        **{p.name: None for p in query.params},
        **{i.name: i.allowed[0] for i in query.identifiers},
    })
    named = tables_named(sql)
    assert named, f"{name} reads no table"
    assert named <= published_tables(), f"{name} names non-published tables {sorted(named - published_tables())}"
