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


def warehouse_tables() -> set[str]:
    con = duckdb.connect()
    con.execute((SQL / "warehouse.sql").read_text(encoding="utf-8"))
    con.execute((SQL / "warehouse_deliveries.sql").read_text(encoding="utf-8"))
    return {row[0] for row in con.execute("select table_name from duckdb_tables() union select view_name"
                                          " from duckdb_views() where not internal").fetchall()}


# Table functions that make rows from their arguments alone and read nothing.
ROW_GENERATORS = {"range", "generate_series", "unnest"}


def walk(node, found: dict[str, set[str]]) -> None:
    """Collect table names, CTE names, other catalogs/schemas and table functions from DuckDB's parse tree."""
    if isinstance(node, dict):
        if node.get("type") == "BASE_TABLE":
            found["tables"].add(node["table_name"])
            if node.get("catalog_name") or node.get("schema_name") not in ("", "main", None):
                found["qualified"].add(f"{node.get('catalog_name')}.{node.get('schema_name')}.{node['table_name']}")
        if node.get("type") == "TABLE_FUNCTION":
            found["functions"].add(node["function"]["function_name"])
        for entry in (node.get("cte_map") or {}).get("map", []):
            found["ctes"].add(entry["key"])
        for value in node.values():
            walk(value, found)
    elif isinstance(node, list):
        for value in node:
            walk(value, found)


def parsed(sql: str) -> dict[str, set[str]]:
    tree = json.loads(duckdb.connect().execute("select json_serialize_sql($sql)", {"sql": sql}).fetchone()[0])
    assert not tree["error"], tree
    found = {"tables": set(), "ctes": set(), "qualified": set(), "functions": set()}
    walk(tree, found)
    found["tables"] -= found["ctes"]
    return found


def tables_named(sql: str) -> set[str]:
    return parsed(sql)["tables"]


def test_warehouse_tables_are_recognised():
    assert tables_named("with a as (select * from cbr_exams_weekly) select * from a join raw_exams using (x)") == {
        "cbr_exams_weekly", "raw_exams"}
    found = parsed("select * from read_csv('data/warehouse.csv'), w.main.cbr_examens, range(3)")
    assert found["functions"] == {"read_csv", "range"} and found["qualified"] == {"w.main.cbr_examens"}
    private = warehouse_tables() - published_tables()
    assert {"cbr_examens", "cbr_examens_current", "duo_examenkandidaten", "ref_cbr_products"} <= private


def rendered(name: str) -> str:
    query = queries.load(name)
    sql, _ = queries.render(query, {
        **{p.name: None for p in query.params},
        **{i.name: i.allowed[0] for i in query.identifiers},
    })
    return sql


@pytest.mark.parametrize("name", queries.names())
def test_query_names_only_published_tables(name):
    found = parsed(rendered(name))
    named = found["tables"]
    assert named, f"{name} reads no table"
    private = named & (warehouse_tables() - published_tables())
    assert not private, f"{name} names warehouse tables {sorted(private)}"
    assert named <= published_tables(), f"{name} names non-published tables {sorted(named - published_tables())}"
    assert not found["qualified"], f"{name} reaches into another database or schema: {found['qualified']}"
    assert found["functions"] <= ROW_GENERATORS, f"{name} calls table functions {found['functions'] - ROW_GENERATORS}"
