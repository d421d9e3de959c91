"""Every query module, four ways: our path, the raw SQL in DuckDB (the floor), pandas and SQLite (the peers).

- ours: `queries.run(name, **params)`, the loader the pages call (header check, bound parameters, a polars
  DataFrame, the output columns checked);
- floor: the same rendered SQL and bound parameters on a plain read-only DuckDB connection, fetched as
  Arrow (the least DuckDB can do to hand over a result);
- pandas: benchmarks/peers/pandas_peer.py on the published tables already in memory (load time apart);
- sqlite: benchmarks/peers/sqlite_peer.py, our SQL translated, on a SQLite copy (build time apart).

Each peer's answer is compared with ours before it is timed; a peer that disagrees is reported with
where it differs, and its time is kept out of the ratios.
"""
from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

import queries
from examencijfers.serving import open_read_only
from benchmarks.agree import disagreement, normalise, order_columns, pandas_rows, polars_rows
from benchmarks.peers import pandas_peer, sqlite_peer
from benchmarks.questions import PARAMS, discover
from benchmarks.timing import Timing, measure, measure_alternating


CHEAP, CHEAP_REPEAT = 0.01, 100  # a query under 10 ms is timed up to 100 times: its noise is relatively large


def _first(function: Callable[[], Any]) -> tuple[float, Any, str | None]:
    """The first (untimed-for-stats) call: its seconds, its result or the error it raised."""
    begin = time.perf_counter()
    try:
        result = function()
    except Exception as error:  # noqa: BLE001 - a failing peer is a finding, not a crash of the harness
        return time.perf_counter() - begin, None, f"{type(error).__name__}: {str(error).splitlines()[0]}"
    return time.perf_counter() - begin, result, None


def _timed(function: Callable[[], Any], first_seconds: float, repeat: int, budget: float) -> Timing:
    """Timed runs after the first call (which was the warm-up); one run only when a run costs the budget."""
    timing = measure(function, repeat=repeat, warmup=0, budget=budget, min_repeat=1 if first_seconds > budget else 3)
    timing.warmup = 1
    return timing


class Peers:
    """The peers' data, loaded once per scale: pandas frames in memory, a SQLite copy on disk."""

    def __init__(self, published: Path, sqlite_path: Path, use_pandas: bool = True, use_sqlite: bool = True,
                 cap: float = 30.0):
        self.cap = cap  # seconds one SQLite run may take before it is interrupted and reported as "over"
        self.setup: dict[str, Any] = {}
        self.frames = None
        self.sqlite = None
        if use_pandas:
            begin = time.perf_counter()
            self.frames = pandas_peer.load_frames(published)
            self.setup["pandas_load_s"] = round(time.perf_counter() - begin, 3)
        if use_sqlite:
            begin = time.perf_counter()
            counts = sqlite_peer.build(published, sqlite_path)
            self.setup["sqlite_build_s"] = round(time.perf_counter() - begin, 3)
            self.setup["sqlite_rows"] = sum(counts.values())
            self.setup["sqlite_bytes"] = Path(sqlite_path).stat().st_size
            self.sqlite = sqlite_peer.connect(sqlite_path)

    def close(self) -> None:
        if self.sqlite is not None:
            self.sqlite.close()
        self.frames = None


def bench_queries(published: Path, peers: Peers, repeat: int, budget: float,
                  names: list[str] | None = None) -> list[dict[str, Any]]:
    os.environ["EXAMENCIJFERS_PUBLISHED"] = str(published)
    context = discover(published)
    gc.freeze()  # the peers' loaded tables are permanent: collections during timed runs need not walk them
    floor_connection = open_read_only(published)  # the configuration queries/ uses (one per file)
    rows = []
    try:
        for name in names or queries.names():
            rows.append(_bench_one(name, context, floor_connection, peers, repeat, budget, published))
    finally:
        floor_connection.close()
        gc.unfreeze()
    return rows


