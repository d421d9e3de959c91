"""Write a Selection as CSV, Excel, Parquet or a ZIP bundle, deterministically.

The same selection and metadata always give the same bytes (no clock, no random names), so the page's
download and the command's file can be compared byte for byte. A suppressed cell is an empty cell in
every format (NULL in Parquet), never 0; its reason stays in the companion column.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from collections.abc import Callable
from typing import Any

from examencijfers.extracts.build import Selection
from examencijfers.extracts.datasets import BOOL, DATE, FLOAT, INT, TIMESTAMP, Column, ExtractError
from examencijfers.extracts.metadata import metadata_json, readme_text
from examencijfers.extracts.safety import extract_filename, is_formula_like, neutralise_text

CSV_BOM = b"\xef\xbb\xbf"   # lets Excel read UTF-8 (accents in school names); pandas and polars skip it
XLSX_MAX_ROWS = 1_048_575   # Excel's sheet limit minus the header
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _csv_text(value: Any) -> str:
    return "" if value is None else neutralise_text(str(value))


def _csv_plain(value: Any) -> str:
    return "" if value is None else str(value)


def _csv_float(value: Any) -> str:
    return "" if value is None else repr(float(value))


def _csv_bool(value: Any) -> str:
    return "" if value is None else ("true" if value else "false")


def _csv_date(value: Any) -> str:
    return "" if value is None else value.isoformat()


# One converter per kind of column, chosen once per column rather than per cell.
_CSV_CELL: dict[str, Callable[[Any], str]] = {
    "text": _csv_text, INT: _csv_plain, FLOAT: _csv_float, BOOL: _csv_bool, DATE: _csv_date, TIMESTAMP: _csv_date,
}


def write_csv(selection: Selection, metadata: dict[str, Any] | None = None) -> bytes:
    """UTF-8 (with BOM), comma separated, a header of column names, CRLF line ends, ISO dates.

    Text cells that could start a formula get a leading single quote; numbers are written as numbers.
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([column.name for column in selection.columns])
    converters = [_CSV_CELL[column.kind] for column in selection.columns]
    writer.writerows([convert(value) for convert, value in zip(converters, row)] for row in selection.rows)
    return CSV_BOM + buffer.getvalue().encode("utf-8")


