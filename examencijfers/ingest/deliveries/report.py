"""The delivery report (terugmelding) of one file: per record the controls it failed, as CSV and XLSX.

Read from delivery_checks, so the report and the warehouse never disagree. It holds line numbers, not
persoonsgebonden nummers: the school finds the record in its own file by its line.
"""
from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import xlsxwriter

REPORT_COLUMNS = ("line_no", "recordsoort", "kandidaat_line_no", "control", "severity", "field", "expected",
                  "found", "message", "rule_source")


def findings(connection: duckdb.DuckDBPyConnection, source_id: int) -> list[tuple]:
    return connection.execute(
        f"select {', '.join(REPORT_COLUMNS)} from delivery_checks where source_id = ?"
        " order by line_no, control, field", [source_id]).fetchall()


def write_report(connection: duckdb.DuckDBPyConnection, source_id: int, out_dir: Path) -> tuple[Path, Path]:
    """Write <file>.report.csv and <file>.report.xlsx into out_dir; returns both paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    file_name, kind, delivered_on, records, errors, warnings = connection.execute(
        "select file_name, kind, delivered_on, records, records_with_errors, records_with_warnings"
        " from delivery_files where source_id = ?", [source_id]).fetchall()[0]
    rows = findings(connection, source_id)
    stem = Path(file_name).stem
    csv_path, xlsx_path = out_dir / f"{stem}.report.csv", out_dir / f"{stem}.report.xlsx"
    with csv_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(REPORT_COLUMNS)
        writer.writerows(rows)
    workbook = xlsxwriter.Workbook(str(xlsx_path))
    try:
        bold = workbook.add_format({"bold": True})
        summary = workbook.add_worksheet("samenvatting")
        facts = [("bestand", file_name), ("soort", kind), ("geleverd op", delivered_on.isoformat()),
                 ("records", records), ("records met fouten", errors), ("records met waarschuwingen", warnings)]
        by_control = connection.execute(
            "select control, severity, count(*) from delivery_checks where source_id = ?"
            " group by all order by severity, control", [source_id]).fetchall()
        for row_no, (label, value) in enumerate(facts):
            summary.write(row_no, 0, label, bold)
            summary.write(row_no, 1, value)
        start = len(facts) + 1
        summary.write_row(start, 0, ("control", "severity", "count"), bold)
        for offset, row in enumerate(by_control, start=start + 1):
            summary.write_row(offset, 0, row)
        summary.set_column(0, 0, 28)
        summary.set_column(1, 1, 40)
        sheet = workbook.add_worksheet("terugmelding")
        sheet.write_row(0, 0, REPORT_COLUMNS, bold)
        for row_no, row in enumerate(rows, start=1):
            sheet.write_row(row_no, 0, ["" if value is None else value for value in row])
        sheet.autofilter(0, 0, max(len(rows), 1), len(REPORT_COLUMNS) - 1)
        sheet.freeze_panes(1, 0)
        sheet.set_column(6, 7, 30)
        sheet.set_column(8, 9, 60)
    finally:
        workbook.close()
    return csv_path, xlsx_path
