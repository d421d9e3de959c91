"""CBR layouts: weekly files that overlap (newest publication wins) and opleider snapshots per period."""
from __future__ import annotations

import datetime as dt

import pytest

from examencijfers.errors import InputError
from examencijfers.ingest.load import ingest_file
from examencijfers.paths import REFERENCE
from tests.ingest.conftest import write_cp1252

EXAMENS_HEADER = ("Examenperiode Begindatum;Examenperiode Einddatum;Jaar;Week;Categoriecode;Categorienaam;Productcode;"
                  "Productnaam;Totaal Examens/Toetsen;Voldoende;Onvoldoende;Particuliere Examens;Examens Met Tolk")
DIPLOMAS_HEADER = "Examenperiode Begindatum;Examenperiode Einddatum;Jaar;Week;Diplomacode;Diplomaomschrijving;Aantal Uitgegeven"
OPLEIDER_HEADER = (REFERENCE / "cbr-shape" / "opleiderresultaten-01072017-tm-30062018.HEADER-ONLY.csv"
                   ).read_bytes().decode("cp1252").strip()


def examens(tmp_path, name, period, rows):
    begin, end = period
    return write_cp1252(tmp_path / name, [EXAMENS_HEADER] + [f"{begin};{end};{row}" for row in rows])


Q1 = ("01-04-2024", "31-03-2025")
Q2 = ("01-07-2024", "30-06-2025")


def test_examens_toets_counts_as_voldoende_and_particulier_is_part_of_total(tmp_path, warehouse):
    path = examens(tmp_path, "examens-q1.csv", Q1, [
        "2025;2;B;Personenauto;B;Praktijkexamen B;120;66;54;7;3",
        "2025;2;B;Personenauto;B-T;Tussentijdse toets B;40;;;0;1",
    ])
    ingest_file(warehouse, path)
    assert warehouse.execute(
        "select productcode, week_start::varchar, is_toets, totaal, voldoende, onvoldoende, particulier, tolk"
        " from cbr_examens order by productcode").fetchall() == [
        ("B", "2025-01-06", False, 120, 66, 54, 7, 3),
        ("B-T", "2025-01-06", True, 40, 40, 0, 0, 1),
    ]
    assert warehouse.execute("select publication, period_start, period_end from sources").fetchone() == (
        "2025-Q1", dt.date(2024, 4, 1), dt.date(2025, 3, 31))


def test_overlapping_publications_newest_wins_and_the_revision_stays_traceable(tmp_path, warehouse):
    ingest_file(warehouse, examens(tmp_path, "examens-q2.csv", Q2, [
        "2025;2;B;Personenauto;B;Praktijkexamen B;121;67;54;7;3",   # revised: one more voldoende
        "2025;20;B;Personenauto;B;Praktijkexamen B;100;50;50;5;2",
    ]))
    # The older publication loaded after the newer one: order of loading must not matter.
    ingest_file(warehouse, examens(tmp_path, "examens-q1.csv", Q1, [
        "2024;30;B;Personenauto;B;Praktijkexamen B;90;45;45;4;1",
        "2025;2;B;Personenauto;B;Praktijkexamen B;120;66;54;7;3",
    ]))
    current = warehouse.execute("select jaar, week, voldoende, file_name from cbr_examens_current"
                                " join sources using (source_id) order by jaar, week").fetchall()
    assert current == [(2024, 30, 45, "examens-q1.csv"), (2025, 2, 67, "examens-q2.csv"),
                       (2025, 20, 50, "examens-q2.csv")]
    revisions = warehouse.execute("select voldoende from cbr_examens where week = 2 order by source_id").fetchall()
    assert revisions == [(67,), (66,)]


def test_diplomas_overlap(tmp_path, warehouse):
    for name, period, count in (("d1.csv", Q1, 10), ("d2.csv", Q2, 12)):
        write_cp1252(tmp_path / name, [DIPLOMAS_HEADER, f"{period[0]};{period[1]};2025;5;B;Rijbewijs B;{count}"])
        ingest_file(warehouse, tmp_path / name)
    assert warehouse.execute("select aantal, week_start::varchar from cbr_diplomas_current").fetchall() == [(12, "2025-01-27")]


