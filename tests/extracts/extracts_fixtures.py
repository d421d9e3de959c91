"""The extracts tests' small published database, built from the contract (published.sql) and hand-made rows.

The expected numbers in the tests are these rows, written out again by hand: nothing is computed by the
code under test.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
from examencijfers import paths

GENERATED_AT = dt.datetime(2026, 11, 22, 12, 0, 0, tzinfo=dt.timezone.utc)

INJECTION_NAMES = {
    "0001A1": '=HYPERLINK("http://example.invalid","klik")',
    "0002B2": "+31 Rijschool Plus",
    "0003C3": "-Rijschool Min",
    "0004D4": "@Rijschool At",
    "0005E5": "\tRijschool Tab",
    "0006F6": "\rRijschool CR",
    "0007G7": 'Rijschool "Élan", Utrecht',
}


def _fill(con: duckdb.DuckDBPyConnection) -> None:
    con.executemany("insert into publication values (?, ?)", [
        ("built_at", "2026-11-01T12:00:00"),
        ("schema_version", "1"),
        ("warehouse_sha256", "f" * 64),
        ("rules", '{"vo_min_count": 5, "opleider_min_exams": 10}'),
    ])
    loaded = dt.datetime(2026, 11, 1, 11, 0, 0)
    con.executemany("insert into sources values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
        (1, "examens-per-week-2024-Q1.csv", "a" * 64, "cbr_examens", "cbr_examens_v1", "2024-Q1",
         dt.date(2023, 4, 1), dt.date(2024, 3, 31), 4, True, loaded),
        (2, "opleiderresultaten-2024.csv", "b" * 64, "cbr_opleiderresultaten", "cbr_opleider_v1", "2024-Q1",
         dt.date(2023, 4, 1), dt.date(2024, 3, 31), 9, True, loaded),
        (3, "examenkandidaten-en-geslaagden-2019-2024.csv", "c" * 64, "duo_examenkandidaten", "duo_ekg_v2",
         "2019-2024", None, None, 12782, False, loaded),
        (4, "examens-per-week-2023-Q4.csv", "d" * 64, "cbr_examens", "cbr_examens_v1", "2023-Q4",
         dt.date(2023, 1, 1), dt.date(2023, 12, 31), 4, True, loaded),
        (5, "examengegevens-school-2024.csv", "e" * 64, "vo_examengegevens", "deliveries_bijlage2_kv_v1",
         "2023-2024", None, None, 250, False, loaded),
    ])
    con.executemany("insert into suppression_reasons values (?, ?, ?, ?)", [
        ("source_lt5", "<5", "door de bron als <5 gepubliceerd", "published as <5 by the source"),
        ("secondary", "∘", "secundair geheimgehouden", "secondary suppression"),
        ("cbr_rule_1", "×", "CBR-regel 1: hoogstens 10 actieve opleiders", "CBR rule 1: at most 10 opleiders"),
        ("too_few_exams", "~", "te weinig examens", "too few exams"),
    ])
    con.executemany("insert into suppression_rules values (?, ?, ?, ?)", [
        ("vo_min_count", "5", "kleinste gepubliceerde aantal", "smallest published count"),
        ("opleider_min_exams", "10", "minimum examens per opleider", "minimum exams per opleider"),
    ])
    con.executemany("insert into cbr_exams_weekly values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
        (1, 2024, 1, dt.date(2024, 1, 1), "B", "Personenauto", "B", "Praktijkexamen B", False,
         1000, 520, 480, 30, 5, None),
        (1, 2024, 1, dt.date(2024, 1, 1), "B", "Personenauto", "B-T", "Tussentijdse toets B", True,
         200, 200, 0, 0, 0, None),
        (1, 2024, 2, dt.date(2024, 1, 8), "C", "Vrachtauto", "CODE95", "Code 95", False,
         None, None, None, None, None, "cbr_rule_1"),
        (1, 2023, 52, dt.date(2023, 12, 25), "B", "Personenauto", "B", "Praktijkexamen B", False,
         800, 400, 400, 20, 3, None),
    ])
    rows = []
    for i, (code, name) in enumerate(sorted(INJECTION_NAMES.items())):
        rows.append((2, "2024-Q1", dt.date(2023, 4, 1), dt.date(2024, 3, 31), code, name, "Utrecht", True, "B",
                     "B", "Praktijkexamen B", "Utrecht (Kanaalweg)", "Utrecht", "eerste", "totaal",
                     20 + i, 10 + i, 30 + 2 * i, "10-49", None))
    rows.append((2, "2024-Q1", dt.date(2023, 4, 1), dt.date(2024, 3, 31), "0008H8", "Kleine Rijschool", "Gouda",
                 False, "B", "B", "Praktijkexamen B", "Gouda", "Gouda", "her", "automaat",
                 None, None, None, "1-9", "too_few_exams"))
    con.executemany("insert into cbr_opleider_results values "
                    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    con.executemany("insert into vo_pass_rates values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
        ("duo", "vestiging", "00AA00", "-Noord College", "00AA", "Utrecht", "Utrecht", "HAVO", None, None,
         "2023-2024", "TOTAAL", 120, None, 108, None, 90.0, None),
        ("duo", "vestiging", "00AA00", "-Noord College", "00AA", "Utrecht", "Utrecht", "HAVO", None, None,
         "2023-2024", "MAN", None, "source_lt5", None, "secondary", None, "secondary"),
        ("duo", "land", "NL", "Nederland", None, None, None, "HAVO", None, None,
         "2023-2024", "TOTAAL", 60000, None, 52000, None, -1.5, None),
        ("deliveries", "gemeente", "Utrecht", "Utrecht", None, "Utrecht", "Utrecht", "HAVO", None, None,
         "2023-2024", "TOTAAL", 250, None, 230, None, 92.0, None),
    ])


def build_published(path: Path) -> Path:
    """A published database at `path`: the contract's DDL and the hand-made rows above."""
    con = duckdb.connect(str(path))
    con.execute((paths.SQL / "published.sql").read_text(encoding="utf-8"))
    _fill(con)
    con.close()
    return path
