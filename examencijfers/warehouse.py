"""Opening the private warehouse: the one place that knows its DDL lives in sql/warehouse.sql."""
from __future__ import annotations

from pathlib import Path

import duckdb

from examencijfers import paths


def warehouse_ddl() -> str:
    return (paths.SQL / "warehouse.sql").read_text(encoding="utf-8")


def open_warehouse(db: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (and on first use create) the warehouse. Read-only opens never create or migrate."""
    db = Path(db)
    if read_only:
        if not db.exists():
            raise FileNotFoundError(f"{db}: no warehouse here; run `examencijfers build` first")
        return duckdb.connect(str(db), read_only=True)
    db.parent.mkdir(parents=True, exist_ok=True)
    connection = duckdb.connect(str(db))
    connection.execute(warehouse_ddl())
    return connection
