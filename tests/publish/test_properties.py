"""On random small DUO tables: published figures equal the warehouse's, and the audit finds nothing."""
from __future__ import annotations

import itertools
from pathlib import Path

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from examencijfers.publish.audit import audit_published
from examencijfers.publish.build import publish
from examencijfers.publish.rules import Rules
from examencijfers.warehouse import warehouse_ddl


@st.composite
def gender_counts(draw):
    """MAN and VROUW counts (some "<5" as DUO prints them), TOTAAL = MAN + VROUW + a hidden group."""
    counts = {}
    for gender in ("MAN", "VROUW"):
        kandidaten = draw(st.integers(0, 30))
        geslaagden = draw(st.integers(0, kandidaten))
        counts[gender] = (kandidaten, geslaagden)
    rest = draw(st.sampled_from([0, 0, 0, 1, 6]))
    counts["TOTAAL"] = (counts["MAN"][0] + counts["VROUW"][0] + rest, counts["MAN"][1] + counts["VROUW"][1])
    return counts


def write_warehouse(path: Path, table: list[tuple[str, str, dict]], duo_hides: bool) -> dict:
    connection = duckdb.connect(str(path))
    connection.execute(warehouse_ddl())
    connection.execute("insert into sources (source_id, file_name, sha256, dataset, layout, publication, row_count)"
                       " values (1, 'f', 's', 'duo_examenkandidaten', 'l', '2019-2024', 0)")
    truth = {}
    for line, ((vestiging, inspectiecode, counts), gender) in enumerate(
            itertools.product(table, ("MAN", "VROUW", "TOTAAL")), start=2):
        kandidaten, geslaagden = counts[gender]
        hide_k = duo_hides and 1 <= kandidaten <= 4
        hide_g = duo_hides and 1 <= geslaagden <= 4
        connection.execute(
            "insert into duo_examenkandidaten values (1, ?, ?, ?, 'School', ?, 'HAVO', ?, 'Opl', '2023-2024', ?,"
            " ?, ?, ?, ?, null)",
            [line, vestiging[:4], vestiging, f"GEMEENTE {vestiging[:1]}", inspectiecode, gender,
             None if hide_k else kandidaten, hide_k, None if hide_g else geslaagden, hide_g])
        truth[(vestiging, inspectiecode, gender)] = (None if hide_k else kandidaten, None if hide_g else geslaagden)
    connection.close()
    return truth


tables = st.lists(
    st.tuples(st.sampled_from(["AAAA00", "AAAA01", "BBBB00"]), st.sampled_from(["50", "51", "52"]),
              gender_counts()),
    min_size=1, max_size=6, unique_by=lambda row: (row[0], row[1]))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=tables, duo_hides=st.booleans())
def test_published_equals_warehouse_and_audit_is_clean(tmp_path_factory, table, duo_hides):
    folder = tmp_path_factory.mktemp("prop")
    truth = write_warehouse(folder / "warehouse.duckdb", table, duo_hides)
    out = folder / "published.duckdb"
    publish(folder / "warehouse.duckdb", out, Rules())   # raises if its own audit finds anything
    assert audit_published(out).problems == []
    connection = duckdb.connect(str(out), read_only=True)
    rows = connection.execute(
        "select area_code, inspectiecode, geslacht, examenkandidaten, examenkandidaten_suppression, geslaagden,"
        " geslaagden_suppression from vo_pass_rates where level = 'vestiging' and inspectiecode is not null"
    ).fetchall()
    connection.close()
    assert len(rows) == len(truth)
    for vestiging, inspectiecode, gender, kandidaten, k_reason, geslaagden, g_reason in rows:
        true_k, true_g = truth[(vestiging, inspectiecode, gender)]
        assert (kandidaten is None) == (k_reason is not None)
        if kandidaten is not None:
            assert kandidaten == true_k and not 1 <= kandidaten <= 4
        if true_k is None:
            assert k_reason == "source_lt5"
        if geslaagden is not None:
            assert geslaagden == true_g and not 1 <= geslaagden <= 4
