"""'Download what you see': write a page's shown table (a polars DataFrame) with the same formats,
safety rules and metadata as a dataset extract.

A page's table can hold derived numbers (rates, intervals, ranks) that no published table has as such;
this writes exactly those rows. The dataset name ties it to its publisher, licence and source files;
the page's filters are recorded as the page describes them.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from examencijfers.extracts.build import Selection, open_published
from examencijfers.extracts.datasets import (
    BOOL,
    DATASETS,
    DATE,
    FLOAT,
    INT,
    TEXT,
    TIMESTAMP,
    Column,
    Dataset,
    ExtractError,
)


def _kind(dtype: pl.DataType) -> str:
    if dtype.is_integer():
        return INT
    if dtype.is_float() or dtype.is_decimal():
        return FLOAT
    if dtype == pl.Boolean:
        return BOOL
    if dtype == pl.Date:
        return DATE
    if isinstance(dtype, pl.Datetime):
        return TIMESTAMP
    return TEXT


def _prepared(frame: pl.DataFrame) -> pl.DataFrame:
    """Decimals as floats, and every non-basic type (lists, times, durations...) as its text."""
    casts = []
    for name, dtype in frame.schema.items():
        kind = _kind(dtype)
        if dtype.is_decimal():
            casts.append(pl.col(name).cast(pl.Float64))
        elif kind == TEXT and dtype != pl.String:
            casts.append(pl.col(name).map_elements(lambda v: None if v is None else str(v), return_dtype=pl.String))
    return frame.with_columns(casts) if casts else frame


def frame_columns(frame: pl.DataFrame, dataset: Dataset | None) -> tuple[Column, ...]:
    """Columns of a shown table: registry labels where the name is known, and suppression companions
    found by the contract's naming (<col>_suppression, or 'suppression' for the whole row)."""
    names = set(frame.columns)
    columns = []
    for name, dtype in frame.schema.items():
        known = None
        if dataset is not None:
            known = next((c for c in dataset.columns if c.name == name), None)
        companion = f"{name}_suppression" if f"{name}_suppression" in names else None
        if companion is None and "suppression" in names and name != "suppression" \
                and not name.endswith("_suppression") and _kind(dtype) in (INT, FLOAT):
            companion = "suppression"
        columns.append(Column(name, _kind(dtype), known.label_nl if known else name,
                              known.label_en if known else name, companion))
    return tuple(columns)


def _page_filters(filters: Mapping[str, Any] | None) -> dict[str, tuple[Any, ...]]:
    result: dict[str, tuple[Any, ...]] = {}
    for key, value in (filters or {}).items():
        if isinstance(value, (list, tuple, set, frozenset)):
            values = tuple(sorted(value, key=str)) if isinstance(value, (set, frozenset)) else tuple(value)
        else:
            values = (value,)
        result[str(key)] = tuple(v if v is None or isinstance(v, (str, int, float, bool, dt.date)) else str(v)
                                 for v in values)
    return result


def _dataset_for(name: str) -> Dataset:
    """The registered dataset, or a description of a page view built from several (CBR and DUO)."""
    if name in DATASETS:
        return DATASETS[name]
    publisher = "CBR" if name.startswith("cbr") else "DUO" if name.startswith("vo") else "CBR+DUO"
    return Dataset(name=name, table="(page view)", publisher=publisher, title_nl=name, title_en=name,
                   columns=(), filters=(), default_columns=(), order_by=())


def frame_selection(frame: pl.DataFrame, dataset: str, filters: Mapping[str, Any] | None = None) -> Selection:
    """A Selection of the shown rows, in the order shown, ready for any writer."""
    if not isinstance(frame, pl.DataFrame):
        raise ExtractError("a shown table must be a polars DataFrame")
    chosen = _dataset_for(dataset)
    prepared = _prepared(frame)
    lineage = None   # trace to the files when the shown table kept the dataset's lineage column
    if chosen.lineage_column and chosen.lineage_column in prepared.columns:
        lineage = tuple(sorted((v for v in prepared[chosen.lineage_column].unique().to_list() if v is not None),
                               key=str))
    return Selection(chosen, _page_filters(filters), frame_columns(prepared, chosen), prepared.rows(), lineage)


def make_frame_extract(frame: pl.DataFrame, dataset: str, filters: Mapping[str, Any] | None = None,
                       fmt: str = "csv", published_path: Path | str | None = None, *,
                       generated_at: dt.datetime | None = None,
                       connection: duckdb.DuckDBPyConnection | None = None, bundle_format: str = "csv"):
    """Write a page's shown table as an Extract (bytes, safe file name, media type, metadata)."""
    from examencijfers.extracts import Extract, default_generated_at
    from examencijfers.extracts.formats import MEDIA_TYPES, WRITERS
    from examencijfers.extracts.metadata import build_metadata
    from examencijfers.extracts.safety import extract_filename

    if fmt not in WRITERS:
        raise ExtractError(f"unknown format {fmt!r}; formats: {', '.join(WRITERS)}")
    selection = frame_selection(frame, dataset, filters)
    when = generated_at or default_generated_at()
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    with open_published(published_path, connection) as con:
        metadata = build_metadata(con, selection, when, fmt)
    metadata["dataset"]["view"] = "shown on the page" if selection.dataset.name in DATASETS else "page view"
    data = WRITERS["zip"](selection, metadata, bundle_format) if fmt == "zip" \
        else WRITERS[fmt](selection, metadata)  # type: ignore[call-arg]
    return Extract(data=data, filename=extract_filename(f"{dataset}_view", selection.filters, fmt),
                   media_type=MEDIA_TYPES[fmt], row_count=len(selection.rows), metadata=metadata)


def frame_filename(dataset: str, filters: Mapping[str, Any] | None, fmt: str) -> str:
    """The file name `make_frame_extract` gives the same view, known before the file is built."""
    from examencijfers.extracts.safety import extract_filename

    return extract_filename(f"{dataset}_view", _page_filters(filters), fmt)


def frame_size_estimate(frame: pl.DataFrame, fmt: str):
    """Rows and approximate bytes of a shown table in `fmt`, on the same basis as a dataset's estimate."""
    from examencijfers.extracts.build import _FORMAT_FACTOR, _FORMAT_OVERHEAD, SizeEstimate

    if fmt not in _FORMAT_FACTOR:
        raise ExtractError(f"unknown format {fmt!r}; formats: {', '.join(_FORMAT_FACTOR)}")
    csv_bytes = 3 + len(_prepared(frame).write_csv().encode("utf-8")) + frame.height  # BOM and CRLF line ends
    return SizeEstimate(rows=frame.height, bytes=int(csv_bytes * _FORMAT_FACTOR[fmt]) + _FORMAT_OVERHEAD[fmt],
                        csv_bytes=csv_bytes)
