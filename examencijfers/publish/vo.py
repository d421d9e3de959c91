"""VO tables: primary suppression in SQL, then secondary suppression over all margins."""
from __future__ import annotations

import duckdb


def publish_vo(connection: duckdb.DuckDBPyConnection) -> None:
    """Fill vo_pass_rates (and later the other VO tables)."""
