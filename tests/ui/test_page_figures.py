"""The figures a visitor reads equal the published tables, worked out here with plain SQL on the published
database (not the page's queries), in the page language's number format."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.ui.conftest import texts

MONTHS_NL = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def dutch_percent(share: float) -> str:
    return f"{share * 100:.1f}".replace(".", ",") + "%"


def dutch_int(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def dutch_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS_NL[day.month - 1]} {day.year}"


def rows(test, index: int = 0) -> list[dict]:
    return test.dataframe[index].value.to_dict("records")


def test_exam_rates_per_week_equal_the_published_counts(app, published_connection):
    last = published_connection.execute("select max(week_start) from cbr_exams_weekly").fetchone()[0]
    passed, failed = published_connection.execute(
        "select voldoende, onvoldoende from cbr_exams_weekly where productcode = 'B' and week_start = ?",
        [last]).fetchone()
    table = rows(app("pages/cbr/exams.py"))
    shown = [r for r in table if r["Code"] == "B" and r["Week (maandag)"] == dutch_date(last)]
    assert shown and shown[0]["Slaagpercentage"] == dutch_percent(passed / (passed + failed))
    assert shown[0]["Aantal (n)"] == dutch_int(passed + failed)


def test_a_rolling_window_sums_the_weeks_it_spans(app, published_connection):
    last = published_connection.execute("select max(week_start) from cbr_exams_weekly").fetchone()[0]
    passed, total = published_connection.execute(
        "select sum(voldoende), sum(voldoende + onvoldoende) from cbr_exams_weekly"
        " where productcode = 'BTH' and week_start between ? and ?", [last - dt.timedelta(weeks=12), last]).fetchone()
    test = app("pages/cbr/exams.py")
    one_week = rows(test)
    test.segmented_control(key="url_window").set_value(13).run()
    thirteen = [r for r in rows(test) if r["Code"] == "BTH" and r["Week (maandag)"] == dutch_date(last)]
    assert thirteen[0]["Slaagpercentage"] == dutch_percent(passed / total)
    assert rows(test) != one_week
    assert test.query_params["window"] in ("13", ["13"])


def test_the_url_restores_the_chosen_products_and_window(app):
    test = app("pages/cbr/exams.py", product="A,AM2", window="4")
    assert test.multiselect(key="url_product").value == ["A", "AM2"]
    assert test.segmented_control(key="url_window").value == 4
    assert {r["Code"] for r in rows(test)} == {"A", "AM2"}


def withheld_symbol(connection, product: str) -> str:
    """The symbol of the reason CBR's weeks of `product` are withheld for."""
    reason = connection.execute(
        "select any_value(suppression) from cbr_exams_weekly where productcode = ?", [product]).fetchone()[0]
    return connection.execute("select symbol from suppression_reasons where reason = ?", [reason]).fetchone()[0]


def test_a_product_cbr_withholds_shows_its_symbol_never_a_number(app, published_connection):
    symbol = withheld_symbol(published_connection, "V3C-I")
    test = app("pages/cbr/exams.py", product="V3C-I,B")
    withheld = [r for r in rows(test) if r["Code"] == "V3C-I"]
    assert withheld and all(r["Aantal (n)"] == symbol and r["Slaagpercentage"] == symbol for r in withheld)
    assert any("V3C-I" in t for t in texts(test))


def test_diplomas_per_week_equal_the_published_counts(app, published_connection):
    expected = dict(published_connection.execute(
        "select week_start, aantal from cbr_diplomas_weekly where diplomacode = 'AM'").fetchall())
    shown = [r for r in rows(app("pages/cbr/diplomas.py", code="AM")) if r["Code"] == "AM"]
    assert len(shown) == 52
    by_date = {dutch_date(day): count for day, count in expected.items()}
    assert all(r["Rijbewijzen"] == dutch_int(by_date[r["Week (maandag)"]]) for r in shown)


def test_the_league_table_is_sorted_by_the_lower_bound_and_counts_all_locations(app, published_connection):
    test = app("pages/cbr/opleiders.py", publication="2025-Q4", product="B")
    league = rows(test, 1)
    top = league[0]
    total, located, parts = published_connection.execute(
        "select sum(n) filter (where examenlocatie = '*'), sum(n) filter (where examenlocatie <> '*'),"
        " count(*) filter (where examenlocatie <> '*' and n is null) from cbr_opleider_results"
        " where publication = '2025-Q4' and productcode = 'B' and soort_examen = 'eerste' and transmissie = 'totaal'"
        " and opleidercode = ?", [top["Code"]]).fetchone()
    assert top["Aantal (n)"] == dutch_int(total)   # its all-locations row, which sums all its locations
    assert parts > 0 or located == total
    lows = [float(r["95%-interval"].split("–")[0].replace(",", ".")) for r in league if r["95%-interval"] not in ("", "~")]
    assert lows == sorted(lows, reverse=True)
    too_few = [r for r in league if r["Slaagpercentage"] == "~"]
    assert too_few and all(r["Aantal (n)"].startswith("~ ") for r in too_few)   # the band, not the count


