"""The pieces the benchmark's numbers rest on: comparing answers, and median / p95 of runs."""
from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import polars as pl

from benchmarks.agree import disagreement, normalise, order_columns, pandas_rows, polars_rows
from benchmarks.ingest import _prepared
from benchmarks import timing
from benchmarks.timing import Timing, measure, measure_alternating


def test_null_and_nan_are_both_missing_and_dates_are_iso_text():
    assert normalise(float("nan")) is None
    assert normalise(pd.NA) is None
    assert normalise(True) == 1
    assert normalise(dt.date(2024, 1, 2)) == "2024-01-02"
    assert normalise(pd.Timestamp("2024-01-02")) == "2024-01-02"
    assert normalise(dt.datetime(2024, 1, 2, 3, 4, 5, 600)) == "2024-01-02 03:04:05.000600"


def test_answers_that_differ_in_the_last_bits_agree_and_real_differences_do_not():
    ours = polars_rows(pl.DataFrame({"a": ["x", "y"], "rate": [0.1 + 0.2, 0.5]}))
    same = pandas_rows(pd.DataFrame({"a": ["x", "y"], "rate": [0.3, 0.5]}))
    other = pandas_rows(pd.DataFrame({"a": ["x", "y"], "rate": [0.3, 0.5001]}))
    assert disagreement(ours, same) is None
    assert "row 1, column rate" in disagreement(ours, other)


def test_ties_of_the_order_by_may_come_in_any_order_but_nothing_else_may():
    ours = (["k", "v"], [(1.0, "a"), (1.0, "b"), (2.0, "c")])
    tie_swapped = (["k", "v"], [(1.0, "b"), (1.0, "a"), (2.0, "c")])
    reordered = (["k", "v"], [(2.0, "c"), (1.0, "a"), (1.0, "b")])
    assert disagreement(ours, tie_swapped, ["k"]) is None
    assert disagreement(ours, tie_swapped, []) is not None
    assert disagreement(ours, reordered, ["k"]) is not None


def test_the_order_by_columns_are_read_from_the_final_clause():
    sql = "select *\nfrom x\nwindow w as (order by a)\nselect * from final\norder by rate desc nulls last, name\nlimit 5"
    assert order_columns(sql) == ["rate", "name"]


def test_p95_is_a_measured_run_and_the_median_the_middle():
    timing = Timing(runs=[0.005, 0.001, 0.002, 0.004, 0.003])
    assert math.isclose(timing.median, 0.003)
    assert timing.p95 == 0.005
    assert Timing(runs=[float(i) for i in range(1, 101)]).p95 == 95.0


def test_measure_warms_up_and_repeats_and_alternating_runs_take_turns():
    calls = []
    timing = measure(lambda: calls.append("x"), repeat=4, warmup=2)
    assert (len(calls), timing.n, timing.warmup) == (6, 4, 2)
    order = []
    first, second = measure_alternating([lambda: order.append("a"), lambda: order.append("b")], repeat=3)
    assert order == ["a", "b"] * 3 and first.n == second.n == 3


def test_a_preparation_runs_before_each_timed_call_and_outside_it(monkeypatch):
    events = []
    clock = iter(range(1000))
    monkeypatch.setattr(timing.time, "perf_counter", lambda: events.append("clock") or next(clock))
    function = _prepared(lambda: events.append("prepare"), lambda: events.append("run"))
    assert events == []                             # nothing is prepared until it is needed
    [result] = timing.measure_alternating([function], repeat=2, min_repeat=2)
    assert result.n == 2
    # after the clock reading that starts the budget: each timed call's clock readings enclose its run only
    assert events[1:] == ["prepare", "clock", "run", "clock"] * len(result.runs)
