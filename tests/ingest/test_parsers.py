"""The field parsers, against values written out by hand and generated ones (hypothesis)."""
from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from examencijfers.ingest import parsers


def parse(kind, values):
    frame = pl.DataFrame({"v": values}, schema={"v": pl.String})
    return frame.select(
        parsers.parse(kind, pl.col("v")).alias("value"),
        parsers.invalid(kind, pl.col("v"), required=False).alias("invalid"),
        parsers.suppressed_at_source(pl.col("v")).alias("suppressed"),
    ).to_dict(as_series=False)


def test_counts_and_lt5():
    result = parse("count_lt5", ["0", "17", "<5", "", " 3 ", "-1", "4.0", "12O"])
    assert result["value"] == [0, 17, None, None, 3, None, None, None]
    assert result["suppressed"] == [False, False, True, False, False, False, False, False]
    assert result["invalid"] == [False, False, False, False, False, True, True, True]


def test_lt5_is_invalid_where_the_publisher_never_suppresses():
    assert parse("count", ["<5"])["invalid"] == [True]


def test_grades_decimal_comma_and_no_value():
    result = parse("grade", ["6,4", ",0", "10,0", "7", "6.5", "6,4a", ""])
    assert result["value"] == [6.4, None, 10.0, 7.0, 6.5, None, None]
    assert result["invalid"] == [False, False, False, False, False, True, False]


def test_percentages_of_both_generations():
    assert parse("percent", ["66,7%", ",0%", "90.9", "100", "%"])["value"] == [66.7, 0.0, 90.9, 100.0, None]


def test_dates_including_still_active():
    result = parse("date", ["31-12-9999", "01-07-2017", "2017-07-01", "31-02-2020"])
    assert result["value"] == [dt.date(9999, 12, 31), dt.date(2017, 7, 1), None, None]
    assert result["invalid"] == [False, False, True, True]


@given(st.lists(st.one_of(st.integers(0, 10**9 - 1).map(str), st.just("<5")), min_size=1, max_size=50))
def test_lt5_never_becomes_a_number(values):
    result = parse("count_lt5", values)
    for text, value, suppressed in zip(values, result["value"], result["suppressed"], strict=True):
        if text == "<5":
            assert value is None and suppressed
        else:
            assert value == int(text) and not suppressed


@given(st.integers(0, 99), st.integers(0, 9))
def test_any_decimal_comma_grade_reads_as_written(units, tenth):
    assert parse("grade", [f"{units},{tenth}"])["value"] == [pytest.approx(units + tenth / 10)]


def test_years_are_four_digits_of_this_era():
    result = parse("year", ["2025", "1999", "0", "0000", "2100", "25", ""])
    assert result["value"] == [2025, 1999, None, None, None, None, None]
    assert result["invalid"] == [False, False, True, True, True, True, False]


def test_a_date_in_year_zero_is_invalid_not_a_crash():
    result = parse("date", ["01-01-0000", "01-01-0999", "01-01-1000"])
    assert result["value"] == [None, None, dt.date(1000, 1, 1)]
    assert result["invalid"] == [True, True, False]