def test_searching_the_league_narrows_it_and_the_search_is_in_the_url(app):
    everyone = rows(app("pages/cbr/opleiders.py"), 1)
    place = everyone[0]["Plaats"]
    test = app("pages/cbr/opleiders.py", q=place.lower())
    narrowed = rows(test, 1)
    assert 0 < len(narrowed) < len(everyone) and all(place in r["Plaats"] for r in narrowed)


def test_a_profile_link_opens_that_opleider(app, published_connection):
    code, name = published_connection.execute(
        "select opleidercode, any_value(opleidernaam) from cbr_opleider_results group by 1 order by 1 limit 1"
    ).fetchone()
    test = app("pages/cbr/opleider.py", opleider=code)
    assert name in [s.value for s in test.subheader]
    assert test.selectbox(key="url_opleider").value == code


def test_locations_show_every_published_exam_centre(app, published_connection):
    expected = published_connection.execute(
        "select count(*) from cbr_product_rates where publication = '2025-Q4' and productcode = 'B'"
        " and soort_examen = 'eerste' and transmissie = 'totaal' and examenlocatie <> '*'").fetchone()[0]
    assert len(rows(app("pages/cbr/locations.py", publication="2025-Q4"))) == expected


def test_vo_areas_mark_source_suppressed_cells_with_their_symbol(app, published_connection):
    test = app("pages/vo/vo.py", type="HAVO", year="2023-2024", level="provincie")
    areas = rows(test, 1)
    provinces = published_connection.execute(
        "select count(distinct area_code) from vo_pass_rates where level = 'provincie'").fetchone()[0]
    assert len(areas) == provinces
    assert all(r["Kandidaten"] != "0" for r in areas)


def test_the_school_profile_shows_the_linked_school(app, published_connection):
    code, name = published_connection.execute(
        "select vestigingscode, vestigingsnaam from vo_vestigingen where vestigingscode = '20AJ00'").fetchone()
    test = app("pages/vo/school.py", school=code)
    assert name in [s.value for s in test.subheader]


def test_the_about_page_lists_every_source_and_the_suppression_counts(app, published_connection):
    sources = published_connection.execute("select count(*) from sources").fetchone()[0]
    cells = published_connection.execute("select sum(cells) from suppression_counts").fetchone()[0]
    test = app("pages/site/about.py")
    assert len(rows(test, 0)) == sources
    assert any(dutch_int(cells) in t for t in texts(test))


def test_the_overview_headline_equals_the_latest_thirteen_weeks(app, published_connection):
    last = published_connection.execute("select max(week_start) from cbr_exams_weekly").fetchone()[0]
    passed, total = published_connection.execute(
        "select sum(voldoende), sum(totaal) from cbr_exams_weekly where productcode = 'B'"
        " and week_start between ? and ?", [last - dt.timedelta(weeks=12), last]).fetchone()
    metrics = {m.label: m.value for m in app().metric}
    assert metrics["Praktijkexamen auto"] == dutch_percent(passed / total)


def test_a_failing_query_becomes_a_short_message_not_a_traceback(app, monkeypatch):
    from examencijfers.ui import data

    def broken(name, **params):
        raise RuntimeError("database on fire")
    monkeypatch.setattr(data, "query", broken)
    test = app("pages/cbr/locations.py")
    assert not test.exception
    assert test.error and "database on fire" not in test.error[0].value


@pytest.mark.parametrize("mode", ["public", "analyst"])
def test_a_database_that_is_not_the_published_contract_is_refused(app, tmp_path, monkeypatch, mode):
    import duckdb
    from examencijfers.warehouse import warehouse_ddl

    warehouse = tmp_path / "warehouse.duckdb"
    connection = duckdb.connect(str(warehouse))
    connection.execute(warehouse_ddl())
    connection.close()
    monkeypatch.setenv("EXAMENCIJFERS_PUBLISHED", str(warehouse))
    monkeypatch.setenv("EXAMENCIJFERS_MODE", mode)
    from streamlit.testing.v1 import AppTest
    from tests.ui.conftest import APP

    test = AppTest.from_file(APP, default_timeout=60).run()
    assert not test.exception and test.error
    assert not test.dataframe and not test.metric
    shown = " ".join(texts(test))
    assert ("outside the published contract" in shown) == (mode == "analyst")   # details only for the analyst


