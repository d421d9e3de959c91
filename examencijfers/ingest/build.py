"""`examencijfers build`: a fresh warehouse from data/raw and data/reference, replaced in one step.

The new database is written next to the old one and renamed over it only when every file loaded, so
a failed build leaves the previous warehouse (or none) in place, never a half-built one.
"""
from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable
from pathlib import Path

import duckdb

from examencijfers import paths
from examencijfers.errors import ExamencijfersError
from examencijfers.ingest.load import Outcome, csv_files, ingest_paths
from examencijfers.ingest.reference import load_reference
from examencijfers.warehouse import open_warehouse

# Files in data/raw that the bundled database leaves out, and why.
LEFT_OUT = {
    "*.EXCERPT.*": "an excerpt of a publication (used by the tests), not a whole school year",
}


def left_out(path: Path) -> str | None:
    return next((why for pattern, why in LEFT_OUT.items() if fnmatch.fnmatch(path.name, pattern)), None)


def build(db: Path = paths.WAREHOUSE, raw: Path = paths.RAW, reference: Path = paths.REFERENCE,
          on_file: Callable[[Path], None] | None = None) -> list[Outcome]:
    db = Path(db)
    building = db.with_name(db.name + ".building")
    _remove(building)  # what a killed build left, its log included
    connection = open_warehouse(building)
    try:
        load_reference(connection, reference)
        files = csv_files([raw])
        outcomes = [Outcome(path, "skipped", why) for path in files if (why := left_out(path))]
        outcomes += ingest_paths(connection, [path for path in files if not left_out(path)], on_file)
    finally:
        connection.close()
    failed = [outcome for outcome in outcomes if outcome.failed]
    if failed:
        _remove(building)
        raise ExamencijfersError(f"build failed, {db} left as it was: {failed[0].message}"
                                 + (f" (and {len(failed) - 1} more)" if len(failed) > 1 else ""))
    _fold_write_ahead_log(db)
    os.replace(building, db)
    return outcomes


def _remove(database: Path) -> None:
    database.unlink(missing_ok=True)
    database.with_name(database.name + ".wal").unlink(missing_ok=True)


def _fold_write_ahead_log(db: Path) -> None:
    """Fold the old warehouse's write-ahead log into it before the file is replaced.

    An ingest killed after its commit leaves warehouse.duckdb.wal behind; next to the new file DuckDB would
    refuse it ("WAL does not match database file") and the new warehouse would not open. Opening the old
    file replays and checkpoints its log; if that fails (another process holds it), the build stops here.
    """
    if not db.with_name(db.name + ".wal").exists():
        return
    try:
        duckdb.connect(str(db)).close()
    except duckdb.Error as error:
        _remove(db.with_name(db.name + ".building"))
        raise ExamencijfersError(f"build failed, {db} left as it was: its write-ahead log cannot be folded in"
                                 f" ({str(error).splitlines()[0]})") from None
