"""`examencijfers export` gives the same bytes as the function the pages call."""
import pytest
from typer.testing import CliRunner

from extracts_fixtures import GENERATED_AT
from examencijfers.cli import app
from examencijfers.extracts import FORMATS, extract

runner = CliRunner()


@pytest.mark.parametrize("fmt", FORMATS)
def test_command_and_function_give_the_same_bytes(published_db, tmp_path, fmt):
    target = tmp_path / f"out.{fmt}"
    result = runner.invoke(app, [
        "export", "cbr_opleider_results", "--published", str(published_db), "--filter", "productcode=B",
        "--filter", "soort_examen=eerste", "--columns", "opleidercode,opleidernaam,voldoende,n", "--format", fmt,
        "--generated-at", GENERATED_AT.isoformat(), "-o", str(target)])
    assert result.exit_code == 0, result.output
    expected = extract("cbr_opleider_results", {"productcode": "B", "soort_examen": "eerste"},
                       ["opleidercode", "opleidernaam", "voldoende", "n"], fmt, published_db,
                       generated_at=GENERATED_AT)
    assert target.read_bytes() == expected


def test_default_file_name_is_safe_and_named_for_the_filters(published_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["export", "cbr_exams_weekly", "--published", str(published_db),
                                 "--filter", "productcode=B-T", "--format", "parquet"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["cbr_exams_weekly_productcode-B-T.parquet"]


def test_list_names_datasets_and_their_filter_keys():
    result = runner.invoke(app, ["export", "--list"])
    assert result.exit_code == 0
    assert "cbr_exams_weekly" in result.output and "vo_subject_grades" in result.output
    assert "filters: jaar, week, productcode" in result.output


@pytest.mark.parametrize("args, message", [
    (["export", "nope"], "error: unknown dataset 'nope'; datasets: cbr_exams_weekly"),
    (["export", "cbr_exams_weekly", "--filter", "kleur=rood"], "error: dataset 'cbr_exams_weekly' has no filter 'kleur'"),
    (["export", "cbr_exams_weekly", "--format", "pdf"], "error: unknown format 'pdf'"),
    (["export"], "error: name a DATASET, or use --list"),
])
def test_a_bad_request_is_one_line_and_exit_1(published_db, args, message):
    result = runner.invoke(app, args + ["--published", str(published_db)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line]
    assert len(lines) == 1 and lines[0].startswith(message), result.output
