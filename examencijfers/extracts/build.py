"""Select the rows of an extract from the PUBLISHED database.

Values travel only as bound parameters; identifiers (table and column names) come only from the
registry in datasets.py, so nothing a person types reaches the SQL text. Suppressed cells come out as
they are stored: NULL, with the reason in the companion column, which is always included.
"""
from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from examencijfers.extracts.datasets import BOOL, DATE, FLOAT, INT, TIMESTAMP, Column, Dataset, ExtractError

FilterValues = Mapping[str, Any]


@dataclass(frozen=True)
class Selection:
    """The rows of one extract, with what was asked, so every format and the metadata tell the same story."""

    dataset: Dataset
    filters: dict[str, tuple[Any, ...]]
    columns: tuple[Column, ...]
    rows: list[tuple[Any, ...]]
    lineage: tuple[Any, ...] | None     # distinct values of the dataset's lineage column in these rows


def parse_filter_pairs(pairs: Iterable[str]) -> dict[str, list[str]]:
    """Turn the command line's KEY=VALUE words into a mapping; a repeated key means 'any of these'."""
    filters: dict[str, list[str]] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ExtractError(f"filter {pair!r} is not KEY=VALUE")
        filters.setdefault(key.strip(), []).append(value)
    return filters


def _parse_value(column: Column, value: Any) -> Any:
    """A filter value as the column's type; '' or None from outside means the NULL cell."""
    if value is None or value == "":
        return None
    try:
        if column.kind == INT:
            if isinstance(value, bool):
                raise ValueError(value)
            return int(value)
        if column.kind == FLOAT:
            return float(value)
        if column.kind == BOOL:
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in ("true", "1", "yes", "ja", "j"):
                return True
            if text in ("false", "0", "no", "nee", "n"):
                return False
            raise ValueError(value)
        if column.kind == DATE:
            return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        if column.kind == TIMESTAMP:
            return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
        return str(value)
    except (TypeError, ValueError):
        raise ExtractError(f"filter on {column.name!r}: {value!r} is not a valid {column.kind}") from None


def normalise_filters(dataset: Dataset, filters: FilterValues | None) -> dict[str, tuple[Any, ...]]:
    """Check every key against the registry and type every value; keys come back in registry order."""
    given = dict(filters or {})
    for key in given:
        dataset.filter(key)  # raises the one clear error for an unknown key
    result: dict[str, tuple[Any, ...]] = {}
    for item in dataset.filters:
        if item.key not in given:
            continue
        raw = given[item.key]
        values = list(raw) if isinstance(raw, (list, tuple, set, frozenset)) else [raw]
        if not values:
            continue
        column = dataset.column(item.column)
        parsed = tuple(_parse_value(column, value) for value in values)
        if item.op != "eq" and (len(parsed) != 1 or parsed[0] is None):
            raise ExtractError(f"filter {item.key!r} takes exactly one value")
        if item.op == "eq":
            parsed = tuple(sorted(set(parsed), key=lambda v: (v is not None, str(v))))
        result[item.key] = parsed
    return result


def resolve_columns(dataset: Dataset, columns: Sequence[str] | str | None) -> tuple[Column, ...]:
    """The asked columns (or the defaults), each protected value followed by its suppression column."""
    if isinstance(columns, str):
        columns = [name.strip() for name in columns.split(",") if name.strip()]
    names = list(columns) if columns else list(dataset.default_columns)
    chosen: list[Column] = []
    for name in names:
        column = dataset.column(name)
        if column not in chosen:
            chosen.append(column)
    result: list[Column] = []
    for column in chosen:
        if column not in result:
            result.append(column)
        if column.suppression is not None:
            companion = dataset.column(column.suppression)
            if companion not in result and companion not in chosen:
                # a per-value companion goes right after its value; the row-wide one at the end
                if sum(c.suppression == companion.name for c in dataset.columns) == 1:
                    result.append(companion)
    for column in chosen:
        if column.suppression is not None:
            companion = dataset.column(column.suppression)
            if companion not in result:
                result.append(companion)
    return tuple(result)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def where_clause(dataset: Dataset, filters: dict[str, tuple[Any, ...]]) -> tuple[str, list[Any]]:
    """SQL condition text (identifiers from the registry, '?' for every value) and its parameters."""
    parts: list[str] = []
    params: list[Any] = []
    for key, values in filters.items():
        item = dataset.filter(key)
        column = _quote(dataset.column(item.column).name)
        if item.op == "ge":
            parts.append(f"{column} >= ?")
            params.append(values[0])
        elif item.op == "le":
            parts.append(f"{column} <= ?")
            params.append(values[0])
        else:
            present = [value for value in values if value is not None]
            alternatives = []
            if present:
                alternatives.append(f"{column} in ({', '.join('?' for _ in present)})")
                params.extend(present)
            if len(present) < len(values):
                alternatives.append(f"{column} is null")
            parts.append("(" + " or ".join(alternatives) + ")")
    return (" where " + " and ".join(parts)) if parts else "", params


def order_clause(dataset: Dataset) -> str:
    """The natural key first, then every other column, so the row order never depends on the engine."""
    names = list(dataset.order_by) + [c.name for c in dataset.columns if c.name not in dataset.order_by]
    return " order by " + ", ".join(f"{_quote(name)} asc nulls first" for name in names)


