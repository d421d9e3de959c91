"""The bundled CBR files (synthetic, in CBR's real layouts), loaded from their committed bytes."""
from __future__ import annotations

import csv
import io

import pytest

from examencijfers.ingest.load import ingest_paths
from examencijfers.paths import RAW

CBR = RAW / "cbr"


def records(path):
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("cp1252"), newline=""), delimiter=";"))


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    from examencijfers.warehouse import open_warehouse

    connection = open_warehouse(tmp_path_factory.mktemp("cbr") / "w.duckdb")
    outcomes = ingest_paths(connection, [CBR])
    assert {outcome.status for outcome in outcomes} == {"loaded"} and len(outcomes) == 24
    yield connection
    connection.close()


def test_every_file_is_marked_synthetic_by_its_manifest(loaded):
    assert loaded.execute("select bool_and(synthetic), count(*) from sources").fetchone() == (True, 24)


@pytest.mark.parametrize("name", sorted(path.name for path in CBR.glob("DEMO-opleiderresultaten-*.csv"))[:3])
def test_opleiderresultaten_totals_equal_an_independent_sum(loaded, name):
    rows = records(CBR / name)
    expected = tuple(sum(int(r[column]) for r in rows) for column in (
        "Totaal Eerste Examens/Toetsen Voldoende", "Herexamens/Toetsen Automaat Onvoldoende"))
    found = loaded.execute(
        "select sum(eerste_voldoende), sum(her_automaat_onvoldoende), count(*), count(distinct opleidercode)"
        " from cbr_opleiderresultaten join sources using (source_id) where file_name = ?", [name]).fetchone()
    assert found == (*expected, len(rows), len({r["Opleidercode"] for r in rows}))
    codes = loaded.execute("select opleidercode from cbr_opleiderresultaten join sources using (source_id)"
                           " where file_name = ? and opleidercode like '0%' limit 1", [name]).fetchone()
    assert codes is None or len(codes[0]) == 6  # leading zeros kept


def test_each_opleider_publication_stays_its_own_snapshot(loaded):
    assert loaded.execute("select count(distinct (examenperiode_begindatum, examenperiode_einddatum))"
                          " from cbr_opleiderresultaten_current").fetchone() == (8,)


def test_newest_publication_wins_for_every_week(loaded):
    """Independently: read all files with csv, keep for each week x product the file with the latest period."""
    newest = {}
    for path in sorted(CBR.glob("DEMO-examens-per-week-*.csv")):  # names sort by quarter
        for r in records(path):
            newest[(int(r["Jaar"]), int(r["Week"]), r["Productcode"])] = int(r["Totaal Examens/Toetsen"])
    current = {(jaar, week, code): totaal for jaar, week, code, totaal in
               loaded.execute("select jaar, week, productcode, totaal from cbr_examens_current").fetchall()}
    assert current == newest
    revised = loaded.execute("select count(*) from (select jaar, week, productcode from cbr_examens"
                             " group by all having count(distinct totaal) > 1)").fetchone()[0]
    assert revised > 0


def test_diploma_totals_per_file(loaded):
    for path in sorted(CBR.glob("DEMO-uitgegeven-diplomas-*.csv"))[:2]:
        expected = sum(int(r["Aantal Uitgegeven"]) for r in records(path))
        assert loaded.execute("select sum(aantal) from cbr_diplomas join sources using (source_id)"
                              " where file_name = ?", [path.name]).fetchone() == (expected,)
