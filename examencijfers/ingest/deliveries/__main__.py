"""`python -m examencijfers.ingest.deliveries FILE... [--db PATH] [--reports DIR]`: load delivery files
standalone (until the main `examencijfers ingest` dispatches to this package), then rebuild the aggregates."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from examencijfers import paths
from examencijfers.errors import ExamencijfersError
from examencijfers.ingest.deliveries import build_aggregates, ingest_file
from examencijfers.warehouse import open_warehouse


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m examencijfers.ingest.deliveries", description=__doc__)
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--db", type=Path, default=paths.WAREHOUSE)
    parser.add_argument("--reports", type=Path, default=paths.DATA / "reports")
    args = parser.parse_args(argv)
    try:
        connection = open_warehouse(args.db)
        for path in args.files:
            result = ingest_file(connection, path, report_dir=args.reports)
            print(f"{path.name}: {result.kind}, {result.records} records, {result.records_with_errors} with "
                  f"errors, {result.records_with_warnings} with warnings")
        build_aggregates(connection)
    except (ExamencijfersError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
