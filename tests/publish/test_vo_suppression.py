"""Primary and secondary suppression of VO pass rates on small hand-made tables.

The expected patterns are worked out by hand in each test's docstring.
"""
from __future__ import annotations

import pytest

from examencijfers.publish.build import publish
from examencijfers.publish.rules import Rules
from tests.publish.conftest import fetch, vo_candidates

COLUMNS = ("examenkandidaten, examenkandidaten_suppression, geslaagden, geslaagden_suppression,"
           " slaagpercentage, slaagpercentage_suppression")


def rows_of(path, level: str, inspectiecode: str | None) -> dict[str, tuple]:
    condition = "inspectiecode is null" if inspectiecode is None else f"inspectiecode = '{inspectiecode}'"
    return {row[0]: row[1:] for row in fetch(
        path, f"select geslacht, {COLUMNS} from vo_pass_rates where level = ? and {condition}", [level])}


@pytest.fixture
def two_opleidingen(warehouse, tmp_path):
    """One vestiging, two opleidingen, one year; one small cell (3 boys in opleiding 50).

    examenkandidaten        MAN  VROUW  TOTAAL
      opleiding 50            3     20      23     3 < k=5: primary
      opleiding 51           10     12      22
      vestiging (all)        13     32      45
    Round 1: gender group of 50 has one suppressed cell -> its smallest non-zero part, VROUW 20;
      the MAN column over opleidingen (13 = 3 + 10) -> 51 MAN 10. The same at land level.
    Round 2: gender group of 51 (MAN now suppressed) -> VROUW 12; VROUW over opleidingen is then
      covered twice. Totals stay published: 50 MAN = x, 50 VROUW = 23 - x, 51 MAN = 13 - x,
      51 VROUW = 9 + x; x anywhere in 0..13.
    geslaagden (3, 18, 21 / 9, 11, 20): 50 MAN is primary (fewer than k candidates), and the same
      pattern follows: 50 VROUW, 51 MAN, 51 VROUW secondary.
    """
    source = warehouse.source("duo_examenkandidaten", "2019-2024")
    vo_candidates(warehouse, source, "AAAA00", "50", {"MAN": (3, 3), "VROUW": (20, 18), "TOTAAL": (23, 21)})
    vo_candidates(warehouse, source, "AAAA00", "51", {"MAN": (10, 9), "VROUW": (12, 11), "TOTAAL": (22, 20)})
    out = tmp_path / "published.duckdb"
    publish(warehouse.close(), out, Rules())
    return out


def test_small_cell_gets_complementary_cells(two_opleidingen):
    for level in ("vestiging", "land"):
        assert rows_of(two_opleidingen, level, "50") == {
            "MAN": (None, "primary", None, "primary", None, "primary"),
            "VROUW": (None, "secondary", None, "secondary", None, "secondary"),
            "TOTAAL": (23, None, 21, None, 91.3, None),
        }
        assert rows_of(two_opleidingen, level, "51") == {
            "MAN": (None, "secondary", None, "secondary", None, "secondary"),
            "VROUW": (None, "secondary", None, "secondary", None, "secondary"),
            "TOTAAL": (22, None, 20, None, 90.9, None),
        }
        assert rows_of(two_opleidingen, level, None) == {
            "MAN": (13, None, 12, None, 92.3, None),
            "VROUW": (32, None, 29, None, 90.6, None),
            "TOTAAL": (45, None, 41, None, 91.1, None),
        }


def test_every_level_is_published(two_opleidingen):
    levels = fetch(two_opleidingen, "select level, area_code, count(*) from vo_pass_rates group by all order by 1")
    assert levels == [("gemeente", "GEMEENTE", 3), ("instelling", "AAAA", 3), ("land", "NL", 9),
                      ("provincie", "onbekend", 3), ("vestiging", "AAAA00", 9)]


def test_a_total_over_all_opleidingen_names_no_opleiding(two_opleidingen):
    names = fetch(two_opleidingen, "select level, coalesce(inspectiecode, '*'), opleidingsnaam from vo_pass_rates"
                                   " where level in ('vestiging', 'land') group by all order by all")
    assert names == [("land", "*", None), ("land", "50", "HAVO - 50"), ("land", "51", "HAVO - 51"),
                     ("vestiging", "*", None), ("vestiging", "50", "HAVO - 50"),
                     ("vestiging", "51", "HAVO - 51")]


