"""Rule parameters: defaults, a TOML file, command-line overrides, and a clear error for a bad file."""
from __future__ import annotations

import pytest

from examencijfers.errors import InputError
from examencijfers.publish.rules import Rules, load_rules


def test_defaults_without_a_file(tmp_path):
    assert load_rules(tmp_path / "absent.toml") == Rules(5, 10, 10, 10)


def test_file_then_overrides(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text("[rules]\nvo_min_count = 7\nopleider_min_exams = 20\n", encoding="utf-8")
    rules = load_rules(path).with_overrides(vo_min_count=None, opleider_min_exams=15)
    assert rules == Rules(vo_min_count=7, vo_extreme_rate_group=10, opleider_min_exams=15, cbr_max_opleiders=10)


@pytest.mark.parametrize("text, message", [
    ("[rules]\nk = 5\n", "unknown rule"),
    ("[rules]\nvo_min_count = 'five'\n", "positive integer"),
    ("[rules\n", "not valid TOML"),
])
def test_bad_files_name_the_problem(tmp_path, text, message):
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_rules(path)
