"""Known parts: where DUO's "<5" (or our own protection) leaves an area's pass-rate counts unpublished, the VO
pass-rate queries give the sums over the area's finest published cells (vestiging x opleiding) whose two
counts are both published, and say how many finest cells that leaves out. Worked out by hand on a small
publication:

    vestiging V1 (provincie P, gemeente G, BRIN B1)     vestiging V2 (provincie P, gemeente G, BRIN B2)
      H1  40 candidates, 36 passed                        H1  20 candidates, 18 passed
      H2  30 candidates, 24 passed                        H2   8 candidates, passes withheld (0% or 100%)
      H3  "<5" (both counts)
      total "<5" (unknown)                                total 28 candidates, 26 passed (published)
    provincie P, gemeente G, BRIN B1 and the land total: withheld; land x H1: 60 candidates, 54 passed.

Known parts: V1 70/60 (1 cell left out), P and G and land 90/78 (2 left out), B1 70/60 (1), V2 stays 28/26.
"""
from __future__ import annotations

import statistics

import duckdb
import pytest
from queries_expect import wilson

import queries
from examencijfers.paths import SQL

PLACES = {"V1": ("B1", "G", "P"), "V2": ("B2", "G", "P")}
# (level, area_code, inspectiecode): (examenkandidaten, reason, geslaagden, reason)
ROWS = {
    ("vestiging", "V1", "H1"): (40, None, 36, None),
    ("vestiging", "V1", "H2"): (30, None, 24, None),
    ("vestiging", "V1", "H3"): (None, "source_lt5", None, "source_lt5"),
    ("vestiging", "V1", None): (None, "source_lt5", None, "source_lt5"),
    ("vestiging", "V2", "H1"): (20, None, 18, None),
    ("vestiging", "V2", "H2"): (8, None, None, "extreme_rate"),
    ("vestiging", "V2", None): (28, None, 26, None),
    ("instelling", "B1", None): (None, "source_lt5", None, "source_lt5"),
    ("instelling", "B2", None): (28, None, 26, None),
    ("gemeente", "G", None): (None, "secondary", None, "secondary"),
    ("provincie", "P", None): (None, "source_lt5", None, "source_lt5"),
    ("land", "NL", None): (None, "source_lt5", None, "source_lt5"),
    ("land", "NL", "H1"): (60, None, 54, None),
}


@pytest.fixture(scope="module")
def connection(tmp_path_factory):
    path = tmp_path_factory.mktemp("known-parts") / "published.duckdb"
    con = duckdb.connect(str(path))
    con.execute((SQL / "published.sql").read_text(encoding="utf-8"))
    for (level, code, inspectiecode), (kandidaten, k_reason, geslaagden, g_reason) in ROWS.items():
        brin, gemeente, provincie = PLACES.get(code, (None, None, None))
        rate = round(100 * geslaagden / kandidaten, 1) if geslaagden is not None and kandidaten else None
        con.execute("insert into vo_pass_rates values ('duo', ?, ?, ?, ?, ?, ?, 'HAVO', ?, ?, '2023-2024', 'TOTAAL',"
                    " ?, ?, ?, ?, ?, ?)",
                    [level, code, f"Naam {code}", brin, gemeente, provincie, inspectiecode,
                     f"Opleiding {inspectiecode}" if inspectiecode else None, kandidaten, k_reason, geslaagden,
                     g_reason, rate, None if rate is not None else (g_reason or k_reason)])
    con.close()
    read = duckdb.connect(str(path), read_only=True)
    yield read
    read.close()


def by_area(connection, level: str, **params) -> dict[str, dict]:
    frame = queries.run_on(connection, "vo_pass_rates_by_area", level=level, onderwijstype="HAVO",
                           schooljaar="2023-2024", **params)
    return {row["area_code"]: row for row in frame.iter_rows(named=True)}


def test_the_national_figure_is_the_known_part_of_the_finest_cells(connection):
    [row] = queries.run_on(connection, "vo_pass_rate_national_trend").iter_rows(named=True)
    assert (row["examenkandidaten"], row["geslaagden"], row["excluded_groups"]) == (90, 78, 2)
    assert row["rate"] == pytest.approx(78 / 90)
    assert (row["ci_low"], row["ci_high"]) == pytest.approx(wilson(78, 90))
    assert row["examenkandidaten_suppression"] is None and row["rate_suppression"] is None


@pytest.mark.parametrize(("level", "code", "expected"), [
    ("vestiging", "V1", (70, 60, 1)),
    ("vestiging", "V2", (28, 26, 0)),          # published: its own figure, complete
    ("instelling", "B1", (70, 60, 1)),
    ("instelling", "B2", (28, 26, 0)),
    ("gemeente", "G", (90, 78, 2)),            # withheld by our own secondary suppression: known part too
    ("provincie", "P", (90, 78, 2)),
    ("land", "NL", (90, 78, 2)),
])
def test_each_level_completes_an_unpublished_area_from_its_own_cells(connection, level, code, expected):
    row = by_area(connection, level)[code]
    assert (row["examenkandidaten"], row["geslaagden"], row["excluded_groups"]) == expected
    assert row["rate"] == pytest.approx(expected[1] / expected[0])
    assert row["national_rate"] == pytest.approx(78 / 90)


def test_a_finest_cell_is_never_completed_and_one_opleiding_uses_its_own_cells(connection):
    cells = by_area(connection, "vestiging", inspectiecode="H3")
    assert cells["V1"]["examenkandidaten"] is None and cells["V1"]["rate_suppression"] == "source_lt5"
    assert cells["V1"]["excluded_groups"] == 0
    land = by_area(connection, "land", inspectiecode="H1")["NL"]
    assert (land["examenkandidaten"], land["geslaagden"], land["excluded_groups"]) == (60, 54, 0)


def test_the_school_page_compares_known_parts_with_known_parts(connection):
    rows = {row["inspectiecode"]: row for row in
            queries.run_on(connection, "vo_school_pass_rates", vestigingscode="V1").iter_rows(named=True)}
    total = rows[None]
    assert (total["examenkandidaten"], total["geslaagden"], total["excluded_groups"]) == (70, 60, 1)
    assert total["national_rate"] == pytest.approx(78 / 90)
    assert total["same_type_rate"] == pytest.approx(statistics.median([60 / 70, 26 / 28]))
    assert (total["same_type_schools"], total["percentile"]) == (2, 0.0)
    assert rows["H1"]["national_rate"] == pytest.approx(54 / 60) and rows["H1"]["excluded_groups"] == 0
    assert rows["H3"]["rate"] is None and rows["H3"]["rate_suppression"] == "source_lt5"
