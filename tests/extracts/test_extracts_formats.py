"""Every format: the fixture's numbers, suppressed cells as marked empty cells, no formula can run."""
import csv
import datetime as dt
import io
import json
import zipfile

import openpyxl
import polars as pl
import pyarrow.parquet as pq
import pytest

from extracts_fixtures import GENERATED_AT, INJECTION_NAMES
from examencijfers.extracts import FORMATS, extract

VO_COLUMNS = ["area_code", "area_name", "geslacht", "examenkandidaten", "geslaagden", "slaagpercentage"]


def _vo(fmt, published_db, **kwargs):
    return extract("vo_pass_rates", {"level": "vestiging"}, VO_COLUMNS, fmt, published_db,
                   generated_at=GENERATED_AT, **kwargs)


def _csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


def test_csv_has_a_header_and_the_fixture_numbers(published_db):
    data = extract("cbr_exams_weekly", {"jaar": "2024"}, ["week", "week_start", "productcode", "is_toets", "totaal",
                   "voldoende"], "csv", published_db, generated_at=GENERATED_AT)
    assert _csv_rows(data) == [
        ["week", "week_start", "productcode", "is_toets", "totaal", "voldoende", "suppression"],
        ["1", "2024-01-01", "B", "false", "1000", "520", ""],
        ["1", "2024-01-01", "B-T", "true", "200", "200", ""],
        ["2", "2024-01-08", "CODE95", "false", "", "", "cbr_rule_1"],
    ]


def test_polars_reads_the_csv_with_suppressed_cells_as_null_not_zero(published_db):
    frame = pl.read_csv(_vo("csv", published_db))
    assert frame.columns[:4] == ["area_code", "area_name", "geslacht", "examenkandidaten"]
    man = frame.filter(pl.col("geslacht") == "MAN").row(0, named=True)
    assert man["examenkandidaten"] is None and man["examenkandidaten_suppression"] == "source_lt5"
    assert man["geslaagden"] is None and man["geslaagden_suppression"] == "secondary"
    assert man["slaagpercentage"] is None and man["slaagpercentage_suppression"] == "secondary"
    total = frame.filter(pl.col("geslacht") == "TOTAAL").row(0, named=True)
    assert (total["examenkandidaten"], total["geslaagden"], total["slaagpercentage"]) == (120, 108, 90.0)


def test_xlsx_has_real_numbers_dates_and_blank_marked_suppressed_cells(published_db):
    book = openpyxl.load_workbook(io.BytesIO(_vo("xlsx", published_db)))
    assert book.sheetnames == ["data", "metadata"]
    sheet = book["data"]
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, [cell for cell in row])) for row in sheet.iter_rows(min_row=2)]
    man = next(row for row in rows if row["geslacht"].value == "MAN")
    assert man["examenkandidaten"].value is None
    assert man["examenkandidaten"].fill.fgColor.rgb.endswith("E7E6E6")  # marked, not just empty
    assert man["examenkandidaten_suppression"].value == "source_lt5"
    total = next(row for row in rows if row["geslacht"].value == "TOTAAL")
    assert total["examenkandidaten"].value == 120 and total["examenkandidaten"].data_type == "n"
    assert total["slaagpercentage"].value == 90.0

    exams = openpyxl.load_workbook(io.BytesIO(extract(
        "cbr_exams_weekly", {"jaar": "2023"}, ["week_start", "is_toets", "totaal"], "xlsx", published_db,
        generated_at=GENERATED_AT)))["data"]
    assert exams["A2"].value == dt.datetime(2023, 12, 25) and exams["A2"].is_date
    assert exams["B2"].value is False
    assert exams["C2"].value == 800


