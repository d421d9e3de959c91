"""VO pass rates per area and per school, and grade averages, with protected cells kept protected."""
from __future__ import annotations

import pytest
from queries_expect import wilson
from test_queries_exams import row

YEAR = "2023-2024"


def test_national_trend(run):
    trend = run("vo_pass_rate_national_trend")
    assert trend["schooljaar"].to_list() == ["2022-2023", "2023-2024"]
    latest = row(trend, schooljaar=YEAR)
    assert latest["rate"] == pytest.approx(0.8)
    assert (latest["ci_low"], latest["ci_high"]) == pytest.approx(wilson(1000, 1250))


def test_rates_per_vestiging_against_national(run):
    rows = run("vo_pass_rates_by_area", level="vestiging", onderwijstype="HAVO", schooljaar=YEAR)
    assert rows.height == 4
    lyceum = row(rows, area_code="01AA00")
    assert lyceum["rate"] == pytest.approx(0.9) and lyceum["national_rate"] == pytest.approx(0.8)
    assert (lyceum["ci_low"], lyceum["ci_high"]) == pytest.approx(wilson(90, 100))
    assert lyceum["position"] == "above"  # 0.826 > 0.8
    assert row(rows, area_code="02BB00")["position"] == "below"  # 0.78 < 0.8
    assert row(rows, area_code="04DD00")["position"] == "within"


def test_percentile_among_published_areas_only(run):
    rows = run("vo_pass_rates_by_area", level="vestiging", onderwijstype="HAVO", schooljaar=YEAR)
    # published rates 0.7, 0.8, 0.9: share of the others below each; the protected school takes no part
    assert row(rows, area_code="02BB00")["percentile"] == 0.0
    assert row(rows, area_code="04DD00")["percentile"] == pytest.approx(0.5)
    assert row(rows, area_code="01AA00")["percentile"] == 1.0


def test_protected_area_stays_protected(run):
    rows = run("vo_pass_rates_by_area", level="vestiging", onderwijstype="HAVO", schooljaar=YEAR)
    small = row(rows, area_code="03CC00")
    assert small["examenkandidaten"] is None and small["geslaagden"] is None and small["rate"] is None
    assert small["rate_suppression"] == "source_lt5" and small["examenkandidaten_suppression"] == "source_lt5"
    assert small["ci_low"] is None and small["percentile"] is None and small["position"] is None


def test_other_levels_geslacht_and_opleiding(run):
    gemeente = run("vo_pass_rates_by_area", level="gemeente", onderwijstype="HAVO", schooljaar=YEAR)
    assert row(gemeente, area_code="Utrecht")["rate"] == pytest.approx(130 / 150)
    men = run("vo_pass_rates_by_area", level="vestiging", onderwijstype="HAVO", schooljaar=YEAR, geslacht="MAN")
    assert men["area_code"].to_list() == ["01AA00"] and men["rate"][0] == pytest.approx(0.8)
    h1 = run("vo_pass_rates_by_area", level="vestiging", onderwijstype="HAVO", schooljaar=YEAR, inspectiecode="H1")
    assert h1["rate"][0] == pytest.approx(0.9) and h1["national_rate"][0] == pytest.approx(0.75)


def test_instelling_and_provincie_levels(run):
    instellingen = run("vo_pass_rates_by_area", level="instelling", onderwijstype="HAVO", schooljaar=YEAR)
    assert instellingen["area_code"].to_list() == ["01AA", "03CC"]
    lyceum = row(instellingen, area_code="01AA")
    assert lyceum["rate"] == pytest.approx(0.9) and lyceum["position"] == "above"  # 0.826 > national 0.8
    assert (lyceum["ci_low"], lyceum["ci_high"]) == pytest.approx(wilson(90, 100))
    small = row(instellingen, area_code="03CC")
    assert small["rate"] is None and small["rate_suppression"] == "primary" and small["percentile"] is None
    assert lyceum["percentile"] == 0.0  # the only published instelling: no other is lower
    provincies = run("vo_pass_rates_by_area", level="provincie", onderwijstype="HAVO", schooljaar=YEAR)
    assert provincies["area_code"].to_list() == ["Overijssel", "Utrecht"]
    assert row(provincies, area_code="Utrecht")["rate"] == pytest.approx(130 / 150)
    overijssel = row(provincies, area_code="Overijssel")
    assert overijssel["difference"] == pytest.approx(0.7 - 0.8) and overijssel["percentile"] == 0.0
    assert row(provincies, area_code="Utrecht")["percentile"] == 1.0


