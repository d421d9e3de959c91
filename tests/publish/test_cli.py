"""`examencijfers publish` and `examencijfers audit` end to end on a tiny warehouse."""
from __future__ import annotations

import duckdb
from typer.testing import CliRunner

from examencijfers.cli import app
from tests.publish.conftest import fetch, vo_candidates


def test_publish_then_audit(warehouse, tmp_path):
    source = warehouse.source("duo_examenkandidaten", "2019-2024")
    vo_candidates(warehouse, source, "AAAA00", "50", {"MAN": (3, 3), "VROUW": (20, 18), "TOTAAL": (23, 21)})
    db = warehouse.close()
    out = tmp_path / "published.duckdb"
    runner = CliRunner()
    result = runner.invoke(app, ["publish", "--db", str(db), "--out", str(out), "--k", "4"])
    assert result.exit_code == 0, result.output
    assert "audit passed" in result.output
    assert fetch(out, "select value from suppression_rules where rule = 'vo_min_count'") == [("4",)]
    connection = duckdb.connect()
    for (table,) in fetch(out, "select table_name from duckdb_tables()"):
        parquet = tmp_path / "published-parquet" / f"{table}.parquet"
        assert connection.execute(f"select count(*) from '{parquet}'").fetchone()[0] == \
            fetch(out, f"select count(*) from {table}")[0][0], table
    connection.close()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]     # no leftovers of the swap

    result = runner.invoke(app, ["audit", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1].startswith("audit: 18 tables checked")

    connection = duckdb.connect(str(out))
    connection.execute("update vo_pass_rates set examenkandidaten = 3, examenkandidaten_suppression = null"
                       " where level = 'land' and geslacht = 'MAN'")
    connection.close()
    result = runner.invoke(app, ["audit", "--published", str(out)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines[0] == "primary: vo_pass_rates.examenkandidaten publishes counts from 1 to 3 (2 cells)"
    assert lines[-1].startswith("audit: 18 tables checked")


def test_publish_without_a_warehouse_says_so(tmp_path):
    result = CliRunner().invoke(app, ["publish", "--db", str(tmp_path / "none.duckdb"),
                                      "--out", str(tmp_path / "p.duckdb")])
    assert result.exit_code == 1
    assert "no warehouse here" in result.output
