"""The search lists and period queries behind the filters, against answers worked out from the fixture's own
rows (queries_fixture: PRODUCTS, OPLEIDERS, VESTIGINGEN, ...), and a search text that is taken literally."""
from __future__ import annotations

from collections import Counter

import pytest
from queries_fixture import (DIPLOMAS, EXAMS, LOCATIONS, OPLEIDER_RESULTS, OPLEIDERS, PRODUCTS, PUBLICATIONS, REASONS,
                             TOETSEN, VESTIGINGEN, iso_monday)


def test_products_are_the_catalogue_sorted_by_code(run):
    assert run("cbr_products").rows() == sorted(PRODUCTS)


def test_categories_count_their_products_and_those_with_a_result(run):
    products = Counter((p[2], p[3]) for p in PRODUCTS)
    with_result = Counter((p[2], p[3]) for p in PRODUCTS if not p[5])
    expected = [(code, name, count, with_result[code, name]) for (code, name), count in sorted(products.items())]
    assert run("cbr_categories").rows() == expected


@pytest.mark.parametrize("q", ["", "AMERS", "utr", "l2", "nowhere"])
def test_locations_match_code_or_place_case_insensitively(run, q):
    used = {key[3] for key in OPLEIDER_RESULTS} - {"*"}
    expected = sorted((code, LOCATIONS[code]) for code in used
                      if q.lower() in code.lower() or q.lower() in (LOCATIONS[code] or "").lower())
    assert sorted(run("cbr_locations", q=q).rows()) == expected


def test_diploma_codes_and_the_weeks_each_publication_covers(run):
    assert run("diploma_codes").rows() == [(code, f"Rijbewijs {code}") for code in sorted(DIPLOMAS)]
    diploma_weeks = [iso_monday(*week) for weeks in DIPLOMAS.values() for week in weeks]
    assert run("diploma_weeks").rows() == [(min(diploma_weeks), max(diploma_weeks))]
    exam_weeks = [iso_monday(*week) for weeks in {**EXAMS, **TOETSEN}.values() for week in weeks]
    assert run("exam_weeks").rows() == [(min(exam_weeks), max(exam_weeks))]


def test_opleider_publications_newest_first(run):
    assert run("opleider_publications").rows() == sorted(((p, *period) for p, period in PUBLICATIONS.items()),
                                                          reverse=True)


@pytest.mark.parametrize("q", ["", "utrecht", "RIJSCHOOL", "o3", "ta dr", "gouda"])
def test_opleider_search_matches_name_code_or_place(run, q):
    expected = [(name, code) for code, (name, place) in OPLEIDERS.items()
                if q.lower() in code.lower() or q.lower() in name.lower() or q.lower() in place.lower()]
    assert run("opleider_search", q=q).select("opleidernaam", "opleidercode").rows() == sorted(expected)


@pytest.mark.parametrize("q", ["%", "_", "Rijschool%", "R_jschool"])
def test_a_search_text_is_literal_not_a_pattern(run, q):
    """'%' and '_' in a search are characters to find, not SQL wildcards (no name here holds them)."""
    assert run("opleider_search", q=q).height == 0
    assert run("vo_school_search", q=q).height == 0
    assert run("cbr_locations", q=q).height == 0


@pytest.mark.parametrize("q", ["", "utrecht", "01aa", "ZWOLLE", "school"])
def test_school_search_matches_code_name_place_or_gemeente(run, q):
    expected = [v[0] for v in VESTIGINGEN
                if any(q.lower() in (field or "").lower() for field in (v[0], v[2], v[3], v[4]))]
    assert sorted(run("vo_school_search", q=q)["vestigingscode"].to_list()) == sorted(expected)


def test_suppression_reasons_are_the_published_legend(run):
    assert sorted(run("suppression_reasons").rows()) == sorted(REASONS)
