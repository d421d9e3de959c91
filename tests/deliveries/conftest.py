"""Shared fixtures: a key, the reference lists, and one synthetic delivery pair loaded into a warehouse."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from examencijfers.ingest.deliveries import build_aggregates, ingest_file, synthetic
from examencijfers.ingest.deliveries.reference import References, load_references
from examencijfers.warehouse import open_warehouse

KEY = b"test-key-0123456789abcdef"


@pytest.fixture(scope="session")
def refs() -> References:
    return load_references(duckdb.connect())


@dataclass
class Loaded:
    db: Path
    generated: synthetic.Generated
    results: dict


@pytest.fixture(scope="session")
def loaded(tmp_path_factory, refs) -> Loaded:
    """Synthetic files of both kinds (with their deliberate faults), loaded and aggregated once."""
    root = tmp_path_factory.mktemp("deliveries")
    generated = synthetic.generate(root / "files", refs, seed=7, vestigingen=3, per_opleiding=14, per_leerjaar=8)
    db = root / "warehouse.duckdb"
    connection = open_warehouse(db)
    results = {kind: ingest_file(connection, path, key=KEY, report_dir=root / "reports")
               for kind, path in generated.files.items()}
    build_aggregates(connection, refs)
    connection.close()
    return Loaded(db, generated, results)


@pytest.fixture
def warehouse(loaded):
    connection = duckdb.connect(str(loaded.db), read_only=True)
    yield connection
    connection.close()
