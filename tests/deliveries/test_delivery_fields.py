"""Every field rule of Bijlage 1 and 2: one value that passes and values that fail, by field kind."""
from datetime import date

import pytest

from examencijfers.ingest.deliveries.fields import check
from examencijfers.ingest.deliveries.layout import INSCHRIJVING_FIELDS, KANDIDAAT_FIELDS, VAK_FIELDS

FIELDS = {f.column: f for f in INSCHRIJVING_FIELDS + KANDIDAAT_FIELDS + VAK_FIELDS}
KANDIDAAT = {f.column: f for f in KANDIDAAT_FIELDS}

# column -> (a valid raw value, its parsed value, invalid raw values with the control they fail)
CASES = {
    "persoonsgebonden_nummer": ("111222333", "111222333", [("11122233", "format"), ("11122233X", "format"),
                                                           ("111222334", "elfproef")]),
    "postcode": ("1234AB", "1234", [("123AB", "format"), ("1234ab", "format"), ("0123AB", "format"),
                                     ("1234 AB", "format")]),
    "registratienummer": ("00AH", "00AH", [("00A", "format"), ("00AHX", "format"), ("00ah", "format")]),
    "vestiging": ("01", "01", [("1", "format"), ("001", "format"), ("0A", "format")]),
    "datum_inschrijving": ("20230815", date(2023, 8, 15), [("2023081", "format"), ("20230231", "format"),
                                                           ("15-08-2023", "format")]),
    "nieuwkomer_vo_categorie": ("01", "01", [("03", "value_list"), ("1", "value_list")]),
    "verblijfsduur": ("d2", "d2", [("d3", "value_list"), ("2", "value_list")]),
    "ilt_code": ("0370", "0370", [("370", "format"), ("03700", "format")]),
    "leerjaar": ("4", "4", [("0", "format"), ("7", "format"), ("14", "format")]),
    "aantal_jaren_praktijkonderwijs": ("3", "3", [("12", "format"), ("x", "format")]),
    "examenjaar": ("2024", "2024", [("24", "format"), ("1899", "format")]),
    "datum_uitslag_examen": ("20240612", date(2024, 6, 12), [("20241312", "format")]),
    "uitslag_examen": ("G", "G", [("g", "value_list"), ("X", "value_list"), ("GA", "value_list")]),
    "titel_thema_werkstuk": ("Een werkstuk", "Een werkstuk", [("x" * 151, "format")]),
    "beoordeling_werkstuk": ("V", "V", [("Q", "value_list")]),
    "toepassing_beoordeling_werkstuk": ("E", "E", [("Z", "value_list")]),
    "examenvak": ("1001", "1001", [("101", "format")]),
    "diplomavak": ("J", "J", [("j", "value_list"), ("Y", "value_list")]),
    "programma": ("A1", "A1", [("ABCD", "format"), ("a1", "format")]),
    "cijfer_schoolexamen": ("068", 68, [("68", "format"), ("6,8", "format"), ("009", "format"),
                                        ("101", "format")]),
    "cijfer_ce_1": ("100", 100, [("1000", "format")]),
    "eindcijfer_1": ("07", 7, [("7", "format"), ("00", "format"), ("11", "format")]),
    "cijfer_cijferlijst": ("10", 10, [("070", "format")]),
    "verwezen_naar_volgend_tijdvak": ("N", "N", [("0", "value_list")]),
    "certificaat": ("J", "J", [("JA", "value_list")]),
}


@pytest.mark.parametrize("column", sorted(CASES))
def test_a_valid_value_parses(column):
    field = KANDIDAAT.get(column) or FIELDS[column]
    raw, parsed, _ = CASES[column]
    assert check(field, raw) == (parsed, None)


@pytest.mark.parametrize("column,raw,control",
                         [(c, raw, control) for c, (_, _, bad) in sorted(CASES.items()) for raw, control in bad])
def test_an_invalid_value_fails_its_rule(column, raw, control):
    field = KANDIDAAT.get(column) or FIELDS[column]
    _, problem = check(field, raw)
    assert problem is not None and problem.control == control
    assert problem.expected


def test_every_field_of_both_bijlagen_has_a_case():
    assert set(FIELDS) - set(CASES) <= {"datum_uitschrijving", "cijfer_ce_2", "cijfer_ce_3", "eindcijfer_2",
                                        "eindcijfer_3", "indicatie_werkstuk", "beoordeling_schoolexamen",
                                        "toepassing_resultaat_beoordeling"}   # same kinds as covered fields


@pytest.mark.parametrize("column", ["persoonsgebonden_nummer", "registratienummer", "vestiging", "ilt_code",
                                    "leerjaar", "datum_inschrijving"])
def test_a_required_field_left_empty_fails(column):
    assert check(FIELDS[column], "")[1].control == "required"


def test_an_optional_field_left_empty_passes():
    assert check(FIELDS["datum_uitschrijving"], "") == (None, None)


def test_private_values_are_never_echoed():
    _, problem = check(FIELDS["persoonsgebonden_nummer"], "111222334")
    assert "111222334" not in problem.message and "111222334" not in problem.found
    _, problem = check(FIELDS["titel_thema_werkstuk"], "geheim " * 30)
    assert "geheim" not in problem.message and "geheim" not in problem.found


def test_verblijfsduur_is_read_case_insensitively():
    assert check(FIELDS["verblijfsduur"], "D1") == ("d1", None)
