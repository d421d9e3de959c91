"""Hypothesis over the URL: any query parameters, for every page (quotes, SQL fragments, unicode, huge
numbers, repeated keys, parameters of other pages). No exception or error reaches the visitor, and nothing
but the published database is ever opened."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from examencijfers import paths, serving
from examencijfers.ui import site

# every parameter a page reads from its URL, found in the code (so a new one is fuzzed too), and some more
SOURCES = [*paths.ROOT.glob("pages/**/*.py"), *(paths.ROOT / "examencijfers" / "ui").glob("*.py")]
NAMES = sorted({name for path in SOURCES for name in
                re.findall(r'url\.(?:choice|choices|text|period|current)\("([a-z_]+)"', path.read_text("utf-8"))}
               | {"lang", "opleider", "school", "f_productcode", "f_week_start_from", "f_level", "__proto__"})
HOSTILE = st.sampled_from([
    "'", "\"", "' OR '1'='1", "1; drop table sources; --", "%' union select * from sources --", "../../etc/passwd",
    "read_csv('/etc/passwd')", "\u0000", "\ufeff", "😀", "٣", "ß" * 300, "9" * 400, "-1", "1e309", "nan", "",
    "2025-02-30~2025-13-01", "B,B,B", ",", "B" + ",A" * 50, "null", "None", "[]", "{}",
])
VALUES = st.one_of(HOSTILE, st.text(max_size=60), st.integers(min_value=-10**30, max_value=10**30).map(str))
PARAMS = st.dictionaries(st.one_of(st.sampled_from(NAMES), st.text(min_size=1, max_size=12)),
                         st.one_of(VALUES, st.lists(VALUES, min_size=2, max_size=4)), max_size=6)


@pytest.fixture
def opened(monkeypatch):
    """Every database the dashboard opens."""
    seen: list[Path] = []
    real = serving.open_read_only
    monkeypatch.setattr(serving, "open_read_only", lambda path: seen.append(Path(path)) or real(path))
    return seen


@pytest.mark.slow
@pytest.mark.parametrize("page", [entry.path for entry in site.PAGES])
@settings(max_examples=6, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(params=PARAMS)
def test_any_url_gives_a_page_never_an_error(app, published, opened, page, params):
    test = app(page, **params)
    assert not test.exception, (page, params, test.exception)
    assert not test.error, (page, params, [e.value for e in test.error])
    assert {path.resolve() for path in opened} <= {published.resolve()}
