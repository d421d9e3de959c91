"""The publication a file belongs to and the period it covers, found the way its layout says.

The period decides which publication wins where files overlap: for weekly CBR data the newest
period_end wins per week (the `*_current` views in warehouse.sql).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from examencijfers.errors import InputError
from examencijfers.ingest.frames import schooljaar_in_name


@dataclass(frozen=True)
class Publication:
    name: str  # '2025-Q4', '2019-2024', '2018-2019', 'register'
    start: dt.date | None
    end: dt.date | None


def _school_years(first: str, last: str) -> Publication:
    start, end = int(first[:4]), int(last[-4:])
    name = first if first == last else f"{start}-{end}"
    return Publication(name, dt.date(start, 8, 1), dt.date(end, 7, 31))


def examenperiode(path: Path, frame: pl.DataFrame) -> Publication:
    """CBR files state their period on every row; one file is one period."""
    periods = frame.select("examenperiode_begindatum", "examenperiode_einddatum").unique()
    if periods.height != 1:
        raise InputError(path, "rows state different publication periods", column="Examenperiode Einddatum",
                         expected="one period per file", found=f"{periods.height} periods")
    start, end = periods.row(0)
    return Publication(f"{end.year}-Q{(end.month - 1) // 3 + 1}", start, end)


def schooljaren_in_header(path: Path, frame: pl.DataFrame) -> Publication:
    years = sorted(frame["schooljaar"].unique())
    return _school_years(years[0], years[-1])


def schooljaar_column(path: Path, frame: pl.DataFrame) -> Publication:
    years = sorted(frame["schooljaar"].unique())
    return _school_years(years[0], years[-1])


def schooljaar_in_file_name(path: Path, frame: pl.DataFrame) -> Publication:
    year = schooljaar_in_name(path)
    return _school_years(year, year)


def register(path: Path, frame: pl.DataFrame) -> Publication:
    """A register describes the present; it has no period of its own."""
    return Publication("register", None, None)


PERIODS: dict[str, Callable[[Path, pl.DataFrame], Publication]] = {
    "examenperiode": examenperiode,
    "schooljaren_in_header": schooljaren_in_header,
    "schooljaar_column": schooljaar_column,
    "schooljaar_in_file_name": schooljaar_in_file_name,
    "register": register,
}
