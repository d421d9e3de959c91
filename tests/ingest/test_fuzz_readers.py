"""Hypothesis over the CSV readers: random bytes and mutated real files end in the project's own InputError
(or load), never in another exception, never in a half-written warehouse, and never take long.

The whole ingest path is exercised (reader, layout detection, parsers, checks, the write), on a warehouse
that lives in memory for the module. Every example that fails must leave every table's row count as it was.
"""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from examencijfers.errors import InputError
from examencijfers.ingest.load import ingest_file
from examencijfers.ingest.reader import read_csv_text
from examencijfers.paths import RAW, REFERENCE
from examencijfers.warehouse import warehouse_ddl

pytestmark = pytest.mark.slow
FUZZ = settings(max_examples=120, deadline=5000, suppress_health_check=[HealthCheck.too_slow])


def _head(path: Path, lines: int = 25) -> bytes:
    return b"\n".join(path.read_bytes().split(b"\n")[: lines + 1])


# The first lines of every real (or real-layout) file, in its own bytes: encoding, quoting, line endings.
SEEDS = {
    path.name: _head(path)
    for path in [*sorted((RAW / "duo").glob("*.csv")), *sorted((RAW / "cbr").glob("*2025Q1.csv")),
                 *sorted((RAW / "cbr").glob("DEMO-opleiderresultaten-01012025-*.csv"))]
}
SEEDS["opleiderresultaten-header.csv"] = (
    REFERENCE / "cbr-shape" / "opleiderresultaten-01072017-tm-30062018.HEADER-ONLY.csv").read_bytes()
# Fragments that the readers treat specially, to be spliced in anywhere.
TOKENS = [b";", b",", b"\t", b'"', b'""', b"\n", b"\r\n", b"\r", b"<5", b",0", b",0%", b"66,7%", b"6,4", b"-1", b"0",
          b" ", b"99999999999", b"00AH00", b"31-12-9999", b"00-00-0000", b"53", b"B-T", b"\xe9", "\u00eb".encode(),
          b"\xef\xbb\xbf", b"\x00", b"\xff\xfe", b"PK\x03\x04", b"x" * 5000]


@pytest.fixture(scope="module")
def warehouse():
    connection = duckdb.connect()
    connection.execute(warehouse_ddl())
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


def row_counts(connection) -> dict[str, int]:
    tables = [row[0] for row in connection.execute(
        "select table_name from information_schema.tables where table_type = 'BASE TABLE'").fetchall()]
    return {table: connection.execute(f"select count(*) from {table}").fetchone()[0] for table in tables}


def ingest_bytes(connection, folder: Path, name: str, data: bytes) -> None:
    """Ingest `data` as a file called `name`: it loads, or fails with InputError and changes nothing."""
    path = folder / name
    path.write_bytes(data)
    before = row_counts(connection)
    try:
        outcome = ingest_file(connection, path)
    except InputError as error:
        assert str(error).startswith(str(path)), "the error names the file"
        assert "\n" not in str(error), "the error is one line"
        assert row_counts(connection) == before
        return
    assert outcome.status in ("loaded", "unchanged", "skipped")


@st.composite
def mutated(draw) -> tuple[str, bytes]:
    """A real file's first lines with a few bytes flipped, cut, spliced or repeated."""
    name = draw(st.sampled_from(sorted(SEEDS)))
    data = bytearray(SEEDS[name])
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        operation = draw(st.sampled_from(["flip", "cut", "token", "bytes", "repeat"]))
        if operation == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif operation == "cut":
            del data[at:at + draw(st.integers(1, 200))]
        elif operation == "token":
            data[at:at] = draw(st.sampled_from(TOKENS))
        elif operation == "bytes":
            data[at:at] = draw(st.binary(min_size=1, max_size=20))
        else:
            start = draw(st.integers(0, len(data)))
            data[at:at] = data[start:start + draw(st.integers(1, 300))]
    return name, bytes(data)


@st.composite
def field_mutated(draw) -> tuple[str, bytes]:
    """A real file's first lines with a few fields replaced: reaches the parsers and the checks, not only the reader."""
    name = draw(st.sampled_from(sorted(SEEDS)))
    lines = SEEDS[name].split(b"\n")
    for _ in range(draw(st.integers(1, 3))):
        number = draw(st.integers(1, len(lines) - 1)) if len(lines) > 1 else 0
        fields = lines[number].split(b";")
        position = draw(st.integers(0, len(fields) - 1))
        value = draw(st.one_of(st.sampled_from(TOKENS), st.binary(max_size=8), st.integers(-10, 10**10).map(
            lambda n: str(n).encode())))
        fields[position] = b'"' + value + b'"' if fields[position].startswith(b'"') else value
        lines[number] = b";".join(fields)
    return name, b"\n".join(lines)


@FUZZ
@given(data=st.binary(max_size=3000))
def test_random_bytes_are_loaded_or_refused_with_an_input_error(warehouse, folder, data):
    ingest_bytes(warehouse, folder, "random-2018-2019.csv", data)


@FUZZ
@given(text=st.text(alphabet=st.sampled_from(list(';,"\r\n \t<5,0%-9aé\u00ff\ufeff')), max_size=400))
def test_random_csv_like_text_is_read_or_refused_with_an_input_error(text):
    for encoding in ("utf-8", "latin-1"):
        try:
            read_csv_text(Path("text.csv"), text.encode(encoding, errors="replace"))
        except InputError:
            pass


@FUZZ
@given(case=mutated())
def test_mutated_real_files_are_loaded_or_refused_with_an_input_error(warehouse, folder, case):
    name, data = case
    ingest_bytes(warehouse, folder, name, data)


@FUZZ
@given(case=field_mutated())
def test_real_files_with_mutated_fields_are_loaded_or_refused_with_an_input_error(warehouse, folder, case):
    name, data = case
    ingest_bytes(warehouse, folder, name, data)


@pytest.mark.parametrize("data", [
    b"A;B\r;C\n1;2;3\n",  # a bare carriage return in the header line: csv.Error escaped
    b'"",";"\nA""A"" ""\t1\n',  # a header polars and the csv module split differently: ValueError escaped
    b';"",";"\n;A1A   \n',
])
def test_regressions_found_by_fuzzing_end_in_an_input_error(data):
    with pytest.raises(InputError):
        read_csv_text(Path("regression.csv"), data)


def test_a_year_zero_is_refused_not_a_crash(warehouse, folder):
    header = "Examenperiode Begindatum;Examenperiode Einddatum;Jaar;Week;Diplomacode;Diplomaomschrijving;Aantal Uitgegeven"
    with pytest.raises(InputError) as error:
        ingest_file(warehouse, _write(folder / "diplomas.csv", f"{header}\n01-01-2025;31-12-2025;0;1;B;B;3\n"))
    assert (error.value.line, error.value.column) == (2, "Jaar")
    with pytest.raises(InputError) as error:
        ingest_file(warehouse, _write(folder / "diplomas.csv", f"{header}\n01-01-0000;31-12-2025;2025;1;B;B;3\n"))
    assert (error.value.line, error.value.column) == (2, "Examenperiode Begindatum")


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
