"""Opleider results: league with funnel limits and rank range, profile, trend, exam locations."""
from __future__ import annotations

import pytest
from queries_expect import Z95, Z998, funnel, wilson
from test_queries_exams import row


@pytest.fixture
def league(run):
    return run("opleider_league", publication="2024", productcode="B", soort_examen="eerste")


def test_opleider_total_sums_its_locations(league):
    o1 = row(league, opleidercode="O1")
    assert (o1["voldoende"], o1["n"], o1["cells"], o1["suppressed_cells"]) == (60, 80, 2, 0)
    assert o1["rate"] == pytest.approx(0.75)
    assert (o1["ci_low"], o1["ci_high"]) == pytest.approx(wilson(60, 80))
    assert o1["transmissie"] == "totaal"


def test_an_all_locations_row_is_used_instead_of_the_sum(league):
    o4 = row(league, opleidercode="O4")
    assert (o4["voldoende"], o4["n"], o4["cells"]) == (90, 100, 1)


def test_total_with_a_suppressed_location_has_no_rate(league):
    o3 = row(league, opleidercode="O3")
    assert o3["n"] == 20 and o3["suppressed_cells"] == 1
    assert o3["rate"] is None and o3["suppression"] == "primary" and o3["rank"] is None


def test_too_few_exams_keeps_the_band_only(league):
    o5 = row(league, opleidercode="O5")
    assert o5["n"] is None and o5["n_band"] == "1-9" and o5["rate"] is None
    assert o5["suppression"] == "too_few_exams"


def test_a_too_few_location_leaves_the_all_locations_rate(run):
    league = run("opleider_league", publication="2024", productcode="A", soort_examen="eerste")
    o6 = row(league, opleidercode="O6")   # 37 at L1, 3 at L2: the '*' row of 40
    assert (o6["voldoende"], o6["n"], o6["cells"], o6["suppressed_cells"], o6["suppression"]) == (32, 40, 1, 0, None)
    assert o6["rate"] == pytest.approx(32 / 40)
    assert (o6["ci_low"], o6["ci_high"]) == pytest.approx(wilson(32, 40))
    assert o6["rank"] == 1 and o6["rated_opleiders"] == 1
    o7 = row(league, opleidercode="O7")   # no '*' row: the sum of L1 and L2 misses L2's 3
    assert (o7["n"], o7["cells"], o7["suppressed_cells"]) == (37, 2, 1)
    assert o7["rate"] is None and o7["suppression"] == "too_few_exams" and o7["rank"] is None


def test_the_trend_and_profile_of_an_opleider_with_a_too_few_location(run):
    trend = run("opleider_trend", opleidercode="O6")
    assert (trend["n"].to_list(), trend["cells"].to_list()) == ([40], [1])
    assert trend["rate"].to_list() == pytest.approx([0.8])
    profile = run("opleider_profile", opleidercode="O6", publication="2024")
    assert profile["examenlocatie"].to_list() == ["L1", "L2"]   # locations only, not the '*' row


def test_location_lists_leave_the_all_locations_rows_out(run):
    assert "*" not in run("cbr_locations", q="")["examenlocatie"].to_list()
    places = run("location_pass_rates", publication="2024", productcode="B", soort_examen="eerste")
    assert "*" not in places["examenlocatie"].to_list()


def test_funnel_limits_around_the_national_rate(league):
    o1 = row(league, opleidercode="O1")
    assert o1["national_rate"] == pytest.approx(0.5)
    assert (o1["limit95_low"], o1["limit95_high"]) == pytest.approx(funnel(0.5, 80, Z95))
    assert (o1["limit998_low"], o1["limit998_high"]) == pytest.approx(funnel(0.5, 80, Z998))
    assert o1["funnel_position"] == "above_998"  # 0.75 > 0.5 + 3.09 * sqrt(0.25 / 80) = 0.673
    assert row(league, opleidercode="O2")["funnel_position"] == "below_998"  # 0.2 < 0.5 - 0.2185


def test_rank_by_lower_bound_with_its_range(league):
    intervals = {"O1": wilson(60, 80), "O2": wilson(10, 50), "O4": wilson(90, 100)}
    by_lower = sorted(intervals, key=lambda code: -intervals[code][0])
    for code, (low, high) in intervals.items():
        found = row(league, opleidercode=code)
        assert found["rank"] == by_lower.index(code) + 1
        assert found["rank_best"] == 1 + sum(other[0] > high for other in intervals.values())
        assert found["rank_worst"] == len(intervals) - sum(other[1] < low for other in intervals.values())
        assert found["rated_opleiders"] == 3


