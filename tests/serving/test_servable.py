"""Public mode serves only a database that is exactly the published contract."""
from __future__ import annotations

import duckdb
import pytest

from examencijfers import paths, serving
from examencijfers.warehouse import warehouse_ddl


def published_db(path):
    connection = duckdb.connect(str(path))
    connection.execute((paths.SQL / "published.sql").read_text(encoding="utf-8"))
    connection.execute("insert into publication values ('built_at', '2026-01-01'), ('schema_version', '1')")
    connection.close()
    return path


def test_a_published_database_is_servable(tmp_path):
    ready = serving.check_servable(published_db(tmp_path / "p.duckdb"))
    assert ready.tables == len(serving.contract_tables()) >= 10
    assert ready.publication == {"built_at": "2026-01-01", "schema_version": "1"}


def test_another_schema_version_is_refused(tmp_path):
    path = published_db(tmp_path / "p.duckdb")
    connection = duckdb.connect(str(path))
    connection.execute("update publication set value = '2' where key = 'schema_version'")
    connection.close()
    with pytest.raises(serving.NotServable, match="schema version '2'"):
        serving.check_servable(path)


def test_the_warehouse_is_refused(tmp_path):
    connection = duckdb.connect(str(tmp_path / "w.duckdb"))
    connection.execute(warehouse_ddl())
    connection.close()
    with pytest.raises(serving.NotServable, match="outside the published contract"):
        serving.check_servable(tmp_path / "w.duckdb")


def test_a_published_database_with_one_private_table_added_is_refused(tmp_path):
    path = published_db(tmp_path / "p.duckdb")
    connection = duckdb.connect(str(path))
    connection.execute("create table duo_examenkandidaten (x integer)")
    connection.close()
    with pytest.raises(serving.NotServable, match="duo_examenkandidaten"):
        serving.check_servable(path)


def test_missing_file_and_unknown_mode(tmp_path, monkeypatch):
    with pytest.raises(serving.NotServable, match="no published database"):
        serving.check_servable(tmp_path / "nothing.duckdb")
    monkeypatch.setenv(serving.MODE_VARIABLE, "PUBLIC")
    assert serving.mode() is serving.Mode.PUBLIC
    monkeypatch.setenv(serving.MODE_VARIABLE, "admin")
    with pytest.raises(serving.NotServable, match="expected 'public' or 'analyst'"):
        serving.mode()


def test_serve_refuses_the_warehouse_before_starting_anything(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from examencijfers.cli import app

    started = []
    monkeypatch.setattr(serving, "run_streamlit", lambda *args: started.append(args))
    connection = duckdb.connect(str(tmp_path / "w.duckdb"))
    connection.execute(warehouse_ddl())
    connection.close()
    result = CliRunner().invoke(app, ["serve", "--published", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 1 and "outside the published contract" in result.output
    assert started == []


def test_serve_starts_streamlit_on_a_published_database(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from examencijfers.cli import app

    started = []
    monkeypatch.setattr(serving, "run_streamlit", lambda path, arguments: started.append((path, arguments)))
    published = published_db(tmp_path / "p.duckdb")
    result = CliRunner().invoke(app, ["serve", "--published", str(published), "--port", "8123",
                                      "--server.address=0.0.0.0"])
    assert result.exit_code == 0, result.output
    assert started == [(published, ["--server.port=8123", "--server.address=0.0.0.0"])]


def test_a_contract_table_with_an_extra_column_is_refused(tmp_path):
    path = published_db(tmp_path / "p.duckdb")
    connection = duckdb.connect(str(path))
    connection.execute("alter table vo_pass_rates add column leerlingnummer varchar")
    connection.close()
    with pytest.raises(serving.NotServable, match=r"main\.vo_pass_rates columns differ from the contract"
                                                  r" \(not in it: leerlingnummer\)"):
        serving.check_servable(path)


@pytest.mark.parametrize(("change", "described"), [
    ("alter table sources alter column layout type integer", "other type: layout INTEGER, the contract VARCHAR"),
    ("alter table sources drop column layout", "missing: layout"),
    ("create schema scratch", "schema scratch is not in the contract"),
    ("create view pupils as select 1 as bsn", "table main.pupils is not in the contract"),
])
def test_every_kind_of_difference_from_the_contract_is_named(tmp_path, change, described):
    path = published_db(tmp_path / "p.duckdb")
    connection = duckdb.connect(str(path))
    connection.execute(change)
    assert any(described in difference for difference in serving.contract_differences(connection))
    assert serving.contract_differences(duckdb.connect(str(published_db(tmp_path / "q.duckdb")))) == []


def test_a_table_in_another_schema_is_refused(tmp_path):
    path = published_db(tmp_path / "p.duckdb")
    connection = duckdb.connect(str(path))
    connection.execute("create schema private; create table private.pupils (bsn varchar)")
    connection.close()
    with pytest.raises(serving.NotServable, match=r"table private\.pupils is not in the contract"):
        serving.check_servable(path)


def test_public_mode_serves_with_the_hosted_settings_and_the_callers_options_last(tmp_path, monkeypatch):
    import tomllib

    from streamlit.web import cli as streamlit_cli
    from typer.testing import CliRunner

    from examencijfers.cli import app

    started = []
    monkeypatch.setattr(serving, "run_streamlit", lambda path, arguments: started.append(arguments))
    monkeypatch.setenv(serving.MODE_VARIABLE, "public")
    published = published_db(tmp_path / "p.duckdb")
    result = CliRunner().invoke(app, ["serve", "--published", str(published), "--server.maxUploadSize=1"])
    assert result.exit_code == 0, result.output
    [arguments] = started
    options = streamlit_cli.main_run.make_context("run", ["app.py", *arguments]).params
    hosted = tomllib.loads(serving.PUBLIC_CONFIG.read_text(encoding="utf-8"))
    expected = {f"{section}_{key}": value for section, values in hosted.items() for key, value in values.items()}
    assert {name: options[name] for name in expected} == {**expected, "server_maxUploadSize": 1}
    assert expected["server_maxUploadSize"] == 0 and expected["client_showErrorDetails"] == "none"


def test_analyst_mode_adds_nothing(monkeypatch):
    monkeypatch.setenv(serving.MODE_VARIABLE, "analyst")
    assert serving.mode_options() == []
