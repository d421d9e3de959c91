"""The metadata says everything needed to cite and check an extract, read from the published database."""
import io
import json
import zipfile

import openpyxl

from extracts_fixtures import GENERATED_AT
from examencijfers.extracts import extract, make_extract

REQUIRED = {"dataset", "format", "filters", "columns", "row_count", "suppressed_cells", "generated_at",
            "publication", "sources", "synthetic", "suppression", "licence", "citation"}


def test_cbr_metadata_is_complete_and_traces_the_rows_to_their_source_file(published_db):
    result = make_extract("cbr_exams_weekly", {"jaar": "2024"}, None, "zip", published_db,
                          generated_at=GENERATED_AT)
    metadata = json.loads(zipfile.ZipFile(io.BytesIO(result.data)).read("metadata.json"))
    assert REQUIRED <= set(metadata)
    assert metadata == result.metadata
    assert metadata["dataset"]["name"] == "cbr_exams_weekly"
    assert metadata["filters"] == {"jaar": [2024]}
    assert metadata["row_count"] == 3
    assert metadata["generated_at"] == "2026-11-22T12:00:00+00:00"
    # only source 1 holds rows of this table; source 4 is an older file of the same dataset
    assert [s["file_name"] for s in metadata["sources"]] == ["examens-per-week-2024-Q1.csv"]
    assert metadata["sources"][0]["sha256"] == "a" * 64
    assert metadata["synthetic"] is True
    assert metadata["publication"] == {
        "built_at": "2026-11-01T12:00:00", "rules": '{"vo_min_count": 5, "opleider_min_exams": 10}',
        "schema_version": "1", "warehouse_sha256": "f" * 64}
    assert {r["reason"]: r["symbol"] for r in metadata["suppression"]["legend"]} == {
        "source_lt5": "<5", "secondary": "∘", "cbr_rule_1": "×", "too_few_exams": "~"}
    assert [r["rule"] for r in metadata["suppression"]["rules"]] == ["opleider_min_exams", "vo_min_count"]
    assert metadata["suppressed_cells"] == {"totaal": 1, "voldoende": 1, "onvoldoende": 1, "particulier": 1,
                                            "tolk": 1}
    assert "cbr.nl" in metadata["licence"]["url"] and "geen rechten" in metadata["licence"]["disclaimer_nl"]
    assert "CBR" in metadata["citation"] and "jaar=2024" in metadata["citation"]
    assert "2026-11-01T12:00:00" in metadata["citation"]
    readme = zipfile.ZipFile(io.BytesIO(result.data)).read("README.txt").decode("utf-8")
    assert "DEMODATA" in readme and "a" * 64 in readme


def test_duo_metadata_names_cc0_and_the_duo_source(published_db):
    metadata = make_extract("vo_pass_rates", {"source": "duo"}, None, "csv", published_db,
                            generated_at=GENERATED_AT).metadata
    assert metadata["licence"]["licence"].startswith("CC0")
    assert [s["file_name"] for s in metadata["sources"]] == ["examenkandidaten-en-geslaagden-2019-2024.csv"]
    assert metadata["synthetic"] is False
    assert metadata["filters"] == {"source": ["duo"]}
    assert metadata["suppressed_cells"] == {"examenkandidaten": 1, "geslaagden": 1, "slaagpercentage": 1}
    assert [c["name"] for c in metadata["columns"]][-2:] == ["slaagpercentage", "slaagpercentage_suppression"]


def test_the_spreadsheet_has_a_metadata_sheet(published_db):
    sheet = openpyxl.load_workbook(io.BytesIO(extract(
        "cbr_opleider_results", None, None, "xlsx", published_db, generated_at=GENERATED_AT)))["metadata"]
    lines = {(row[0], row[1]): row[2] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert lines[("extract", "row_count")] == "8"
    assert lines[("extract", "generated_at")] == "2026-11-22T12:00:00+00:00"
    assert lines[("filter", "(none)")] == "the full protected table"
    assert "b" * 64 in lines[("source", "opleiderresultaten-2024.csv")]
    assert lines[("legend", "too_few_exams")].startswith("~")
    assert lines[("suppressed_cells", "n")] == "1"
    assert "CBR" in lines[("citation", "suggested")]


def test_vo_lineage_follows_the_source_column_of_the_rows(published_db):
    def files(filters):
        metadata = make_extract("vo_pass_rates", filters, None, "csv", published_db, generated_at=GENERATED_AT).metadata
        return [s["file_name"] for s in metadata["sources"]]

    assert files({"level": "gemeente"}) == ["examengegevens-school-2024.csv"]
    assert files(None) == ["examenkandidaten-en-geslaagden-2019-2024.csv", "examengegevens-school-2024.csv"]
    assert files({"level": "provincie"}) == []
