"""The record-level deliveries' aggregates (vo_enrolment, vo_subject_details, vo_exam_outcomes) as the
deliveries page asks for them: filters by schooljaar, vestiging and onderwijstype, protected cells NULL with
their reason, and sums that say how many protected cells they leave out. Expected values are worked out by
hand from the rows in queries_fixture.py."""
from __future__ import annotations

import shutil

import duckdb
import pytest
import queries_fixture
from test_queries_exams import row

ENROL_YEAR, EXAM_YEAR = "2024-2025", "2023-2024"


def test_coverage_lists_every_table_year_vestiging_and_type_once(run):
    coverage = run("vo_delivery_coverage")
    assert coverage.height == 11
    assert sorted(coverage.filter(coverage["dataset"] == "enrolment")["schooljaar"].unique().to_list()) == [
        "2023-2024", "2024-2025"]
    lyceum = row(coverage, dataset="enrolment", schooljaar=ENROL_YEAR, vestigingscode="01AA00", onderwijstype="HAVO")
    assert lyceum["cells"] == 2 and lyceum["vestigingsnaam"] == "Het Lyceum" and lyceum["plaatsnaam"] == "Utrecht"
    assert set(coverage.filter(coverage["dataset"] == "exam_outcomes")["onderwijstype"]) == {"HAVO", "VWO"}


def test_enrolment_cells_follow_the_filters_and_keep_their_reasons(run):
    every = run("vo_delivery_enrolment", schooljaar=ENROL_YEAR)
    assert every.height == 6                          # the 2023-2024 row is another year
    assert run("vo_delivery_enrolment", schooljaar="2023-2024")["leerlingen"].to_list() == [28]
    havo = run("vo_delivery_enrolment", schooljaar=ENROL_YEAR, onderwijstype="HAVO")
    assert havo.height == 4 and set(havo["onderwijstype"]) == {"HAVO"}
    small = run("vo_delivery_enrolment", schooljaar=ENROL_YEAR, vestigingscode="02BB00")
    assert small.height == 1
    cell = small.row(0, named=True)
    assert cell["leerlingen"] is None and cell["leerlingen_suppression"] == "primary"
    assert cell["nieuwkomers_d1"] is None and cell["gem_jaren_praktijkonderwijs_suppression"] == "primary"
    pro = row(every, vestigingscode="03CC00")
    assert pro["leerlingen_praktijkonderwijs"] == 12 and pro["gem_jaren_praktijkonderwijs"] == pytest.approx(2.5)


def test_enrolment_sums_are_the_known_part_and_count_what_they_leave_out(run):
    totals = run("vo_delivery_enrolment_by_leerjaar", schooljaar=ENROL_YEAR)
    assert [(r["onderwijstype"], r["leerjaar"]) for r in totals.iter_rows(named=True)] == [
        ("HAVO", 4), ("HAVO", 5), ("PRO", 3), ("VWO", 4)]
    havo4 = row(totals, onderwijstype="HAVO", leerjaar=4)
    # 01AA00 30 + 04DD00 40; 02BB00's protected cell is left out, not counted as 0
    assert (havo4["vestigingen"], havo4["cells"], havo4["leerlingen"], havo4["leerlingen_withheld"]) == (3, 3, 70, 1)
    assert (havo4["nieuwkomers_d1"], havo4["nieuwkomers_d1_withheld"]) == (5, 1)
    assert (havo4["nieuwkomers_d2"], havo4["nieuwkomers_d2_withheld"]) == (1, 2)   # 01AA00 and 02BB00 protected
    havo5 = row(totals, onderwijstype="HAVO", leerjaar=5)
    assert (havo5["leerlingen"], havo5["leerlingen_withheld"]) == (25, 0)
    assert havo4["leerlingen_suppression"] is None   # a known part, not a withheld sum
    assert row(totals, onderwijstype="PRO")["leerlingen_praktijkonderwijs"] == 12


