"""Extracts: download exactly what you see, or the whole protected table, with its metadata.

One code path for the command line and the dashboard: both call `extract` / `make_extract`, so a page's
download and `examencijfers export` give the same bytes for the same dataset, filters, columns, format and
generated-at. Only the published database is ever read (anything else is refused).

The API for pages:
  list_datasets() / get_dataset(name)        the registry (names, titles, filter keys, columns, labels)
  filter_values(dataset, key, path)          the values a filter key can take (pickers)
  preview(dataset, filters, columns, limit)  the first rows as a polars DataFrame
  size_estimate(dataset, filters, columns, fmt, path)   rows and approximate bytes, before building
  make_extract(dataset, filters, columns, fmt, path)    Extract(data, filename, media_type, row_count, metadata)
  extract(...)                               just the bytes
  make_frame_extract(shown_frame, dataset, page_filters, fmt, path)   'download what you see' of a page table
Filters map a key to a value or a list of values (any of them); '' or None selects NULL cells; keys ending
in _from / _to are inclusive bounds. Formats: csv, xlsx, parquet, zip (csv + metadata.json + README.txt).
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from examencijfers.extracts.build import (
    FilterValues,
    Selection,
    SizeEstimate,
    normalise_filters,
    open_published,
    parse_filter_pairs,
    select_rows,
)
from examencijfers.extracts.build import size_estimate as _size_estimate
from examencijfers.extracts.datasets import DATASETS, Dataset, ExtractError, get_dataset, list_datasets
from examencijfers.extracts.formats import MEDIA_TYPES, WRITERS
from examencijfers.extracts.metadata import build_metadata
from examencijfers.extracts.safety import extract_filename, safe_filename

FORMATS = tuple(WRITERS)


def make_frame_extract(*args: Any, **kwargs: Any) -> "Extract":
    """'Download what you see': a page's shown polars table in any format (see frames.py)."""
    from examencijfers.extracts.frames import make_frame_extract as _make

    return _make(*args, **kwargs)

__all__ = [
    "DATASETS", "FORMATS", "MEDIA_TYPES", "Dataset", "Extract", "ExtractError", "Selection", "SizeEstimate",
    "extract", "extract_name", "filter_values", "get_dataset", "list_datasets", "make_extract", "make_frame_extract",
    "parse_filter_pairs", "preview", "safe_filename", "size_estimate",
]


@dataclass(frozen=True)
class Extract:
    """A built download: its bytes, a safe file name, the media type and the metadata it describes."""

    data: bytes
    filename: str
    media_type: str
    row_count: int
    metadata: dict[str, Any]


def default_generated_at() -> dt.datetime:
    """Now (UTC, whole seconds), or SOURCE_DATE_EPOCH when set, for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def _dataset(dataset: str | Dataset) -> Dataset:
    return dataset if isinstance(dataset, Dataset) else get_dataset(dataset)


def make_extract(dataset: str | Dataset, filters: FilterValues | None = None,
                 columns: Sequence[str] | str | None = None, fmt: str = "csv",
                 published_path: Path | str | None = None, *, generated_at: dt.datetime | None = None,
                 connection: duckdb.DuckDBPyConnection | None = None, bundle_format: str = "csv") -> Extract:
    """Select, describe and write one extract. `filters` maps filter keys to a value or a list of values."""
    chosen = _dataset(dataset)
    if fmt not in WRITERS:
        raise ExtractError(f"unknown format {fmt!r}; formats: {', '.join(WRITERS)}")
    if fmt == "zip" and bundle_format not in WRITERS:
        raise ExtractError(f"unknown bundle format {bundle_format!r}")
    when = generated_at or default_generated_at()
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    with open_published(published_path, connection) as con:
        selection = select_rows(chosen, filters, columns, connection=con)
        metadata = build_metadata(con, selection, when, fmt)
    if fmt == "zip":
        data = WRITERS["zip"](selection, metadata, bundle_format)  # type: ignore[call-arg]
    else:
        data = WRITERS[fmt](selection, metadata)
    return Extract(
        data=data,
        filename=extract_filename(chosen.name, selection.filters, fmt),
        media_type=MEDIA_TYPES[fmt],
        row_count=len(selection.rows),
        metadata=metadata,
    )


def extract(dataset: str | Dataset, filters: FilterValues | None = None, columns: Sequence[str] | str | None = None,
            fmt: str = "csv", published_path: Path | str | None = None, *, generated_at: dt.datetime | None = None,
            connection: duckdb.DuckDBPyConnection | None = None) -> bytes:
    """The bytes of one extract: what the dashboard's download buttons and `examencijfers export` both serve."""
    return make_extract(dataset, filters, columns, fmt, published_path, generated_at=generated_at,
                        connection=connection).data


def extract_name(dataset: str | Dataset, filters: FilterValues | None = None, fmt: str = "csv") -> str:
    """The file name `make_extract` gives these filters, known before the file is built (for a button)."""
    chosen = _dataset(dataset)
    return extract_filename(chosen.name, normalise_filters(chosen, filters), fmt)


def size_estimate(dataset: str | Dataset, filters: FilterValues | None = None,
                  columns: Sequence[str] | str | None = None, fmt: str = "csv",
                  published_path: Path | str | None = None, *,
                  connection: duckdb.DuckDBPyConnection | None = None) -> SizeEstimate:
    """Row count and approximate bytes before building (one count query; no rows fetched)."""
    return _size_estimate(_dataset(dataset), filters, columns, fmt, published_path, connection)


_POLARS_TYPES = {"text": "String", "int": "Int64", "float": "Float64", "date": "Date", "bool": "Boolean",
                 "timestamp": "Datetime"}


def preview(dataset: str | Dataset, filters: FilterValues | None = None, columns: Sequence[str] | str | None = None,
            limit: int = 100, published_path: Path | str | None = None, *,
            connection: duckdb.DuckDBPyConnection | None = None):
    """The first `limit` rows of an extract as a polars DataFrame (the Downloads page's preview).

    Same selection, columns and order as the file; suppressed cells are null with their reason beside them.
    """
    import polars as pl

    selection = select_rows(_dataset(dataset), filters, columns, published_path, connection, limit=limit)
    schema = {c.name: getattr(pl, _POLARS_TYPES[c.kind])() for c in selection.columns}
    return pl.DataFrame(selection.rows, schema=schema, orient="row")


def filter_values(dataset: str | Dataset, key: str, published_path: Path | str | None = None, *,
                  connection: duckdb.DuckDBPyConnection | None = None, limit: int = 5000) -> list[Any]:
    """The distinct values of a filter key in the published table (for pickers on the Downloads page)."""
    from examencijfers.extracts.build import filter_values as _values

    return _values(_dataset(dataset), key, published_path, connection, limit)
