"""A file loads whole or not at all, once; a bad file is one clear error and changes nothing."""
from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from examencijfers.cli import app
from examencijfers.errors import InputError
from examencijfers.ingest.load import ingest_file, ingest_paths
from examencijfers.warehouse import open_warehouse
from tests.ingest.conftest import DUO, snapshot

GESLAAGDEN = DUO / "geslaagden-gezakten-en-cijfers-2018-2019.csv"
VESTIGINGEN = DUO / "alle-vestigingen-vo.csv"


def corrupted_copy(tmp_path, source, line_no, old, new, name=None):
    """The real file with one field on one line changed."""
    lines = source.read_bytes().split(b"\n")
    assert old.encode() in lines[line_no - 1]
    lines[line_no - 1] = lines[line_no - 1].replace(old.encode(), new.encode(), 1)
    target = tmp_path / (name or source.name)
    target.write_bytes(b"\n".join(lines))
    return target


def test_reingesting_the_same_file_changes_nothing(warehouse):
    assert ingest_file(warehouse, VESTIGINGEN).status == "loaded"
    before = snapshot(warehouse)
    again = ingest_file(warehouse, VESTIGINGEN)
    assert again.status == "unchanged"
    assert snapshot(warehouse) == before


def test_a_copy_under_another_name_is_recognised_by_its_checksum(tmp_path, warehouse):
    ingest_file(warehouse, VESTIGINGEN)
    copy = shutil.copy(VESTIGINGEN, tmp_path / "vestigingen-kopie.csv")
    assert ingest_file(warehouse, copy).status == "unchanged"


def test_a_corrupted_line_deep_in_a_real_file_fails_the_file_and_leaves_the_database_as_it_was(tmp_path, warehouse):
    ingest_file(warehouse, VESTIGINGEN)
    before = snapshot(warehouse)
    # Line 9000 of 11,695: the whole file would otherwise have been valid up to here.
    line = GESLAAGDEN.read_bytes().split(b"\n")[8999].decode("latin-1")
    kandidaten = line.split(";")[9]
    bad = corrupted_copy(tmp_path, GESLAAGDEN, 9000, f";{kandidaten};", f";{kandidaten}x;")
    with pytest.raises(InputError) as error:
        ingest_file(warehouse, bad)
    assert (error.value.line, error.value.column, error.value.found) == (9000, "EXAMENKANDIDATEN", f"{kandidaten}x")
    assert str(error.value).startswith(f"{bad}, line 9000, column 'EXAMENKANDIDATEN': value is not valid; expected")
    assert snapshot(warehouse) == before


def test_a_failure_inside_the_write_rolls_back_the_sources_row(monkeypatch, warehouse):
    import duckdb

    from examencijfers.ingest import load

    def refuse(connection, table):
        raise duckdb.ConstraintException("simulated: disk full half-way")

    before = snapshot(warehouse)
    monkeypatch.setattr(load, "table_columns", refuse)
    with pytest.raises(InputError, match="the warehouse refused the rows"):
        ingest_file(warehouse, VESTIGINGEN)
    assert snapshot(warehouse) == before


def test_other_files_of_the_run_still_load_and_the_exit_code_says_some_failed(tmp_path):
    db = tmp_path / "w.duckdb"
    bad = corrupted_copy(tmp_path, GESLAAGDEN, 3, ";HAVO;", ";;", name="geslaagden-gezakten-en-cijfers-2018-2019.csv")
    result = CliRunner().invoke(app, ["ingest", "--db", str(db), str(bad), str(VESTIGINGEN)])
    assert result.exit_code == 1
    assert "line 3, column 'ONDERWIJSTYPE VO': value is missing" in result.output
    assert "1 of 2 files failed" in result.output
    connection = open_warehouse(db, read_only=True)
    assert connection.execute("select dataset from sources").fetchall() == [("duo_vestigingen",)]


@pytest.mark.parametrize(("content", "message"), [
    (b"", "the file is empty"),
    (b"PK\x03\x04rest-of-a-zip", "ZIP archive"),
    ("BRIN NUMMER;VESTIGINGSNUMMER\n00AH;00AH00\n".encode(), "matches no known layout"),
    ("SCHOOLJAAR;BRIN NUMMER\nwrong\n".encode(), "too few fields"),
    ("caf\u00e9;x\n".encode() + "caf\u00e9;x\n".encode("cp1252"), "mixed encodings"),
])
def test_unreadable_files_get_one_clear_error(tmp_path, warehouse, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    outcome = ingest_paths(warehouse, [path])[0]
    assert outcome.failed and message in outcome.message and outcome.message.startswith(str(path))
    assert warehouse.execute("select count(*) from sources").fetchone() == (0,)


def test_unknown_header_names_the_closest_layout_and_the_difference(tmp_path, warehouse):
    header = GESLAAGDEN.read_bytes().split(b"\n")[0].replace(b"GEZAKTEN", b"GEZAKT")
    path = tmp_path / "geslaagden-2018-2019.csv"
    path.write_bytes(header + b"\n" + GESLAAGDEN.read_bytes().split(b"\n")[1] + b"\n")
    with pytest.raises(InputError) as error:
        ingest_file(warehouse, path)
    assert "closest is duo-geslaagden-gezakten-cijfers" in str(error.value)
    assert "missing 'GEZAKTEN'" in str(error.value) and "unexpected 'GEZAKT'" in str(error.value)


def test_build_with_a_bad_file_keeps_the_previous_warehouse(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(VESTIGINGEN, raw)
    db = tmp_path / "warehouse.duckdb"
    assert CliRunner().invoke(app, ["build", "--db", str(db), "--raw", str(raw)]).exit_code == 0
    connection = open_warehouse(db, read_only=True)
    before = snapshot(connection)
    connection.close()

    corrupted_copy(raw, GESLAAGDEN, 5, ";HAVO;", ";;")
    result = CliRunner().invoke(app, ["build", "--db", str(db), "--raw", str(raw)])
    assert result.exit_code == 1 and "build failed" in result.output
    connection = open_warehouse(db, read_only=True)
    assert snapshot(connection) == before
    assert not (tmp_path / "warehouse.duckdb.building").exists()


def test_every_loaded_row_names_its_own_file(warehouse):
    """What a foreign key to sources would guard (the warehouse declares none, for speed): each file's rows
    carry the source_id of that file's sources row, whose row_count is theirs."""
    ingest_paths(warehouse, [DUO.parent / "cbr", DUO])
    facts = [table for (table,) in warehouse.execute(
        "select table_name from duckdb_columns() join duckdb_tables() using (database_name, schema_name, table_name)"
        " where column_name = 'source_id' and table_name <> 'sources'").fetchall()]
    assert len(facts) >= 6
    counted = {}
    for table in facts:
        assert warehouse.execute(f"select count(*) from {table} anti join sources using (source_id)").fetchone() == (0,)
        for source_id, rows in warehouse.execute(f"select source_id, count(*) from {table} group by all").fetchall():
            counted[source_id] = counted.get(source_id, 0) + rows
    loaded = dict(warehouse.execute("select source_id, row_count from sources where row_count > 0").fetchall())
    assert counted == loaded
