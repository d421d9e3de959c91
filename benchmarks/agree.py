"""Do two answers to the same question agree? A benchmark that compares different answers is worthless.

Values are brought to one form first (NULL and NaN are both missing; pandas cannot tell them apart; a
boolean is 0/1 as SQLite stores it; a date is its ISO text; numbers compare with a relative tolerance
of 1e-9, since sums in another order differ in the last bits). Rows must come in the same order, except
where the query's ORDER BY leaves a tie: then the rows must be the same set and the ORDER BY columns
must run in the same sequence.
"""
from __future__ import annotations

import datetime as dt
import decimal
import math
import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import polars as pl

Rows = list[tuple[Any, ...]]
REL_TOL = 1e-9
ABS_TOL = 1e-12


def normalise(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (bool, np.bool_)):
        return int(value)
    if isinstance(value, (int, np.integer)):
        return float(value)
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else float(value)
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value)
    if isinstance(value, dt.datetime):
        if (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0):
            return value.date().isoformat()
        return value.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple, np.ndarray)):
        return tuple(normalise(item) for item in value)
    return value


def polars_rows(frame: pl.DataFrame) -> tuple[list[str], Rows]:
    return list(frame.columns), [tuple(normalise(v) for v in row) for row in frame.iter_rows()]


def pandas_rows(frame: pd.DataFrame) -> tuple[list[str], Rows]:
    data = frame.astype(object).to_numpy() if len(frame) else []
    return list(frame.columns), [tuple(normalise(v) for v in row) for row in data]


def close(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) and isinstance(b, float):
        if math.isinf(a) or math.isinf(b):
            return a == b
        return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=ABS_TOL)
    return a == b


def _same_row(a: tuple, b: tuple) -> bool:
    return len(a) == len(b) and all(close(x, y) for x, y in zip(a, b, strict=True))


def _sort_key(row: tuple) -> tuple:
    """A key to sort rows by all their values; floats rounded so last-bit noise cannot reorder them."""
    key = []
    for value in row:
        if value is None:
            key.append((0, ""))
        elif isinstance(value, float):
            key.append((1, float(f"{value:.9g}")))
        else:
            key.append((2, str(value)))
    return tuple(key)


def order_columns(sql: str) -> list[str]:
    """The plain column names of a query's final ORDER BY (the last one that starts a line)."""
    found = re.findall(r"^order by (.*)$", sql, flags=re.MULTILINE)
    if not found:
        return []
    clause = found[-1]
    names = []
    for term in clause.split(","):
        match = re.match(r"\s*([A-Za-z_]\w*)\s*(?:asc|desc)?\s*(?:nulls\s+(?:first|last))?\s*$", term,
                         flags=re.IGNORECASE)
        if match:
            names.append(match.group(1))
    return names


def disagreement(ours: tuple[list[str], Rows], theirs: tuple[list[str], Rows],
                 order_by: Sequence[str] = ()) -> str | None:
    """None when the answers agree, else one line saying where they first differ."""
    (our_columns, our_rows), (their_columns, their_rows) = ours, theirs
    if list(our_columns) != list(their_columns):
        return f"columns differ: ours {our_columns}, theirs {their_columns}"
    if len(our_rows) != len(their_rows):
        return f"{len(our_rows)} rows against {len(their_rows)}"
    first = next((i for i, (a, b) in enumerate(zip(our_rows, their_rows, strict=True)) if not _same_row(a, b)), None)
    if first is None:
        return None
    positions = [our_columns.index(name) for name in order_by if name in our_columns]
    same_order = positions and all(_same_row(tuple(a[p] for p in positions), tuple(b[p] for p in positions))
                                   for a, b in zip(our_rows, their_rows, strict=True))
    same_set = all(_same_row(a, b) for a, b in zip(sorted(our_rows, key=_sort_key), sorted(their_rows, key=_sort_key),
                                                    strict=True))
    if same_order and same_set:
        return None  # the same rows; only ties of the ORDER BY came out in another order
    a, b = our_rows[first], their_rows[first]
    column = next(i for i, (x, y) in enumerate(zip(a, b, strict=True)) if not close(x, y))
    return f"row {first}, column {our_columns[column]}: ours {a[column]!r}, theirs {b[column]!r}"
