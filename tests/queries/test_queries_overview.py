"""The overview's questions: latest diploma volumes, what each publication added, the national rate per
publication, and which grade tables exist. Expectations are worked out by hand from queries_fixture."""
from __future__ import annotations

import datetime as dt
import math

import duckdb
import pytest
from test_queries_exams import row

import queries
from examencijfers import paths


def wilson(passed: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    p = passed / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def test_latest_diploma_weeks_against_a_year_before(run):
    # the last published week is 2024-W3; two weeks back is W2..W3, a year before 2023-W2..W3
    rows = run("diplomas_latest", weeks=2)
    latest_b = row(rows, period="latest", diplomacode="B")
    assert (latest_b["weeks"], latest_b["suppressed_weeks"]) == (2, 1)
    assert latest_b["aantal"] is None and latest_b["suppression"] == "primary"   # W2 withheld: no sum
    before_b = row(rows, period="year_before", diplomacode="B")
    assert (before_b["weeks"], before_b["aantal"], before_b["suppression"]) == (1, 90, None)
    assert rows.filter(rows["diplomacode"] == "A").is_empty()          # A has no week in either window


def test_three_latest_diploma_weeks(run):
    rows = run("diplomas_latest", weeks=3)
    assert row(rows, period="latest", diplomacode="A")["aantal"] == 7
    assert row(rows, period="year_before", diplomacode="A")["aantal"] == 10
    assert row(rows, period="year_before", diplomacode="B")["aantal"] == 190
    assert row(rows, period="latest", diplomacode="B")["week_from"] == dt.date.fromisocalendar(2024, 1, 1)


def test_national_rate_per_publication_with_its_change(run):
    rows = run("product_rate_by_publication")
    now = row(rows, publication="2024", productcode="B", soort_examen="eerste")
    assert (now["voldoende"], now["n"], now["rate"]) == (500, 1000, 0.5)
    assert (now["ci_low"], now["ci_high"]) == pytest.approx(wilson(500, 1000))
    assert now["previous_publication"] == "2023" and now["previous_rate"] == pytest.approx(0.45)
    assert now["change"] == pytest.approx(0.05)
    first = row(rows, publication="2023", productcode="B", soort_examen="eerste")
    assert first["previous_rate"] is None and first["change"] is None
    her = row(rows, publication="2024", productcode="B", soort_examen="her")
    assert her["rate"] == 0.5 and her["change"] is None


def test_national_rate_per_publication_for_one_transmission(run):
    rows = run("product_rate_by_publication", transmissie="automaat")
    assert rows.height == 1 and row(rows, publication="2024")["rate"] == pytest.approx(0.3)


def test_grade_tables_per_schooljaar(run):
    rows = run("vo_grade_years")
    assert [(r["schooljaar"], r["vakken"], r["vestigingen"]) for r in rows.iter_rows(named=True)] == [
        ("2023-2024", 2, 4), ("2022-2023", 2, 1), ("2021-2022", 1, 1)]
    assert run("vo_grade_years", source="deliveries").is_empty()


def test_what_each_publication_added(tmp_path):
    path = tmp_path / "published.duckdb"
    con = duckdb.connect(str(path))
    con.execute((paths.SQL / "published.sql").read_text(encoding="utf-8"))
    con.execute("""insert into sources values
        (1, 'q1.csv', 'a', 'cbr_examens', 'l', '2024-Q1', '2023-04-01', '2024-03-31', 10, true, '2024-04-01'),
        (2, 'q2.csv', 'b', 'cbr_examens', 'l', '2024-Q2', '2023-07-01', '2024-06-30', 12, true, '2024-07-01'),
        (3, 'q3.csv', 'c', 'cbr_examens', 'l', '2024-Q3', '2023-10-01', '2024-09-30', 13, true, '2024-10-01'),
        (4, 'duo.csv', 'd', 'duo_vestigingen', 'l', 'register', null, null, 5, false, '2024-10-01')""")
    rows = queries.run_on(con, "publication_changes")
    con.close()
    exams = row(rows, dataset="cbr_examens")
    assert (exams["publication"], exams["previous_publication"], exams["row_count"]) == ("2024-Q3", "2024-Q2", 13)
    assert exams["new_days"] == (dt.date(2024, 9, 30) - dt.date(2024, 6, 30)).days == 92
    register = row(rows, dataset="duo_vestigingen")
    assert register["previous_publication"] is None and register["new_days"] is None
