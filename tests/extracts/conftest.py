"""Fixtures of the extracts tests (the rows live in extracts_fixtures.py, a uniquely named module)."""
from pathlib import Path

import pytest

from extracts_fixtures import build_published


@pytest.fixture(scope="session")
def published_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_published(tmp_path_factory.mktemp("published") / "published.duckdb")
