"""The overview's questions: latest volumes, what each publication added, the national rate per
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


def test_volumes_count_only_products_published_in_every_week_of_both_periods(run):
    # two latest weeks: 2024-W5..W6 for exams (B complete in both years; BTH and A have no such weeks),
    # 2024-W2..W3 for diplomas (B has a withheld week, A none in the window)
    rows = run("volumes_latest", weeks=2)
    exams_now = row(rows, measure="exams", period="latest")
    exams_before = row(rows, measure="exams", period="year_before")
    assert (exams_now["total"], exams_before["total"]) == (80 + 20 + 10 + 10, 70 + 30 + 33 + 67)
    assert exams_now["parts_included"] == 1
    diplomas = row(rows, measure="diplomas", period="latest")
    assert (diplomas["total"], diplomas["parts_included"], diplomas["parts_excluded"]) == (0, 0, 1)
    toetsen = row(rows, measure="toetsen", period="latest")
    assert toetsen["week_to"] == dt.date.fromisocalendar(2024, 3, 1)
