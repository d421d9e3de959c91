"""The dashboard's one door to data: a read-only handle on the published database, and cached results.

One DuckDB handle per published file is shared by every session (a cached resource); each query runs on
its own cursor, which is DuckDB's way to use one database from many threads. The handle is keyed by the
file's modification time, so `examencijfers publish` (which swaps a new file in) is picked up by the next
run, and the old handle is closed when it leaves the cache. Results are cached per query, parameter set
and file, bounded in number and age, so memory stays flat however many visitors come.
Nothing here can open another file than the published database (`serving.published_path`).
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import streamlit as st

import queries
from examencijfers import serving

_cursor_lock = threading.Lock()


def published_file() -> tuple[Path, int]:
    """The published database and its modification time (the cache key of everything read from it)."""
    path = serving.published_path()
    try:
        return path, path.stat().st_mtime_ns
    except FileNotFoundError:
        raise serving.NotServable(f"{path}: no published database; run `examencijfers publish`") from None


@st.cache_resource(max_entries=4, show_spinner=False)
def readiness(path: str, stamp: int) -> serving.Readiness:
    """The start-up check of a published file (it holds exactly the published contract), once per file."""
    return serving.check_servable(Path(path))


def _close(connection: duckdb.DuckDBPyConnection) -> None:
    connection.close()


@st.cache_resource(max_entries=2, show_spinner=False, on_release=_close)
def _database(path: str, stamp: int) -> duckdb.DuckDBPyConnection:
    return serving.open_read_only(path)


@st.cache_data(ttl="6h", max_entries=4000, show_spinner=False)
def _cached(name: str, path: str, stamp: int, params: dict[str, Any]) -> pl.DataFrame:
    database = _database(path, stamp)
    with _cursor_lock:
        cursor = database.cursor()
    try:
        return queries.run_on(cursor, name, **params)
    finally:
        cursor.close()


def query(name: str, **params: Any) -> pl.DataFrame:
    """Run a query of queries/ on the published database; cached per parameter set and publication."""
    path, stamp = published_file()
    return _cached(name, str(path), stamp, params)


def publication() -> dict[str, str]:
    """The `publication` table of the served file: built_at, schema_version, rules ..."""
    path, stamp = published_file()
    return readiness(str(path), stamp).publication
