"""Each control on a record crafted to fail it and one crafted to pass it."""
from datetime import date

import duckdb
import pytest

from examencijfers.ingest.deliveries import controls, load
from examencijfers.ingest.deliveries.layout import EXAMEN_HEADER, INSCHRIJVING_HEADER

KEY = b"test-key-0123456789abcdef"

VESTIGING = {"registratienummer": "18BR", "vestiging": "00"}   # in DUO's bundled register


def csv_text(header, rows):
    lines = [";".join(header)] + [";".join(row.get(c, "") for c in header) for row in rows]
    return "\r\n".join(lines) + "\r\n"


def k(**values):
    row = {"recordsoort": "K", "persoonsgebonden_nummer": "111222333", "postcode": "1234AB", **VESTIGING,
           "ilt_code": "0370", "examenjaar": "2024", "datum_uitslag_examen": "20240612", "uitslag_examen": "G"}
    row.update(values)
    return row


def v(**values):
    row = {"recordsoort": "V", "examenvak": "1001", "diplomavak": "J", "cijfer_schoolexamen": "070",
           "cijfer_ce_1": "064", "eindcijfer_1": "07", "cijfer_cijferlijst": "07", "certificaat": "N"}
    row.update(values)
    return row


def i(**values):
    row = {"persoonsgebonden_nummer": "111222333", "postcode": "1234AB", **VESTIGING,
           "datum_inschrijving": "20220816", "ilt_code": "0370", "leerjaar": "4"}
    row.update(values)
    return row


def run(tmp_path, refs, header, rows, delivered_on):
    path = tmp_path / "delivery.csv"
    path.write_text(csv_text(header, rows), encoding="utf-8")
    connection = duckdb.connect()
    result = load(connection, path, 1, delivered_on=delivered_on, key=KEY, references=refs)
    return {(f.line_no, f.control) for f in result.findings}


def exam(tmp_path, refs, rows, delivered_on=date(2024, 6, 20)):
    return run(tmp_path, refs, EXAMEN_HEADER, rows, delivered_on)


def enrol(tmp_path, refs, rows, delivered_on=date(2024, 10, 10)):
    return run(tmp_path, refs, INSCHRIJVING_HEADER, rows, delivered_on)


def test_a_clean_candidate_passes_every_control(tmp_path, refs):
    assert exam(tmp_path, refs, [k(), v(), v(examenvak="1002", cijfer_schoolexamen="066", cijfer_ce_1="060",
                                           eindcijfer_1="06", cijfer_cijferlijst="06")]) == set()


def test_a_clean_enrolment_passes_every_control(tmp_path, refs):
    assert enrol(tmp_path, refs, [i()]) == set()


# (control, rows that fail it, the line where it is reported)
EXAM_FAILS = [
    ("elfproef", [k(persoonsgebonden_nummer="111222334"), v()], 2),
    ("required", [k(ilt_code=""), v()], 2),
    ("format", [k(), v(cijfer_ce_1="64")], 3),
    ("value_list", [k(beoordeling_werkstuk="X"), v()], 2),
    ("unknown_vestiging", [k(vestiging="98"), v()], 2),
    ("unknown_ilt_code", [k(ilt_code="9999"), v()], 2),
    ("unknown_vakcode", [k(), v(examenvak="9998")], 3),
    ("ilt_not_examenopleiding", [k(ilt_code="0300"), v()], 2),
    ("ce_without_tijdvak", [k(), v(cijfer_ce_2="070")], 3),
    ("ce_without_tijdvak", [k(), v(eindcijfer_2="07")], 3),
    ("eindcijfer_mismatch", [k(), v(eindcijfer_1="08", cijfer_cijferlijst="08")], 3),
    ("cijferlijst_mismatch", [k(), v(cijfer_cijferlijst="08")], 3),
    ("uitslag_inconsistent", [k(), v(cijfer_schoolexamen="030", cijfer_ce_1="030", eindcijfer_1="03",
                                     cijfer_cijferlijst="03")], 2),
    ("uitslag_inconsistent", [k(uitslag_examen="A"), v()], 2),
    ("uitslag_inconsistent", [k(uitslag_examen="T"), v()], 2),
    ("uitslag_inconsistent", [k(uitslag_examen="D"), v()], 2),
    ("uitslag_year", [k(examenjaar="2023"), v()], 2),
    ("no_vakken", [k()], 2),
    ("duplicate_person", [k(), v(), k(), v()], 4),
    ("layout", [k(examenvak="1001"), v()], 2),
    ("layout", [k(), v(), {"recordsoort": "X"}], 4),
    ("vak_without_kandidaat", [v(), k(), v()], 2),
]


