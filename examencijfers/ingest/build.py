"""`examencijfers build`: a fresh warehouse from data/raw and data/reference, replaced in one step.

The new database is written next to the old one and renamed over it only when every file loaded, so
a failed build leaves the previous warehouse (or none) in place, never a half-built one.
"""
from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable
from pathlib import Path

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
    building.unlink(missing_ok=True)
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
        building.unlink(missing_ok=True)
        building.with_name(building.name + ".wal").unlink(missing_ok=True)
        raise ExamencijfersError(f"build failed, {db} left as it was: {failed[0].message}"
                                 + (f" (and {len(failed) - 1} more)" if len(failed) > 1 else ""))
    os.replace(building, db)
    return outcomes
