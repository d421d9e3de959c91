"""Reading, typing and checking in one pass each (the ingest speed-up) against expectations worked out apart:
the csv module and Python's float() for values, the layout's column order and the rule table's order for
which error a file with several faults gets."""
from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examencijfers.errors import InputError
from examencijfers.ingest import parsers
from examencijfers.ingest.load import ingest_file
from examencijfers.ingest.reader import read_csv_text
from tests.ingest.conftest import DUO, raw_records

KANDIDATEN = DUO / "examenkandidaten-en-geslaagden-2019-2024.csv"  # UTF-8, every field quoted, CRLF
GESLAAGDEN = DUO / "geslaagden-gezakten-en-cijfers-2018-2019.csv"  # latin-1, unquoted, LF
YEARS = ("2019-2020", "2020-2021", "2021-2022", "2022-2023", "2023-2024")
GENDERS = ("MAN", "VROUW", "TOTAAL")


def _count(text: str) -> tuple[int | None, bool]:
    return (None, True) if text == "<5" else (int(text), False)


def test_every_cell_of_the_wide_file_lands_in_the_row_of_its_line_year_and_gender(warehouse):
    expected = set()
    for line, record in enumerate(raw_records(KANDIDATEN, "utf-8"), start=2):
        for year in YEARS:
            for gender in GENDERS:
                cell = f"SCHOOLJAAR {year} - {gender}"
                percent = record[f"SLAAGPERC {cell}"]
                expected.add((line, record["INSPECTIECODE"], year, gender,
                              *_count(record[f"EXAMENKANDIDATEN {cell}"]), *_count(record[f"GESLAAGDEN {cell}"]),
                              Decimal(percent) if percent.strip() else None))
    ingest_file(warehouse, KANDIDATEN)
    loaded = warehouse.execute(
        "select line_no, inspectiecode, schooljaar, geslacht, examenkandidaten, examenkandidaten_source_suppressed,"
        " geslaagden, geslaagden_source_suppressed, slaagpercentage from duo_examenkandidaten").fetchall()
    assert len(loaded) == len(expected) == 12_782 * 15
    assert set(loaded) == expected


def _rewritten(tmp_path: Path, source: Path, encoding: str, changes: dict[tuple[int, str], str]) -> Path:
    """The file with some fields replaced: (line, header name) -> new text; written back in its own dialect."""
    text = source.read_bytes().decode(encoding)
    quoting = csv.QUOTE_ALL if text.startswith('"') else csv.QUOTE_MINIMAL
    newline = "\r\n" if "\r\n" in text[:5000] else "\n"
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))[:8]
    for (line, column), value in changes.items():
        rows[line - 1][rows[0].index(column)] = value
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=";", quoting=quoting, lineterminator=newline).writerows(rows)
    target = tmp_path / source.name
    target.write_bytes(out.getvalue().encode(encoding))
    return target


def _error(warehouse, path: Path) -> InputError:
    with pytest.raises(InputError) as error:
        ingest_file(warehouse, path)
    return error.value


def test_a_layout_column_is_reported_before_a_wide_column_even_on_a_later_line(tmp_path, warehouse):
    path = _rewritten(tmp_path, KANDIDATEN, "utf-8", {
        (2, "GESLAAGDEN SCHOOLJAAR 2019-2020 - MAN"): "veel",
        (4, "INSPECTIECODE"): " ",
    })
    error = _error(warehouse, path)
    assert (error.line, error.column, error.message, error.found) == (4, "INSPECTIECODE", "value is missing", "")


def test_of_two_bad_wide_columns_the_one_further_left_is_reported(tmp_path, warehouse):
    path = _rewritten(tmp_path, KANDIDATEN, "utf-8", {
        (2, "EXAMENKANDIDATEN SCHOOLJAAR 2023-2024 - TOTAAL"): "-3",
        (5, "GESLAAGDEN SCHOOLJAAR 2020-2021 - MAN"): "4,5",
    })
    error = _error(warehouse, path)
    assert (error.line, error.column, error.found) == (5, "GESLAAGDEN SCHOOLJAAR 2020-2021 - MAN", "4,5")
    assert error.expected == parsers.PARSERS["count_lt5"].expected


