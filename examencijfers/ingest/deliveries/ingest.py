"""Standalone ingest of delivery files: the sources row, the load, the report, in one transaction per file.

The main ingest normally does this for every layout; this module lets the deliveries path run (and be
tested) on its own, with the same lineage conventions (sources row, sha256, MANIFEST.json for demo data).
"""
from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import duckdb

from examencijfers.errors import ExamencijfersError, InputError
from examencijfers.ingest.deliveries.controls import Finding
from examencijfers.ingest.deliveries.layout import DATASETS, LAYOUTS
from examencijfers.ingest.deliveries.loader import LoadResult, load
from examencijfers.ingest.deliveries.pseudonym import PseudonymKeyError, demo_key, load_key
from examencijfers.ingest.deliveries.reader import read_rows
from examencijfers.ingest.deliveries.report import write_report


class DeliveryRejected(ExamencijfersError):
    """A strict ingest found records with errors: nothing of the file was stored.

    `errors` holds one InputError per bad record (its first error-level finding), each naming the file,
    line, column, expectation and what was found.
    """

    def __init__(self, path: Path, errors: list[InputError]) -> None:
        super().__init__(path, errors)
        self.path, self.errors = path, errors

    def __str__(self) -> str:
        return (f"{self.path}: {len(self.errors)} record(s) with errors, nothing loaded "
                f"(first: {self.errors[0]})")


def record_errors(path: Path, findings: list[Finding]) -> list[InputError]:
    """One InputError per record with an error-level finding, in line order."""
    first: dict[int, Finding] = {}
    for finding in sorted(findings, key=lambda f: f.line_no):
        if finding.severity == "error":
            first.setdefault(finding.line_no, finding)
    return [InputError(path.name, f"{f.control}: {f.message}", line=f.line_no, column=f.field,
                       expected=f.expected, found=f.found) for f in first.values()]


def publication(result: LoadResult) -> str:
    """'teldatum 2024-10-01' for enrolment, 'examenjaar 2024' (or '2023+2024') for exam data."""
    if result.teldatum is not None:
        return f"teldatum {result.teldatum.isoformat()}"
    years = sorted(result.examenjaren)
    return "examenjaar " + ("+".join(map(str, years)) if years else "onbekend")


def is_synthetic(path: Path, sha256: str) -> bool:
    """A MANIFEST.json beside the file lists it with this sha256 and "synthetic": true."""
    manifest = path.parent / "MANIFEST.json"
    if not manifest.exists():
        return False
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(data.get("synthetic")) and data.get("files", {}).get(path.name) == sha256


def key_for(path: Path, sha256: str) -> bytes:
    """The configured key; without one, the per-process demo key for a file its MANIFEST marks synthetic,
    and for any other file the refusal (PseudonymKeyError)."""
    try:
        return load_key()
    except PseudonymKeyError:
        if is_synthetic(path, sha256):
            return demo_key()
        raise


def ingest_file(connection: duckdb.DuckDBPyConnection, path: Path, *, delivered_on: date | None = None,
                key: bytes | None = None, report_dir: Path | None = None, strict: bool = False) -> LoadResult:
    """Load one delivery file with its own sources row; all or nothing. Writes the report if report_dir.

    Without a key it refuses (PseudonymKeyError) unless the file is synthetic (pseudonym.demo_key).
    Default (the regulation's terugmelding): records with errors are stored, flagged and left out of the
    aggregates. strict=True: any record with an error rejects the whole file (DeliveryRejected, one
    InputError per bad record) and the warehouse is left as it was.
    """
    path = Path(path)
    sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    key = key_for(path, sha256) if key is None else key
    kind, _ = read_rows(path)                       # fails early on a file that is no delivery
    connection.execute("begin transaction")
    try:
        # max + 1, as the main ingest allocates it (it sets source_id explicitly, so the sequence lags)
        source_id = connection.execute("select coalesce(max(source_id), 0) + 1 from sources").fetchall()[0][0]
        connection.execute(
            "insert into sources (source_id, file_name, sha256, dataset, layout, publication, row_count, synthetic)"
            " values (?, ?, ?, ?, ?, 'pending', 0, ?)",
            [source_id, path.name, sha256, DATASETS[kind], LAYOUTS[kind], is_synthetic(path, sha256)])
        result = load(connection, path, source_id, kind=kind, delivered_on=delivered_on, key=key)
        if strict and result.records_with_errors:
            raise DeliveryRejected(path, record_errors(path, result.findings))
        connection.execute(
            "update sources set publication = ?, row_count = ?, period_start = ?, period_end = ?"
            " where source_id = ?",
            [publication(result), result.records, result.first_date, result.last_date, source_id])
        connection.execute("commit")
    except BaseException:
        connection.execute("rollback")
        raise
    if report_dir is not None:
        write_report(connection, source_id, report_dir)
    return result