def test_school_pass_rates_against_same_type(run):
    rows = run("vo_school_pass_rates", vestigingscode="01AA00")
    assert rows.height == 3
    all_2024 = row(rows, schooljaar=YEAR, inspectiecode=None)
    assert all_2024["rate"] == pytest.approx(0.9) and all_2024["national_rate"] == pytest.approx(0.8)
    assert all_2024["same_type_rate"] == pytest.approx(0.8)  # median of 0.9, 0.7, 0.8; protected school out
    assert all_2024["same_type_schools"] == 3 and all_2024["percentile"] == 1.0
    all_2023 = row(rows, schooljaar="2022-2023")
    # the other school's counts are protected but its percentage is published: median of 0.8 and 0.65
    assert all_2023["same_type_rate"] == pytest.approx(0.725)


def test_percentage_without_counts_has_no_interval(run):
    rows = run("vo_pass_rates_by_area", level="vestiging", onderwijstype="HAVO", schooljaar="2022-2023")
    zuid = row(rows, area_code="02BB00")
    assert zuid["rate"] == pytest.approx(0.65) and zuid["ci_low"] is None
    assert zuid["examenkandidaten"] is None and zuid["examenkandidaten_suppression"] == "secondary"


def test_subject_grades_against_national(run):
    rows = run("vo_school_subject_grades", vestigingscode="01AA00", schooljaar=YEAR)
    ne = row(rows, vakcode="NE")
    assert ne["se_ce_gap"] == pytest.approx(0.6)
    # weighted by aantal over the three schools with published grades; the protected one is left out
    assert ne["national_se"] == pytest.approx((6.8 * 100 + 6.5 * 100 + 7.0 * 50) / 250)
    assert ne["national_ce"] == pytest.approx((6.2 * 100 + 6.4 * 100 + 6.0 * 50) / 250)
    assert (ne["national_schools"], ne["national_schools_protected"]) == (3, 1)
    assert ne["ce_percentile"] == pytest.approx(0.5)  # CE 6.0, 6.2, 6.4: one of the two others is lower
    assert ne["gap_percentile"] == pytest.approx(0.5)  # gaps 0.1, 0.6, 1.0: one of the two others is lower


def test_three_year_averages(run):
    rows = run("vo_school_subject_grades", vestigingscode="01AA00", schooljaar=YEAR)
    ne = row(rows, vakcode="NE")
    assert ne["years_3y"] == 3
    assert ne["gem_se_3y"] == pytest.approx((6.8 * 100 + 6.6 * 80 + 7.0 * 60) / 240)
    assert ne["gem_ce_3y"] == pytest.approx((6.2 * 100 + 6.0 * 80 + 6.5 * 60) / 240)
    wi = row(rows, vakcode="WI")
    assert wi["years_3y"] == 2 and wi["gem_ce_3y"] is None and wi["grades_3y_suppression"] == "secondary"


def test_grade_distribution_keeps_protected_schools_marked(run):
    rows = run("vo_grade_distribution", onderwijstype="HAVO", vakcode="NE", schooljaar=YEAR)
    assert rows["vestigingscode"].to_list() == ["04DD00", "01AA00", "02BB00", "03CC00"]
    small = row(rows, vestigingscode="03CC00")
    assert small["gem_ce"] is None and small["gem_ce_suppression"] == "primary" and small["ce_percentile"] is None
    assert row(rows, vestigingscode="02BB00")["ce_percentile"] == 1.0


def test_school_grade_averages_per_afdeling(run):
    rows = run("vo_school_grade_averages", vestigingscode="01AA00")
    latest = row(rows, schooljaar=YEAR)
    assert latest["se_ce_gap"] == pytest.approx(0.4)
    assert latest["national_se"] == pytest.approx(6.6) and latest["national_ce"] == pytest.approx(6.4)
    assert (latest["national_schools"], latest["national_schools_protected"]) == (2, 1)
    assert latest["ce_percentile"] == 0.0
    assert latest["years_3y"] == 2 and latest["gem_ce_3y"] == pytest.approx(6.2)
    assert latest["se_ce_gap_3y"] == pytest.approx(0.4)


def test_search_lists(run):
    assert run("vo_school_search", q="utrecht")["vestigingscode"].to_list() == ["01AA00", "04DD00"]
    assert run("vo_school_search", q="02BB")["vestigingsnaam"].to_list() == ["College Zuid"]
    assert run("vo_gemeenten")["gemeentenaam"].to_list() == ["Ede", "Utrecht", "Zwolle"]
    assert run("vo_vakken")["vakcode"].to_list() == ["NE", "WI"]
    assert run("vo_onderwijstypen")["onderwijstype"].to_list() == ["HAVO"]
    assert run("vo_schooljaren")["schooljaar"].to_list() == ["2023-2024", "2022-2023"]
