"""The dashboard under test: AppTest runs of app.py pointed at the bundled data's publication (built once
per session by tests/conftest.py)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from examencijfers import paths

APP = str(paths.ROOT / "app.py")


@pytest.fixture
def app(published, monkeypatch):
    """A function that runs app.py on a page with URL parameters, as a visitor's first request."""
    monkeypatch.setenv("EXAMENCIJFERS_PUBLISHED", str(published))
    monkeypatch.delenv("EXAMENCIJFERS_MODE", raising=False)

    def run(page: str | None = None, **params) -> AppTest:
        test = AppTest.from_file(APP, default_timeout=60).run()   # registers the pages with st.navigation
        for key, value in params.items():                          # then the visitor's link, as a first visit
            test.query_params[key] = value
        if page:
            test.switch_page(page)
        return test.run()
    return run


def texts(test: AppTest) -> list[str]:
    """Every caption, markdown and alert text of a run, to search for what a visitor reads."""
    return [e.value for kind in ("caption", "markdown", "info", "warning", "error", "success")
            for e in getattr(test, kind)]
