"""The command line answers --help for every sub-command it has, and the README's command table names them all."""
import re

import pytest
from typer.testing import CliRunner

from examencijfers import paths
from examencijfers.cli import app

COMMANDS = sorted(info.name or info.callback.__name__.replace("_", "-") for info in app.registered_commands)
GROUPS = sorted(info.name for info in app.registered_groups)


def test_help_lists_every_command():
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "Examencijfers" in result.output
    for name in COMMANDS + GROUPS:
        assert re.search(rf"\b{re.escape(name)}\b", result.output), name


@pytest.mark.parametrize("name", COMMANDS + GROUPS)
def test_each_command_answers_help(name):
    result = CliRunner().invoke(app, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output and name in result.output


def test_the_readme_names_every_command():
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    for name in COMMANDS + GROUPS:
        assert f"`examencijfers {name}" in readme, name


def test_an_unknown_command_fails():
    result = CliRunner().invoke(app, ["nonsense"])
    assert result.exit_code != 0
    assert "No such command 'nonsense'" in result.output