def _bench_one(name: str, context, floor_connection, peers: Peers, repeat: int, budget: float,
               published: Path) -> dict[str, Any]:
    row: dict[str, Any] = {"query": name}
    if name not in PARAMS:
        row["error"] = "no parameters in benchmarks/questions.py: add a row for this query"
        return row
    params = PARAMS[name](context)
    row["params"] = {key: (value.isoformat() if hasattr(value, "isoformat") else value) for key, value in params.items()}
    query = queries.load(name)
    sql, bound = queries.render(query, params)
    order_by = order_columns(sql)

    def ours():
        return queries.run(name, **params)

    def floor():
        return floor_connection.sql(sql, params=bound or None).to_arrow_table()

    seconds, ours_result, error = _first(ours)
    if error:
        row["error"] = f"ours: {error}"
        return row
    row["rows"] = ours_result.height
    floor_seconds, _, floor_error = _first(floor)
    if floor_error:
        row["ours"] = _timed(ours, seconds, repeat, budget).as_dict()
        row["floor"] = {"error": floor_error}
    else:  # side by side, so the ratio is not the machine's mood; a few-millisecond query gets more runs
        runs = max(repeat, CHEAP_REPEAT) if seconds < CHEAP else repeat
        ours_timing, floor_timing = measure_alternating(
            [ours, floor], repeat=runs, budget=2 * budget, min_repeat=1 if seconds > budget else 3)
        row["ours"], row["floor"] = ours_timing.as_dict(), floor_timing.as_dict()
    expected = polars_rows(ours_result)

    if peers.frames is not None:
        question = pandas_peer.QUESTIONS.get(name)
        if question is None:
            row["pandas"] = {"error": "no pandas version in benchmarks/peers/pandas_peer.py"}
        else:
            recording = pandas_peer.Recording(peers.frames)

            def pandas_answer():
                return question(recording, **params)

            row["pandas"] = _peer(pandas_answer, pandas_rows, expected, order_by, repeat, budget)
            if row["pandas"].get("agrees"):
                def pandas_from_files():
                    return question(pandas_peer.load_frames(published, recording.used), **params)

                row["pandas"]["tables"] = sorted(recording.used)
                row["pandas_with_load"] = measure(pandas_from_files, repeat=min(repeat, 3), warmup=0,
                                                  budget=budget, min_repeat=1).as_dict()
    if peers.sqlite is not None:
        try:
            lite_sql = sqlite_peer.translate(name, sql)
        except sqlite_peer.SqliteTranslationError as translation_error:
            row["sqlite"] = {"error": str(translation_error)}
        else:
            def sqlite_answer():
                return sqlite_peer.run(peers.sqlite, lite_sql, bound, timeout=peers.cap)

            row["sqlite"] = _peer(sqlite_answer, lambda result: (result[0], [tuple(r) for r in result[1]]),
                                  expected, order_by, repeat, budget)
    _ratios(row)
    return row


def _peer(answer: Callable[[], Any], as_rows: Callable[[Any], Any], expected, order_by, repeat: int,
          budget: float) -> dict[str, Any]:
    seconds, result, error = _first(answer)
    if error and "SqliteTimeout" in error:
        return {"timeout_s": round(seconds, 1)}
    if error:
        return {"error": error}
    columns, rows = as_rows(result)
    differs = disagreement(expected, (columns, [tuple(normalise(v) for v in r) for r in rows]), order_by)
    if differs:
        return {"agrees": False, "difference": differs}
    try:
        return {"agrees": True, **_timed(answer, seconds, repeat, budget).as_dict()}
    except sqlite_peer.SqliteTimeout:
        return {"agrees": True, "timeout_s": round(seconds, 1)}


def _ratios(row: dict[str, Any]) -> None:
    """ours / floor (want <= 1.5); pandas / ours and sqlite / ours (how many times faster we are)."""
    ours = row["ours"]["median_ms"]
    ratios = {}
    if "median_ms" in row.get("floor", {}):
        ratios["ours_vs_floor"] = round(ours / row["floor"]["median_ms"], 2)
    for peer in ("pandas", "sqlite"):
        result = row.get(peer, {})
        if result.get("agrees"):
            ratios[f"{peer}_vs_ours"] = round(result["median_ms"] / ours, 2)
        elif "timeout_s" in result:
            ratios[f"{peer}_vs_ours_at_least"] = round(result["timeout_s"] * 1000 / ours, 1)
    if "median_ms" in row.get("pandas_with_load", {}):
        ratios["pandas_with_load_vs_ours"] = round(row["pandas_with_load"]["median_ms"] / ours, 2)
    row["ratios"] = ratios
