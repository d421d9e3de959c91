"""CBR's AVG criteria, one crafted product per criterion, plus products that just pass."""
from __future__ import annotations

from datetime import date

import pytest

from examencijfers.publish.build import publish
from examencijfers.publish.rules import Rules
from tests.publish.conftest import eleven_opleiders, fetch

CRITERION_PRODUCTS = {
    "R2": dict(verlenging=True),
    "R3": dict(individueel=True),
    "R4": dict(productgroep="Vakbekwaamheid Nascholing"),
    "R5": dict(productgroep="toetsen vakbekwaamheid"),
    "R6": dict(nader_onderzoek=True),
    "R7": dict(via_verzoek=True),
}


@pytest.fixture
def published(warehouse, tmp_path):
    opleider_source = warehouse.source("cbr_opleiderresultaten", "2024-06",
                                       date(2023, 7, 1), date(2024, 6, 30))
    exams_source = warehouse.source("cbr_examens", "2024-Q2", date(2023, 7, 1), date(2024, 6, 30))
    # passes: CCV product with 11 active opleiders; a CBR-division product with a single opleider
    warehouse.product("P1")
    eleven_opleiders(warehouse, opleider_source, "P1")
    warehouse.product("B", divisie="CBR")
    warehouse.opleider_row(opleider_source, "OPLB", "B", 3, 2, automaat=(4, 1))
    # rule 1: ten active opleiders; and eleven of which one stopped before the period's end
    warehouse.product("R1")
    for number in range(10):
        warehouse.opleider_row(opleider_source, f"OPL{number:03d}", "R1", 10, 5)
    warehouse.product("R1B")
    for number in range(10):
        warehouse.opleider_row(opleider_source, f"OPL{number:03d}", "R1B", 10, 5)
    warehouse.opleider_row(opleider_source, "GONE", "R1B", 10, 5, einddatum=date(2024, 3, 1))
    # rules 2-7: eleven active opleiders each, one catalogue attribute each
    for code, attributes in CRITERION_PRODUCTS.items():
        warehouse.product(code, **attributes)
        eleven_opleiders(warehouse, opleider_source, code)
    for code in ["P1", "B", "R1", "R1B", *CRITERION_PRODUCTS]:
        warehouse.exam_week(exams_source, code, 2024, 10, 7, 3)
    # weeks outside every Opleiderresultaten period: rule 1 cannot be judged, rules 2-7 still hold
    warehouse.exam_week(exams_source, "R1", 2022, 10, 7, 3)
    warehouse.exam_week(exams_source, "R2", 2022, 10, 7, 3)
    path = warehouse.close()
    out = tmp_path / "published.duckdb"
    publish(path, out, Rules())
    return out


def test_each_criterion_suppresses_its_product_in_the_weekly_exams(published):
    rows = fetch(published, "select productcode, totaal, voldoende, suppression from cbr_exams_weekly"
                            " where jaar = 2024 order by productcode")
    assert rows == [
        ("B", 10, 7, None),
        ("P1", 10, 7, None),
        ("R1", None, None, "cbr_rule_1"),
        ("R1B", None, None, "cbr_rule_1"),
        ("R2", None, None, "cbr_rule_2"),
        ("R3", None, None, "cbr_rule_3"),
        ("R4", None, None, "cbr_rule_4"),
        ("R5", None, None, "cbr_rule_5"),
        ("R6", None, None, "cbr_rule_6"),
        ("R7", None, None, "cbr_rule_7"),
    ]


def test_weeks_outside_every_period_are_judged_by_the_catalogue_only(published):
    rows = fetch(published, "select productcode, totaal, suppression from cbr_exams_weekly where jaar = 2022"
                            " order by productcode")
    assert rows == [("R1", 10, None), ("R2", None, "cbr_rule_2")]


def test_opleider_results_hold_only_publishable_products(published):
    products = fetch(published, "select distinct productcode from cbr_opleider_results order by 1")
    assert products == [("B",), ("P1",)]


