"""Rows come from the published database exactly, filtered with bound parameters."""
import datetime as dt

import pytest

from examencijfers.extracts import ExtractError, get_dataset, size_estimate
from examencijfers.extracts.build import parse_filter_pairs, resolve_columns, select_rows

EXAMS = get_dataset("cbr_exams_weekly")


def test_the_full_table_comes_out_in_key_order_with_the_fixture_numbers(published_db):
    selection = select_rows(EXAMS, None, ["jaar", "week", "productcode", "totaal", "voldoende", "onvoldoende"],
                            published_db)
    assert [c.name for c in selection.columns] == [
        "jaar", "week", "productcode", "totaal", "voldoende", "onvoldoende", "suppression"]
    assert selection.rows == [
        (2023, 52, "B", 800, 400, 400, None),
        (2024, 1, "B", 1000, 520, 480, None),
        (2024, 1, "B-T", 200, 200, 0, None),
        (2024, 2, "CODE95", None, None, None, "cbr_rule_1"),
    ]


def test_filters_select_rows_and_a_repeated_key_means_any_of(published_db):
    rows = select_rows(EXAMS, {"jaar": "2024", "productcode": ["B", "CODE95"]}, ["week", "productcode"],
                       published_db).rows
    assert rows == [(1, "B"), (2, "CODE95")]


def test_range_filters_are_inclusive(published_db):
    rows = select_rows(EXAMS, {"week_start_from": "2024-01-01", "week_start_to": dt.date(2024, 1, 1)},
                       ["productcode"], published_db).rows
    assert [row[0] for row in rows] == ["B", "B-T"]


def test_an_empty_value_selects_null_cells(published_db):
    vo = get_dataset("vo_pass_rates")
    rows = select_rows(vo, {"inspectiecode": "", "level": "land"}, ["area_code"], published_db).rows
    assert rows == [("NL",)]


def test_a_filter_value_is_bound_not_spliced_into_sql(published_db):
    rows = select_rows(EXAMS, {"productcode": "B' or 1=1 --"}, None, published_db).rows
    assert rows == []


def test_a_bad_filter_key_names_the_keys_there_are(published_db):
    with pytest.raises(ExtractError, match=r"has no filter 'totaal'; filters: jaar, week"):
        select_rows(EXAMS, {"totaal": "5"}, None, published_db)


def test_a_bad_filter_value_and_an_unknown_column_are_clear_errors(published_db):
    with pytest.raises(ExtractError, match="'twee' is not a valid int"):
        select_rows(EXAMS, {"week": "twee"}, None, published_db)
    with pytest.raises(ExtractError, match="has no column 'drop table'"):
        select_rows(EXAMS, None, ["drop table"], published_db)


def test_a_missing_published_database_is_a_clear_error(tmp_path):
    with pytest.raises(ExtractError, match="published database not found"):
        select_rows(EXAMS, None, None, tmp_path / "nothing.duckdb")


def test_filter_pairs_from_the_command_line():
    assert parse_filter_pairs(["jaar=2024", "productcode=B", "productcode=B-T", "inspectiecode="]) == {
        "jaar": ["2024"], "productcode": ["B", "B-T"], "inspectiecode": [""]}
    with pytest.raises(ExtractError, match="not KEY=VALUE"):
        parse_filter_pairs(["jaar"])


def test_a_protected_value_always_brings_its_suppression_column():
    vo = get_dataset("vo_pass_rates")
    names = [c.name for c in resolve_columns(vo, "area_code,geslaagden")]
    assert names == ["area_code", "geslaagden", "geslaagden_suppression"]


def test_size_estimate_counts_rows_and_approximates_the_csv(published_db):
    from examencijfers.extracts import extract

    estimate = size_estimate("cbr_opleider_results", {"publication": "2024-Q1"}, None, "csv", published_db)
    assert estimate.rows == 8
    actual = len(extract("cbr_opleider_results", {"publication": "2024-Q1"}, None, "csv", published_db))
    assert abs(estimate.csv_bytes - actual) <= 0.2 * actual
    assert size_estimate("cbr_exams_weekly", {"jaar": "2023"}, None, "xlsx", published_db).rows == 1


def test_preview_is_the_first_rows_of_the_same_extract(published_db):
    from examencijfers.extracts import preview

    frame = preview("cbr_exams_weekly", {"jaar_from": "2024"}, "productcode,totaal", limit=2,
                    published_path=published_db)
    assert frame.columns == ["productcode", "totaal", "suppression"]
    assert frame.rows() == [("B", 1000, None), ("B-T", 200, None)]
    frame = preview("cbr_exams_weekly", {"week": 2}, "productcode,totaal", published_path=published_db)
    assert frame.rows() == [("CODE95", None, "cbr_rule_1")]


def test_the_private_warehouse_is_refused(tmp_path):
    import duckdb

    from examencijfers import paths

    warehouse = tmp_path / "warehouse.duckdb"
    con = duckdb.connect(str(warehouse))
    con.execute((paths.SQL / "warehouse.sql").read_text(encoding="utf-8"))
    con.close()
    with pytest.raises(ExtractError, match="is not a published database"):
        select_rows(EXAMS, None, None, warehouse)


def test_filter_values_lists_what_a_key_can_take(published_db):
    from examencijfers.extracts import filter_values

    assert filter_values("cbr_exams_weekly", "productcode", published_db) == ["B", "B-T", "CODE95"]
    assert filter_values("cbr_exams_weekly", "week_start_from", published_db) == [
        dt.date(2023, 12, 25), dt.date(2024, 1, 1), dt.date(2024, 1, 8)]
    assert filter_values("vo_pass_rates", "inspectiecode", published_db) == [None]
    with pytest.raises(ExtractError, match="has no filter"):
        filter_values("cbr_exams_weekly", "totaal", published_db)
