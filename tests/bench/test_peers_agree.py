"""The benchmark's peers (pandas, SQLite) answer every query exactly as our SQL does.

Run on the queries' hand-made fixture database, which has a suppressed row in every table the queries
read, so the peers' NULL rules are tested where they matter. A benchmark that compares different
answers is worthless: a query changed without its peers fails here, with where they differ.
"""
from __future__ import annotations

import pytest

import queries
from benchmarks.agree import disagreement, normalise, order_columns, pandas_rows, polars_rows
from benchmarks.peers import pandas_peer, sqlite_peer
from benchmarks.questions import PARAMS, discover
from tests.queries import queries_fixture


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The fixture database with our queries pointed at it, its tables in pandas, and its SQLite copy."""
    folder = tmp_path_factory.mktemp("bench-peers")
    path = queries_fixture.build(folder / "published.duckdb")
    sqlite_peer.build(path, folder / "peer.sqlite")
    lite = sqlite_peer.connect(folder / "peer.sqlite")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EXAMENCIJFERS_PUBLISHED", str(path))
        yield path, pandas_peer.load_frames(path), lite
    lite.close()


def test_every_query_has_benchmark_parameters_and_both_peers():
    names = set(queries.names())
    assert names - set(PARAMS) == set(), "add a row to benchmarks/questions.py PARAMS"
    assert names - set(pandas_peer.QUESTIONS) == set(), "add a function to benchmarks/peers/pandas_peer.py"


@pytest.mark.parametrize("name", queries.names())
def test_the_peers_answer_as_our_query_does(name, published):
    path, frames, lite = published
    params = PARAMS[name](discover(path))
    ours = polars_rows(queries.run(name, **params))
    sql, bound = queries.render(queries.load(name), params)
    order_by = order_columns(sql)
    assert disagreement(ours, pandas_rows(pandas_peer.QUESTIONS[name](frames, **params)), order_by) is None
    columns, rows = sqlite_peer.run(lite, sqlite_peer.translate(name, sql), bound)
    assert disagreement(ours, (columns, [tuple(normalise(v) for v in row) for row in rows]), order_by) is None


def test_the_fixture_parameters_find_rows_for_the_heavy_questions(published):
    context = discover(published[0])
    for name in ("opleider_league", "opleider_profile", "exam_pass_rate_by_week", "vo_school_subject_grades",
                 "vo_pass_rates_by_area"):
        assert queries.run(name, **PARAMS[name](context)).height > 0, name


def test_the_peers_read_the_published_file_while_our_queries_hold_it_open(published, tmp_path):
    """DuckDB allows one configuration per database file in a process: the peers open the published file
    the way queries/ does (examencijfers.serving.open_read_only), so they can load while it is open."""
    path = published[0]
    assert queries.run("sources").height > 0  # our connection to the file is open now
    assert len(pandas_peer.load_frames(path, {"sources"})["sources"]) > 0
    assert sqlite_peer.build(path, tmp_path / "again.sqlite")["sources"] > 0
