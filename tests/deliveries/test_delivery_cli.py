"""`examencijfers deliver ...` end to end through the typer app."""
from typer.testing import CliRunner

from examencijfers.cli import app
from examencijfers.ingest.deliveries.pseudonym import KEY_ENV, KEY_FILE_ENV

ENV = {KEY_ENV: "cli-test-key-0123456789"}


def test_deliver_is_registered_with_its_commands():
    result = CliRunner().invoke(app, ["deliver", "--help"])
    assert result.exit_code == 0
    for command in ("ingest", "aggregate", "report", "demo"):
        assert command in result.output


def test_demo_then_ingest_then_report(tmp_path):
    runner = CliRunner()
    demo = runner.invoke(app, ["deliver", "demo", str(tmp_path / "files"), "--seed", "11", "--vestigingen", "1"])
    assert demo.exit_code == 0, demo.output
    files = sorted(str(p) for p in (tmp_path / "files").glob("*.csv"))
    db = str(tmp_path / "w.duckdb")
    result = runner.invoke(app, ["deliver", "ingest", *files, "--db", db, "--reports", str(tmp_path / "r")], env=ENV)
    assert result.exit_code == 0, result.output
    assert "with errors (left out)" in result.output and "deliveries_exam_results" in result.output
    report = runner.invoke(app, ["deliver", "report", "1", "--db", db, "--out", str(tmp_path / "again")])
    assert report.exit_code == 0, report.output
    assert any((tmp_path / "again").glob("*.report.xlsx"))


def test_strict_ingest_prints_one_line_per_bad_record_and_exits_1(tmp_path):
    runner = CliRunner()
    runner.invoke(app, ["deliver", "demo", str(tmp_path / "files"), "--seed", "11", "--vestigingen", "1"])
    path = next((tmp_path / "files").glob("examengegevens*.csv"))
    result = runner.invoke(app, ["deliver", "ingest", str(path), "--strict", "--db", str(tmp_path / "w.duckdb")],
                           env=ENV)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 6 + 1           # six records with errors, then the error line
    assert all(line.startswith(f"{path.name}, line ") for line in lines[:-1])
    assert lines[-1].startswith("error: ") and "nothing loaded" in lines[-1]


def test_ingest_without_a_key_fails_with_one_line(tmp_path, monkeypatch):
    monkeypatch.delenv(KEY_ENV, raising=False)
    monkeypatch.delenv(KEY_FILE_ENV, raising=False)
    path = tmp_path / "x.csv"
    path.write_text("x\n")
    result = CliRunner().invoke(app, ["deliver", "ingest", str(path), "--db", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and KEY_ENV in result.stderr


def test_a_file_loaded_twice_is_left_alone_the_second_time(tmp_path):
    runner = CliRunner()
    runner.invoke(app, ["deliver", "demo", str(tmp_path / "files"), "--seed", "11", "--vestigingen", "1"])
    path = str(next((tmp_path / "files").glob("inschrijvingsgegevens*.csv")))
    db = str(tmp_path / "w.duckdb")
    runner.invoke(app, ["deliver", "ingest", path, "--db", db, "--reports", str(tmp_path / "r")], env=ENV)
    again = runner.invoke(app, ["deliver", "ingest", path, "--db", db, "--reports", str(tmp_path / "r")], env=ENV)
    assert again.exit_code == 0 and "unchanged" in again.output
