"""A small published database with hand-made rows, built from the contract examencijfers/sql/published.sql.

The numbers are chosen so that the expected answers can be worked out by hand or with the small
independent helpers in expect.py; every table the queries read has at least one suppressed row.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from examencijfers.paths import SQL


def iso_monday(year: int, week: int) -> dt.date:
    return dt.date.fromisocalendar(year, week, 1)


# productcode, productnaam, categoriecode, categorienaam, divisie, is_toets
PRODUCTS = [
    ("B", "Auto praktijk", "B", "Personenauto", "CBR", False),
    ("BTH", "Auto theorie", "B", "Personenauto", "CBR", False),
    ("B-T", "Tussentijdse toets auto", "B", "Personenauto", "CBR", True),
    ("A", "Motor praktijk", "A", "Motor", "CBR", False),
    ("C95", "Code 95", "C", "Vrachtauto", "CCV", False),
]

# productcode: {(jaar, week): (voldoende, onvoldoende, particulier, tolk) or suppression reason}
EXAMS = {
    "B": {
        (2023, 1): (40, 60, 10, 2), (2023, 2): (50, 50, 5, 0), (2023, 3): (45, 55, 4, 1),
        (2023, 4): (52, 48, 6, 3), (2023, 5): (70, 30, 2, 2), (2023, 6): (33, 67, 1, 0),
        (2024, 1): (50, 50, 20, 5), (2024, 2): (60, 40, 10, 10), (2024, 3): (30, 70, 0, 0),
        (2024, 4): (45, 55, 9, 1), (2024, 5): (80, 20, 8, 4), (2024, 6): (10, 10, 2, 0),
    },
    "BTH": {
        (2024, 1): (20, 30, 0, 1), (2024, 2): "primary", (2024, 3): (25, 25, 0, 0), (2024, 4): (30, 20, 5, 5),
    },
    "A": {
        (2024, 1): (8, 2, 1, 0), (2024, 2): (6, 4, 0, 0),
    },
    "C95": {
        (2024, 1): "cbr_rule_1", (2024, 2): "cbr_rule_1",
    },
}

# tussentijdse toetsen: no result, stored as voldoende = totaal
TOETSEN = {"B-T": {(2024, 1): 12, (2024, 2): 7, (2024, 3): "source_lt5"}}

# diplomacode: {(jaar, week): aantal or reason}
DIPLOMAS = {
    "B": {(2023, 1): 100, (2023, 2): 90, (2024, 1): 120, (2024, 2): "primary", (2024, 3): 80},
    "A": {(2023, 1): 10, (2024, 1): 7},
}

PUBLICATIONS = {"2023": (dt.date(2022, 7, 1), dt.date(2023, 6, 30)), "2024": (dt.date(2023, 7, 1), dt.date(2024, 6, 30))}
OPLEIDERS = {"O1": ("Rijschool Alfa", "Utrecht"), "O2": ("Rijschool Beta", "Zwolle"), "O3": ("Gamma Rijopleidingen", "Ede"),
             "O4": ("Delta Drive", "Utrecht"), "O5": ("Epsilon", "Gouda"), "O6": ("Zeta Rijschool", "Breda"),
             "O7": ("Eta Rijschool", "Breda")}
LOCATIONS = {"L1": "Utrecht", "L2": "Amersfoort", "L3": None, "*": None}

# (publication, opleidercode, productcode, examenlocatie, soort, transmissie): (voldoende, onvoldoende) or
# (reason, n_band)
OPLEIDER_RESULTS = {
    ("2024", "O1", "B", "L1", "eerste", "totaal"): (40, 10),
    ("2024", "O1", "B", "L2", "eerste", "totaal"): (20, 10),
    ("2024", "O1", "B", "L1", "eerste", "automaat"): (5, 5),
    ("2024", "O1", "B", "L1", "her", "totaal"): (6, 6),
    ("2024", "O2", "B", "L1", "eerste", "totaal"): (10, 40),
    ("2024", "O3", "B", "L1", "eerste", "totaal"): (15, 5),
    ("2024", "O3", "B", "L2", "eerste", "totaal"): ("primary", "10-49"),
    ("2024", "O4", "B", "*", "eerste", "totaal"): (90, 10),
    ("2024", "O4", "B", "L1", "eerste", "totaal"): (45, 5),
    ("2024", "O4", "B", "L2", "eerste", "totaal"): (45, 5),
    ("2024", "O5", "B", "L2", "eerste", "totaal"): ("too_few_exams", "1-9"),
    ("2023", "O1", "B", "L1", "eerste", "totaal"): (30, 20),
    # product A: 37 exams at L1 and 3 (2 + 1) at L2, too few there; publish's all-locations row of 40
    ("2024", "O6", "A", "L1", "eerste", "totaal"): (30, 7),
    ("2024", "O6", "A", "L2", "eerste", "totaal"): ("too_few_exams", "1-9"),
    ("2024", "O6", "A", "*", "eerste", "totaal"): (32, 8),
    # the same locations without an all-locations row: the sum misses a part, so no rate
    ("2024", "O7", "A", "L1", "eerste", "totaal"): (30, 7),
    ("2024", "O7", "A", "L2", "eerste", "totaal"): ("too_few_exams", "1-9"),
}

# (publication, productcode, examenlocatie, soort, transmissie): (voldoende, onvoldoende, opleiders) or reason
PRODUCT_RATES = {
    ("2024", "B", "*", "eerste", "totaal"): (500, 500, 40),
    ("2024", "B", "L1", "eerste", "totaal"): (300, 200, 20),
    ("2024", "B", "L2", "eerste", "totaal"): (100, 100, 12),
    ("2024", "B", "L3", "eerste", "totaal"): "cbr_rule_1",
    ("2024", "B", "*", "eerste", "automaat"): (30, 70, 9),
    ("2024", "B", "*", "her", "totaal"): (200, 200, 30),
    ("2023", "B", "*", "eerste", "totaal"): (450, 550, 38),
}

VESTIGINGEN = [
    ("01AA00", "01AA", "Het Lyceum", "Utrecht", "Utrecht", "Utrecht", "openbaar", "HAVO/VWO"),
    ("02BB00", "02BB", "College Zuid", "Zwolle", "Zwolle", "Overijssel", "rk", "HAVO"),
    ("03CC00", "03CC", "Kleine School", "Ede", "Ede", "Gelderland", "pc", "HAVO"),
    ("04DD00", "04DD", "Vierde Gymnasium", "Utrecht", "Utrecht", "Utrecht", "openbaar", "HAVO/VWO"),
]

# (level, area_code, inspectiecode, schooljaar, geslacht): (examenkandidaten, geslaagden), a reason for all
# three values, or (reason, percentage): counts protected but the percentage published
PASS_RATES = {
    ("vestiging", "01AA00", None, "2023-2024", "TOTAAL"): (100, 90),
    ("vestiging", "02BB00", None, "2023-2024", "TOTAAL"): (100, 70),
    ("vestiging", "03CC00", None, "2023-2024", "TOTAAL"): "source_lt5",
    ("vestiging", "04DD00", None, "2023-2024", "TOTAAL"): (50, 40),
    ("vestiging", "01AA00", None, "2023-2024", "MAN"): (50, 40),
    ("vestiging", "01AA00", "H1", "2023-2024", "TOTAAL"): (50, 45),
    ("vestiging", "01AA00", None, "2022-2023", "TOTAAL"): (100, 80),
    ("vestiging", "02BB00", None, "2022-2023", "TOTAAL"): ("secondary", 65.0),
    ("gemeente", "Utrecht", None, "2023-2024", "TOTAAL"): (150, 130),
    ("instelling", "01AA", None, "2023-2024", "TOTAAL"): (100, 90),
    ("instelling", "03CC", None, "2023-2024", "TOTAAL"): "primary",
    ("provincie", "Utrecht", None, "2023-2024", "TOTAAL"): (150, 130),
    ("provincie", "Overijssel", None, "2023-2024", "TOTAAL"): (100, 70),
    ("land", "NL", None, "2023-2024", "TOTAAL"): (1250, 1000),
    ("land", "NL", "H1", "2023-2024", "TOTAAL"): (400, 300),
    ("land", "NL", None, "2022-2023", "TOTAAL"): (1200, 900),
}

# (vestigingscode, schooljaar, vakcode): (aantal_se, gem_se, aantal_ce, gem_ce, gem_cijferlijst); a string
# value is a protected cell with that reason
SUBJECT_GRADES = {
    ("01AA00", "2023-2024", "NE"): (100, 6.8, 100, 6.2, 6.5),
    ("02BB00", "2023-2024", "NE"): (100, 6.5, 100, 6.4, 6.5),
    ("03CC00", "2023-2024", "NE"): ("source_lt5", "primary", "source_lt5", "primary", "primary"),
    ("04DD00", "2023-2024", "NE"): (50, 7.0, 50, 6.0, 6.5),
    ("01AA00", "2022-2023", "NE"): (80, 6.6, 80, 6.0, 6.3),
    ("01AA00", "2021-2022", "NE"): (60, 7.0, 60, 6.5, 6.7),
    ("01AA00", "2023-2024", "WI"): (100, 6.0, 100, 5.5, 5.8),
    ("01AA00", "2022-2023", "WI"): (90, 6.1, 90, "secondary", 5.9),
}
VAKKEN = {"NE": ("ne", "Nederlands"), "WI": ("wiA", "Wiskunde A")}

# (vestigingscode, schooljaar): (examenkandidaten, gem_se, gem_ce, gem_cijferlijst), strings as above
AFDELING_RESULTS = {
    ("01AA00", "2023-2024"): (100, 6.7, 6.3, 6.5),
    ("02BB00", "2023-2024"): (100, 6.5, 6.5, 6.5),
    ("03CC00", "2023-2024"): ("source_lt5", "primary", "primary", "primary"),
    ("01AA00", "2022-2023"): (100, 6.5, 6.1, 6.3),
}

# The record-level deliveries' tables (source 'deliveries'). Strings are protected cells with that reason.
# (schooljaar, vestigingscode, ilt_code, onderwijstype, leerjaar):
#     (leerlingen, nieuwkomers_d1, nieuwkomers_d2, leerlingen_praktijkonderwijs, gem_jaren_praktijkonderwijs)
ENROLMENT = {
    ("2024-2025", "01AA00", "0370", "HAVO", 4): (30, 2, "primary", 0, None),
    ("2024-2025", "01AA00", "0370", "HAVO", 5): (25, 0, 0, 0, None),
    ("2024-2025", "02BB00", "0370", "HAVO", 4): ("primary", "primary", "primary", "primary", "primary"),
    ("2024-2025", "04DD00", "0370", "HAVO", 4): (40, 3, 1, 0, None),
    ("2024-2025", "01AA00", "0170", "VWO", 4): (20, 0, 0, 0, None),
    ("2024-2025", "03CC00", "0090", "PRO", 3): (12, 0, 0, 12, 2.5),
    ("2023-2024", "01AA00", "0370", "HAVO", 4): (28, 1, 0, 0, None),
}
ILT = {"0370": "HAVO Prf Nat/Tech", "0170": "VWO-ATH Prf Nat/Tech", "0090": "Praktijkonderwijs"}

# (schooljaar, vestigingscode, vakcode): (gem_ce_1, gem_eindcijfer, gem_se_min_ce, tijdvak_2_of_3,
#     aandeel_tijdvak_2_of_3 (percent), certificaten_deelexamen)
SUBJECT_DETAILS = {
    ("2023-2024", "01AA00", "NE"): (6.1, 6.6, 0.6, 10, 12.5, 0),
    ("2023-2024", "01AA00", "WI"): (5.4, 5.9, "primary", "primary", "primary", 0),
    ("2023-2024", "02BB00", "NE"): (6.3, 6.5, 0.2, 0, "extreme_rate", "primary"),
}
# the deliveries' own vo_subject_grades rows (aantal_ce beside the details): not in the shared fixture (whose
# deliveries have no grades), added by test_queries_deliveries to a copy of it
DELIVERY_SUBJECT_GRADES = {
    ("01AA00", "2023-2024", "NE"): (80, 6.8, 80, 6.2, 6.5),
    ("02BB00", "2023-2024", "NE"): ("primary", 6.6, "primary", 6.3, 6.5),
}

# (schooljaar, vestigingscode, ilt_code, onderwijstype): (teruggetrokken, gespreid, deelexamen)
EXAM_OUTCOMES = {
    ("2023-2024", "01AA00", "0370", "HAVO"): (3, 0, "primary"),
    ("2023-2024", "02BB00", "0370", "HAVO"): ("primary", 0, 0),
    ("2023-2024", "01AA00", "0170", "VWO"): (0, 5, 0),
}

REASONS = [
    ("source_lt5", "<5", "minder dan 5", "fewer than 5"),
    ("primary", "•", "kleine cel", "small cell"),
    ("secondary", "∘", "aanvullend", "complementary"),
    ("extreme_rate", "×", "extreem percentage", "extreme rate"),
    ("cbr_rule_1", "C1", "CBR-regel 1", "CBR rule 1"),
    ("too_few_exams", "~", "te weinig examens", "too few exams"),
]


def exam_rows() -> list[tuple]:
    names = {p[0]: p for p in PRODUCTS}
    rows = []
    for code, weeks in {**EXAMS, **TOETSEN}.items():
        _, naam, cat, catnaam, _, toets = names[code]
        for (jaar, week), value in weeks.items():
            start = iso_monday(jaar, week)
            if isinstance(value, str):
                rows.append((1, jaar, week, start, cat, catnaam, code, naam, toets, None, None, None, None, None, value))
            elif toets:
                rows.append((1, jaar, week, start, cat, catnaam, code, naam, toets, value, value, 0, 0, 0, None))
            else:
                v, o, part, tolk = value
                rows.append((1, jaar, week, start, cat, catnaam, code, naam, toets, v + o, v, o, part, tolk, None))
    return rows


def diploma_rows() -> list[tuple]:
    rows = []
    for code, weeks in DIPLOMAS.items():
        for (jaar, week), value in weeks.items():
            start = iso_monday(jaar, week)
            if isinstance(value, str):
                rows.append((2, jaar, week, start, code, f"Rijbewijs {code}", None, value))
            else:
                rows.append((2, jaar, week, start, code, f"Rijbewijs {code}", value, None))
    return rows


def opleider_rows() -> list[tuple]:
    rows = []
    for (pub, code, product, location, soort, transmissie), value in OPLEIDER_RESULTS.items():
        start, end = PUBLICATIONS[pub]
        naam, plaats = OPLEIDERS[code]
        head = (3, pub, start, end, code, naam, plaats, True, "B", product, "Auto praktijk", location,
                LOCATIONS[location], soort, transmissie)
        if isinstance(value[0], str):
            rows.append(head + (None, None, None, value[1], value[0]))
        else:
            v, o = value
            band = "100+" if v + o >= 100 else "50-99" if v + o >= 50 else "10-49"
            rows.append(head + (v, o, v + o, band, None))
    return rows


def product_rate_rows() -> list[tuple]:
    rows = []
    for (pub, product, location, soort, transmissie), value in PRODUCT_RATES.items():
        start, end = PUBLICATIONS[pub]
        head = (pub, start, end, product, location, soort, transmissie)
        if isinstance(value, str):
            rows.append(head + (None, None, None, None, value))
        else:
            v, o, opleiders = value
            rows.append(head + (v, o, v + o, opleiders, None))
    return rows


def split(value) -> tuple:
    """A published value and its NULL reason, or NULL and the reason."""
    return (None, value) if isinstance(value, str) else (value, None)


def vo_rows() -> tuple[list[tuple], list[tuple], list[tuple]]:
    places = {v[0]: v for v in VESTIGINGEN}
    rates = []
    for (level, code, inspectiecode, schooljaar, geslacht), value in PASS_RATES.items():
        vestiging = places.get(code)
        name = vestiging[2] if vestiging else code
        head = ("duo", level, code, name, vestiging[1] if vestiging else None, vestiging[4] if vestiging else None,
                vestiging[5] if vestiging else None, "HAVO", inspectiecode,
                "HAVO H1" if inspectiecode else None, schooljaar, geslacht)
        if isinstance(value, str):
            rates.append(head + (None, value, None, value, None, value))
        elif isinstance(value[0], str):
            rates.append(head + (None, value[0], None, value[0], value[1], None))
        else:
            kandidaten, geslaagden = value
            rates.append(head + (kandidaten, None, geslaagden, None, 100 * geslaagden / kandidaten, None))
    grades = []
    for (code, schooljaar, vak), values in SUBJECT_GRADES.items():
        v = places[code]
        cells = [part for value in values for part in split(value)]
        grades.append(("duo", schooljaar, v[1], code, v[2], v[4], v[5], "HAVO", None, vak, *VAKKEN[vak], *cells))
    afdeling = []
    for (code, schooljaar), values in AFDELING_RESULTS.items():
        v = places[code]
        kandidaten, se, ce, cl = (split(value) for value in values)
        afdeling.append(("duo", schooljaar, v[1], code, v[2], v[4], v[5], "HAVO", None, None, None,
                         *kandidaten, None, None, None, None, *se, *ce, *cl))
    return rates, grades, afdeling


def delivery_rows() -> tuple[list[tuple], list[tuple], list[tuple], list[tuple]]:
    places = {v[0]: v for v in VESTIGINGEN}
    enrolment = []
    for (schooljaar, code, ilt, onderwijstype, leerjaar), values in ENROLMENT.items():
        v = places[code]
        cells = [part for value in values for part in split(value)]
        enrolment.append(("deliveries", dt.date(int(schooljaar[:4]), 10, 1), schooljaar, v[1], code, v[2], v[4], v[5],
                          ilt, ILT[ilt], onderwijstype, None, leerjaar, *cells))
    details = []
    for (schooljaar, code, vak), values in SUBJECT_DETAILS.items():
        v = places[code]
        cells = [part for value in values for part in split(value)]
        details.append(("deliveries", schooljaar, v[1], code, v[2], v[4], v[5], "HAVO", None, vak, *VAKKEN[vak],
                        *cells))
    grades = []
    for (code, schooljaar, vak), values in DELIVERY_SUBJECT_GRADES.items():
        v = places[code]
        cells = [part for value in values for part in split(value)]
        grades.append(("deliveries", schooljaar, v[1], code, v[2], v[4], v[5], "HAVO", None, vak, *VAKKEN[vak],
                       *cells))
    outcomes = []
    for (schooljaar, code, ilt, onderwijstype), values in EXAM_OUTCOMES.items():
        v = places[code]
        cells = [part for value in values for part in split(value)]
        outcomes.append(("deliveries", schooljaar, v[1], code, v[2], v[4], v[5], ilt, ILT[ilt], onderwijstype, None,
                         None, None, *cells))
    return enrolment, details, grades, outcomes


def build(path: Path) -> Path:
    """Create the published database at `path` from the contract DDL and the rows above."""
    con = duckdb.connect(str(path))
    con.execute((SQL / "published.sql").read_text(encoding="utf-8"))
    con.executemany("insert into suppression_reasons values (?, ?, ?, ?)", REASONS)
    con.execute("insert into suppression_rules values ('opleider_min_exams', '10', 'min', 'min')")
    con.execute("insert into suppression_counts values ('cbr_exams_weekly', 'totaal', 'primary', 1)")
    con.execute("insert into publication values ('schema_version', '1')")
    con.execute("""insert into sources values
        (1, 'examens.csv', 'aa', 'cbr_exams', 'cbr_exams_weekly', '2024Q1', '2023-01-02', '2024-02-11', 30, true,
         '2024-03-01 10:00:00'),
        (2, 'diplomas.csv', 'bb', 'cbr_diplomas', 'cbr_diplomas_weekly', '2024Q1', '2023-01-02', '2024-01-21', 7,
         true, '2024-03-01 10:00:00')""")
    con.executemany("insert into cbr_products values (?, ?, ?, ?, ?, ?)", PRODUCTS)
    con.executemany("insert into cbr_exams_weekly values (" + ", ".join("?" * 15) + ")", exam_rows())
    con.executemany("insert into cbr_diplomas_weekly values (?, ?, ?, ?, ?, ?, ?, ?)", diploma_rows())
    con.executemany("insert into cbr_opleider_results values (" + ", ".join("?" * 20) + ")", opleider_rows())
    con.executemany("insert into cbr_product_rates values (" + ", ".join("?" * 12) + ")", product_rate_rows())
    rates, grades, afdeling = vo_rows()
    con.executemany("insert into vo_vestigingen values (?, ?, ?, ?, ?, ?, ?, ?)", VESTIGINGEN)
    con.executemany("insert into vo_pass_rates values (" + ", ".join("?" * 18) + ")", rates)
    con.executemany("insert into vo_subject_grades values (" + ", ".join("?" * 22) + ")", grades)
    con.executemany("insert into vo_results_by_afdeling values (" + ", ".join("?" * 23) + ")", afdeling)
    enrolment, details, _, outcomes = delivery_rows()
    con.executemany("insert into vo_enrolment values (" + ", ".join("?" * 23) + ")", enrolment)
    con.executemany("insert into vo_subject_details values (" + ", ".join("?" * 24) + ")", details)
    con.executemany("insert into vo_exam_outcomes values (" + ", ".join("?" * 19) + ")", outcomes)
    con.close()
    return path
