"""One set of real rows written in every encoding, separator and line ending a publisher uses: all load alike."""
from __future__ import annotations

import csv
import io

import pytest

from examencijfers.ingest.load import ingest_file
from examencijfers.warehouse import open_warehouse
from tests.ingest.conftest import DUO

SOURCE = DUO / "geslaagden-gezakten-en-cijfers-2018-2019.csv"  # latin-1, ';', LF, unquoted
RECORDS = list(csv.reader(io.StringIO(SOURCE.read_bytes().decode("latin-1"), newline=""), delimiter=";"))[:41]
# A name with a character only Windows-1252 has (the curly apostrophe), and one with a latin-1 accent.
RECORDS[1][2] = "Sint\u2019s College Mariënburg"


def written(encoding: str, separator: str, newline: str, quoting: int = csv.QUOTE_MINIMAL) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=separator, lineterminator=newline, quoting=quoting).writerows(RECORDS)
    return out.getvalue().encode(encoding)


VARIANTS = {
    "utf-8, ';', LF": written("utf-8", ";", "\n"),
    "utf-8 with BOM, ';', CRLF, all quoted": written("utf-8-sig", ";", "\r\n", csv.QUOTE_ALL),
    "cp1252, ';', CRLF": written("cp1252", ";", "\r\n"),
    "utf-8, ',' (decimal commas quoted), LF": written("utf-8", ",", "\n"),
    "cp1252, tab, LF": written("cp1252", "\t", "\n"),
    "utf-8, ';', old Mac CR": written("utf-8", ";", "\r"),
}


def loaded(warehouse, tmp_path, data: bytes) -> list[tuple]:
    path = tmp_path / SOURCE.name
    path.write_bytes(data)
    assert ingest_file(warehouse, path).status == "loaded"
    return warehouse.execute("select * exclude (source_id) from duo_geslaagden_cijfers order by line_no").fetchall()


@pytest.fixture(scope="module")
def expected(tmp_path_factory):
    connection = open_warehouse(tmp_path_factory.mktemp("reference") / "w.duckdb")
    yield loaded(connection, tmp_path_factory.mktemp("file"), VARIANTS["utf-8, ';', LF"])
    connection.close()


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_every_encoding_and_separator_loads_the_same_rows(tmp_path, warehouse, expected, variant):
    rows = loaded(warehouse, tmp_path, VARIANTS[variant])
    assert rows == expected and len(rows) == 40
    first = warehouse.execute("select vestigingsnaam, examenkandidaten, gem_cijfer_se::varchar, line_no"
                              " from duo_geslaagden_cijfers order by line_no limit 1").fetchone()
    assert first == ("Sint\u2019s College Mariënburg", int(RECORDS[1][9]), RECORDS[1][12].replace(",", "."), 2)
