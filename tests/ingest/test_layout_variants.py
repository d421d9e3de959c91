"""Layouts with no real file at hand, written from DUO's description: older and newer variants."""
from __future__ import annotations

from decimal import Decimal

import pytest

from examencijfers.errors import InputError
from examencijfers.ingest.load import ingest_file
from tests.ingest.conftest import EXAMENCIJFERS_HEADER, write_latin1

OLD_KANDIDATEN_HEADER = ";".join(
    ["BRIN NUMMER", "VESTIGINGSNUMMER", "INSTELLINGSNAAM VESTIGING", "GEMEENTENAAM", "ONDERWIJSTYPE VO",
     "INSPECTIECODE", "OPLEIDINGSNAAM"]
    + [f"{measure} SCHOOLJAAR 2017-2018 - {gender}" for gender in ("MAN", "VROUW", "ONBEKEND", "TOTAAL")
       for measure in ("EXAMENKANDIDATEN", "GESLAAGDEN", "SLAAGPERC")])


def test_older_examenkandidaten_layout_with_onbekend_and_percent_signs(tmp_path, warehouse):
    path = write_latin1(tmp_path / "examenkandidaten-en-geslaagden-2013-2018.csv", [
        OLD_KANDIDATEN_HEADER,
        "02QZ;02QZ00;Scholengemeenschap Zuidrand;'S-HERTOGENBOSCH;HAVO;50;HAVO - N&T;"
        "3;2;66,7%;4;4;100,0%;0;0;,0%;7;6;85,7%",
    ])
    outcome = ingest_file(warehouse, path)
    assert (outcome.status, outcome.rows) == ("loaded", 4)
    rows = warehouse.execute("select geslacht, examenkandidaten, geslaagden, slaagpercentage,"
                             " examenkandidaten_source_suppressed from duo_examenkandidaten order by geslacht").fetchall()
    assert rows == [("MAN", 3, 2, Decimal("66.7"), False), ("ONBEKEND", 0, 0, Decimal("0.0"), False),
                    ("TOTAAL", 7, 6, Decimal("85.7"), False), ("VROUW", 4, 4, Decimal("100.0"), False)]
    assert warehouse.execute("select layout, publication, period_start::varchar from sources").fetchone() == (
        "duo-examenkandidaten-2014", "2017-2018", "2017-08-01")


def test_newer_examencijfers_header_double_space_and_vestiging_without_leading_zero(tmp_path, warehouse):
    header = (EXAMENCIJFERS_HEADER.replace("BRIN NUMMER", "INSTELLINGSCODE")
              .replace("VESTIGINGSNUMMER", "VESTIGINGSCODE").replace("GEM. CIJFER", "GEM  CIJFER"))
    path = write_latin1(tmp_path / "examenkandidaten-vwo-en-examencijfers-2023-2024.csv", [
        header,
        "2023;00AH;1;Stedelijk Lyceum;0153;ENSCHEDE;ENSCHEDE;Overijssel;VWO;0131;ak;aardrijkskunde;;0;0;26;6,4;26;6,4;26;6,0;26;6,0;6,2;,0",
        "2023;00AH;00AH02;Stedelijk Lyceum;0153;ENSCHEDE;ENSCHEDE;Overijssel;VWO;0161;in;informatica;;0;0;24;6,8;0;,0;0;,0;0;,0;6,8;,0",
    ])
    ingest_file(warehouse, path)
    assert warehouse.execute("select vestigingscode, schooljaar, gem_ce_cijfer from duo_examencijfers order by 1"
                             ).fetchall() == [("00AH01", "2023-2024", Decimal("6.0")), ("00AH02", "2023-2024", None)]


def test_a_vestiging_of_another_brin_is_refused(tmp_path, warehouse):
    path = write_latin1(tmp_path / "examencijfers.csv", [
        EXAMENCIJFERS_HEADER,
        "2018;00AH;01ZZ00;Lyceum;0153;ENSCHEDE;ENSCHEDE;Overijssel;HAVO;0131;ak;aardrijkskunde;;0;0;26;6,4;26;6,4;26;6,0;26;6,0;6,2;,0",
    ])
    with pytest.raises(InputError) as error:
        ingest_file(warehouse, path)
    assert (error.value.line, error.value.column, error.value.found) == (2, "VESTIGINGSCODE", "01ZZ00")


def test_vmbo_sibling_file_with_its_leerweg_column(tmp_path, warehouse):
    header = EXAMENCIJFERS_HEADER.replace("ONDERWIJSTYPE VO;", "ONDERWIJSTYPE VO;LEERWEG;")
    path = write_latin1(tmp_path / "examenkandidaten-vmbo-en-examencijfers-2018-2019.csv", [
        header,
        "2018;00AH;00;Stedelijk Lyceum;0153;ENSCHEDE;ENSCHEDE;Overijssel;VMBO;TL;0131;ak;aardrijkskunde;;0;0;26;6,4;26;6,4;26;6,0;26;6,0;6,2;,0",
        "2018;00AH;00;Stedelijk Lyceum;0153;ENSCHEDE;ENSCHEDE;Overijssel;VMBO;KB;0131;ak;aardrijkskunde;;0;0;12;6,1;12;6,1;12;5,8;12;5,8;6,0;,0",
    ])
    assert ingest_file(warehouse, path).status == "loaded"
    assert warehouse.execute("select leerweg, aantal_ce, gem_ce_cijfer from duo_examencijfers order by 1").fetchall() == [
        ("KB", 12, Decimal("5.8")), ("TL", 26, Decimal("6.0"))]