@pytest.mark.parametrize(("row", "line", "column", "expected"), [
    ("2025;2;B;Personenauto;B;Praktijkexamen B;120;66;55;7;3", 3, "Totaal Examens/Toetsen", "voldoende + onvoldoende = totaal"),
    ("2025;2;B;Personenauto;B;Praktijkexamen B;12O;66;54;7;3", 3, "Totaal Examens/Toetsen", "a count (0, 1, 2, ...)"),
    ("2025;53;B;Personenauto;B;Praktijkexamen B;120;66;54;7;3", 3, "Week", "a week of year 2025 (1-52 or 53)"),
    ("2025;2;B;Personenauto;B;Praktijkexamen B;120;;;7;3", 3, "Voldoende", None),
    ("2025;2;B;Personenauto;B;Praktijkexamen B;120;66;54;121;3", 3, "Particuliere Examens", "particuliere examens <= totaal"),
])
def test_a_bad_examens_row_names_its_line_and_column(tmp_path, warehouse, row, line, column, expected):
    path = examens(tmp_path, "examens.csv", Q1, ["2025;1;B;Personenauto;B;Praktijkexamen B;10;5;5;0;0", row])
    with pytest.raises(InputError) as error:
        ingest_file(warehouse, path)
    assert (error.value.line, error.value.column) == (line, column)
    if expected:
        assert error.value.expected == expected
    assert warehouse.execute("select count(*) from sources").fetchone() == (0,)


def opleider_row(code, name, period, eerste=(3, 2, 1, 0, 0, 1, 2, 1), her=(1, 1, 1, 1, 0, 0, 0, 0),
                 einddatum="31-12-9999", address="Dorpsstraat;12;;1234AB;ERGENS"):
    """eerste/her = (voldoende, onvoldoende, automaat v, automaat o, combi v, combi o, hand v, hand o)."""
    counts = ";".join(str(n) for n in (*eerste, *her))
    return (f"{code};{name};01-01-2010;{einddatum};{address};B;Personenauto;B;Praktijkexamen B;"
            f"Utrecht (Mississippidreef 151);Mississippidreef;151;;3565CE;UTRECHT;{period[0]};{period[1]};{counts}")


def test_opleiderresultaten_real_header_quotes_and_snapshots_per_period(tmp_path, warehouse):
    assert OPLEIDER_HEADER.count(";") == 36 and "Opleider Straatnaam ;" in OPLEIDER_HEADER
    for name, period in (("o1.csv", Q1), ("o2.csv", Q2)):
        write_cp1252(tmp_path / name, [
            OPLEIDER_HEADER,
            opleider_row("0003F8", '"Rijschool ""De Zebra"" Café"', period),
            opleider_row("0104K2", "Verkeersschool Oost", period, einddatum="31-05-2024", address=";;;;"),
        ])
        assert ingest_file(warehouse, tmp_path / name).status == "loaded"
    rows = warehouse.execute(
        "select opleidercode, opleidernaam, opleider_einddatum::varchar, opleider_straatnaam, eerste_voldoende,"
        " her_automaat_onvoldoende, count(*) over () from cbr_opleiderresultaten_current"
        " where examenperiode_einddatum = '2025-06-30' order by 1").fetchall()
    assert rows == [("0003F8", 'Rijschool "De Zebra" Café', "9999-12-31", "Dorpsstraat", 3, 1, 2),
                    ("0104K2", "Verkeersschool Oost", "2024-05-31", None, 3, 1, 2)]
    assert warehouse.execute("select count(distinct source_id) from cbr_opleiderresultaten_current").fetchone() == (2,)


def test_opleider_transmissions_must_add_up_to_the_total(tmp_path, warehouse):
    path = write_cp1252(tmp_path / "o.csv", [OPLEIDER_HEADER, opleider_row("0003F8", "X", Q1, eerste=(4, 2, 1, 0, 0, 1, 2, 1))])
    with pytest.raises(InputError) as error:
        ingest_file(warehouse, path)
    assert (error.value.line, error.value.column) == (2, "Totaal Eerste Examens/Toetsen Voldoende")
    assert "automaat + combi + handgeschakeld" in error.value.expected
