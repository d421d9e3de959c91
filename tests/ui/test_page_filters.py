"""Every page with filters follows them and restores them from its URL: a changed filter (or a link that
carries it) shows the widgets set to it and the figures of that choice, worked out here with plain SQL on
the published database, not by the page's queries."""
from __future__ import annotations

import datetime as dt

import pytest

from tests.ui.test_page_figures import dutch_date, dutch_int, dutch_percent, rows

OPLEIDER = "1496P9"       # several products, locations and publications, some cells withheld
SCHOOL = "03KN00"         # HAVO, VMBO and VWO


def first_week_rate(connection, product: str, week: dt.date) -> tuple[str, str]:
    passed, failed = connection.execute(
        "select voldoende, onvoldoende from cbr_exams_weekly where productcode = ? and week_start = ?",
        [product, week]).fetchone()
    return dutch_percent(passed / (passed + failed)), dutch_int(passed + failed)


def last_week(connection) -> dt.date:
    return connection.execute("select max(week_start) from cbr_exams_weekly").fetchone()[0]


def same_counts(shown: dict, expected: dict) -> bool:
    """The shown rows are the published ones (by key), and each published count reads as its Dutch text
    (a withheld one, NULL in the table, is its symbol on screen: checked elsewhere)."""
    return bool(expected) and set(shown) == set(expected) and all(
        shown[key] == dutch_int(n) for key, n in expected.items() if n is not None)


# --- exams ---------------------------------------------------------------------------------------------------

def test_choosing_other_products_on_the_exams_page_shows_their_published_rates(app, published_connection):
    test = app("pages/cbr/exams.py")
    test.multiselect(key="url_product").set_value(["A", "AM2"]).run()
    assert not test.exception and not test.error
    assert test.query_params["product"] in ("A,AM2", ["A,AM2"])
    last = last_week(published_connection)
    table = rows(test)
    assert {r["Code"] for r in table} == {"A", "AM2"}
    for product in ("A", "AM2"):
        shown = [r for r in table if r["Code"] == product and r["Week (maandag)"] == dutch_date(last)]
        assert (shown[0]["Slaagpercentage"], shown[0]["Aantal (n)"]) == first_week_rate(published_connection,
                                                                                         product, last)


def test_the_volume_chart_follows_its_own_product_choice(app, published_connection):
    test = app("pages/cbr/exams.py")
    test.selectbox(key="url_volume").set_value("BTH").run()
    assert test.query_params["volume"] in ("BTH", ["BTH"])
    expected = dict(published_connection.execute(
        "select week_start, voldoende from cbr_exams_weekly where productcode = 'BTH'").fetchall())
    volume = rows(test, 1)
    assert len(volume) == 52
    assert all(r["Voldoende"] == dutch_int(expected[day]) for day in expected for r in volume
               if r["Week (maandag)"] == dutch_date(day))


def test_the_exams_page_per_category_sums_the_categorys_products(app, published_connection):
    last = last_week(published_connection)
    passed, total, withheld = published_connection.execute(
        "select sum(voldoende), sum(voldoende + onvoldoende), count(suppression) from cbr_exams_weekly"
        " where categoriecode = 'A' and not is_toets and week_start = ?", [last]).fetchone()
    test = app("pages/cbr/exams.py", by="category", category="A")
    assert test.segmented_control(key="url_by").value == "category"
    assert test.multiselect(key="url_category").value == ["A"]
    shown = [r for r in rows(test) if r["Week (maandag)"] == dutch_date(last)]
    assert len(shown) == 1
    if not withheld:
        assert shown[0]["Slaagpercentage"] == dutch_percent(passed / total)
        assert shown[0]["Aantal (n)"] == dutch_int(total)


# --- diplomas ------------------------------------------------------------------------------------------------

