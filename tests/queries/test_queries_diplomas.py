"""CBR diplomas per week and per year, with the change against a year earlier."""
from __future__ import annotations

import datetime as dt

import pytest
from test_queries_exams import row


def test_week_against_the_same_week_a_year_earlier(run):
    rows = run("diplomas_by_week", codes=["B"], date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 12, 31))
    assert rows.height == 3
    w1 = row(rows, week=1)
    assert (w1["aantal"], w1["aantal_year_before"], w1["change"]) == (120, 100, 20)
    assert w1["change_pct"] == pytest.approx(0.2) and w1["change_suppression"] is None


def test_suppressed_week_gives_no_change(run):
    rows = run("diplomas_by_week", codes=["B"], date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 12, 31))
    w2 = row(rows, week=2)
    assert w2["aantal"] is None and w2["suppression"] == "primary" and w2["aantal_year_before"] == 90
    assert w2["change"] is None and w2["change_suppression"] == "primary"
    w3 = row(rows, week=3)
    assert w3["aantal_year_before"] is None and w3["change"] is None and w3["change_suppression"] is None


def test_year_total_says_it_misses_suppressed_weeks(run):
    rows = run("diplomas_by_year")
    b = row(rows, diplomacode="B", jaar=2024)
    assert (b["weeks"], b["suppressed_weeks"], b["aantal"]) == (3, 1, 200)
    assert not b["aantal_complete"]
    assert b["change"] is None and b["change_suppression"] == "primary"
    a = row(rows, diplomacode="A", jaar=2024)
    assert a["aantal_complete"] and (a["aantal"], a["aantal_year_before"], a["change"]) == (7, 10, -3)
    assert a["change_pct"] == pytest.approx(-0.3)
