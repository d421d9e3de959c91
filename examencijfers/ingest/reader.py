"""Reading a published CSV file into a header and string rows, whatever its encoding and separator.

Publishers' files differ in encoding (UTF-8 with or without BOM, Windows-1252, latin-1), separator,
line endings and quoting. This module turns the bytes into text and records, and turns every way a
file can be broken at that level into one InputError naming the line.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from examencijfers.errors import InputError

SEPARATORS = (";", ",", "\t")
# Magic numbers of files that are not text at all, but are sometimes named .csv.
NOT_CSV_SIGNATURES = {
    b"PK\x03\x04": "a ZIP archive (or an .xlsx workbook)",
    b"\xd0\xcf\x11\xe0": "an old Excel (.xls) workbook",
    b"%PDF": "a PDF document",
    b"\x1f\x8b": "a gzip archive",
    b"\xff\xfe": "UTF-16 text (save it as UTF-8)",
    b"\xfe\xff": "UTF-16 text (save it as UTF-8)",
}
# UTF-8 read as cp1252 looks like this: a sign of a file that mixes both encodings.
MOJIBAKE = re.compile("[ÃÂ][\u0080-\u00bf\u2018-\u203a\u0152-\u0178]")


@dataclass(frozen=True)
class CsvText:
    path: Path
    encoding: str
    separator: str
    header: list[str]
    rows: list[list[str]]  # data rows, each as long as the header
    line_numbers: list[int]  # the file line on which each row ends (header = line 1)


def decode(path: Path, data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 (BOM stripped) or else Windows-1252 / latin-1; refuse binary and mixes."""
    if not data.strip():
        raise InputError(path, "the file is empty", line=1, expected="a header line")
    for signature, what in NOT_CSV_SIGNATURES.items():
        if data.startswith(signature):
            raise InputError(path, f"this is {what}, not a CSV file", line=1, expected="text")
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise InputError(path, "the file holds binary data (NUL bytes)", line=line, expected="text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as error:
        bad_at = error.start
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if MOJIBAKE.search(text):
            line = data.count(b"\n", 0, bad_at) + 1
            raise InputError(path, "mixed encodings: part UTF-8, part single-byte", line=line,
                             expected="one encoding throughout",
                             found=data[max(0, bad_at - 20):bad_at + 5].decode("latin-1"))
        return text, encoding
    raise InputError(path, "cannot decode the file", expected="UTF-8, Windows-1252 or latin-1")  # pragma: no cover


def sniff_separator(path: Path, header_line: str) -> str:
    counts = {sep: header_line.count(sep) for sep in SEPARATORS}
    separator, count = max(counts.items(), key=lambda item: item[1])
    if count == 0:
        raise InputError(path, "no separator in the header", line=1,
                         expected="fields separated by ';' or ','", found=header_line)
    return separator


def read_csv_text(path: Path, data: bytes | None = None) -> CsvText:
    """Parse the whole file; every row must have exactly as many fields as the header."""
    path = Path(path)
    data = path.read_bytes() if data is None else data
    text, encoding = decode(path, data)
    separator = sniff_separator(path, text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, quotechar='"', strict=True)
    try:
        header = [name.strip() for name in next(reader)]
        rows, line_numbers = [], []
        for row in reader:
            if len(row) != len(header):
                if not row or row == [""]:
                    continue  # a blank line (e.g. at the end) carries nothing
                line = reader.line_num
                what = "too few" if len(row) < len(header) else "too many"
                raise InputError(path, f"{what} fields (line truncated or wrong separator?)", line=line,
                                 expected=f"{len(header)} fields", found=f"{len(row)} fields")
            rows.append(row)
            line_numbers.append(reader.line_num)
    except csv.Error as error:
        raise InputError(path, f"malformed CSV: {error}", line=reader.line_num,
                         expected="well-formed quoting") from None
    if not rows:
        raise InputError(path, "the file has a header but no data rows", line=2, expected="data rows")
    return CsvText(path, encoding, separator, header, rows, line_numbers)
