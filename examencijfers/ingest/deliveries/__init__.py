"""Record-level VO deliveries: Bijlage 1 (inschrijvingsgegevens) and Bijlage 2 (examengegevens) of the
Regeling gegevenslevering onderwijsnummer VO. Validate every field and record, pseudonymise, store in the
warehouse, report per file, aggregate.

Interface for the main ingest (examencijfers/ingest/load.py dispatches on it):

    from examencijfers.ingest import deliveries

    if deliveries.sniff(path):                  # the header is Bijlage 1 or 2 (first line only)
        result = deliveries.ingest_file(connection, path, report_dir=paths.DATA / "reports")
        deliveries.build_aggregates(connection)

`ingest_file` creates the sources row, loads the records and writes delivery_files/delivery_checks in one
transaction, then writes the report; with strict=True a file with any bad record raises DeliveryRejected
(one InputError per bad record) and nothing is stored. It refuses (PseudonymKeyError) before reading a
record when neither EXAMENCIJFERS_PSEUDONYM_KEY nor EXAMENCIJFERS_PSEUDONYM_KEY_FILE is set. `load` is the
same without the sources row and transaction, for a caller that has its own.

Aggregates: `build_aggregates(connection)` (re)creates the tables of aggregates.AGGREGATE_TABLES;
examencijfers/publish/deliveries.py names the three that have the columns of a published.sql table
(source = 'deliveries', suppression columns NULL) and what publish does with each. See README.md.
"""
from __future__ import annotations

from examencijfers.ingest.deliveries.aggregates import build_aggregates
from examencijfers.ingest.deliveries.ingest import DeliveryRejected, ingest_file, publication, record_errors
from examencijfers.ingest.deliveries.layout import DATASETS, EXAMENGEGEVENS, INSCHRIJVINGSGEGEVENS, KINDS, LAYOUTS, detect
from examencijfers.ingest.deliveries.loader import LoadResult, load
from examencijfers.ingest.deliveries.pseudonym import PseudonymKeyError
from examencijfers.ingest.deliveries.reader import sniff
from examencijfers.ingest.deliveries.report import write_report

__all__ = ["sniff", "DeliveryRejected", "record_errors", "DATASETS", "EXAMENGEGEVENS", "INSCHRIJVINGSGEGEVENS", "KINDS", "LAYOUTS", "LoadResult",
           "PseudonymKeyError", "build_aggregates", "detect", "ingest_file", "load", "publication",
           "write_report"]
