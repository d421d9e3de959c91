"""The loader: headers, parameter checks, identifiers, read-only use of the published database."""
from __future__ import annotations

import datetime as dt
import re

import duckdb
import pytest

import queries
from queries import QueryError


def test_every_query_file_has_a_readable_header():
    for name in queries.names():
        query = queries.load(name)
        assert query.question and query.output, name


def test_unknown_query_is_a_clear_error(run):
    with pytest.raises(QueryError, match="unknown query 'no_such_query'"):
        run("no_such_query")


def test_a_path_is_not_a_query_name(run):
    with pytest.raises(QueryError, match="unknown query"):
        run("../examencijfers/sql/published")


def test_missing_parameter_is_named(run):
    with pytest.raises(QueryError, match=r"missing parameter\(s\) date_to"):
        run("exam_pass_rate_by_week", products=["B"], date_from=dt.date(2024, 1, 1))


def test_extra_parameter_is_named(run):
    with pytest.raises(QueryError, match=r"unknown parameter\(s\) colour"):
        run("sources", colour="red")


def test_default_parameter_may_be_left_out(run):
    one = run("exam_pass_rate_by_week", products=["B"], date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 1, 1))
    assert one["n"].to_list() == [100]


def test_header_must_match_the_parameters_the_sql_uses():
    text = "-- Question: q?\n-- Param a (integer): a.\n-- Output: x\nselect $a + $b as x\n"
    with pytest.raises(QueryError, match="SQL uses"):
        queries.parse("broken", text)


def test_header_needs_question_and_output():
    with pytest.raises(QueryError, match="Question"):
        queries.parse("broken", "select 1 as x\n")


def test_identifier_outside_its_whitelist_is_refused():
    text = ("-- Question: q?\n-- Identifier grouping (productcode | categoriecode): g.\n-- Output: g\n"
            "select {{grouping}} as g from cbr_products\n")
    query = queries.parse("grouped", text)
    sql, bound = queries.render(query, {"grouping": "categoriecode"})
    assert "select categoriecode as g" in sql and bound == {}
    with pytest.raises(QueryError, match="must be one of productcode, categoriecode"):
        queries.render(query, {"grouping": "1; drop table sources"})


def test_parameters_are_bound_not_formatted(run):
    found = run("opleider_search", q="' or 1=1 --")
    assert found.height == 0


def test_runs_on_a_read_only_connection(run, published):
    run("sources")
    con = queries._connection()
    with pytest.raises(duckdb.Error):
        con.execute("create table scratch (x integer)")


def test_missing_published_database_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("EXAMENCIJFERS_PUBLISHED", str(tmp_path / "none.duckdb"))
    with pytest.raises(QueryError, match="published database not found"):
        queries.run("sources")


@pytest.fixture
def run_text(run, monkeypatch, tmp_path):
    """Run an ad-hoc query file (written to tmp_path) through the loader, as if it were in queries/."""
    monkeypatch.setattr(queries, "HERE", tmp_path)

    def run_file(name: str, text: str):
        (tmp_path / f"{name}.sql").write_text(text)
        queries.load.cache_clear()
        return queries.run(name)

    yield run_file
    queries.load.cache_clear()


def test_result_columns_must_match_the_header(run_text):
    with pytest.raises(QueryError, match="header declares"):
        run_text("drifted", "-- Question: q?\n-- Output: a, b\nselect 1 as a\n")


def test_catalogue_lists_every_query_with_its_parameters():
    text = queries.catalogue()
    for name in queries.names():
        assert f"### {name}" in text
    assert "`window` (integer, default 1)" in text
    assert "`grouping` (one of productcode, categoriecode)" in text


@pytest.mark.parametrize(("params", "message"), [
    ({"window": "4"}, "parameter window must be a whole number, found '4'"),
    ({"window": True}, "parameter window must be a whole number, found True"),
    ({"window": 2**70}, "parameter window must be a whole number"),
    ({"products": "B"}, "parameter products must be a list of texts, found 'B'"),
    ({"products": ["B", 1]}, "parameter products must be a list of texts"),
    ({"date_from": "1 januari"}, "parameter date_from must be a date"),
    ({"date_from": dt.datetime(2024, 1, 1, 12)}, "parameter date_from must be a date"),
])
def test_a_value_not_of_the_declared_type_is_named(run, params, message):
    good = {"products": ["B"], "date_from": dt.date(2024, 1, 1), "date_to": dt.date(2024, 1, 1), "window": 1}
    with pytest.raises(QueryError, match=re.escape(message)):
        run("exam_pass_rate_by_week", **{**good, **params})


def test_an_iso_date_text_and_null_are_accepted(run):
    by_text = run("exam_pass_rate_by_week", products=("B",), date_from="2024-01-01", date_to="2024-01-07")
    assert by_text["n"].to_list() == [100]
    assert run("opleider_search", q=None).height == 0


def test_sql_cannot_reach_files_outside_the_published_database(run_text, tmp_path):
    secret = tmp_path / "secret.csv"
    secret.write_text("a\n1\n")
    for sql in (f"select * from read_csv('{secret}')", f"attach '{tmp_path / 'other.duckdb'}' as other",
                f"copy (select 1) to '{tmp_path / 'out.csv'}'"):
        with pytest.raises(QueryError, match="probe: Permission Error"):
            run_text("probe", f"-- Question: q?\n-- Output: a\n{sql}\n")
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "other.duckdb").exists()