def test_parquet_has_typed_columns_and_nulls_for_suppressed_cells(published_db):
    table = pq.read_table(io.BytesIO(_vo("parquet", published_db)))
    assert str(table.schema.field("examenkandidaten").type) == "int64"
    assert str(table.schema.field("slaagpercentage").type) == "double"
    rows = {row["geslacht"]: row for row in table.to_pylist()}
    assert rows["MAN"]["examenkandidaten"] is None and rows["MAN"]["examenkandidaten_suppression"] == "source_lt5"
    assert rows["TOTAAL"]["geslaagden"] == 108
    embedded = json.loads(table.schema.metadata[b"examencijfers"])
    assert embedded["row_count"] == 2 and embedded["filters"] == {"level": ["vestiging"]}
    dates = pq.read_table(io.BytesIO(extract("cbr_exams_weekly", {"jaar": "2023"}, ["week_start"], "parquet",
                                             published_db, generated_at=GENERATED_AT)))
    assert dates.column("week_start").to_pylist() == [dt.date(2023, 12, 25)]


def test_zip_bundle_holds_data_metadata_and_readme_with_fixed_timestamps(published_db):
    archive = zipfile.ZipFile(io.BytesIO(_vo("zip", published_db)))
    assert archive.namelist() == ["vo_pass_rates_level-vestiging.csv", "metadata.json", "README.txt"]
    assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in archive.infolist())
    frame = pl.read_csv(archive.read("vo_pass_rates_level-vestiging.csv"))
    assert frame.filter(pl.col("geslacht") == "MAN")["geslaagden"].to_list() == [None]
    metadata = json.loads(archive.read("metadata.json"))
    assert metadata["row_count"] == 2
    readme = archive.read("README.txt").decode("utf-8")
    assert "CC0" in readme and "source_lt5" in readme and "<5" in readme and "Citeren als" in readme


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_same_request_gives_the_same_bytes(published_db, fmt):
    assert _vo(fmt, published_db) == _vo(fmt, published_db)


# --- formula injection --------------------------------------------------------------------------

OPLEIDER_COLUMNS = ["opleidercode", "opleidernaam", "n"]


def test_csv_neutralises_every_formula_start_with_a_quote(published_db):
    rows = _csv_rows(extract("cbr_opleider_results", {"productcode": "B"}, OPLEIDER_COLUMNS, "csv", published_db,
                             generated_at=GENERATED_AT))
    names = {row[0]: row[1] for row in rows[1:]}
    for code, name in INJECTION_NAMES.items():
        expected = name if name[0] not in "=+-@\t\r" else "'" + name
        assert names[code] == expected, code
    assert names["0001A1"].startswith("'=") and names["0005E5"].startswith("'\t")
    assert names["0006F6"].startswith("'\r")
    assert names["0007G7"] == 'Rijschool "Élan", Utrecht'  # harmless text is left exactly as it is


def test_csv_keeps_a_negative_number_a_number(published_db):
    rows = _csv_rows(extract("vo_pass_rates", {"level": "land"}, ["area_code", "slaagpercentage"], "csv",
                             published_db, generated_at=GENERATED_AT))
    assert rows[1] == ["NL", "-1.5", ""]
    assert pl.read_csv(extract("vo_pass_rates", {"level": "land"}, ["slaagpercentage"], "csv", published_db,
                               generated_at=GENERATED_AT))["slaagpercentage"].to_list() == [-1.5]


def test_xlsx_writes_formula_like_text_as_quoted_strings_and_numbers_as_numbers(published_db):
    sheet = openpyxl.load_workbook(io.BytesIO(extract(
        "cbr_opleider_results", {"productcode": "B"}, OPLEIDER_COLUMNS, "xlsx", published_db,
        generated_at=GENERATED_AT)))["data"]
    cells = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}
    for code, name in INJECTION_NAMES.items():
        cell = cells[code]
        # xlsxwriter stores a carriage return as the OOXML escape _x000D_, which Excel reads back as CR
        assert cell.value in (name, name.replace("\r", "_x000D_")), code
        assert cell.data_type == "s", code  # a string, never a formula ('f')
        if name[0] in "=+-@\t\r":
            assert cell.quotePrefix, code
    negative = openpyxl.load_workbook(io.BytesIO(extract(
        "vo_pass_rates", {"level": "land"}, ["slaagpercentage"], "xlsx", published_db,
        generated_at=GENERATED_AT)))["data"]["A2"]
    assert negative.value == -1.5 and negative.data_type == "n"
