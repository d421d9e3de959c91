"""The command line answers --help for every sub-command it has."""
from typer.testing import CliRunner

from examencijfers.cli import app


def test_help_lists_the_command():
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "Examencijfers" in result.output
