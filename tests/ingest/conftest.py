"""Fixtures for ingest tests: a fresh warehouse per test, the real files, and a content snapshot."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from examencijfers.paths import RAW
from examencijfers.warehouse import open_warehouse

DUO = RAW / "duo"


@pytest.fixture
def warehouse(tmp_path):
    connection = open_warehouse(tmp_path / "warehouse.duckdb")
    yield connection
    connection.close()


def snapshot(connection) -> dict[str, tuple[int, int]]:
    """A checksum of every table: its row count and the sum of its rows' hashes (order does not matter).

    Equal snapshots mean an unchanged database. `sources.loaded_at` is left out: two runs that load the
    same files differ only in when they did.
    """
    tables = [row[0] for row in connection.execute(
        "select table_name from information_schema.tables where table_type = 'BASE TABLE' order by 1").fetchall()]
    return {table: connection.execute(
        f"select count(*), coalesce(sum(hash(*columns(* exclude (loaded_at)))), 0) from {table}"
        if table == "sources" else f"select count(*), coalesce(sum(hash(*columns(*))), 0) from {table}").fetchone()
        for table in tables}


def raw_records(path: Path, encoding: str) -> list[dict[str, str]]:
    """The file read with the standard csv module only: the independent side of every comparison."""
    text = path.read_bytes().decode(encoding)
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def write_cp1252(path: Path, lines: list[str]) -> Path:
    path.write_bytes("\r\n".join(lines).encode("cp1252") + b"\r\n")
    return path


def write_latin1(path: Path, lines: list[str]) -> Path:
    path.write_bytes("\n".join(lines).encode("latin-1") + b"\n")
    return path


EXAMENCIJFERS_HEADER = (DUO / "examenkandidaten-havo-en-examencijfers-2018-2019.csv").read_text("latin-1").split("\n", 1)[0]
