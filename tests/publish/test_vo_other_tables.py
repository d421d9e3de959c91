"""Results per afdeling and grades per vak: primary suppression and the within-row margin."""
from __future__ import annotations

from examencijfers.publish.build import publish
from examencijfers.publish.rules import Rules
from tests.publish.conftest import fetch, vo_afdeling, vo_vak


def test_results_by_afdeling(warehouse, tmp_path):
    """k = 5, extreme-rate group 10. By hand, per row (kandidaten = geslaagden + gezakten):
    A 30 = 27 + 3   gezakten 3 primary; geslaagden secondary (30 - 3); averages stay (30 pupils)
    B  4 =  4 + 0   fewer than k candidates: every count and average primary
    C  8 =  8 + 0   100% of 8 < 10: geslaagden extreme_rate, gezakten secondary (8 - 0 = 8)
    D <5 = <5 + <5  all source_lt5, averages too
    E 40 = 35 + 5   nothing hidden
    """
    source = warehouse.source("duo_geslaagden_cijfers", "2023-2024")
    for afdeling, counts in {"A": (30, 27, 3), "B": (4, 4, 0), "C": (8, 8, 0), "D": (None, None, None),
                             "E": (40, 35, 5)}.items():
        vo_afdeling(warehouse, source, afdeling, *counts)
    out = tmp_path / "published.duckdb"
    publish(warehouse.close(), out, Rules())
    rows = {row[0]: row[1:] for row in fetch(
        out, "select afdeling, examenkandidaten, examenkandidaten_suppression, geslaagden, geslaagden_suppression,"
             " gezakten, gezakten_suppression, gem_cijfer_ce, gem_cijfer_ce_suppression from vo_results_by_afdeling")}
    assert rows == {
        "A": (30, None, None, "secondary", None, "primary", 6.4, None),
        "B": (None, "primary", None, "primary", None, "primary", None, "primary"),
        "C": (8, None, None, "extreme_rate", None, "secondary", 6.4, None),
        "D": (None, "source_lt5", None, "source_lt5", None, "source_lt5", None, "source_lt5"),
        "E": (40, None, 35, None, 5, None, 6.4, None),
    }


def test_subject_grades(warehouse, tmp_path):
    """Vak 0131 comes in two beoordeling rows: SE 10 x 6.0 and 2 x 7.0 -> 12 pupils, (60 + 14) / 12 = 6.17
    -> 6.2; CE 12 x 6.5 (the second row has none). Vak 0200 has 3 pupils: everything primary."""
    source = warehouse.source("duo_examencijfers", "2018-2019")
    vo_vak(warehouse, source, "0131", "CIJFER", 10, 6.0, 12, 6.5, 6.4)
    vo_vak(warehouse, source, "0131", "BEOORDELING", 2, 7.0, 0, None, None)
    vo_vak(warehouse, source, "0200", "CIJFER", 3, 7.0, 3, 6.0, 6.5)
    out = tmp_path / "published.duckdb"
    publish(warehouse.close(), out, Rules())
    rows = {row[0]: row[1:] for row in fetch(
        out, "select vakcode, aantal_se, aantal_se_suppression, gem_se, gem_se_suppression, aantal_ce, gem_ce,"
             " gem_cijferlijst, gem_cijferlijst_suppression from vo_subject_grades")}
    assert rows == {
        "0131": (12, None, 6.2, None, 12, 6.5, 6.4, None),
        "0200": (None, "primary", None, "primary", None, None, None, "primary"),
    }