def test_too_few_exams_shows_the_band_not_the_rate(published):
    rows = fetch(published, "select soort_examen, transmissie, voldoende, onvoldoende, n, n_band, suppression"
                            " from cbr_opleider_results where productcode = 'B' and examenlocatie <> '*'"
                            " order by soort_examen, transmissie")
    assert rows == [   # one location: its '*' rows are the same (test_cbr_totals.py)
        ("eerste", "automaat", None, None, None, "1-9", "too_few_exams"),
        ("eerste", "totaal", None, None, None, "1-9", "too_few_exams"),
        ("her", "totaal", 0, 0, 0, "0", None),
    ]
    p1 = fetch(published, "select voldoende, onvoldoende, n, n_band, suppression from cbr_opleider_results"
                          " where productcode = 'P1' and opleidercode = 'OPL000' and soort_examen = 'eerste'"
                          " and transmissie = 'totaal'")
    assert p1 == [(10, 5, 15, "10-49", None)] * 2   # at 'Loc A' and at all locations ('*')


def test_product_rates_national_and_per_location(published):
    rows = fetch(published, "select productcode, examenlocatie, voldoende, onvoldoende, n, opleiders, suppression"
                            " from cbr_product_rates where soort_examen = 'eerste' and transmissie = 'totaal'"
                            " and productcode in ('P1', 'R1') order by productcode, examenlocatie")
    assert rows == [
        ("P1", "*", 110, 55, 165, 11, None),
        ("P1", "Loc A", 110, 55, 165, 11, None),
        ("R1", "*", None, None, None, None, "cbr_rule_1"),
        ("R1", "Loc A", None, None, None, None, "cbr_rule_1"),
    ]


def test_counts_record_left_out_rows_and_suppressed_cells(published):
    counts = dict(((table, column, reason), cells) for table, column, reason, cells in
                  fetch(published, "select * from suppression_counts"))
    # eleven opleiders x the two 'totaal' rows, x their location row and their all-locations ('*') row
    assert counts[("cbr_opleider_results", "*", "cbr_rule_2")] == 11 * 2 * 2
    assert counts[("cbr_opleider_results", "*", "cbr_rule_1")] == (10 + 11) * 2 * 2
    assert counts[("cbr_opleider_results", "*", "too_few_exams")] == 2 * 2
    assert counts[("cbr_exams_weekly", "*", "cbr_rule_2")] == 2


def test_rules_are_recorded(published):
    rules = dict(fetch(published, "select rule, value from suppression_rules"))
    assert rules == {"vo_min_count": "5", "vo_extreme_rate_group": "10", "opleider_min_exams": "10",
                     "cbr_max_opleiders": "10", "vo_protection_level": "5"}
    keys = {key for (key,) in fetch(published, "select key from publication")}
    assert keys == {"built_at", "schema_version", "warehouse_sha256", "rules"}


def test_a_lower_rule_one_threshold_lets_ten_opleiders_through(warehouse, tmp_path):
    source = warehouse.source("cbr_opleiderresultaten", "2024-06", date(2023, 7, 1), date(2024, 6, 30))
    warehouse.product("R1")
    for number in range(10):
        warehouse.opleider_row(source, f"OPL{number:03d}", "R1", 10, 5)
    out = tmp_path / "published.duckdb"
    publish(warehouse.close(), out, Rules(cbr_max_opleiders=9))
    assert fetch(out, "select count(*) from cbr_opleider_results where productcode = 'R1' and soort_examen = 'eerste'"
                      " and examenlocatie <> '*'") == [(10,)]


def test_a_product_missing_from_the_catalogue_is_withheld(warehouse, tmp_path):
    """Its division and attributes are unknown, so CBR's criteria cannot clear it: it is not published."""
    opleider_source = warehouse.source("cbr_opleiderresultaten", "2024-06", date(2023, 7, 1), date(2024, 6, 30))
    exams_source = warehouse.source("cbr_examens", "2024-Q2", date(2023, 7, 1), date(2024, 6, 30))
    warehouse.product("P1")
    for code in ("P1", "NEW"):
        eleven_opleiders(warehouse, opleider_source, code)
        warehouse.exam_week(exams_source, code, 2024, 10, 7, 3)
    warehouse.exam_week(exams_source, "NEW", 2022, 10, 7, 3)             # outside every period as well
    out = tmp_path / "published.duckdb"
    publish(warehouse.close(), out, Rules())
    assert fetch(out, "select jaar, productcode, totaal, suppression from cbr_exams_weekly order by 1, 2") == [
        (2022, "NEW", None, "cbr_unknown_product"),
        (2024, "NEW", None, "cbr_unknown_product"),
        (2024, "P1", 10, None),
    ]
    assert fetch(out, "select distinct productcode from cbr_opleider_results") == [("P1",)]
    assert fetch(out, "select distinct productcode from cbr_product_rates where n is not null") == [("P1",)]
