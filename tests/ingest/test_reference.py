"""data/reference: the lists load into their ref_ tables, and they cover every code the bundled files use.

Expectations come from reading the CSV files with the csv module, not from the warehouse.
"""
from __future__ import annotations

import csv
import io
import shutil

import pytest

from examencijfers.errors import InputError
from examencijfers.ingest.reference import load_reference
from examencijfers.paths import RAW, REFERENCE
from tests.ingest.conftest import DUO, raw_records, snapshot


def reference(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((REFERENCE / name).read_text(encoding="utf-8"), newline="")))


def cbr_records(pattern: str) -> list[dict[str, str]]:
    return [record for path in sorted((RAW / "cbr").glob(pattern))
            for record in csv.DictReader(io.StringIO(path.read_bytes().decode("cp1252"), newline=""), delimiter=";")]


PRODUCTS = {record["productcode"]: record for record in reference("cbr_products.csv")}


def test_reference_lists_load_into_their_tables(warehouse):
    loaded = load_reference(warehouse, REFERENCE)
    assert loaded == {"ref_cbr_products": len(PRODUCTS), "ref_inspectiecodes": len(reference("inspectiecodes.csv"))}
    assert warehouse.execute("select productnaam, divisie, individueel from ref_cbr_products where productcode = 'V3C-I'"
                             ).fetchone() == (PRODUCTS["V3C-I"]["productnaam"], "CCV", True)


def test_every_product_of_the_bundled_cbr_files_is_in_the_catalogue():
    used = {record["Productcode"] for record in cbr_records("DEMO-examens-per-week-*.csv")}
    used |= {record["Productcode"] for record in cbr_records("DEMO-opleiderresultaten-01012025-*.csv")}
    assert used and used <= set(PRODUCTS)


@pytest.mark.parametrize(("attribute", "value"), [
    ("soortproductverlenging", "true"), ("individueel", "true"), ("nader_onderzoek", "true"), ("via_verzoek", "true"),
    ("productgroep", "vakbekwaamheid nascholing"), ("productgroep", "toetsen vakbekwaamheid"),
])
def test_the_catalogue_has_a_ccv_product_for_each_suppression_criterion(attribute, value):
    assert any(p["divisie"] == "CCV" and p[attribute] == value for p in PRODUCTS.values())


def test_every_inspectiecode_of_the_real_duo_file_is_listed_with_its_name():
    listed = {r["inspectiecode"]: (r["onderwijstype"], r["opleidingsnaam"]) for r in reference("inspectiecodes.csv")}
    records = raw_records(DUO / "examenkandidaten-en-geslaagden-2019-2024.csv", "utf-8")
    used = {r["INSPECTIECODE"]: (r["ONDERWIJSTYPE VO"], r["OPLEIDINGSNAAM"]) for r in records}
    assert used == listed


def test_every_vakcode_of_the_real_examencijfers_file_is_listed():
    listed = {r["vakcode"]: r["vaknaam"] for r in reference("vakcodes.csv")}
    records = raw_records(DUO / "examenkandidaten-havo-en-examencijfers-2018-2019.csv", "latin-1")
    assert {r["VAKCODE"]: r["VAKNAAM"] for r in records} == listed


def test_a_list_with_a_renamed_column_fails_and_leaves_every_list_as_it_was(tmp_path, warehouse):
    load_reference(warehouse, REFERENCE)
    before = snapshot(warehouse)
    folder = tmp_path / "reference"
    shutil.copytree(REFERENCE, folder)
    broken = folder / "inspectiecodes.csv"  # loaded after cbr_products.csv, which must be rolled back too
    broken.write_text(broken.read_text(encoding="utf-8").replace("opleidingsnaam", "opleiding", 1), encoding="utf-8")
    (folder / "cbr_products.csv").write_text("\n".join((REFERENCE / "cbr_products.csv").read_text(
        encoding="utf-8").splitlines()[:3]) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_reference(warehouse, folder)
    assert str(error.value).startswith(f"{broken}: reference list not loadable")
    assert snapshot(warehouse) == before