def test_an_enrolment_sum_of_only_protected_cells_is_null_never_zero(run):
    totals = run("vo_delivery_enrolment_by_leerjaar", schooljaar=ENROL_YEAR, vestigingscode="02BB00")
    only = totals.row(0, named=True)
    assert only["leerlingen"] is None and only["leerlingen_withheld"] == 1 and only["cells"] == 1
    assert only["leerlingen_suppression"] == "primary"
    assert totals.schema["leerlingen"].is_integer()


def test_subject_details_per_vestiging_and_vak(run):
    details = run("vo_delivery_subject_details", schooljaar=EXAM_YEAR)
    assert details.height == 3
    ne = row(details, vestigingscode="01AA00", vakcode="NE")
    assert ne["gem_ce_1"] == pytest.approx(6.1) and ne["gem_eindcijfer"] == pytest.approx(6.6)
    assert ne["gem_se_min_ce"] == pytest.approx(0.6) and ne["tijdvak_2_of_3"] == 10
    assert ne["share_tijdvak_2_of_3"] == pytest.approx(0.125)   # the published 12.5 percent as a fraction
    wi = row(details, vestigingscode="01AA00", vakcode="WI")
    assert wi["gem_se_min_ce"] is None and wi["gem_se_min_ce_suppression"] == "primary"
    assert wi["aantal_ce"] is None and wi["aantal_ce_suppression"] is None   # no grade row: unknown, not withheld
    zuid = row(details, vestigingscode="02BB00")
    assert zuid["share_tijdvak_2_of_3"] is None and zuid["share_tijdvak_2_of_3_suppression"] == "extreme_rate"
    assert zuid["certificaten_deelexamen"] is None and zuid["certificaten_deelexamen_suppression"] == "primary"
    assert run("vo_delivery_subject_details", schooljaar=EXAM_YEAR, vestigingscode="02BB00").height == 1
    assert run("vo_delivery_subject_details", schooljaar=EXAM_YEAR, onderwijstype="VWO").height == 0


def test_subject_details_carry_the_ce_candidates_of_the_deliveries_grades(published, tmp_path, monkeypatch):
    copy = tmp_path / "published.duckdb"
    shutil.copy(published, copy)
    _, _, grades, _ = queries_fixture.delivery_rows()
    with duckdb.connect(str(copy)) as con:
        con.executemany("insert into vo_subject_grades values (" + ", ".join("?" * 22) + ")", grades)
    monkeypatch.setenv("EXAMENCIJFERS_PUBLISHED", str(copy))
    import queries
    details = queries.run("vo_delivery_subject_details", schooljaar=EXAM_YEAR)
    assert row(details, vestigingscode="01AA00", vakcode="NE")["aantal_ce"] == 80
    zuid = row(details, vestigingscode="02BB00")
    assert zuid["aantal_ce"] is None and zuid["aantal_ce_suppression"] == "primary"
    assert row(details, vakcode="WI")["aantal_ce"] is None   # the deliveries' grades have no WI row


def test_exam_outcomes_per_vestiging_and_ilt_code(run):
    outcomes = run("vo_delivery_exam_outcomes", schooljaar=EXAM_YEAR)
    assert outcomes.height == 3
    lyceum = row(outcomes, vestigingscode="01AA00", ilt_code="0370")
    assert (lyceum["teruggetrokken"], lyceum["gespreid"]) == (3, 0)
    assert lyceum["deelexamen"] is None and lyceum["deelexamen_suppression"] == "primary"
    assert row(outcomes, vestigingscode="02BB00")["teruggetrokken_suppression"] == "primary"
    vwo = run("vo_delivery_exam_outcomes", schooljaar=EXAM_YEAR, onderwijstype="VWO")
    assert vwo["gespreid"].to_list() == [5] and vwo["opleidingsnaam"].to_list() == ["VWO-ATH Prf Nat/Tech"]
    assert run("vo_delivery_exam_outcomes", schooljaar="2024-2025").height == 0
