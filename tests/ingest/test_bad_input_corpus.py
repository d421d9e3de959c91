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


def test_a_file_of_hundreds_of_megabytes_is_refused_before_it_is_read(tmp_path, warehouse):
    """Real rows repeated to 300 MB: parsing it would take gigabytes of memory, so it is refused by its size."""
    source = DUO / "geslaagden-gezakten-en-cijfers-2018-2019.csv"
    header, body = source.read_bytes().split(b"\n", 1)
    path = tmp_path / "geslaagden-gezakten-en-cijfers-2018-2019.csv"
    with open(path, "wb") as out:
        out.write(header + b"\n")
        for _ in range(300 * 2**20 // len(body) + 1):
            out.write(body)
    assert path.stat().st_size > 300 * 2**20
    before = snapshot(warehouse)
    result = CliRunner().invoke(app, ["ingest", "--db", str(tmp_path / "w.duckdb"), str(path), str(GOOD)])
    assert result.exit_code == 1
    assert f"{path}: the file is too large" in result.output and "expected at most 128 MB, found '300 MB'" in result.output
    assert "loaded    alle-vestigingen-vo.csv" in result.output
    outcome = ingest_paths(warehouse, [path])[0]
    assert outcome.failed and snapshot(warehouse) == before