def test_the_url_restores_the_chosen_licence_codes_and_period(app, published_connection):
    weeks = [w for (w,) in published_connection.execute(
        "select distinct week_start from cbr_diplomas_weekly order by 1").fetchall()]
    start, end = weeks[-10], weeks[-3]
    # the weekly table open from the first run: AppTest loses a select_slider's value on a rerun
    test = app("pages/cbr/diplomas.py", code="A,BE", period=f"{start}~{end}", tables=("diplomas_weekly",))
    assert test.multiselect(key="url_code").value == ["A", "BE"]
    expected = published_connection.execute(
        "select diplomacode, week_start, aantal from cbr_diplomas_weekly where diplomacode in ('A', 'BE')"
        " and week_start between ? and ?", [start, end]).fetchall()
    shown = {(r["Code"], r["Week (maandag)"]): r["Rijbewijzen"] for r in rows(test)}
    assert shown == {(code, dutch_date(day)): dutch_int(count) for code, day, count in expected}


# --- opleiders -----------------------------------------------------------------------------------------------

def test_the_url_restores_the_league_of_a_product_kind_and_sort(app, published_connection):
    test = app("pages/cbr/opleiders.py", publication="2025-Q3", product="BTH", soort="her", sort="n")
    assert test.selectbox(key="url_publication").value == "2025-Q3"
    assert test.selectbox(key="url_product").value == "BTH"
    assert test.segmented_control(key="url_soort").value == "her"
    assert test.segmented_control(key="url_sort").value == "n"
    league = rows(test, 1)
    top = league[0]
    expected = published_connection.execute(
        "select sum(n) from cbr_opleider_results where publication = '2025-Q3' and productcode = 'BTH'"
        " and soort_examen = 'her' and transmissie = 'totaal' and examenlocatie <> '*' and opleidercode = ?",
        [top["Code"]]).fetchone()[0]
    assert top["Aantal (n)"] == dutch_int(expected)
    counts = [int(r["Aantal (n)"].replace(".", "")) for r in league if r["Aantal (n)"].replace(".", "").isdigit()]
    assert counts == sorted(counts, reverse=True)


# --- one opleider --------------------------------------------------------------------------------------------

def opleider_locations(connection, publication: str, soort: str, transmissie: str) -> dict:
    return {(product, location): n for product, location, n in connection.execute(
        "select productcode, examenlocatie, n from cbr_opleider_results where opleidercode = ?"
        " and publication = ? and soort_examen = ? and transmissie = ? and examenlocatie <> '*'",
        [OPLEIDER, publication, soort, transmissie]).fetchall()}


def shown_locations(test) -> dict:
    return {(r["Code"], r["Examenlocatie"]): r["Aantal (n)"] for r in rows(test, 2)}


def test_the_opleider_page_follows_its_publication_and_kind_of_exam(app, published_connection):
    test = app("pages/cbr/opleider.py", opleider=OPLEIDER)
    before = rows(test, 0)
    test.selectbox(key="url_publication").set_value("2024-Q3").run()
    test.segmented_control(key="url_soort").set_value("her").run()
    assert not test.exception and not test.error
    assert test.query_params["publication"] in ("2024-Q3", ["2024-Q3"])
    assert rows(test, 0) != before
    assert same_counts(shown_locations(test), opleider_locations(published_connection, "2024-Q3", "her", "totaal"))


def test_the_url_restores_an_opleiders_publication_kind_and_transmission(app, published_connection):
    test = app("pages/cbr/opleider.py", opleider=OPLEIDER, publication="2025-Q3", soort="eerste",
               transmissie="automaat")
    assert test.selectbox(key="url_opleider").value == OPLEIDER
    assert test.selectbox(key="url_publication").value == "2025-Q3"
    assert test.segmented_control(key="url_transmissie").value == "automaat"
    assert same_counts(shown_locations(test), opleider_locations(published_connection, "2025-Q3", "eerste", "automaat"))


# --- exam locations ------------------------------------------------------------------------------------------

