"""Every real DUO layout, loaded from the committed bytes, against sums made with the csv module alone."""
from __future__ import annotations

from decimal import Decimal

from examencijfers.ingest.load import ingest_file
from tests.ingest.conftest import DUO, raw_records

KANDIDATEN = DUO / "examenkandidaten-en-geslaagden-2019-2024.csv"
GESLAAGDEN_2018 = DUO / "geslaagden-gezakten-en-cijfers-2018-2019.csv"
GESLAAGDEN_2024 = DUO / "geslaagden-gezakten-en-cijfers-2024-2025.EXCERPT.csv"
EXAMENCIJFERS = DUO / "examenkandidaten-havo-en-examencijfers-2018-2019.csv"
VESTIGINGEN = DUO / "alle-vestigingen-vo.csv"


def published_counts(records, column):
    """Sum of the numbers, and how many cells said "<5"."""
    values = [record[column] for record in records]
    return sum(int(v) for v in values if v not in ("<5", "")), sum(v == "<5" for v in values)


def test_examenkandidaten_2019_2024_becomes_one_row_per_school_year_and_gender(warehouse):
    records = raw_records(KANDIDATEN, "utf-8")
    outcome = ingest_file(warehouse, KANDIDATEN)
    assert outcome.status == "loaded"
    assert outcome.rows == len(records) * 5 * 3 == 12_782 * 15

    for year in ("2019-2020", "2023-2024"):
        for gender in ("MAN", "VROUW", "TOTAAL"):
            for measure in ("examenkandidaten", "geslaagden"):
                total, hidden = published_counts(records, f"{measure.upper()} SCHOOLJAAR {year} - {gender}")
                loaded = warehouse.execute(
                    f"select sum({measure}), count(*) filter ({measure}_source_suppressed)"
                    " from duo_examenkandidaten where schooljaar = ? and geslacht = ?", [year, gender]).fetchone()
                assert loaded == (total, hidden)


def test_a_published_lt5_is_never_a_number(warehouse):
    ingest_file(warehouse, KANDIDATEN)
    ingest_file(warehouse, GESLAAGDEN_2024)
    for table, column in (("duo_examenkandidaten", "examenkandidaten"), ("duo_examenkandidaten", "geslaagden"),
                          ("duo_geslaagden_cijfers", "examenkandidaten"), ("duo_geslaagden_cijfers", "gezakten")):
        numbers_behind_lt5 = warehouse.execute(
            f"select count(*) from {table} where {column}_source_suppressed and {column} is not null").fetchone()[0]
        assert numbers_behind_lt5 == 0
    flagged = warehouse.execute("select count(*) from duo_geslaagden_cijfers where gezakten_source_suppressed").fetchone()
    assert flagged[0] == sum(r["GEZAKTEN"] == "<5" for r in raw_records(GESLAAGDEN_2024, "utf-8")) > 0


def test_first_row_of_examenkandidaten_traced_to_its_line(warehouse):
    ingest_file(warehouse, KANDIDATEN)
    rows = warehouse.execute(
        "select schooljaar, line_no, vestigingscode, inspectiecode, examenkandidaten, geslaagden,"
        " geslaagden_source_suppressed, slaagpercentage from duo_examenkandidaten"
        " where line_no = 2 and geslacht = 'TOTAAL' and schooljaar in ('2022-2023', '2023-2024') order by 1").fetchall()
    # Line 2 of the file reads, for TOTAAL: 2022-2023 "15";"14";"93.3" and 2023-2024 "<5";"<5";"100".
    assert rows == [("2022-2023", 2, "00AH00", "50", 15, 14, False, Decimal("93.3")),
                    ("2023-2024", 2, "00AH00", "50", None, None, True, Decimal("100.0"))]


def test_geslaagden_gezakten_2018_2019_latin1(warehouse):
    records = raw_records(GESLAAGDEN_2018, "latin-1")
    ingest_file(warehouse, GESLAAGDEN_2018)
    loaded = warehouse.execute(
        "select count(*), sum(examenkandidaten), sum(geslaagden), sum(gezakten), min(schooljaar), max(schooljaar)"
        " from duo_geslaagden_cijfers").fetchone()
    assert loaded == (len(records), *(sum(int(r[c]) for r in records)
                                       for c in ("EXAMENKANDIDATEN", "GESLAAGDEN", "GEZAKTEN")), "2018-2019", "2018-2019")
    accented = [r["INSTELLINGSNAAM VESTIGING"] for r in records if any(ord(ch) > 127 for ch in r["INSTELLINGSNAAM VESTIGING"])]
    assert accented, "the file has accented names; they must survive"
    assert warehouse.execute("select count(*) from duo_geslaagden_cijfers where vestigingsnaam = ?",
                             [accented[0]]).fetchone()[0] >= 1


def test_geslaagden_gezakten_2024_2025_excerpt_blank_and_lt5(warehouse):
    records = raw_records(GESLAAGDEN_2024, "utf-8")
    ingest_file(warehouse, GESLAAGDEN_2024)
    total, hidden = published_counts(records, "EXAMENKANDIDATEN")
    assert warehouse.execute("select sum(examenkandidaten), count(*) filter (examenkandidaten_source_suppressed),"
                             " count(leerweg) filter (onderwijstype = 'HAVO') from duo_geslaagden_cijfers"
                             ).fetchone() == (total, hidden, 0)


def test_examencijfers_two_digit_vestiging_and_no_value_grades(warehouse):
    records = raw_records(EXAMENCIJFERS, "latin-1")
    ingest_file(warehouse, EXAMENCIJFERS)
    no_value = sum(r["GEM. CIJFER TOTAAL AANTAL CENTRALE EXAMENS"] == ",0" for r in records)
    centrale = sum(int(r["TOTAAL AANTAL CENTRALE EXAMENS"]) for r in records)
    loaded = warehouse.execute(
        "select count(*), count(*) filter (gem_ce_cijfer is null), sum(aantal_ce), min(schooljaar),"
        " count(*) filter (vestigingscode != instellingscode || right(vestigingscode, 2)) from duo_examencijfers"
    ).fetchone()
    assert loaded == (len(records), no_value, centrale, "2018-2019", 0)
    first = records[0]
    assert warehouse.execute("select vestigingscode, gem_se_cijfer from duo_examencijfers where line_no = 2"
                             ).fetchone() == (first["BRIN NUMMER"] + first["VESTIGINGSNUMMER"], Decimal("6.4"))


def test_vestigingen_register_keeps_codes_and_trims_padding(warehouse):
    records = raw_records(VESTIGINGEN, "latin-1")
    ingest_file(warehouse, VESTIGINGEN)
    assert warehouse.execute("select count(*), count(distinct vestigingscode) from duo_vestigingen").fetchone() == (
        len(records), len({r["VESTIGINGSNUMMER"] for r in records}))
    assert warehouse.execute("select gemeentenummer from duo_vestigingen where vestigingscode = '18BR00'"
                             ).fetchone() == ("0106",)


def test_leerlingen_file_is_recognised_and_not_loaded(warehouse):
    outcome = ingest_file(warehouse, DUO / "leerlingen-vo-per-vestiging-naar-onderwijstype-2019.csv")
    assert outcome.status == "skipped"
    assert warehouse.execute("select count(*) from sources").fetchone() == (0,)