def test_the_deliveries_page_shows_the_enrolment_sums_of_the_published_cells(app, published_connection):
    year = published_connection.execute("select max(schooljaar) from vo_enrolment").fetchone()[0]
    expected = published_connection.execute("""
        select leerjaar, sum(leerlingen), count(*) filter (where leerlingen is null)
        from vo_enrolment where schooljaar = ? and onderwijstype = 'VWO'
        group by leerjaar order by leerjaar""", [year]).fetchall()
    test = app("pages/vo/deliveries.py", type="VWO")
    assert any("verzonnen leveringen" in w.value for w in test.warning)   # the synthetic deliveries, said so
    shown = rows(test)
    assert [(int(r["Leerjaar"]), r["Leerlingen (bekend deel)"], int(r["Cellen geheim"])) for r in shown] == [
        (leerjaar, dutch_int(int(total)) if total is not None else "•", withheld)
        for leerjaar, total, withheld in expected]
    everything = published_connection.execute(
        "select sum(leerlingen), count(*) filter (where leerlingen is null) from vo_enrolment where schooljaar = ?",
        [year]).fetchone()
    summary = next(c for c in texts(app("pages/vo/deliveries.py")) if "leerlingen in de gepubliceerde cellen" in c)
    assert f"{dutch_int(int(everything[0]))} leerlingen" in summary and f"{everything[1]} cellen geheim" in summary


def test_the_deliveries_page_follows_the_vestiging_and_marks_withheld_cells(app, published_connection):
    code, name = published_connection.execute(
        "select vestigingscode, min(vestigingsnaam) from vo_exam_outcomes group by vestigingscode"
        " order by count(*) filter (where teruggetrokken is null) desc, vestigingscode limit 1").fetchone()
    year = published_connection.execute("select max(schooljaar) from vo_exam_outcomes").fetchone()[0]
    expected = published_connection.execute(
        "select ilt_code, teruggetrokken, teruggetrokken_suppression from vo_exam_outcomes"
        " where vestigingscode = ? and schooljaar = ? order by ilt_code", [code, year]).fetchall()
    test = app("pages/vo/deliveries.py", vestiging=code)
    assert test.selectbox(key="url_vestiging").value == code
    outcomes = next(frame.value.to_dict("records") for frame in test.dataframe
                    if "Teruggetrokken" in frame.value.columns)
    assert {r["School (vestiging)"] for r in outcomes} == {name}
    assert sorted((r["ILT-code"], r["Teruggetrokken"]) for r in outcomes) == [
        (ilt, "•" if reason == "primary" else dutch_int(value)) for ilt, value, reason in expected]
    details = published_connection.execute(
        "select count(*) from vo_subject_details where vestigingscode = ?", [code]).fetchone()[0]
    assert sum(len(frame.value) for frame in test.dataframe if "Gem. CE 1e tijdvak" in frame.value.columns) == details


def test_a_column_with_withheld_cells_names_their_symbols_in_its_header_tooltip(app, published_connection):
    symbol = withheld_symbol(published_connection, "V3C-I")
    test = app("pages/cbr/exams.py", product="V3C-I,B")
    config = json.loads(test.dataframe[0].proto.columns)
    assert symbol in config["Slaagpercentage"]["help"] and symbol in config["Aantal (n)"]["help"]
    assert "help" not in config["Code"]                   # nothing withheld there, so no tooltip


def test_the_national_vo_cards_show_the_known_part_and_say_so(app, published_connection):
    """DUO's national sums are unknown (one school's "<5" suffices); the card shows the sum over the finest
    published cells with both counts published, and how many cells that leaves out."""
    year = published_connection.execute("select max(schooljaar) from vo_pass_rates where source = 'duo'").fetchone()[0]
    kandidaten, geslaagden, left_out = published_connection.execute("""
        select sum(examenkandidaten) filter (where examenkandidaten is not null and geslaagden is not null),
               sum(geslaagden) filter (where examenkandidaten is not null and geslaagden is not null),
               count(*) filter (where examenkandidaten is null or geslaagden is null)
        from vo_pass_rates
        where source = 'duo' and level = 'vestiging' and inspectiecode is not null and geslacht = 'TOTAAL'
          and onderwijstype = 'HAVO' and schooljaar = ?""", [year]).fetchone()
    national = published_connection.execute(
        "select examenkandidaten from vo_pass_rates where source = 'duo' and level = 'land' and inspectiecode is null"
        " and geslacht = 'TOTAAL' and onderwijstype = 'HAVO' and schooljaar = ?", [year]).fetchone()[0]
    assert national is None                                  # the premise: DUO's own national sum is unknown
    test = app("pages/site/overview.py")
    havo = next(m for m in test.metric if m.label == "HAVO")
    assert havo.value == dutch_percent(geslaagden / kandidaten)
    shown = texts(test)
    assert any(f"n = {dutch_int(kandidaten)}" in text for text in shown)
    assert any(f"bekend deel: {dutch_int(left_out)} kleine of beschermde groepen niet meegeteld" in text
               for text in shown)
