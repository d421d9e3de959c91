"""Ingest: the whole build, and per layout our ingest of one file against DuckDB's read_csv of it (the floor).

Our path is `examencijfers.ingest.load.ingest_file` into a fresh warehouse: decode, detect the layout,
parse and check every field, derive, write with lineage in one transaction. The floor is what DuckDB
itself does with the same bytes: `create table ... as select * from read_csv(file)` with its sniffer
and type detection, into a fresh database file of its own. Both write to disk; neither counts the
creation of the empty database.
"""
from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from benchmarks.timing import measure_alternating, once
from examencijfers.ingest.build import build
from examencijfers.ingest.load import Outcome, ingest_file
from examencijfers.warehouse import open_warehouse


def build_warehouse(raw: Path, warehouse: Path) -> tuple[dict[str, Any], list[Outcome]]:
    """`examencijfers build` once, timed: the warehouse the rest of the harness publishes."""
    from examencijfers import paths

    seconds, outcomes = once(lambda: build(warehouse, raw, paths.REFERENCE))
    rows = sum(outcome.rows for outcome in outcomes)
    loaded = [outcome for outcome in outcomes if outcome.status == "loaded"]
    return {"seconds": round(seconds, 3), "files": len(loaded), "rows": rows,
            "rows_per_s": round(rows / seconds) if seconds else None}, outcomes


def representative_files(outcomes: list[Outcome]) -> dict[str, Outcome]:
    """Per dataset, the loaded file with the most rows."""
    chosen: dict[str, Outcome] = {}
    for outcome in outcomes:
        best = chosen.get(outcome.dataset)
        if outcome.status == "loaded" and (best is None or outcome.rows > best.rows):
            chosen[outcome.dataset] = outcome
    return dict(sorted(chosen.items()))


def csv_rows(path: Path) -> int:
    """Data rows of the file as DuckDB's reader counts them (a wide DUO row is one row here)."""
    connection = duckdb.connect()
    try:
        return connection.execute("select count(*) from read_csv(?, encoding = ?)",
                                  [str(path), duckdb_encoding(path)]).fetchone()[0]
    finally:
        connection.close()


def duckdb_encoding(path: Path) -> str:
    try:
        path.read_bytes().decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "latin-1"  # DuckDB's built-in single-byte decoder (our reader uses Windows-1252 first)


def _fresh(folder: Path, make: Callable[[Path], duckdb.DuckDBPyConnection]) -> duckdb.DuckDBPyConnection:
    handle = tempfile.NamedTemporaryFile(dir=folder, suffix=".duckdb", delete=True)
    handle.close()
    return make(Path(handle.name))


def ours(path: Path, folder: Path) -> Callable[[], Any]:
    """A callable that ingests `path` into a new warehouse; the empty warehouse is made untimed."""
    state: dict[str, duckdb.DuckDBPyConnection] = {}

    def prepare() -> None:
        state["connection"] = _fresh(folder, open_warehouse)

    def run() -> None:
        connection = state.pop("connection")
        outcome = ingest_file(connection, path)
        connection.close()
        if outcome.status != "loaded":
            raise RuntimeError(f"{path.name}: {outcome.status} {outcome.message}")

    return _prepared(prepare, run)


def floor(path: Path, folder: Path) -> Callable[[], Any]:
    encoding = duckdb_encoding(path)
    state: dict[str, duckdb.DuckDBPyConnection] = {}

    def prepare() -> None:
        state["connection"] = _fresh(folder, lambda p: duckdb.connect(str(p)))

    def run() -> None:
        connection = state.pop("connection")
        connection.execute("create table floor as select * from read_csv(?, encoding = ?)", [str(path), encoding])
        connection.close()

    return _prepared(prepare, run)


class _prepared:
    """A timed callable with a preparation before each call that is not timed: measure_alternating calls
    `before()` outside the timed part (a direct call prepares first, if it has to)."""

    def __init__(self, prepare: Callable[[], None], run: Callable[[], None]):
        self.prepare, self.run = prepare, run
        self.ready = False

    def before(self) -> None:
        if not self.ready:
            self.prepare()
            self.ready = True

    def __call__(self) -> None:
        self.before()
        self.ready = False
        self.run()


def ingest_files(outcomes: list[Outcome], workdir: Path, repeat: int, budget: float) -> list[dict[str, Any]]:
    """Rows per second, ours against the floor, for the biggest file of each dataset."""
    rows = []
    with tempfile.TemporaryDirectory(dir=workdir, prefix="ingest-") as folder:
        for dataset, outcome in representative_files(outcomes).items():
            our_run, floor_run = ours(outcome.path, Path(folder)), floor(outcome.path, Path(folder))
            our_run(), floor_run()  # the warm-ups
            ours_timing, floor_timing = measure_alternating([our_run, floor_run], repeat=repeat, budget=budget,
                                                            min_repeat=2)
            lines = csv_rows(outcome.path)
            rows.append({
                "dataset": dataset, "file": outcome.path.name, "csv_rows": lines,
                "warehouse_rows": outcome.rows, "bytes": outcome.path.stat().st_size,
                "ours": ours_timing.as_dict(), "floor": floor_timing.as_dict(),
                "ours_rows_per_s": round(lines / ours_timing.median),
                "floor_rows_per_s": round(lines / floor_timing.median),
                "ratio": round(ours_timing.median / floor_timing.median, 2),
            })
    return rows