def _metadata_rows(metadata: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The metadata as (section, key, value) lines for the spreadsheet's metadata sheet."""
    rows: list[tuple[str, str, str]] = []
    dataset = metadata["dataset"]
    for key in ("name", "title_nl", "title_en", "publisher", "table"):
        rows.append(("dataset", key, str(dataset[key])))
    rows.append(("extract", "row_count", str(metadata["row_count"])))
    rows.append(("extract", "generated_at", metadata["generated_at"]))
    rows.append(("extract", "synthetic", "yes" if metadata["synthetic"] else "no"))
    for key, values in metadata["filters"].items():
        rows.append(("filter", key, " | ".join("(null)" if v is None else str(v) for v in values)))
    if not metadata["filters"]:
        rows.append(("filter", "(none)", "the full protected table"))
    for key, value in metadata["publication"].items():
        rows.append(("publication", key, str(value)))
    for source in metadata["sources"]:
        rows.append(("source", source["file_name"],
                     f"sha256 {source['sha256']}; {source['dataset']} {source['publication']}; "
                     f"{source['row_count']} rows{'; synthetic' if source['synthetic'] else ''}"))
    for column in metadata["columns"]:
        rows.append(("column", column["name"], f"{column['type']}: {column['label_nl']} / {column['label_en']}"))
    suppression = metadata["suppression"]
    rows.append(("suppression", "explanation_nl", suppression["explanation_nl"]))
    rows.append(("suppression", "explanation_en", suppression["explanation_en"]))
    for reason in suppression["legend"]:
        rows.append(("legend", reason["reason"], f"{reason['symbol']}  {reason['label_nl']} / {reason['label_en']}"))
    for rule in suppression["rules"]:
        rows.append(("rule", rule["rule"], f"{rule['value']}: {rule['description_nl']} / {rule['description_en']}"))
    for column, count in metadata["suppressed_cells"].items():
        rows.append(("suppressed_cells", column, str(count)))
    for key in ("licence", "url", "attribution", "disclaimer_nl", "disclaimer_en"):
        rows.append(("licence", key, metadata["licence"][key]))
    rows.append(("citation", "suggested", metadata["citation"]))
    return rows


def write_xlsx(selection: Selection, metadata: dict[str, Any]) -> bytes:
    """A 'data' sheet with real numbers, dates and booleans, and a 'metadata' sheet; text is never a formula."""
    import xlsxwriter

    if len(selection.rows) > XLSX_MAX_ROWS:
        raise ExtractError(f"{len(selection.rows)} rows do not fit in an Excel sheet ({XLSX_MAX_ROWS}); "
                           "choose CSV or Parquet, or filter")
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {
        "in_memory": True,
        "strings_to_numbers": False,
        "strings_to_formulas": False,
        "strings_to_urls": False,
    })
    generated = dt.datetime.fromisoformat(metadata["generated_at"]).replace(tzinfo=None)
    workbook.set_properties({
        "title": metadata["dataset"]["title_en"],
        "author": "Examencijfers",
        "comments": metadata["citation"],
        "created": generated,
    })
    header = workbook.add_format({"bold": True})
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    datetime_format = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    quoted = workbook.add_format({"quote_prefix": True})
    suppressed = workbook.add_format({"pattern": 1, "bg_color": "#E7E6E6"})

    sheet = workbook.add_worksheet("data")
    index = {column.name: i for i, column in enumerate(selection.columns)}
    protected = [index.get(column.suppression) if column.suppression else None for column in selection.columns]
    epoch = dt.datetime(1899, 12, 30)

    def excel_serial(value: dt.date | dt.datetime) -> float:
        moment = value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)
        return (moment.replace(tzinfo=None) - epoch).total_seconds() / 86400

    def cell_writer(column: Column) -> Callable[[int, int, Any], Any]:
        """One writer per column kind: real numbers, booleans and dates; text only ever as a string."""
        if column.kind == BOOL:
            return lambda r, c, v: sheet.write_boolean(r, c, bool(v))
        if column.kind in (INT, FLOAT):
            return lambda r, c, v: sheet.write_number(r, c, v)
        if column.kind in (DATE, TIMESTAMP):
            serials: dict[Any, float] = {}   # a date is a number with a date format; dates repeat a lot
            number_format = date_format if column.kind == DATE else datetime_format

            def write_date(r: int, c: int, v: Any) -> Any:
                serial = serials.get(v)
                if serial is None:
                    serial = serials[v] = excel_serial(v)
                return sheet.write_number(r, c, serial, number_format)
            return write_date

        def write_text(r: int, c: int, v: Any) -> Any:
            text = str(v)
            return sheet.write_string(r, c, text, quoted if is_formula_like(text) else None)
        return write_text

    writers = [cell_writer(column) for column in selection.columns]
    for col, column in enumerate(selection.columns):
        sheet.write_string(0, col, column.name, header)
    for r, row in enumerate(selection.rows, start=1):
        for col, value in enumerate(row):
            if value is None:
                reason_at = protected[col]
                marked = reason_at is not None and row[reason_at] is not None
                sheet.write_blank(r, col, None, suppressed if marked else None)
            else:
                writers[col](r, col, value)
    sheet.freeze_panes(1, 0)
    if selection.columns:
        sheet.autofilter(0, 0, max(len(selection.rows), 1), len(selection.columns) - 1)

    meta = workbook.add_worksheet("metadata")
    for col, name in enumerate(("section", "key", "value")):
        meta.write_string(0, col, name, header)
    for r, line in enumerate(_metadata_rows(metadata), start=1):
        for col, text in enumerate(line):
            meta.write_string(r, col, text, quoted if is_formula_like(text) else None)
    meta.set_column(0, 1, 22)
    meta.set_column(2, 2, 100)
    workbook.close()
    return buffer.getvalue()


_ARROW_TYPES = {"text": "string", INT: "int64", FLOAT: "float64", DATE: "date32", BOOL: "bool_",
                TIMESTAMP: "timestamp"}


def write_parquet(selection: Selection, metadata: dict[str, Any]) -> bytes:
    """Typed columns (NULL where suppressed) and the metadata JSON in the file's key-value metadata."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    def arrow_type(kind: str) -> pa.DataType:
        return pa.timestamp("us") if kind == TIMESTAMP else getattr(pa, _ARROW_TYPES[kind])()

    schema = pa.schema(
        [pa.field(column.name, arrow_type(column.kind)) for column in selection.columns],
        metadata={"examencijfers": json.dumps(metadata, ensure_ascii=False)},
    )
    columns = list(zip(*selection.rows)) if selection.rows else [() for _ in selection.columns]
    table = pa.table([pa.array(list(values), type=field.type) for values, field in zip(columns, schema)],
                     schema=schema)
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd")
    return buffer.getvalue()


def _zip_entry(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def write_zip(selection: Selection, metadata: dict[str, Any], data_format: str = "csv") -> bytes:
    """The data file plus metadata.json and README.txt, with fixed timestamps and order."""
    if data_format == "zip":
        raise ExtractError("a ZIP bundle holds csv, xlsx or parquet, not another zip")
    data_name = extract_filename(selection.dataset.name, selection.filters, data_format)
    data = WRITERS[data_format](selection, metadata)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        _zip_entry(archive, data_name, data)
        _zip_entry(archive, "metadata.json", metadata_json(metadata))
        _zip_entry(archive, "README.txt", readme_text(metadata, data_name).encode("utf-8"))
    return buffer.getvalue()


WRITERS: dict[str, Callable[[Selection, dict[str, Any]], bytes]] = {
    "csv": write_csv,
    "xlsx": write_xlsx,
    "parquet": write_parquet,
    "zip": write_zip,
}

MEDIA_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
    "zip": "application/zip",
}
