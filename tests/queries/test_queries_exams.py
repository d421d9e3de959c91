"""CBR exams per week: rates, Wilson interval, rolling windows, the year before, toetsen, shares."""
from __future__ import annotations

import datetime as dt

import pytest
from queries_expect import wilson
from queries_fixture import EXAMS

JAN = dt.date(2024, 1, 1)
FEB = dt.date(2024, 2, 28)


def row(frame, **where):
    rows = frame.to_dicts()
    found = [r for r in rows if all(r[k] == v for k, v in where.items())]
    assert len(found) == 1, (where, found)
    return found[0]


def test_one_week_rate_and_wilson_interval(run):
    rows = run("exam_pass_rate_by_week", products=["B"], date_from=JAN, date_to=FEB, window=1)
    assert rows.height == 6
    week2 = row(rows, week=2)
    assert (week2["voldoende"], week2["n"]) == (60, 100)
    assert week2["rate"] == pytest.approx(0.6)
    low, high = wilson(60, 100)
    assert week2["ci_low"] == pytest.approx(low) and week2["ci_high"] == pytest.approx(high)
    assert 0.50 < low < 0.51 and 0.69 < high < 0.70  # the textbook value for 60/100: 0.502 .. 0.691


def test_four_week_rolling_rate(run):
    rows = run("exam_pass_rate_by_week", products=["B"], date_from=JAN, date_to=FEB, window=4)
    week5 = row(rows, week=5)
    passed = sum(EXAMS["B"][(2024, w)][0] for w in (2, 3, 4, 5))  # 60 + 30 + 45 + 80
    n = sum(sum(EXAMS["B"][(2024, w)][:2]) for w in (2, 3, 4, 5))
    assert (passed, n) == (215, 400)
    assert week5["n"] == 400 and week5["rate"] == pytest.approx(215 / 400)
    assert week5["ci_low"] == pytest.approx(wilson(215, 400)[0])


def test_rolling_window_reaches_back_before_date_from(run):
    rows = run("exam_pass_rate_by_week", products=["B"], date_from=JAN, date_to=JAN, window=13)
    # the 13 weeks ending 2024-W01 hold 2024-W01 and 2023-W41.. : only 2024-W01 exists in that range
    assert row(rows, week=1)["n"] == 100


def test_same_week_a_year_earlier(run):
    rows = run("exam_pass_rate_by_week", products=["B"], date_from=JAN, date_to=FEB, window=1)
    week3 = row(rows, week=3)
    assert week3["rate_year_before"] == pytest.approx(45 / 100)
    assert week3["n_year_before"] == 100
    four = run("exam_pass_rate_by_week", products=["B"], date_from=JAN, date_to=FEB, window=4)
    assert row(four, week=6)["rate_year_before"] == pytest.approx((45 + 52 + 70 + 33) / 400)


def test_suppressed_week_is_never_summed_as_zero(run):
    rows = run("exam_pass_rate_by_week", products=["BTH"], date_from=JAN, date_to=FEB, window=4)
    week2 = row(rows, week=2)
    assert week2["voldoende"] is None and week2["suppression"] == "primary"
    week4 = row(rows, week=4)
    # the window W01..W04 contains the suppressed W02: no rate, the reason, and what the window still holds
    assert week4["rate"] is None and week4["ci_low"] is None
    assert week4["rate_suppression"] == "primary"
    assert week4["suppressed_weeks"] == 1
    assert week4["n"] == 50 + 50 + 50
    one = run("exam_pass_rate_by_week", products=["BTH"], date_from=JAN, date_to=FEB, window=1)
    assert row(one, week=4)["rate"] == pytest.approx(30 / 50)
    assert row(one, week=4)["rate_suppression"] is None


def test_toets_has_no_rate(run):
    rows = run("exam_pass_rate_by_week", products=["B-T"], date_from=JAN, date_to=FEB, window=1)
    week1 = row(rows, week=1)
    assert week1["is_toets"] and week1["totaal"] == 12 and week1["rate"] is None


def test_shares_particulier_and_tolk(run):
    rows = run("exam_pass_rate_by_week", products=["B"], date_from=JAN, date_to=FEB, window=1)
    week2 = row(rows, week=2)
    assert week2["particulier_share"] == pytest.approx(10 / 100)
    assert week2["tolk_share"] == pytest.approx(10 / 100)


def test_category_total_sums_products_with_a_result(run):
    rows = run("exam_pass_rate_by_group", grouping="categoriecode", date_from=JAN, date_to=FEB, window=1)
    b1 = row(rows, group_code="B", week=1)
    # B (50/100) and BTH (20/50); the tussentijdse toets B-T is not a result and stays out
    assert (b1["parts"], b1["totaal"], b1["voldoende"]) == (2, 150, 70)
    assert b1["totaal_complete"] and b1["rate"] == pytest.approx(70 / 150)
    assert b1["ci_high"] == pytest.approx(wilson(70, 150)[1])
    assert b1["rate_year_before"] == pytest.approx(40 / 100)  # 2023 holds only B


def test_category_total_says_it_misses_a_suppressed_product(run):
    rows = run("exam_pass_rate_by_group", grouping="categoriecode", date_from=JAN, date_to=FEB, window=1)
    b2 = row(rows, group_code="B", week=2)
    assert b2["totaal"] == 100 and b2["suppressed_parts"] == 1 and not b2["totaal_complete"]
    assert b2["rate"] is None and b2["rate_suppression"] == "primary"
    c1 = row(rows, group_code="C", week=1)
    assert c1["totaal"] is None and c1["rate"] is None and c1["rate_suppression"] == "cbr_rule_1"


def test_grouping_by_product_matches_the_product_query(run):
    grouped = run("exam_pass_rate_by_group", grouping="productcode", date_from=JAN, date_to=FEB, window=4)
    single = run("exam_pass_rate_by_week", products=["B"], date_from=JAN, date_to=FEB, window=4)
    assert row(grouped, group_code="B", week=5)["rate"] == pytest.approx(row(single, week=5)["rate"])


def test_grouping_must_come_from_the_whitelist(run):
    from queries import QueryError

    with pytest.raises(QueryError, match="grouping must be one of"):
        run("exam_pass_rate_by_group", grouping="productnaam; drop", date_from=JAN, date_to=FEB)


def test_latest_weeks_against_a_year_before(run):
    rows = run("exam_pass_rate_latest", weeks=2)
    latest = row(rows, productcode="B", period="latest")
    assert latest["week_from"] == dt.date(2024, 1, 29) and latest["week_to"] == dt.date(2024, 2, 5)
    assert (latest["voldoende"], latest["n"]) == (90, 120)
    assert latest["rate"] == pytest.approx(0.75) and latest["ci_low"] == pytest.approx(wilson(90, 120)[0])
    before = row(rows, productcode="B", period="year_before")
    assert before["rate"] == pytest.approx((70 + 33) / 200)


def test_latest_weeks_with_a_suppressed_week_have_no_rate(run):
    rows = run("exam_pass_rate_latest", weeks=6)
    bth = row(rows, productcode="BTH", period="latest")
    assert bth["suppressed_weeks"] == 1 and bth["rate"] is None and bth["suppression"] == "primary"
    assert bth["n"] == 150


def test_toets_counts_only(run):
    rows = run("exam_toets_counts", date_from=JAN, date_to=FEB)
    assert rows["productcode"].unique().to_list() == ["B-T"]
    assert row(rows, week=1)["totaal"] == 12
    week3 = row(rows, week=3)
    assert week3["totaal"] is None and week3["suppression"] == "source_lt5"