def test_the_url_restores_the_locations_of_a_product_kind_and_transmission(app, published_connection):
    test = app("pages/cbr/locations.py", publication="2025-Q2", product="B", soort="her", transmissie="automaat")
    assert test.selectbox(key="url_product").value == "B"
    assert test.segmented_control(key="url_soort").value == "her"
    assert test.segmented_control(key="url_transmissie").value == "automaat"
    expected = dict(published_connection.execute(
        "select examenlocatie, n from cbr_product_rates where publication = '2025-Q2' and productcode = 'B'"
        " and soort_examen = 'her' and transmissie = 'automaat' and examenlocatie <> '*'").fetchall())
    assert same_counts({r["Examenlocatie"]: r["Aantal (n)"] for r in rows(test)}, expected)


# --- VO national ---------------------------------------------------------------------------------------------

def test_the_url_restores_the_vo_level_type_year_and_gender(app, published_connection):
    test = app("pages/vo/vo.py", type="VWO", year="2022-2023", level="gemeente", gender="VROUW")
    assert test.segmented_control(key="url_level").value == "gemeente"
    assert test.segmented_control(key="url_gender").value == "VROUW"
    assert test.selectbox(key="url_year").value == "2022-2023"
    expected = dict(published_connection.execute(
        "select area_code, examenkandidaten from vo_pass_rates where source = 'duo' and level = 'gemeente'"
        " and onderwijstype = 'VWO' and schooljaar = '2022-2023' and geslacht = 'VROUW'"
        " and inspectiecode is null").fetchall())
    assert same_counts({r["Code"]: r["Kandidaten"] for r in rows(test, 1)}, expected)


# --- one school ----------------------------------------------------------------------------------------------

def school_candidates(connection, onderwijstype: str) -> dict:
    return {(year, name): n for year, name, n in connection.execute(
        "select schooljaar, opleidingsnaam, examenkandidaten from vo_pass_rates where source = 'duo'"
        " and level = 'vestiging' and area_code = ? and onderwijstype = ? and geslacht = 'TOTAAL'"
        " and inspectiecode is not null and coalesce(examenkandidaten, 1) > 0",
        [SCHOOL, onderwijstype]).fetchall()}


def shown_candidates(test) -> dict:
    return {(r["Schooljaar"], r["Opleiding"]): r["Kandidaten"] for r in rows(test, 0)
            if r["Opleiding"] != "Alle opleidingen"}


@pytest.mark.parametrize("onderwijstype", ["VWO", "VMBO"])
def test_the_school_page_follows_its_school_type(app, published_connection, onderwijstype):
    test = app("pages/vo/school.py", school=SCHOOL)
    before = rows(test, 0)
    test.segmented_control(key="url_type").set_value(onderwijstype).run()
    assert not test.exception and not test.error
    assert test.query_params["type"] in (onderwijstype, [onderwijstype])
    assert rows(test, 0) != before
    assert same_counts(shown_candidates(test), school_candidates(published_connection, onderwijstype))


def test_the_url_restores_the_school_and_its_type(app, published_connection):
    test = app("pages/vo/school.py", school=SCHOOL, type="VMBO")
    assert test.selectbox(key="url_school").value == SCHOOL
    assert test.segmented_control(key="url_type").value == "VMBO"
    assert same_counts(shown_candidates(test), school_candidates(published_connection, "VMBO"))


# --- downloads -----------------------------------------------------------------------------------------------

def test_the_url_restores_the_downloads_pages_dataset_and_filters(app, published_connection):
    test = app("pages/site/downloads.py", dataset="cbr_diplomas_weekly", f_diplomacode="BE")
    assert test.selectbox(key="url_dataset").value == "cbr_diplomas_weekly"
    assert test.multiselect(key="url_f_diplomacode").value == ["BE"]
    expected = published_connection.execute(
        "select count(*) from cbr_diplomas_weekly where diplomacode = 'BE'").fetchone()[0]
    preview = rows(test)
    assert {r["diplomacode"] for r in preview} == {"BE"}
    assert len(preview) == min(100, expected)
