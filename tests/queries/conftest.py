from __future__ import annotations

import pytest

import queries
import queries_fixture


@pytest.fixture(scope="session")
def published(tmp_path_factory):
    """The fixture published database, and EXAMENCIJFERS_PUBLISHED pointing at it for the session."""
    path = queries_fixture.build(tmp_path_factory.mktemp("published") / "published.duckdb")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EXAMENCIJFERS_PUBLISHED", str(path))
        yield path


@pytest.fixture
def run(published):
    return queries.run
