"""The ingest room's commands (ingest, build, sources, demo-data): --help, --db, one-line failures, progress."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from examencijfers.cli import _file_progress, app
from tests.ingest.conftest import DUO

COMMANDS = ["ingest", "build", "sources", "demo-data"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_takes_db(command):
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "--db" in result.output


def test_sources_lists_each_loaded_file_with_its_lineage(tmp_path):
    db = tmp_path / "w.duckdb"
    files = [DUO / "alle-vestigingen-vo.csv", DUO / "geslaagden-gezakten-en-cijfers-2024-2025.EXCERPT.csv"]
    assert CliRunner().invoke(app, ["ingest", "--db", str(db), *map(str, files)]).exit_code == 0
    result = CliRunner().invoke(app, ["sources", "--db", str(db)])
    assert result.exit_code == 0
    lines = [line for line in result.output.splitlines() if ".csv" in line]
    assert len(lines) == 2
    vestigingen, excerpt = lines
    assert "alle-vestigingen-vo.csv" in vestigingen and "duo_vestigingen" in vestigingen and "1619" in vestigingen
    assert "register" in vestigingen
    assert "duo_geslaagden_cijfers" in excerpt and "2024-2025" in excerpt and "25" in excerpt


def test_sources_without_a_warehouse_is_one_line_and_exit_1(tmp_path):
    result = CliRunner().invoke(app, ["sources", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"error: {tmp_path / 'none.duckdb'}: no warehouse here; run"
                                                  " `examencijfers build` first"]


def test_ingest_of_a_missing_file_is_one_line_and_exit_1(tmp_path):
    result = CliRunner().invoke(app, ["ingest", "--db", str(tmp_path / "w.duckdb"), str(tmp_path / "nope.csv")])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"error: {tmp_path / 'nope.csv'}: no such file or folder"]


def test_the_progress_bar_counts_the_files_done_before_the_one_loading():
    progress, advance = _file_progress(3)
    task = progress.tasks[0]
    advance(DUO / "a.csv")
    assert (task.completed, task.description) == (0, "loading a.csv")
    advance(DUO / "b.csv")
    assert (task.completed, task.description) == (1, "loading b.csv")


def test_an_unreadable_file_fails_alone(tmp_path, monkeypatch):
    from pathlib import Path

    unreadable = tmp_path / "geheim.csv"
    unreadable.write_bytes(b"x")
    read_bytes = Path.read_bytes

    def refuse(path):
        if path.name == "geheim.csv":
            raise PermissionError(13, "Permission denied")
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    result = CliRunner().invoke(app, ["ingest", "--db", str(tmp_path / "w.duckdb"), str(unreadable),
                                      str(DUO / "alle-vestigingen-vo.csv")])
    assert result.exit_code == 1
    assert f"failed    geheim.csv: {unreadable}: cannot read the file: Permission denied" in result.output
    assert "loaded    alle-vestigingen-vo.csv" in result.output
