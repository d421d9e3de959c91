"""Every file of the bad-input corpus (tests/data/bad, see make_corpus.py): one clear error, nothing changed."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from examencijfers.cli import app
from examencijfers.ingest.load import ingest_paths
from examencijfers.warehouse import open_warehouse
from tests.ingest.conftest import DUO, snapshot

CORPUS = Path(__file__).resolve().parents[1] / "data" / "bad"
EXPECTED = list(csv.DictReader(open(CORPUS / "EXPECTED.csv", encoding="utf-8")))
GOOD = DUO / "alle-vestigingen-vo.csv"


def test_the_corpus_is_large_and_complete():
    files = {path.name for path in CORPUS.glob("*.csv")} - {"EXPECTED.csv"}
    assert len(files) >= 30
    assert files == {case["file"] for case in EXPECTED}


@pytest.fixture(scope="module")
def loaded_db(tmp_path_factory):
    """A warehouse holding one real file, copied fresh for every case."""
    db = tmp_path_factory.mktemp("corpus") / "base.duckdb"
    connection = open_warehouse(db)
    ingest_paths(connection, [DUO / "geslaagden-gezakten-en-cijfers-2024-2025.EXCERPT.csv"])
    connection.close()
    return db


@pytest.mark.parametrize("case", EXPECTED, ids=[case["file"] for case in EXPECTED])
def test_bad_file_gives_one_clear_error_and_changes_nothing(case, loaded_db, tmp_path):
    db = tmp_path / "w.duckdb"
    db.write_bytes(loaded_db.read_bytes())
    before = snapshot(open_warehouse(db, read_only=True))
    path = CORPUS / case["file"]

    result = CliRunner().invoke(app, ["ingest", "--db", str(db), str(path)])
    assert result.exit_code == 1
    where = f"{path}, line {case['line']}" if case["line"] else f"{path}"
    if case["column"]:
        where += f", column {case['column']!r}"
    failure = next(line for line in result.output.splitlines() if line.startswith("failed"))
    assert where in failure and case["message"] in failure
    assert snapshot(open_warehouse(db, read_only=True)) == before

    # A good file in the same run still loads.
    connection = open_warehouse(db)
    outcomes = ingest_paths(connection, [path, GOOD])
    assert [outcome.status for outcome in outcomes] == ["failed", "loaded"]


@pytest.mark.slow
def test_a_file_of_hundreds_of_megabytes_fails_fast_and_clearly(tmp_path, warehouse):
    header = (DUO / "geslaagden-gezakten-en-cijfers-2018-2019.csv").read_bytes().split(b"\n")[0]
    path = tmp_path / "huge.csv"
    with open(path, "wb") as out:
        out.write(header + b"\n" + b"00AH;00AH00;broken line without its fields\n")
        block = b"x" * (1 << 20)
        for _ in range(300):
            out.write(block)
    assert path.stat().st_size > 300 * (1 << 20)
    before = snapshot(warehouse)
    outcome = ingest_paths(warehouse, [path])[0]
    assert outcome.failed and f"{path}, line 2" in outcome.message and "too few fields" in outcome.message
    assert snapshot(warehouse) == before
