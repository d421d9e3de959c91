"""Counts of real size: every Wilson interval stays right when n is far above 23,170.

The interval's term z² / (4n²) overflowed a 32-bit integer once 4n² > 2³¹ (n > 23,170), which a busy exam
location reaches for product B in one publication, and a national VO count in one schooljaar. This database
is built here (not the shared fixture, whose hand-worked numbers stay small) with one large count in every
table a Wilson interval is computed from; the expected rates and intervals come from queries_expect.wilson.
"""
from __future__ import annotations

import datetime as dt

import duckdb
import pytest
from queries_expect import wilson
from test_queries_exams import row

import queries
from examencijfers.paths import SQL

LIMIT = 23_170  # the largest n for which 4 * n * n fits in an INT32

PUBLICATION = ("2025", dt.date(2024, 7, 1), dt.date(2025, 6, 30))
# (productcode, examenlocatie): (voldoende, onvoldoende) in cbr_product_rates, first exams, all transmissions
PRODUCT_RATES = {("B", "*"): (28_000, 19_152), ("B", "L1"): (30_000, 17_152)}
# (opleidercode, examenlocatie): (voldoende, onvoldoende) in cbr_opleider_results; O1 has an all-locations row
OPLEIDER_RESULTS = {("O1", "*"): (16_000, 8_000), ("O1", "L1"): (16_000, 8_000), ("O2", "L1"): (20_000, 10_000)}
# (jaar, week): (voldoende, onvoldoende) of product B in cbr_exams_weekly
EXAMS = {(2024, 1): (27_000, 23_000), (2025, 1): (30_000, 20_000), (2025, 2): (31_000, 19_000)}
# (level, area_code): (examenkandidaten, geslaagden) of HAVO 2024-2025, geslacht TOTAAL
PASS_RATES = {("land", "NL"): (60_000, 54_000), ("provincie", "Utrecht"): (30_000, 26_000),
              ("vestiging", "01AA00"): (25_000, 21_000)}
SCHOOLJAAR = "2024-2025"


def build(path):
    con = duckdb.connect(str(path))
    con.execute((SQL / "published.sql").read_text(encoding="utf-8"))
    con.execute("insert into suppression_rules values ('opleider_min_exams', '10', 'min', 'min')")
    name, start, end = PUBLICATION
    con.executemany(
        "insert into cbr_product_rates values (?, ?, ?, ?, ?, 'eerste', 'totaal', ?, ?, ?, 100, null)",
        [(name, start, end, product, place, v, o, v + o) for (product, place), (v, o) in PRODUCT_RATES.items()])
    con.executemany(
        "insert into cbr_opleider_results values (3, ?, ?, ?, ?, ?, null, true, 'B', 'B', 'Auto praktijk', ?, null,"
        " 'eerste', 'totaal', ?, ?, ?, '100+', null)",
        [(name, start, end, code, f"Rijschool {code}", place, v, o, v + o)
         for (code, place), (v, o) in OPLEIDER_RESULTS.items()])
    con.executemany(
        "insert into cbr_exams_weekly values (1, ?, ?, ?, 'B', 'Personenauto', 'B', 'Auto praktijk', false,"
        " ?, ?, ?, 0, 0, null)",
        [(jaar, week, dt.date.fromisocalendar(jaar, week, 1), v + o, v, o) for (jaar, week), (v, o) in EXAMS.items()])
    con.executemany(
        "insert into vo_pass_rates values ('duo', ?, ?, ?, null, null, null, 'HAVO', null, null, ?, 'TOTAAL',"
        " ?, null, ?, null, ?, null)",
        [(level, code, code, SCHOOLJAAR, n, passed, 100 * passed / n) for (level, code), (n, passed)
         in PASS_RATES.items()])
    con.close()
    return path


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    path = build(tmp_path_factory.mktemp("large") / "published.duckdb")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EXAMENCIJFERS_PUBLISHED", str(path))
        yield queries.run


def assert_rate(found, passed, n):
    """The row holds n, passed / n and the Wilson 95% interval of passed / n."""
    assert n > LIMIT
    assert found["n"] == n
    assert found["rate"] == pytest.approx(passed / n, rel=1e-12)
    assert (found["ci_low"], found["ci_high"]) == pytest.approx(wilson(passed, n), rel=1e-12)


def test_location_rates_with_a_busy_location(large):
    rows = large("location_pass_rates", publication="2025", productcode="B", soort_examen="eerste")
    l1 = row(rows, examenlocatie="L1")
    assert_rate(l1, 30_000, 47_152)
    assert l1["national_n"] == 47_152 and l1["national_rate"] == pytest.approx(28_000 / 47_152)
    assert l1["position"] == "above"


def test_national_product_rate_per_publication(large):
    rows = large("product_rate_by_publication")
    assert_rate(row(rows, productcode="B", soort_examen="eerste"), 28_000, 47_152)


def test_opleider_profile_league_and_trend(large):
    profile = large("opleider_profile", opleidercode="O1", publication="2025")
    assert_rate(row(profile, examenlocatie="L1"), 16_000, 24_000)
    assert row(profile, examenlocatie="L1")["location_rate"] == pytest.approx(30_000 / 47_152)
    league = large("opleider_league", publication="2025", productcode="B", soort_examen="eerste")
    assert_rate(row(league, opleidercode="O1"), 16_000, 24_000)  # from its all-locations row
    assert_rate(row(league, opleidercode="O2"), 20_000, 30_000)  # the sum of its location rows
    trend = large("opleider_trend", opleidercode="O1")
    assert_rate(row(trend, publication="2025"), 16_000, 24_000)


def test_weekly_exam_rates(large):
    by_week = large("exam_pass_rate_by_week", products=["B"], date_from="2024-12-30", date_to="2025-01-31",
                    window=2)
    assert_rate(row(by_week, week=2), 61_000, 100_000)
    assert row(by_week, week=2)["n_voldoende"] == 61_000
    by_group = large("exam_pass_rate_by_group", grouping="productcode", date_from="2024-12-30",
                     date_to="2025-01-31", window=1)
    week1 = row(by_group, week=1)
    assert_rate(week1, 30_000, 50_000)
    assert week1["rate_year_before"] == pytest.approx(27_000 / 50_000) and week1["n_year_before"] == 50_000
    latest = large("exam_pass_rate_latest", weeks=2)
    assert_rate(row(latest, period="latest"), 61_000, 100_000)


def test_vo_rates_national_by_area_and_school(large):
    trend = large("vo_pass_rate_national_trend")
    national = row(trend, schooljaar=SCHOOLJAAR) | {"n": row(trend, schooljaar=SCHOOLJAAR)["examenkandidaten"]}
    assert_rate(national, 54_000, 60_000)
    by_area = large("vo_pass_rates_by_area", level="provincie", onderwijstype="HAVO", schooljaar=SCHOOLJAAR)
    utrecht = row(by_area, area_code="Utrecht")
    assert_rate(utrecht | {"n": utrecht["examenkandidaten"]}, 26_000, 30_000)
    assert utrecht["national_rate"] == pytest.approx(0.9) and utrecht["position"] == "below"
    school = large("vo_school_pass_rates", vestigingscode="01AA00")
    found = row(school, schooljaar=SCHOOLJAAR)
    assert_rate(found | {"n": found["examenkandidaten"]}, 21_000, 25_000)