def test_suppression_counts_add_up(two_opleidingen):
    counts = dict(((column, reason), cells) for column, reason, cells in fetch(
        two_opleidingen, "select column_name, reason, cells from suppression_counts"
                         " where table_name = 'vo_pass_rates'"))
    # vestiging and land rows of opleiding 50 and 51: 1 primary + 3 secondary each, per count column
    assert counts[("examenkandidaten", "primary")] == 2
    assert counts[("examenkandidaten", "secondary")] == 6
    assert counts[("slaagpercentage", "secondary")] == 6


def test_extreme_rate_on_a_small_group(warehouse, tmp_path):
    """8 boys, all passed (100% on a group < 10): their passes are hidden, and so must the girls' 6 be,
    or 14 - 6 would give the boys' 8 (SQL rounds). That is not enough: with the candidates 8, 8, 16
    published (rest 0), passes <= candidates gives girls <= 8, so boys >= 14 - 8 = 6: the boys' 8 lies in
    [6, 8], narrower than 5. The solver suppresses the cheapest cell that bounds it, the boys' 8
    candidates (before the girls' 8 by key); the SQL round then hides the girls' 8 too (alone in the
    gender margin). Now boys' candidates + rest = 16 - girls' candidates, and the boys' passes run from
    0 (no boys, 16 girls) to 8."""
    source = warehouse.source("duo_examenkandidaten", "2019-2024")
    vo_candidates(warehouse, source, "BBBB00", "60", {"MAN": (8, 8), "VROUW": (8, 6), "TOTAAL": (16, 14)})
    out = tmp_path / "published.duckdb"
    publish(warehouse.close(), out, Rules())
    assert rows_of(out, "vestiging", "60") == {
        "MAN": (None, "secondary", None, "extreme_rate", None, "extreme_rate"),
        "VROUW": (None, "secondary", None, "secondary", None, "secondary"),
        "TOTAAL": (16, None, 14, None, 87.5, None),
    }
    # with a smaller extreme-rate group the 100% stands
    out_small = tmp_path / "published-small.duckdb"
    warehouse_path = warehouse.path
    publish(warehouse_path, out_small, Rules(vo_extreme_rate_group=8))
    assert rows_of(out_small, "vestiging", "60")["MAN"] == (8, None, 8, None, 100.0, None)


def test_source_lt5_stays_suppressed_and_protected(warehouse, tmp_path):
    """Boys "<5" in DUO's file. The hidden rest (TOTAAL - MAN - VROUW) is then unknown and may be 0, so
    VROUW must go too: otherwise 14 - 10 = 4 boys. Every level above sums an unknown: source_lt5 there."""
    source = warehouse.source("duo_examenkandidaten", "2019-2024")
    vo_candidates(warehouse, source, "CCCC00", "70", {"MAN": (None, None), "VROUW": (10, 9),
                                                       "TOTAAL": (14, 12)})
    out = tmp_path / "published.duckdb"
    publish(warehouse.close(), out, Rules())
    assert rows_of(out, "vestiging", "70") == {
        "MAN": (None, "source_lt5", None, "source_lt5", None, "source_lt5"),
        "VROUW": (None, "secondary", None, "secondary", None, "secondary"),
        "TOTAAL": (14, None, 12, None, 85.7, None),
    }
    assert rows_of(out, "land", None)["MAN"] == (None, "source_lt5", None, "source_lt5", None, "source_lt5")


def test_hidden_small_rest_group_is_protected(warehouse, tmp_path):
    """TOTAAL 30 = MAN 12 + VROUW 15 + 3 unpublished: those 3 are a small cell that subtraction would
    give, so the smallest of MAN and VROUW (12) is suppressed (round 1); the gender margin then has one
    visible suppressed cell (an attacker may take the hidden group for 0), so VROUW goes too (round 2)."""
    source = warehouse.source("duo_examenkandidaten", "2019-2024")
    vo_candidates(warehouse, source, "DDDD00", "80", {"MAN": (12, 11), "VROUW": (15, 14), "TOTAAL": (30, 28)})
    out = tmp_path / "published.duckdb"
    publish(warehouse.close(), out, Rules())
    rows = rows_of(out, "vestiging", "80")
    assert rows["MAN"][:4] == (None, "secondary", None, "secondary")
    assert rows["VROUW"][:4] == (None, "secondary", None, "secondary")
    assert rows["TOTAAL"][:4] == (30, None, 28, None)
