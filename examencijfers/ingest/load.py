"""Loading files into the warehouse: whole or not at all, once, with their lineage.

A file is read, recognised, parsed and checked entirely in memory; only then is it written, inside
one transaction together with its `sources` row. A file already loaded (same sha256) is left alone,
so re-ingesting changes nothing. One bad file does not stop the others of the same run.
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import signal
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from examencijfers import paths
from examencijfers.errors import ExamencijfersError, InputError
from examencijfers.ingest import deliveries
from examencijfers.ingest.checks import check
from examencijfers.ingest.detect import detect
from examencijfers.ingest.frames import typed_frame
from examencijfers.ingest.periods import PERIODS
from examencijfers.ingest.reader import read_csv_text, refuse_oversized

MANIFEST = "MANIFEST.json"  # written by `examencijfers demo-data` next to synthetic files
CRASH_AT = "EXAMENCIJFERS_CRASH_AT"  # fault injection for the crash-safety tests: a step name below


def crash_point(step: str) -> None:
    """Die here, as by `kill -9`, when the crash-safety tests ask for it."""
    if os.environ.get(CRASH_AT) == step:
        os.kill(os.getpid(), signal.SIGKILL)


@dataclass(frozen=True)
class Outcome:
    path: Path
    status: str  # loaded | unchanged | skipped | failed
    message: str = ""
    dataset: str = ""
    rows: int = 0

    @property
    def failed(self) -> bool:
        return self.status == "failed"


def is_synthetic(path: Path, sha256: str) -> bool:
    """Demo data is marked by a manifest that lists the file with this very checksum."""
    manifest = path.parent / MANIFEST
    if not manifest.is_file():
        return False
    try:
        listed = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return listed.get("synthetic") is True and listed.get("files", {}).get(path.name) == sha256


def table_columns(connection: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    """The table's columns in order. From the catalog entry itself: a query of information_schema took
    20 ms in a fresh warehouse, a fixed cost of every file."""
    return connection.table(table).columns


def ingest_file(connection: duckdb.DuckDBPyConnection, path: Path) -> Outcome:
    path = Path(path)
    refuse_oversized(path, path.stat().st_size)
    data = path.read_bytes()
    sha256 = hashlib.sha256(data).hexdigest()
    known = connection.execute("select file_name from sources where sha256 = ?", [sha256]).fetchone()
    if known:
        return Outcome(path, "unchanged", f"already loaded (as {known[0]})")
    if _is_delivery(path):  # record-level deliveries (issue 9) report per record
        return ingest_delivery(connection, path)
    text = read_csv_text(path, data)
    match = detect(path, text.header)
    layout = match.layout
    if layout.table is None:
        return Outcome(path, "skipped", f"recognised as {layout.id}: reference material, not loaded",
                       layout.dataset)
    frame = typed_frame(text, match)
    check(path, layout, frame, {target: text.header[position] for target, position in match.positions.items()})
    publication = PERIODS[layout.period](path, frame)

    connection.begin()
    try:
        source_id = connection.execute("select coalesce(max(source_id), 0) + 1 from sources").fetchone()[0]
        connection.execute(
            "insert into sources (source_id, file_name, sha256, dataset, layout, publication, period_start,"
            " period_end, row_count, synthetic) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [source_id, path.name, sha256, layout.dataset, layout.id, publication.name, publication.start,
             publication.end, frame.height, is_synthetic(path, sha256)])
        crash_point("after_sources_row")
        columns = [name for name in table_columns(connection, layout.table) if name in frame.columns]
        incoming = frame.select(pl.lit(source_id).alias("source_id"), *columns).to_arrow()
        connection.register("incoming", incoming)
        connection.execute(f"insert into {layout.table} by name select * from incoming")
        connection.unregister("incoming")
        crash_point("before_commit")
        connection.commit()
        crash_point("after_commit")
    except duckdb.Error as error:
        connection.rollback()
        raise InputError(path, f"the warehouse refused the rows: {str(error).splitlines()[0]}") from None
    except BaseException:
        connection.rollback()
        raise
    return Outcome(path, "loaded", f"{layout.id}, publication {publication.name}", layout.dataset, frame.height)


def _is_delivery(path: Path) -> bool:
    try:
        return deliveries.sniff(path) is not None
    except csv.Error:  # sniff() promises not to raise, but a bare CR in line 1 trips its csv reader
        return False


def ingest_delivery(connection: duckdb.DuckDBPyConnection, path: Path) -> Outcome:
    """A Bijlage 1/2 delivery: validated, pseudonymised and loaded by the deliveries package, which writes
    its terugmelding to data/reports and rebuilds the deliveries' aggregates."""
    try:
        result = deliveries.ingest_file(connection, path, report_dir=paths.DATA / "reports")
    except deliveries.PseudonymKeyError as error:
        return Outcome(path, "failed", str(error))
    deliveries.build_aggregates(connection)
    return Outcome(path, "loaded", f"{deliveries.LAYOUTS[result.kind]}, {deliveries.publication(result)}; "
                   f"{result.records_with_errors} records with errors left out (report in data/reports)",
                   deliveries.DATASETS[result.kind], result.records)


def csv_files(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders searched for *.csv (sorted, so every run loads in the same order)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".csv"))
        elif path.exists():
            found.append(path)
        else:
            raise ExamencijfersError(f"{path}: no such file or folder")
    return found


def ingest_paths(connection: duckdb.DuckDBPyConnection, paths: Iterable[Path],
                 on_file: Callable[[Path], None] | None = None) -> list[Outcome]:
    outcomes = []
    for path in csv_files(paths):
        if on_file:
            on_file(path)
        try:
            outcomes.append(ingest_file(connection, path))
        except InputError as error:
            outcomes.append(Outcome(path, "failed", str(error)))
        except OSError as error:  # unreadable (permissions, a disk error): this file fails, the others go on
            outcomes.append(Outcome(path, "failed", str(InputError(path, f"cannot read the file: {error.strerror}"))))
    return outcomes