@contextlib.contextmanager
def open_published(published_path: Path | str | None = None,
                   connection: duckdb.DuckDBPyConnection | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the published database (or the caller's own, left open)."""
    if connection is not None:
        _require_published(connection, "the given connection")
        yield connection
        return
    from examencijfers import paths

    path = Path(published_path) if published_path is not None else paths.PUBLISHED
    if not path.is_file():
        raise ExtractError(f"published database not found: {path}")
    try:
        from examencijfers.serving import open_read_only

        own = open_read_only(path)
    except duckdb.Error as error:
        raise ExtractError(f"cannot open published database {path}: {error}") from None
    try:
        _require_published(own, str(path))
        yield own
    finally:
        own.close()


# Tables only the publish step creates: their presence tells a published database from the warehouse.
_PUBLISHED_MARKERS = ("publication", "suppression_reasons")


def _require_published(connection: duckdb.DuckDBPyConnection, where: str) -> None:
    """Refuse anything but a published database, so no extract can ever read the private warehouse."""
    marks = ", ".join("?" for _ in _PUBLISHED_MARKERS)
    found = connection.execute(
        f"select count(distinct table_name) from information_schema.tables where table_name in ({marks})",
        list(_PUBLISHED_MARKERS)).fetchone()[0]
    if found != len(_PUBLISHED_MARKERS):
        raise ExtractError(f"{where} is not a published database (no publication and suppression_reasons tables); "
                           "extracts read only the published database")


def _execute(connection: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> duckdb.DuckDBPyConnection:
    try:
        return connection.execute(sql, params)
    except duckdb.CatalogException as error:
        raise ExtractError(f"the published database does not match the contract: {error}".splitlines()[0]) from None


def select_rows(dataset: Dataset, filters: FilterValues | None = None, columns: Sequence[str] | str | None = None,
                published_path: Path | str | None = None,
                connection: duckdb.DuckDBPyConnection | None = None, limit: int | None = None) -> Selection:
    """Run the one select of an extract and return its rows in a fixed order (the first `limit` for a preview)."""
    typed = normalise_filters(dataset, filters)
    chosen = resolve_columns(dataset, columns)
    where, params = where_clause(dataset, typed)
    table = _quote(dataset.table)
    select_list = ", ".join(_quote(column.name) for column in chosen)
    with open_published(published_path, connection) as con:
        sql = f"select {select_list} from {table}{where}{order_clause(dataset)}"
        if limit is not None:
            sql += " limit ?"
            params_rows = [*params, int(limit)]
        else:
            params_rows = params
        rows = _execute(con, sql, params_rows).fetchall()
        lineage = None
        if dataset.lineage_column is not None:
            column = _quote(dataset.lineage_column)
            lineage = tuple(row[0] for row in _execute(
                con, f"select distinct {column} from {table}{where} order by 1", params).fetchall())
    return Selection(dataset, typed, chosen, rows, lineage)


@dataclass(frozen=True)
class SizeEstimate:
    """What a download will be, told before it is built."""

    rows: int
    bytes: int           # approximate size of the chosen format
    csv_bytes: int       # approximate size as CSV (the basis of the estimate)


# Rough size of each format against CSV, measured on the fixtures and typical tables.
_FORMAT_FACTOR = {"csv": 1.0, "xlsx": 0.55, "parquet": 0.25, "zip": 0.3}
_FORMAT_OVERHEAD = {"csv": 0, "xlsx": 9000, "parquet": 3000, "zip": 4000}


def size_estimate(dataset: Dataset, filters: FilterValues | None = None, columns: Sequence[str] | str | None = None,
                  fmt: str = "csv", published_path: Path | str | None = None,
                  connection: duckdb.DuckDBPyConnection | None = None) -> SizeEstimate:
    """Row count and approximate bytes, from one aggregate query (no rows are fetched)."""
    if fmt not in _FORMAT_FACTOR:
        raise ExtractError(f"unknown format {fmt!r}; formats: {', '.join(_FORMAT_FACTOR)}")
    typed = normalise_filters(dataset, filters)
    chosen = resolve_columns(dataset, columns)
    where, params = where_clause(dataset, typed)
    widths = " + ".join(f"coalesce(sum(length(cast({_quote(c.name)} as varchar))), 0)" for c in chosen)
    header = sum(len(c.name) + 1 for c in chosen)
    sql = f"select count(*), {widths} from {_quote(dataset.table)}{where}"
    with open_published(published_path, connection) as con:
        rows, chars = _execute(con, sql, params).fetchone()
    csv_bytes = int(3 + header + 1 + chars + rows * (len(chosen) + 1))  # BOM, separators, CRLF line ends
    approx = int(csv_bytes * _FORMAT_FACTOR[fmt]) + _FORMAT_OVERHEAD[fmt]
    return SizeEstimate(rows=int(rows), bytes=approx, csv_bytes=csv_bytes)


def filter_values(dataset: Dataset, key: str, published_path: Path | str | None = None,
                  connection: duckdb.DuckDBPyConnection | None = None, limit: int = 5000) -> list[Any]:
    """The distinct values a filter key can take (NULL first), for the Downloads page's pickers."""
    column = _quote(dataset.column(dataset.filter(key).column).name)
    sql = f"select distinct {column} from {_quote(dataset.table)} order by 1 asc nulls first limit ?"
    with open_published(published_path, connection) as con:
        return [row[0] for row in _execute(con, sql, [int(limit)]).fetchall()]