def test_the_first_rule_in_the_table_is_reported_not_the_first_line(tmp_path, warehouse):
    # Line 3 breaks "grades between 1 and 10" (listed last); line 6 breaks "geslaagden + gezakten =
    # examenkandidaten" (listed before it).
    records = raw_records(GESLAAGDEN, "latin-1")
    line6 = records[4]
    wrong_gezakten = str(int(line6["GEZAKTEN"]) + 1)
    path = _rewritten(tmp_path, GESLAAGDEN, "latin-1", {
        (3, "GEMIDDELD CIJFER SCHOOLEXAMEN"): "11,5",
        (6, "GEZAKTEN"): wrong_gezakten,
    })
    error = _error(warehouse, path)
    assert (error.line, error.column, error.expected) == (6, "EXAMENKANDIDATEN", "geslaagden + gezakten = examenkandidaten")
    assert error.found == (f"examenkandidaten={line6['EXAMENKANDIDATEN']}, geslaagden={line6['GESLAAGDEN']}, "
                           f"gezakten={wrong_gezakten}")


def test_a_rule_broken_only_once_is_still_found(tmp_path, warehouse):
    path = _rewritten(tmp_path, GESLAAGDEN, "latin-1", {(7, "GEMIDDELD CIJFER CIJFERLIJST"): "0,5"})
    error = _error(warehouse, path)
    assert (error.line, error.column, error.expected, error.found) == (
        7, "GEMIDDELD CIJFER CIJFERLIJST", "gem_cijfer_cijferlijst between 1 and 10", "gem_cijfer_cijferlijst=0.5")


# Any rows a publisher's tools would write, read back exactly as the csv module wrote them; whichever path
# of the reader takes them (polars for plain records, the csv module for the rest).
FIELD = st.text(alphabet=st.sampled_from(list('ab 7<5,;"\t.%é\u2019')), max_size=6)


@settings(max_examples=150, deadline=None)
@given(width=st.integers(2, 5), data=st.data(), separator=st.sampled_from([";", ",", "\t"]),
       newline=st.sampled_from(["\n", "\r\n"]), final_newline=st.booleans(),
       quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
def test_written_rows_are_read_back_as_written(width, data, separator, newline, final_newline, quoting, encoding):
    header = [f"kolom{i}" for i in range(width)]
    rows = data.draw(st.lists(st.lists(FIELD, min_size=width, max_size=width), min_size=1, max_size=6))
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=separator, quoting=quoting, lineterminator=newline).writerows([header, *rows])
    text = out.getvalue() if final_newline else out.getvalue().removesuffix(newline)
    read = read_csv_text(Path("written.csv"), text.encode(encoding))
    assert read.header == header
    assert read.frame.drop("line_no").rows() == [tuple(row) for row in rows]
    assert read.frame["line_no"].to_list() == list(range(2, len(rows) + 2))


@given(st.text(alphabet="0123456789", min_size=1, max_size=4), st.sampled_from([",", "."]))
def test_a_decimal_without_units_reads_as_its_value(digits, mark):
    frame = pl.DataFrame({"v": [f"{mark}{digits}", f"{mark}{digits}%", f"7{mark}{digits}"]})
    grades = frame.select(parsers.parse("grade", pl.col("v"))).to_series().to_list()
    percents = frame.select(parsers.parse("percent", pl.col("v"))).to_series().to_list()
    assert grades[0] == (None if f"{mark}{digits}" == ",0" else float(f"0.{digits}"))  # ",0" is DUO's "no value"
    assert percents[0] == percents[1] == float(f"0.{digits}")
    assert grades[2] == percents[2] == float(f"7.{digits}")
