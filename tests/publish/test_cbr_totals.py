"""An opleider's all-locations row (examenlocatie '*'): judged on its own n, left out with its product.

Expectations by hand on a small warehouse, and by independent SQL on the bundled publication.
"""
from __future__ import annotations

from datetime import date

import pytest

import queries
from examencijfers.publish.audit import audit_published
from examencijfers.publish.build import publish
from examencijfers.publish.rules import Rules
from tests.publish.conftest import eleven_opleiders, fetch

KEY = "publication, opleidercode, productcode, examenlocatie, soort_examen, transmissie"


@pytest.fixture
def small(warehouse, tmp_path):
    source = warehouse.source("cbr_opleiderresultaten", "2024-06", date(2023, 7, 1), date(2024, 6, 30))
    warehouse.product("B", divisie="CBR")
    # 37 exams at one location, 3 at another: a too-few location row and a total of 40 with its rate
    warehouse.opleider_row(source, "SPLIT", "B", 30, 7, locatie="Loc A", automaat=(4, 1))
    warehouse.opleider_row(source, "SPLIT", "B", 2, 1, locatie="Loc B")
    # 3 + 4 exams: too few at each location and in total
    warehouse.opleider_row(source, "SMALL", "B", 2, 1, locatie="Loc A")
    warehouse.opleider_row(source, "SMALL", "B", 3, 1, locatie="Loc B")
    # a CCV product that CBR's rule 2 keeps private: neither location nor '*' rows
    warehouse.product("R2", verlenging=True)
    eleven_opleiders(warehouse, source, "R2")
    warehouse.opleider_row(source, "OPL000", "R2", 1, 1, locatie="Loc B")
    out = tmp_path / "published.duckdb"
    publish(warehouse.close(), out, Rules())
    return out


def rows_of(path, opleider: str) -> list[tuple]:
    return fetch(path, "select examenlocatie, soort_examen, transmissie, voldoende, onvoldoende, n, n_band,"
                       " suppression from cbr_opleider_results where opleidercode = ? order by all", [opleider])


def test_a_total_of_40_has_its_rate_beside_a_location_with_3(small):
    assert rows_of(small, "SPLIT") == [
        ("*", "eerste", "automaat", None, None, None, "1-9", "too_few_exams"),
        ("*", "eerste", "totaal", 32, 8, 40, "10-49", None),
        ("*", "her", "totaal", 0, 0, 0, "0", None),
        ("Loc A", "eerste", "automaat", None, None, None, "1-9", "too_few_exams"),
        ("Loc A", "eerste", "totaal", 30, 7, 37, "10-49", None),
        ("Loc A", "her", "totaal", 0, 0, 0, "0", None),
        ("Loc B", "eerste", "totaal", None, None, None, "1-9", "too_few_exams"),
        ("Loc B", "her", "totaal", 0, 0, 0, "0", None),
    ]
    assert fetch(small, "select examenlocatie_plaats from cbr_opleider_results"
                        " where opleidercode = 'SPLIT' and examenlocatie = '*'") == [(None,)] * 3


def test_a_total_below_the_minimum_is_too_few_itself(small):
    total = [row for row in rows_of(small, "SMALL") if row[0] == "*" and row[1:3] == ("eerste", "totaal")]
    assert total == [("*", "eerste", "totaal", None, None, None, "1-9", "too_few_exams")]


def test_a_private_product_has_neither_location_nor_total_rows(small):
    assert fetch(small, "select count(*) from cbr_opleider_results where productcode = 'R2'") == [(0,)]
    counts = dict(((table, column, reason), cells) for table, column, reason, cells in
                  fetch(small, "select * from suppression_counts"))
    # eleven opleiders at Loc A, one of them also at Loc B: 12 location and 11 '*' rows, two 'totaal' each
    assert counts[("cbr_opleider_results", "*", "cbr_rule_2")] == (12 + 11) * 2


def test_national_rates_sum_the_locations_not_the_totals(small):
    national = fetch(small, "select voldoende, onvoldoende, n, opleiders from cbr_product_rates where productcode = 'B'"
                            " and examenlocatie = '*' and soort_examen = 'eerste' and transmissie = 'totaal'")
    assert national == [(30 + 2 + 2 + 3, 7 + 1 + 1 + 1, 47, 2)]
    per_location = fetch(small, "select examenlocatie, n, opleiders from cbr_product_rates where productcode = 'B'"
                                " and soort_examen = 'eerste' and transmissie = 'totaal' and examenlocatie <> '*'"
                                " order by 1")
    assert per_location == [("Loc A", 40, 2), ("Loc B", 7, 2)]


def test_the_audit_passes_the_totals(small):
    assert audit_published(small).problems == []


