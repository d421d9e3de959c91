"""Fixtures shared by several test folders: the bundled data (data/raw) built and published once per session
(publishing runs the protection solver, which takes a while) for the dashboard's AppTest and browser tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from examencijfers import paths, serving
from examencijfers.ingest.build import build as build_warehouse
from examencijfers.publish.build import publish
from examencijfers.publish.rules import load_rules


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


