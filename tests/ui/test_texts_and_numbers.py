"""Every text the pages ask for exists in both languages, and numbers read the way each language writes them."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from examencijfers import paths
from examencijfers.ui import i18n, numbers

SOURCES = [*paths.ROOT.glob("pages/**/*.py"), *(paths.ROOT / "examencijfers" / "ui").glob("*.py"), paths.ROOT / "app.py"]
LITERAL_KEY = re.compile(r"""\bt\(\s*["']([a-z_.\-]+)["']""")


def test_every_literal_text_key_in_the_code_exists():
    used = {key for path in SOURCES for key in LITERAL_KEY.findall(path.read_text(encoding="utf-8"))}
    assert len(used) > 100
    missing = sorted(used - set(i18n.texts()))
    assert missing == []


def test_every_text_has_both_languages_and_the_same_placeholders():
    for key, pair in i18n.texts().items():
        assert pair["nl"].strip() and pair["en"].strip(), key
        assert set(re.findall(r"{(\w+)}", pair["nl"])) == set(re.findall(r"{(\w+)}", pair["en"])), key


@pytest.mark.parametrize(("lang", "expected"), [("nl", "1.234.567"), ("en", "1,234,567")])
def test_thousands(lang, expected):
    assert numbers.integer(1234567, lang) == expected


@pytest.mark.parametrize(("lang", "expected"), [("nl", "64,3%"), ("en", "64.3%")])
def test_percent(lang, expected):
    assert numbers.percent(0.6427, lang) == expected


def test_grades_intervals_and_differences():
    assert numbers.decimal(6.44, "nl") == "6,4" and numbers.decimal(6.44, "en") == "6.4"
    assert numbers.decimal(1234.5, "nl") == "1.234,5"
    assert numbers.interval(0.612, 0.671, "nl") == "61,2–67,1%"
    assert numbers.points(-0.004, "nl") == "−0,4 %-punt" and numbers.points(0.021, "en") == "+2.1 pp"
    assert numbers.signed_percent(0.038, "nl") == "+3,8%"
    assert numbers.date(dt.date(2025, 3, 3), "nl") == "3 mrt 2025" and numbers.date(dt.date(2025, 3, 3), "en") == "3 Mar 2025"


def test_no_value_is_an_empty_text_never_zero():
    for format_value in (numbers.integer, numbers.percent, numbers.decimal, numbers.points, numbers.signed):
        assert format_value(None, "nl") == ""
        assert format_value(float("nan"), "en") == ""