def test_the_league_rates_the_total_and_the_profile_shows_locations_only(small):
    from examencijfers.serving import open_read_only

    connection = open_read_only(small)
    try:
        league = queries.run_on(connection, "opleider_league", publication="2024-06", productcode="B",
                                soort_examen="eerste").to_dicts()
        profile = queries.run_on(connection, "opleider_profile", opleidercode="SPLIT", publication="2024-06")
        trend = queries.run_on(connection, "opleider_trend", opleidercode="SPLIT").to_dicts()
    finally:
        connection.close()
    split = next(row for row in league if row["opleidercode"] == "SPLIT")
    assert (split["voldoende"], split["n"], split["cells"], split["suppression"]) == (32, 40, 1, None)
    assert split["rate"] == pytest.approx(0.8) and split["rank"] == 1
    small_one = next(row for row in league if row["opleidercode"] == "SMALL")
    assert small_one["rate"] is None and small_one["suppression"] == "too_few_exams"
    assert sorted(set(profile["examenlocatie"])) == ["Loc A", "Loc B"]
    first = next(row for row in trend if row["soort_examen"] == "eerste")
    assert (first["n"], first["rate"]) == (40, pytest.approx(0.8))


# --- the bundled publication (built once per session by tests/conftest.py) ----------------------------


def test_bundled_totals_are_the_sums_of_their_locations(published_connection):
    """Every '*' row holds the sum of the opleider's location rows, counted before the too-few rule:
    where all its location rows are published, exactly their sum; otherwise at least that."""
    mismatched = published_connection.execute(f"""
        with totals as (
            select * from cbr_opleider_results where examenlocatie = '*'
        ),
        sums as (
            select publication, opleidercode, productcode, soort_examen, transmissie,
                sum(n) as n, count(*) as rows, count(n) as published_rows
            from cbr_opleider_results where examenlocatie <> '*'
            group by all
        )
        select count(*) filter (where sums.rows is null),
            count(*) filter (where sums.rows = sums.published_rows and totals.n is distinct from sums.n),
            count(*) filter (where totals.n < sums.n)
        from totals left join sums using (publication, opleidercode, productcode, soort_examen, transmissie)
    """).fetchall()[0]
    assert mismatched == (0, 0, 0)
    without_total = published_connection.execute("""
        select count(*) from (
            select distinct publication, opleidercode, productcode, soort_examen, transmissie
            from cbr_opleider_results where examenlocatie <> '*'
        ) located anti join (
            select * from cbr_opleider_results where examenlocatie = '*'
        ) using (publication, opleidercode, productcode, soort_examen, transmissie)
    """).fetchall()[0][0]
    assert without_total == 0
    duplicated = published_connection.execute(
        f"select count(*) from (select {KEY} from cbr_opleider_results group by all having count(*) > 1)"
    ).fetchall()[0][0]
    assert duplicated == 0


def test_bundled_league_rates_opleiders_with_a_too_few_location(published_connection):
    """Opleiders with one too-few location and enough exams in total now have a rate, equal to the one
    computed here from the location rows and the '*' row's counts."""
    publication = published_connection.execute(
        "select max(publication) from cbr_opleider_results").fetchall()[0][0]
    gained = published_connection.execute("""
        select opleidercode, t.voldoende, t.n
        from cbr_opleider_results t
        where t.publication = ? and t.productcode = 'B' and t.soort_examen = 'eerste'
            and t.transmissie = 'totaal' and t.examenlocatie = '*' and t.suppression is null and t.n >= 10
            and exists (select 1 from cbr_opleider_results l where l.publication = t.publication
                and l.opleidercode = t.opleidercode and l.productcode = 'B' and l.soort_examen = 'eerste'
                and l.transmissie = 'totaal' and l.examenlocatie <> '*' and l.suppression = 'too_few_exams')
        order by 1
    """, [publication]).fetchall()
    assert gained, "the bundled data should hold opleiders with one too-few location"
    league = {row["opleidercode"]: row for row in queries.run_on(
        published_connection, "opleider_league", publication=publication, productcode="B",
        soort_examen="eerste").to_dicts()}
    for code, voldoende, n in gained:
        assert league[code]["n"] == n and league[code]["rate"] == pytest.approx(voldoende / n)
        assert league[code]["suppression"] is None and league[code]["cells"] == 1


def test_bundled_location_views_leave_the_totals_out(published_connection):
    locations = queries.run_on(published_connection, "cbr_locations", q="")
    assert "*" not in locations["examenlocatie"].to_list()
    code, publication = published_connection.execute(
        "select opleidercode, publication from cbr_opleider_results where examenlocatie = '*'"
        " order by publication desc, opleidercode limit 1").fetchall()[0]
    profile = queries.run_on(published_connection, "opleider_profile", opleidercode=code, publication=publication)
    expected = published_connection.execute(
        "select count(*) from cbr_opleider_results where opleidercode = ? and publication = ?"
        " and examenlocatie <> '*'", [code, publication]).fetchall()[0][0]
    assert profile.height == expected and "*" not in profile["examenlocatie"].to_list()
