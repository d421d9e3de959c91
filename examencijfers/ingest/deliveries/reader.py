"""Reading a delivery file: bytes -> header and numbered rows (dicts by column name).

UTF-8 (a BOM is tolerated), ';' separated, optional double quotes, LF or CRLF. A file that is not UTF-8
or whose header is not a delivery layout fails as a whole (InputError); a ragged row is a finding.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterator

from examencijfers.errors import InputError
from examencijfers.ingest.deliveries.layout import HEADERS, detect

_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{8})(?!\d)")


@dataclass(frozen=True)
class Row:
    line_no: int                    # 1-based line of the file (header = 1)
    values: dict[str, str]
    ragged: bool                    # the row had another number of fields than the header


def read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(path, "a delivery file must be UTF-8", expected="UTF-8",
                         found=f"byte 0x{error.object[error.start]:02x} at offset {error.start}") from None


def read_rows(path: Path, kind: str | None = None) -> tuple[str, Iterator[Row]]:
    """The file's kind (from its header) and its data rows."""
    text = read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(path, "empty file; expected a delivery header", line=1) from None
    found = detect(header)
    if found is None or (kind is not None and found != kind):
        expected = ";".join(HEADERS[kind]) if kind else "the header of Bijlage 1 or Bijlage 2 (examencijfers/ingest/deliveries/README.md)"
        raise InputError(path, "not a delivery layout", line=1, expected=expected, found=";".join(header))
    columns = HEADERS[found]

    def rows() -> Iterator[Row]:
        previous = reader.line_num
        for values in reader:
            line_no, previous = previous + 1, reader.line_num   # a quoted field may span lines
            if not values or values == [""]:
                continue
            padded = values + [""] * (len(columns) - len(values))
            yield Row(line_no, dict(zip(columns, padded)), ragged=len(values) != len(columns))

    return found, rows()


def sniff(path: Path) -> str | None:
    """The delivery kind from the first line alone, or None: for the main ingest to dispatch on before it
    parses the file its own way. Never raises for a file that is not a delivery (unreadable -> None)."""
    try:
        with Path(path).open("rb") as handle:
            first = handle.readline(64 * 1024)
        line = first.decode("utf-8-sig").rstrip("\r\n")
    except (OSError, UnicodeDecodeError):
        return None
    header = next(csv.reader([line], delimiter=";"), [])
    return detect(header)


def delivery_date_from_name(path: Path) -> date | None:
    """A delivery date written in the file name as YYYYMMDD (e.g. examengegevens_00AH_20240620.csv)."""
    for match in _DATE_IN_NAME.finditer(path.stem):
        text = match.group(1)
        try:
            return date(int(text[:4]), int(text[4:6]), int(text[6:]))
        except ValueError:
            continue
    return None
