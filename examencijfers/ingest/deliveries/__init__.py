"""Record-level VO deliveries: Bijlage 1 (inschrijvingsgegevens) and Bijlage 2 (examengegevens) of the
Regeling gegevenslevering onderwijsnummer VO. Validate every field and record, pseudonymise, store in the
warehouse, report per file, aggregate.

Interface for the main ingest (one line to register, e.g. in the layout registry's dispatch):

    from examencijfers.ingest import deliveries

    kind = deliveries.detect(header)            # 'inschrijvingsgegevens' | 'examengegevens' | None
    if kind:
        dataset, layout = deliveries.DATASETS[kind], deliveries.LAYOUTS[kind]   # for the sources row
        result = deliveries.load(connection, path, source_id, kind=kind)       # -> LoadResult
        # result.records -> sources.row_count; result.first_date/last_date -> period_start/end;
        # deliveries.publication(result) -> sources.publication
        deliveries.write_report(connection, source_id, report_dir)             # CSV + XLSX terugmelding

`load` refuses (PseudonymKeyError, an ExamencijfersError) before writing anything when neither
EXAMENCIJFERS_PSEUDONYM_KEY nor EXAMENCIJFERS_PSEUDONYM_KEY_FILE is set. It does not open or commit a
transaction: the caller's per-file transaction covers it. Standalone, `ingest_file(connection, path)`
creates the sources row itself, inside its own transaction, and writes the report;
`python -m examencijfers.ingest.deliveries FILE... --db data/warehouse.duckdb` does that from a shell.

Aggregates: `build_aggregates(connection)` (re)creates deliveries_exam_results, deliveries_subject_details,
deliveries_enrolment and the publish-shaped deliveries_pass_rates / deliveries_subject_grades (the columns
of published.sql's vo_pass_rates / vo_subject_grades, source = 'deliveries', suppression columns NULL for
the publish step to fill).
"""
from __future__ import annotations

from examencijfers.ingest.deliveries.aggregates import build_aggregates
from examencijfers.ingest.deliveries.ingest import DeliveryRejected, ingest_file, publication, record_errors
from examencijfers.ingest.deliveries.layout import DATASETS, EXAMENGEGEVENS, INSCHRIJVINGSGEGEVENS, KINDS, LAYOUTS, detect
from examencijfers.ingest.deliveries.loader import LoadResult, load
from examencijfers.ingest.deliveries.pseudonym import PseudonymKeyError
from examencijfers.ingest.deliveries.report import write_report

__all__ = ["DeliveryRejected", "record_errors", "DATASETS", "EXAMENGEGEVENS", "INSCHRIJVINGSGEGEVENS", "KINDS", "LAYOUTS", "LoadResult",
           "PseudonymKeyError", "build_aggregates", "detect", "ingest_file", "load", "publication",
           "write_report"]
