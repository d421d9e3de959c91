"""The dashboard's one door to data: a read-only handle on the published database, and cached results.

One DuckDB handle per published file is shared by every session (a cached resource); each query runs on
its own cursor, which is DuckDB's way to use one database from many threads. The handle is keyed by the
file's modification time, so `examencijfers publish` (which swaps a new file in) is picked up by the next
run: the old handle is closed and the new file opened. Results are remembered per query, parameter set
and file (`Results`), bounded in number and bytes, so memory stays flat however many visitors come.
Nothing here can open another file than the published database (`serving.published_path`).
"""
from __future__ import annotations

import os
import threading
from collections.abc import Callable
from contextvars import ContextVar
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import polars as pl
import streamlit as st

import queries
from examencijfers import serving
from examencijfers.ui.remembered import Remembered
from examencijfers.ui.turns import PAGE_RUNS

V = TypeVar("V")

_PINNED: ContextVar[tuple[Path, int] | None] = ContextVar("examencijfers_published_file", default=None)


def published_file() -> tuple[Path, int]:
    """The published database and its modification time (the cache key of everything read from it); inside a
    `per_publication` function, the file its key names."""
    pinned = _PINNED.get()
    if pinned is not None:
        return pinned
    path = serving.published_path()
    try:
        return path, os.stat(path).st_mtime_ns   # os.stat: a tenth of Path.stat's cost, on every query
    except FileNotFoundError:
        raise serving.NotServable(f"{path}: no published database; run `examencijfers publish`") from None


class Handles:
    """The one open handle per published file. When the file is replaced (a new modification time), the old
    handle is closed *before* the new one opens: DuckDB hands a second connect to an open path the database
    already open, which would be the replaced file's."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: dict[str, tuple[int, duckdb.DuckDBPyConnection]] = {}

    def get(self, path: str, stamp: int) -> duckdb.DuckDBPyConnection:
        with self._lock:
            current = self._open.get(path)
            if current is not None and current[0] == stamp:
                return current[1]
            if current is not None:
                current[1].close()
            connection = serving.open_read_only(path)
            self._open[path] = (stamp, connection)
            return connection

    def cursor(self, path: str, stamp: int) -> duckdb.DuckDBPyConnection:
        """A cursor of the handle: DuckDB's way to use one database from many threads."""
        connection = self.get(path, stamp)
        with self._lock:
            return connection.cursor()


@st.cache_resource(show_spinner=False)
def handles() -> Handles:
    return Handles()


@st.cache_resource(max_entries=4, show_spinner=False)
def readiness(path: str, stamp: int) -> serving.Readiness:
    """The start-up check of a published file (it holds exactly the published contract), once per file."""
    handles().get(path, stamp)   # a replaced file's handle is closed first, so the check reads the new one
    return serving.check_servable(Path(path))


class Results(Remembered):
    """Query results by query, file and parameters (and the downloads' previews, filter values and size
    estimates, keyed the same way). Unlike st.cache_data, which stores a pickled copy and
    unpickles a new one on every call (a tenth of a warm page's time), every session gets the same frame:
    polars frames are not changed in place by the pages (every operation returns a new frame), and a
    result is read only. Bounded by number, as st.cache_data was, and by the frames' size; a result of
    a replaced file is never asked for again (its modification time is in the key) and ages out."""

    SIZE = 4000
    BUDGET = 256 * 2**20


def frozen(value: Any) -> Any:
    """A parameter as a hashable key that tells apart what the query would (1, 1.0 and True compare equal in
    Python, so each value carries its type)."""
    if isinstance(value, dict):
        return ("dict", tuple((key, frozen(item)) for key, item in sorted(value.items())))
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(frozen(item) for item in value))
    if isinstance(value, (set, frozenset)):
        return ("set", frozenset(frozen(item) for item in value))
    return (type(value).__name__, value)


def read_once(key: tuple, read: Callable[[tuple[Path, int]], V],
              weigh: Callable[[V], int] = lambda value: 0) -> V:
    """`read(file)` of the published database (its path and modification time), remembered in `Results` by
    `key` and the file, and made out of turn: DuckDB works without the GIL, so the next page run goes on
    meanwhile. The value is shared with every other session asking the same: read it, never change it."""
    file = published_file()

    def made() -> V:
        with PAGE_RUNS.aside():
            return read(file)
    return Results.shared().recall((*key, str(file[0]), file[1]), made, weigh)


def _run(name: str, file: tuple[Path, int], params: dict[str, Any]) -> pl.DataFrame:
    cursor = handles().cursor(str(file[0]), file[1])
    try:
        return queries.run_on(cursor, name, **params)
    finally:
        cursor.close()


def query(name: str, **params: Any) -> pl.DataFrame:
    """Run a query of queries/ on the published database; remembered per parameter set and publication.
    The frame is shared with every other session asking the same: read it, never change it in place."""
    return read_once((name, frozen(params)), lambda file: _run(name, file, params), pl.DataFrame.estimated_size)


def publication() -> dict[str, str]:
    """The `publication` table of the served file: built_at, schema_version, rules ..."""
    path, stamp = published_file()
    return readiness(path=str(path), stamp=stamp).publication


class Derived(Remembered):
    """What a page derives from query results alone, per publication and arguments (see `per_publication`)."""

    SIZE = 1000
    BUDGET = 128 * 2**20


def per_publication(make: Callable[..., V]) -> Callable[..., V]:
    """`make(*args)`, a function of the published data and its arguments alone (whatever else it depends on,
    the language too, is an argument), run once per publication and arguments and shared by every session,
    read-only like a query's result. Every query it makes reads the file its key names, also when a new one is
    swapped in meanwhile. A page's own polars work on its query results is dozens of small operations per run,
    each of which lets go of the GIL and waits for it again behind the other runs: the overview, which has no
    filters at all, spent half its run on them. Known by its file and name, since a page defines its functions
    anew on every run; it holds no lock while it works (Remembered), unlike Streamlit's cache decorators."""
    name = (make.__code__.co_filename, make.__qualname__)

    def pinned(file: tuple[Path, int], args: tuple) -> V:
        token = _PINNED.set(file)
        try:
            return make(*args)
        finally:
            _PINNED.reset(token)

    def remembered(*args: Any) -> V:
        file = published_file()
        return Derived.shared().recall((*name, str(file[0]), file[1], frozen(args)), lambda: pinned(file, args),
                                       weight)
    return remembered


def weight(value: Any) -> int:
    """About the bytes a derived value holds: its frames' and a little per other value."""
    if isinstance(value, (pl.DataFrame, pl.Series)):
        return value.estimated_size()
    if isinstance(value, (tuple, list)):
        return sum(weight(item) for item in value) + 64 * len(value)
    if isinstance(value, dict):
        return sum(weight(item) for item in value.values()) + 100 * len(value)
    return 64