def test_league_by_transmission(run):
    automaat = run("opleider_league", publication="2024", productcode="B", soort_examen="eerste",
                   transmissie="automaat")
    assert automaat["opleidercode"].to_list() == ["O1"]
    o1 = automaat.row(0, named=True)
    assert o1["n"] == 10 and o1["rate"] == pytest.approx(0.5) and o1["national_rate"] == pytest.approx(0.3)


def test_re_exam_league(run):
    her = run("opleider_league", publication="2024", productcode="B", soort_examen="her")
    assert her.row(0, named=True)["rate"] == pytest.approx(0.5) and her.row(0, named=True)["n"] == 12


def test_funnel_curve(run):
    curve = run("opleider_funnel_limits", publication="2024", productcode="B", soort_examen="eerste", n_max=1000)
    assert curve["n"].min() == 1 and curve["n"].max() == 1000
    at = row(curve, n=1000)
    assert (at["limit998_low"], at["limit998_high"]) == pytest.approx(funnel(0.5, 1000, Z998))
    assert row(curve, n=1)["limit95_low"] == 0.0  # clipped


def test_profile_per_location(run):
    profile = run("opleider_profile", opleidercode="O3", publication="2024")
    l1 = row(profile, examenlocatie="L1")
    assert l1["rate"] == pytest.approx(0.75) and l1["location_rate"] == pytest.approx(0.6)
    assert l1["national_rate"] == pytest.approx(0.5)
    l2 = row(profile, examenlocatie="L2")
    assert l2["n"] is None and l2["rate"] is None and l2["suppression"] == "primary" and l2["n_band"] == "10-49"


def test_trend_across_publications(run):
    trend = run("opleider_trend", opleidercode="O1")
    first = trend.filter(trend["soort_examen"] == "eerste")
    assert first["publication"].to_list() == ["2023", "2024"]
    assert first["rate"].to_list() == pytest.approx([0.6, 0.75])
    assert first["national_rate"].to_list() == pytest.approx([0.45, 0.5])
    assert first["change_from_previous"].to_list()[1] == pytest.approx(0.15)


def test_locations_against_the_national_rate(run):
    rows = run("location_pass_rates", publication="2024", productcode="B", soort_examen="eerste")
    assert rows["examenlocatie"].to_list() == ["L1", "L2", "L3"]
    l1 = row(rows, examenlocatie="L1")
    assert l1["plaats"] == "Utrecht" and l1["rate"] == pytest.approx(0.6)
    assert l1["ci_low"] == pytest.approx(wilson(300, 500)[0])
    assert l1["position"] == "above" and l1["difference"] == pytest.approx(0.1)
    assert row(rows, examenlocatie="L2")["position"] == "within"
    l3 = row(rows, examenlocatie="L3")
    assert l3["rate"] is None and l3["suppression"] == "cbr_rule_1" and l3["position"] is None


def test_rank_range_on_many_opleiders_with_ties(tmp_path, monkeypatch):
    """The one-pass rank range equals the pairwise definition, also where intervals are identical."""
    import random

    import duckdb

    import queries
    from examencijfers.paths import SQL

    rng = random.Random(4)
    counts = {f"X{i:02d}": (rng.randint(0, 40), 40) for i in range(30)}
    counts |= {"T1": (20, 40), "T2": (20, 40), "T3": (30, 40)}  # ties
    path = tmp_path / "many.duckdb"
    con = duckdb.connect(str(path))
    con.execute((SQL / "published.sql").read_text(encoding="utf-8"))
    con.executemany(
        "insert into cbr_opleider_results values (1, 'P', '2023-07-01', '2024-06-30', ?, ?, null, true, 'B', 'B',"
        " 'B', 'L1', null, 'eerste', 'totaal', ?, ?, ?, '10-49', null)",
        [(code, code, v, n - v, n) for code, (v, n) in counts.items()])
    con.execute("insert into cbr_product_rates values ('P', '2023-07-01', '2024-06-30', 'B', '*', 'eerste', 'totaal',"
                " 600, 720, 1320, 33, null)")
    con.close()
    monkeypatch.setenv("EXAMENCIJFERS_PUBLISHED", str(path))
    league = queries.run("opleider_league", publication="P", productcode="B", soort_examen="eerste")
    intervals = {code: wilson(v, n) for code, (v, n) in counts.items()}
    for found in league.to_dicts():
        low, high = intervals[found["opleidercode"]]
        assert found["rank_best"] == 1 + sum(other[0] > high for other in intervals.values())
        assert found["rank_worst"] == len(intervals) - sum(other[1] < low for other in intervals.values())
        assert found["rank"] == 1 + sum(other[0] > low for other in intervals.values())
