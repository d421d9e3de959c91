"""The deliveries' three published tables are downloadable like DUO's and CBR's: listed by `export --list`,
filtered by schooljaar and vestiging, a withheld cell an empty cell with its reason, and the metadata naming
the deliveries (not DUO's open data) as publisher and the delivery files as sources."""
import csv
import io
import shutil

import duckdb
import pytest
from typer.testing import CliRunner

from examencijfers.cli import app
from examencijfers.extracts import get_dataset, make_extract

OUTCOMES = [  # source, schooljaar, instelling, vestiging, naam, gemeente, provincie, ilt, opleiding, type, leerweg,
    # sector, afdeling, teruggetrokken (+ reason), gespreid (+ reason), deelexamen (+ reason)
    ("deliveries", "2023-2024", "01AA", "01AA00", "Het Lyceum", "Utrecht", "Utrecht", "0370", "HAVO Prf Nat/Tech",
     "HAVO", None, None, None, 3, None, 0, None, None, "primary"),
    ("deliveries", "2023-2024", "02BB", "02BB00", "College Zuid", "Zwolle", "Overijssel", "0370", "HAVO Prf Nat/Tech",
     "HAVO", None, None, None, None, "primary", 0, None, 0, None),
]


@pytest.fixture
def with_outcomes(published_db, tmp_path):
    copy = tmp_path / "published.duckdb"
    shutil.copy(published_db, copy)
    with duckdb.connect(str(copy)) as con:
        con.executemany("insert into vo_exam_outcomes values (" + ", ".join("?" * 19) + ")", OUTCOMES)
    return copy


def test_the_list_offers_the_three_delivery_tables_under_their_own_publisher():
    result = CliRunner().invoke(app, ["export", "--list"])
    assert result.exit_code == 0
    for name in ("vo_enrolment", "vo_subject_details", "vo_exam_outcomes"):
        assert f"{name}  (deliveries)" in result.output
        assert get_dataset(name).source_datasets in (("vo_examengegevens",), ("vo_inschrijvingsgegevens",))


def test_a_delivery_extract_keeps_withheld_cells_empty_and_names_the_deliveries(with_outcomes):
    made = make_extract("vo_exam_outcomes", {"vestigingscode": ["02BB00"]}, None, "csv", with_outcomes)
    rows = list(csv.DictReader(io.StringIO(made.data.decode("utf-8-sig"))))
    assert len(rows) == 1
    assert rows[0]["teruggetrokken"] == "" and rows[0]["teruggetrokken_suppression"] == "primary"
    metadata = made.metadata
    assert metadata["dataset"]["publisher"].startswith("Schoolbesturen VO")
    assert metadata["suppressed_cells"]["teruggetrokken"] == 1
    assert [s["dataset"] for s in metadata["sources"]] == ["vo_examengegevens"]
    assert "DUO" not in metadata["licence"]["licence"]


def test_a_delivery_extract_filters_by_schooljaar_and_keeps_every_published_count(with_outcomes):
    made = make_extract("vo_exam_outcomes", {"schooljaar": ["2023-2024"]}, None, "csv", with_outcomes)
    rows = list(csv.DictReader(io.StringIO(made.data.decode("utf-8-sig"))))
    assert [(r["vestigingscode"], r["teruggetrokken"], r["deelexamen"]) for r in rows] == [
        ("01AA00", "3", ""), ("02BB00", "", "0")]
