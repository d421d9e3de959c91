"""The dashboard under test: the bundled data (data/raw) built and published once per session into a
temporary folder, and AppTest runs of app.py pointed at that publication."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from examencijfers import paths, serving
from examencijfers.ingest.build import build as build_warehouse
from examencijfers.publish.build import publish
from examencijfers.publish.rules import load_rules

APP = str(paths.ROOT / "app.py")


@pytest.fixture(scope="session")
def published(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bundled")
    warehouse, out = folder / "warehouse.duckdb", folder / "published.duckdb"
    build_warehouse(warehouse, paths.RAW, paths.REFERENCE, lambda *args: None)
    publish(warehouse, out, load_rules(None))
    return out


@pytest.fixture(scope="session")
def published_connection(published):
    """An independent read of the publication, for expectations computed without the queries."""
    connection = serving.open_read_only(published)   # the app's own configuration: DuckDB wants one per file
    yield connection
    connection.close()


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
