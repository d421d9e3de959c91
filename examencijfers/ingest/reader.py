"""Reading a published CSV file into a header and string rows, whatever its encoding and separator.

Publishers' files differ in encoding (UTF-8 with or without BOM, Windows-1252, latin-1), separator,
line endings and quoting. This module turns the bytes into text and records, and turns every way a
file can be broken at that level into one InputError naming the line.
"""
from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import polars as pl

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
    frame: pl.DataFrame  # the fields as text: columns c0, c1, ... and line_no (header = line 1)

    @property
    def height(self) -> int:
        return self.frame.height


def decode(path: Path, data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 (BOM stripped) or else Windows-1252 / latin-1; refuse binary and mixes."""
    if not data or data.isspace():  # as `not data.strip()`, without copying the file
        raise InputError(path, "the file is empty", line=1, expected="a header line")
    for signature, what in NOT_CSV_SIGNATURES.items():
        if data.startswith(signature):
            raise InputError(path, f"this is {what}, not a CSV file", line=1, expected="text")
    if _looks_like_utf16(data):
        raise InputError(path, "this is UTF-16 text without a byte order mark (save it as UTF-8)", line=1,
                         expected="UTF-8, Windows-1252 or latin-1")
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
        if ("Ã" in text or "Â" in text) and MOJIBAKE.search(text):  # `in` first: a scan in C, not a regex
            line = data.count(b"\n", 0, bad_at) + 1
            raise InputError(path, "mixed encodings: part UTF-8, part single-byte", line=line,
                             expected="one encoding throughout",
                             found=data[max(0, bad_at - 20):bad_at + 5].decode("latin-1"))
        return text, encoding
    raise InputError(path, "cannot decode the file", expected="UTF-8, Windows-1252 or latin-1")  # pragma: no cover


def _looks_like_utf16(data: bytes) -> bool:
    """ASCII text in UTF-16 has a NUL in every other byte."""
    sample = data[:4096]
    half = len(sample) // 2
    return half >= 8 and max(sample[0::2].count(0), sample[1::2].count(0)) > 0.9 * half


def sniff_separator(path: Path, header_line: str) -> str:
    counts = {sep: header_line.count(sep) for sep in SEPARATORS}
    separator, count = max(counts.items(), key=lambda item: item[1])
    if count == 0:
        raise InputError(path, "no separator in the header", line=1,
                         expected="fields separated by ';' or ','", found=header_line)
    return separator


# The largest real file (CBR Opleiderresultaten, 76,583 rows) is about 30 MB; parsing takes ~10x the file
# size in memory, so a file far beyond that is refused before it is read rather than exhaust the machine.
MAX_FILE_BYTES = 128 * 1024 * 1024
LINE = "line_no"
MAX_FIELD_CHARS = 4096  # the longest real field (a school or opleider name) is under 200 characters
QUOTED = r'"(?:[^"]|"")*"'


def _plain_record(separator: str) -> str:
    """A line whose every field is quoted whole without a quote or separator inside, or unquoted without
    either: on such a line, taking out QUOTED leaves no quote and every separator (checked by a match,
    much cheaper than the replacement)."""
    s = {"\t": r"\t"}.get(separator, separator)
    field = f'(?:"[^"{s}]*"|[^"{s}]*)'
    return rf"^{field}(?:{s}{field})*\r?$"


def read_csv_text(path: Path, data: bytes | None = None) -> CsvText:
    """Parse the whole file; every row must have exactly as many fields as the header.

    Well-formed files take the fast path (polars' reader, line numbers from row positions); anything
    unusual (a field count off, a quoted line break, a blank line, bad quoting) takes the careful path
    with Python's csv module, which finds and names the line.
    """
    path = Path(path)
    if data is None:
        refuse_oversized(path, path.stat().st_size)
        data = path.read_bytes()
    refuse_oversized(path, len(data))
    text, encoding = decode(path, data)
    separator = sniff_separator(path, text.split("\n", 1)[0])
    header, frame = _fast(text, separator, _utf8(data, text, encoding)) or _careful(path, text, separator)
    if frame.height == 0:
        raise InputError(path, "the file has a header but no data rows", line=2, expected="data rows")
    _refuse_overlong_fields(path, header, frame)
    return CsvText(path, encoding, separator, header, frame)


def _utf8(data: bytes, text: str, encoding: str) -> bytes:
    """The text as UTF-8 bytes for polars: a UTF-8 file's own bytes (without its BOM), else encoded."""
    if encoding == "utf-8":
        return data[len(codecs.BOM_UTF8):] if data.startswith(codecs.BOM_UTF8) else data
    return text.encode("utf-8")


def refuse_oversized(path: Path, size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise InputError(path, "the file is too large to be a published CBR or DUO file",
                         expected=f"at most {MAX_FILE_BYTES // 2**20:,} MB", found=f"{size / 2**20:,.0f} MB")


def _refuse_overlong_fields(path: Path, header: list[str], frame: pl.DataFrame) -> None:
    if all(longest is None or longest <= MAX_FIELD_CHARS
           for longest in frame.select(pl.all().exclude(LINE).str.len_bytes().max()).row(0)):
        return  # no field has more bytes than the limit allows characters (counting bytes is cheaper)
    lengths = frame.select(pl.all().exclude(LINE).str.len_chars().max()).row(0)
    for position, longest in enumerate(lengths):
        if longest is not None and longest > MAX_FIELD_CHARS:
            line = frame.filter(pl.col(f"c{position}").str.len_chars() == longest)[LINE][0]
            raise InputError(path, "a field is too long", line=line, column=header[position],
                             expected=f"at most {MAX_FIELD_CHARS:,} characters", found=f"{longest:,} characters")


def _fast(text: str, separator: str, utf8: bytes) -> tuple[list[str], pl.DataFrame] | None:
    """polars' reader, where every line is a plain record: the same field count outside quotes, quotes
    only around whole fields, no blank line and no carriage return but the one before a line feed."""
    lines = pl.Series(text.split("\n"))  # each may end in the "\r" of a CRLF: it changes none of the tests below
    if lines.len() > 1 and lines[-1] in ("", "\r"):
        lines = lines.head(-1)
    strip_quoted = '"' in text and not lines.str.contains(_plain_record(separator)).all()
    unquoted = lines.str.replace_all(QUOTED, "") if strip_quoted else lines
    fields = unquoted.str.count_matches(separator, literal=True) + 1
    if (fields != fields[0]).any() or strip_quoted and unquoted.str.contains('"', literal=True).any():
        return None
    # A line with a separator outside quotes is not blank, unless the separator is itself blank (a tab).
    if (fields[0] == 1 or separator.isspace()) and (lines.str.strip_chars() == "").any():
        return None
    if text.count("\r") != text.count("\r\n") + text.endswith("\r"):
        return None  # a bare carriage return is a line break to the careful path, not to polars
    try:
        frame = pl.read_csv(utf8, separator=separator, quote_char='"', has_header=True,
                            infer_schema=False, truncate_ragged_lines=False, empty_string_is_null=False)
    except pl.exceptions.PolarsError:
        return None
    if frame.height != lines.len() - 1:
        return None
    # The header as written (polars renames repeated names, which would hide a duplicated column).
    header = [name.strip() for name in next(csv.reader([lines[0].removesuffix("\r")], delimiter=separator,
                                                       quotechar='"'))]
    if len(header) != frame.width:
        return None
    frame = frame.rename(dict(zip(frame.columns, _names(len(header)), strict=True)))
    return header, frame.with_columns(pl.int_range(2, frame.height + 2, dtype=pl.Int32).alias(LINE))


def _names(count: int) -> list[str]:
    return [f"c{i}" for i in range(count)]


def _careful(path: Path, text: str, separator: str) -> tuple[list[str], pl.DataFrame]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, quotechar='"', strict=True)
    try:
        header = [name.strip() for name in next(reader)]
        rows, line_numbers = [], []
        for row in reader:
            if len(row) != len(header):
                if not row or all(not field.strip() for field in row) and len(row) <= 1:
                    continue  # a blank line (e.g. at the end) carries nothing
                what = "too few" if len(row) < len(header) else "too many"
                raise InputError(path, f"{what} fields (line truncated or wrong separator?)", line=reader.line_num,
                                 expected=f"{len(header)} fields", found=f"{len(row)} fields")
            rows.append(row)
            line_numbers.append(reader.line_num)
    except csv.Error as error:
        raise InputError(path, f"malformed CSV: {error}", line=reader.line_num,
                         expected="well-formed quoting") from None
    columns = list(zip(*rows, strict=True)) if rows else [[] for _ in header]
    frame = pl.DataFrame(dict(zip(_names(len(header)), columns, strict=True)),
                         schema={name: pl.String for name in _names(len(header))})
    return header, frame.with_columns(pl.Series(LINE, line_numbers, dtype=pl.Int32))