@pytest.mark.parametrize("control,rows,line", EXAM_FAILS, ids=[f"{c}-{n}" for n, (c, _, _) in enumerate(EXAM_FAILS)])
def test_an_exam_record_crafted_to_fail_a_control_fails_it(tmp_path, refs, control, rows, line):
    assert (line, control) in exam(tmp_path, refs, rows)


def test_a_retake_with_matching_second_tijdvak_passes(tmp_path, refs):
    rows = [k(datum_uitslag_examen="20240705"),
            v(cijfer_ce_1="040", eindcijfer_1="06", cijfer_ce_2="064", eindcijfer_2="07", cijfer_cijferlijst="07")]
    # SE 7,0 and CE 4,0: mean 5,5 -> 6. SE 7,0 and CE 6,4: mean 6,7 -> 7; the highest counts.
    assert exam(tmp_path, refs, rows, date(2024, 7, 10)) == set()


def test_a_deelexamen_with_a_certificate_passes(tmp_path, refs):
    assert exam(tmp_path, refs, [k(uitslag_examen="D"), v(certificaat="J", diplomavak="N")]) == set()


def test_delivery_fourteen_days_after_the_uitslag_is_on_time_fifteen_is_late(tmp_path, refs):
    assert exam(tmp_path, refs, [k(), v()], date(2024, 6, 26)) == set()
    assert exam(tmp_path, refs, [k(), v()], date(2024, 6, 27)) == {(2, "late_delivery")}


ENROL_FAILS = [
    ("elfproef", i(persoonsgebonden_nummer="123456789"), 2),
    ("format", i(postcode="12345A"), 2),
    ("value_list", i(nieuwkomer_vo_categorie="07", verblijfsduur="d1"), 2),
    ("unknown_vestiging", i(registratienummer="00ZZ"), 2),
    ("unknown_ilt_code", i(ilt_code="9990"), 2),
    ("dates_inconsistent", i(datum_uitschrijving="20220801"), 2),
    ("not_on_teldatum", i(datum_uitschrijving="20241001"), 2),
    ("not_on_teldatum", i(datum_inschrijving="20241002"), 2),
    ("nieuwkomer_incomplete", i(verblijfsduur="d1"), 2),
    ("praktijkonderwijs_inconsistent", i(aantal_jaren_praktijkonderwijs="2"), 2),
    ("praktijkonderwijs_inconsistent", i(ilt_code="0090"), 2),
]


@pytest.mark.parametrize("control,row,line", ENROL_FAILS, ids=[f"{c}-{n}" for n, (c, _, _) in enumerate(ENROL_FAILS)])
def test_an_enrolment_record_crafted_to_fail_a_control_fails_it(tmp_path, refs, control, row, line):
    assert (line, control) in enrol(tmp_path, refs, [row])


def test_enrolled_until_the_day_after_the_teldatum_counts(tmp_path, refs):
    assert enrol(tmp_path, refs, [i(datum_uitschrijving="20241002")]) == set()


def test_a_nieuwkomer_with_verblijfsduur_and_a_pro_pupil_with_years_pass(tmp_path, refs):
    rows = [i(nieuwkomer_vo_categorie="01", verblijfsduur="d1"),
            i(persoonsgebonden_nummer="123456782", ilt_code="0090", leerjaar="2", aantal_jaren_praktijkonderwijs="2")]
    assert enrol(tmp_path, refs, rows) == set()


def test_enrolment_delivered_after_15_october_is_late(tmp_path, refs):
    assert enrol(tmp_path, refs, [i()], date(2024, 10, 15)) == set()
    assert enrol(tmp_path, refs, [i()], date(2024, 10, 16)) == {(1, "late_delivery")}


@pytest.mark.parametrize("delivered,teldatum", [(date(2024, 10, 1), date(2024, 10, 1)),
                                                (date(2024, 9, 30), date(2023, 10, 1)),
                                                (date(2025, 1, 15), date(2024, 10, 1))])
def test_the_teldatum_is_the_last_1_october(delivered, teldatum):
    assert controls.teldatum_for(delivered) == teldatum


# SE and CE in tenths. Rounded once: (SE + CE) / 20 half up; rounded first to one decimal (5,45 -> 5,5 -> 6).
@pytest.mark.parametrize("se,ce,allowed", [(70, 64, {7}),        # 6,7 -> 7
                                           (66, 54, {6}),        # 6,0 -> 6
                                           (65, 54, {6}),        # 5,95 -> 6 either way
                                           (60, 49, {5, 6}),     # 5,45 -> 5 at once, or 5,5 -> 6
                                           (65, None, {7})])     # SE alone: 6,5 -> 7
def test_allowed_eindcijfers_round_half_up(se, ce, allowed):
    assert controls.allowed_eindcijfers(se, ce) == allowed
