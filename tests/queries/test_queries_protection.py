"""Every query, run on the fixture: protected cells stay protected and keep their reason code."""
from __future__ import annotations

import datetime as dt

import pytest

import queries
from queries_fixture import REASONS

WEEKS = {"date_from": dt.date(2023, 1, 1), "date_to": dt.date(2024, 12, 31)}
LEAGUE = {"publication": "2024", "productcode": "B", "soort_examen": "eerste"}

# one call per query, with the parameters that reach the fixture's protected rows
SAMPLE_CALLS = {
    "cbr_categories": {},
    "cbr_locations": {},
    "cbr_products": {},
    "diploma_codes": {},
    "diploma_weeks": {},
    "diplomas_by_week": {"codes": ["A", "B"], **WEEKS},
    "diplomas_by_year": {},
    "exam_pass_rate_by_group": {"grouping": "categoriecode", "window": 4, **WEEKS},
    "exam_pass_rate_by_week": {"products": ["B", "BTH", "B-T", "A", "C95"], "window": 4, **WEEKS},
    "exam_pass_rate_latest": {"weeks": 4},
    "exam_toets_counts": WEEKS,
    "exam_weeks": {},
    "location_pass_rates": LEAGUE,
    "opleider_funnel_limits": LEAGUE,
    "opleider_league": LEAGUE,
    "opleider_profile": {"opleidercode": "O3", "publication": "2024"},
    "opleider_publications": {},
    "opleider_search": {"q": ""},
    "opleider_trend": {"opleidercode": "O3"},
    "product_rate_by_publication": {},
    "publication_changes": {},
    "sources": {},
    "suppression_counts": {},
    "suppression_reasons": {},
    "suppression_rules": {},
    "vo_delivery_coverage": {},
    "vo_delivery_enrolment": {"schooljaar": "2024-2025"},
    "vo_delivery_enrolment_by_leerjaar": {"schooljaar": "2024-2025"},
    "vo_delivery_exam_outcomes": {"schooljaar": "2023-2024"},
    "vo_delivery_subject_details": {"schooljaar": "2023-2024"},
    "vo_gemeenten": {},
    "vo_grade_years": {},
    "vo_grade_distribution": {"onderwijstype": "HAVO", "vakcode": "NE", "schooljaar": "2023-2024"},
    "vo_onderwijstypen": {},
    "vo_pass_rate_national_trend": {},
    "vo_pass_rates_by_area": {"level": "vestiging", "onderwijstype": "HAVO", "schooljaar": "2023-2024"},
    "vo_school_grade_averages": {"vestigingscode": "03CC00"},
    "vo_school_pass_rates": {"vestigingscode": "03CC00"},
    "vo_school_search": {"q": ""},
    "vo_school_subject_grades": {"vestigingscode": "03CC00", "schooljaar": "2023-2024"},
    "vo_schooljaren": {},
    "vo_vakken": {},
    "volumes_latest": {"weeks": 2},
}
KNOWN_REASONS = {reason for reason, *_ in REASONS}


def test_every_query_has_a_sample_call():
    assert sorted(SAMPLE_CALLS) == queries.names()


@pytest.mark.parametrize("name", sorted(SAMPLE_CALLS))
def test_protected_values_are_null_and_keep_a_known_reason(run, name):
    frame = run(name, **SAMPLE_CALLS[name])
    assert frame.height > 0, f"{name} returns no rows on the fixture"
    markers = [c for c in frame.columns if c == "suppression" or c.endswith("_suppression")]
    for marker in markers:
        reasons = set(frame[marker].drop_nulls().to_list())
        assert reasons <= KNOWN_REASONS, f"{name}.{marker} holds unknown codes {reasons - KNOWN_REASONS}"
        value = marker.removesuffix("_suppression") if marker != "suppression" else "rate"
        if value in frame.columns:
            leaked = frame.filter(frame[marker].is_not_null() & frame[value].is_not_null())
            assert leaked.height == 0, f"{name}: {value} published where {marker} is set: {leaked.to_dicts()}"


def test_protected_rows_are_reached_by_the_samples(run):
    """The sample calls above do meet protected cells (so the test above is not empty)."""
    reached = 0
    for name, params in SAMPLE_CALLS.items():
        frame = run(name, **params)
        for marker in (c for c in frame.columns if c == "suppression" or c.endswith("_suppression")):
            reached += frame[marker].is_not_null().sum()
    assert reached >= 20


@pytest.mark.parametrize("name", sorted(SAMPLE_CALLS))
def test_counts_come_back_as_integers_not_decimals(run, name):
    frame = run(name, **SAMPLE_CALLS[name])
    decimals = [c for c, dtype in frame.schema.items() if dtype.is_decimal()]
    assert decimals == [], f"{name}: {decimals}"
