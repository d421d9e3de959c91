"""Complementary suppression chosen with the solver, checked against an enumeration of whole numbers."""
from __future__ import annotations

import itertools

import pytest

from examencijfers.publish import complement, vo
from examencijfers.publish.audit import audit_published
from examencijfers.publish.build import publish
from examencijfers.publish.rules import Rules
from tests.publish.conftest import fetch, vo_candidates


COVER_CASE = ({1: {"a", "b"}, 2: {"a", "d"}, 3: {"c", "d"}}, {"a": 9, "b": 3, "c": 0, "d": 20})


def test_the_cheapest_cover_is_the_optimum():
    """Leaks 1, 2, 3; cost = value + 1: a 10 (covers 1, 2), b 4 (1), c 1 (3), d 21 (2, 3). Every cover,
    by hand: {a, c} 11, {a, d} 31, {b, d} 25, {a, b, c} 15, {b, c, a}... the least is {a, c}: 11."""
    assert complement.cheapest_cover(*COVER_CASE) == {"a", "c"}


def test_the_greedy_cover_takes_the_cheapest_per_leak_first():
    """Greedy (the fallback): c (1 per leak), then b (4 for leak 1), then a for leak 2 (10, not d's 21):
    15, more than the optimum."""
    assert complement.greedy_cover(*COVER_CASE) == {"a", "b", "c"}


@pytest.fixture
def all_passed(warehouse, tmp_path):
    """One vestiging, one opleiding: 7 boys and 9 girls, every one passed. 100% of 16 may be published
    (16 >= 10), 100% of 7 and of 9 may not (extreme_rate)."""
    source = warehouse.source("duo_examenkandidaten", "2019-2024")
    vo_candidates(warehouse, source, "EEEE00", "50", {"MAN": (7, 7), "VROUW": (9, 9), "TOTAAL": (16, 16)})
    return warehouse.close()


def test_the_sql_rounds_alone_leave_a_hundred_percent_total_giving_the_parts_away(all_passed, tmp_path,
                                                                                 monkeypatch):
    """Both genders' passes hidden (two in the margin: the SQL rounds are content), but 16 of 16 passed and
    passes <= candidates: boys 7 of 7, girls 9 of 9. The audit finds it, at every level of the table."""
    monkeypatch.setattr(complement, "complementary_cells", lambda *args, **kwargs: set())
    monkeypatch.setattr(vo.complement, "complementary_cells", lambda *args, **kwargs: set())
    out = tmp_path / "draft.duckdb"
    publish(all_passed, out, Rules(), audit=False)
    problems = audit_published(out).problems
    assert "interval: vo_pass_rates:duo|vestiging|EEEE00|HAVO|50|2023-2024|MAN:geslaagden (extreme_rate)" \
           " lies in [7, 7], narrower than 5" in problems
    assert "interval: vo_pass_rates:duo|vestiging|EEEE00|HAVO|50|2023-2024|VROUW:geslaagden (extreme_rate)" \
           " lies in [9, 9], narrower than 5" in problems
    # seven rows hold the same figures: vestiging x 50, vestiging, instelling, gemeente, provincie,
    # land x 50, land; each leaks MAN and VROUW
    assert len(problems) == 7 * 2


def enumerate_interval(published, geslacht: str) -> tuple[int, int]:
    """The passes of one gender over every whole-number table that fits what is published at any level
    (all levels hold this one opleiding): candidates k and passes g per MAN, VROUW and the rest, each
    0..20, with TOTAAL = MAN + VROUW + rest and g <= k. Independent of the solver."""
    known = {}
    for gender, k, g in fetch(published, "select geslacht, examenkandidaten, geslaagden from vo_pass_rates"):
        for column, value in (("k", k), ("g", g)):
            if value is not None:
                assert known.setdefault((gender, column), value) == value
    values = []
    span = range(21)
    for k in itertools.product(span, repeat=3):
        totals = {"MAN": k[0], "VROUW": k[1], "TOTAAL": sum(k)}
        if any(known.get((gender, "k"), total) != total for gender, total in totals.items()):
            continue
        for g in itertools.product(*(range(n + 1) for n in k)):
            passes = {"MAN": g[0], "VROUW": g[1], "TOTAAL": sum(g)}
            if all(known.get((gender, "g"), total) == total for gender, total in passes.items()):
                values.append(passes[geslacht])
    return min(values), max(values)


def test_the_solver_adds_cells_until_an_enumeration_cannot_narrow_either_gender(all_passed, tmp_path):
    out = tmp_path / "published.duckdb"
    publish(all_passed, out, Rules())
    assert audit_published(out).problems == []
    for gender in ("MAN", "VROUW"):
        low, high = enumerate_interval(out, gender)
        assert high - low >= 5, (gender, low, high)
    # the 100% total itself stays published: the solver hid candidate counts instead (cheaper)
    assert fetch(out, "select examenkandidaten, geslaagden from vo_pass_rates where level = 'vestiging'"
                      " and inspectiecode = '50' and geslacht = 'TOTAAL'") == [(16, 16)]
