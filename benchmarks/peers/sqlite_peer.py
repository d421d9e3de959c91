"""The Datasette-style peer: the same questions in SQL on a SQLite copy of the published database.

The copy has the published contract's tables and primary keys (sql/published.sql), dates as ISO text
and booleans as 0/1, as `sqlite-utils` or `csvs-to-sqlite` would make it. Each query's SQL is our own
file, rendered with the same parameters, then translated from DuckDB's dialect by the table of
rewrites below: the rewrites every query needs, and per query the few constructs SQLite lacks (a
rewrite that no longer finds its text fails loudly, so a changed query cannot be compared wrongly).
Functions SQLite lacks are registered from Python, as a Datasette plugin would: greatest/least (with
DuckDB's rule that NULL arguments are skipped), median, and a sorted distinct string_agg.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import statistics
import time
from pathlib import Path
from typing import Any

from examencijfers import paths
from examencijfers.serving import open_read_only

# (pattern, replacement) applied to every query, in order.
COMMON: list[tuple[str, str]] = [
    (r"(?m)^\s*--.*$", ""),                                     # comments (they may hold ' / ')
    (r" / ", " * 1.0 / "),                                      # DuckDB's / is always a real division
    (r"\bilike\b", "like"),                                     # SQLite's like ignores ASCII case
    (r"list_contains\(\$(\w+), (\w+)\)", r"\2 in (select value from json_each($\1))"),
    (r"\bis not distinct from\b", "is"),
    (r"\bany_value\(", "max("),
    (r"\bbool_or\(", "max("),
    (r"\bbool_and\(", "min("),
    (r"\btry_cast\(", "cast("),
    (r"\bleft\(([^(),]+), (\d+)\)", r"substr(\1, 1, \2)"),
    (r"\bunion all by name\b", "union all"),                    # both sides list their columns in one order
    (r"\bdate_diff\('day', ([^(),]+), ([^(),]+)\)", r"cast(julianday(\2) - julianday(\1) as integer)"),
    (r"order by week_start\s+range between to_weeks\(([^()]*)\) preceding",
     r"order by julianday(week_start) range between (\1) * 7 preceding"),
]

# The latest N weeks and the same weeks a year before, counted back from last_start.
LATEST_WEEKS: list[tuple[str, str]] = [
    ("cast(last_start - to_weeks($weeks - 1) - to_weeks(52) as date)",
     "date(last_start, '-' || (($weeks - 1 + 52) * 7) || ' days')"),
    ("cast(last_start - to_weeks($weeks - 1) as date)", "date(last_start, '-' || (($weeks - 1) * 7) || ' days')"),
    ("cast(last_start - to_weeks(52) as date)", "date(last_start, '-364 days')"),
]

# query -> [(exact text, replacement)]: constructs without a SQLite spelling.
SPECIFIC: dict[str, list[tuple[str, str]]] = {
    "exam_pass_rate_latest": LATEST_WEEKS,
    "volumes_latest": LATEST_WEEKS,
    "opleider_funnel_limits": [
        ("from range(0, 101) as steps(step)",
         "from (with recursive steps(step) as (select 0 union all select step + 1 from steps where step < 100)"
         " select step from steps)"),
    ],
    "opleider_league": [
        ("string_agg(distinct n_band, ',' order by n_band)", "sorted_distinct_concat(n_band)"),
    ],
    "opleider_search": [  # arg_max (which skips NULL values) as the first row of a ranking that puts them last
        ("newest_name as (", """ranked_rows as (
    select
        *,
        row_number() over (partition by opleidercode order by opleidernaam is null, period_end desc) as name_rank,
        row_number() over (partition by opleidercode order by opleider_plaats is null, period_end desc)
            as place_rank
    from results
),

newest_name as ("""),
        ("arg_max(opleidernaam, period_end)", "max(case when name_rank = 1 then opleidernaam end)"),
        ("arg_max(opleider_plaats, period_end)", "max(case when place_rank = 1 then opleider_plaats end)"),
        ("    from results\n    group by opleidercode", "    from ranked_rows\n    group by opleidercode"),
    ],
}


class SqliteTranslationError(Exception):
    """A rewrite no longer finds its text: the query changed and its SQLite version must follow."""


def translate(name: str, sql: str) -> str:
    """Our DuckDB SQL for query `name` in SQLite's dialect."""
    for old, new in SPECIFIC.get(name, []):
        if old not in sql:
            raise SqliteTranslationError(f"{name}: the SQLite rewrite no longer finds {old[:60]!r}")
        sql = sql.replace(old, new)
    for pattern, replacement in COMMON:
        sql = re.sub(pattern, replacement, sql)
    return _nulls_last(sql)


def _nulls_last(sql: str) -> str:
    """DuckDB sorts NULLs last in both directions, SQLite first when ascending: say it in the final ORDER BY."""
    lines = sql.rstrip().split("\n")
    for index in range(len(lines) - 1, -1, -1):
        if lines[index].startswith("order by "):
            terms = [term.strip() for term in lines[index][len("order by "):].split(",")]
            terms = [term if "nulls" in term else f"{term} nulls last" for term in terms]
            lines[index] = "order by " + ", ".join(terms)
            break
    return "\n".join(lines)


def bind(params: dict[str, Any]) -> dict[str, Any]:
    """Parameter values as SQLite takes them: lists as JSON (for json_each), dates as ISO text."""
    bound = {}
    for key, value in params.items():
        if isinstance(value, (list, tuple)):
            value = json.dumps(list(value))
        elif isinstance(value, (dt.date, dt.datetime)):
            value = value.isoformat()
        bound[key] = value
    return bound


# --- functions SQLite lacks ---------------------------------------------------------------------

def _greatest(*values):
    known = [value for value in values if value is not None]
    return max(known) if known else None


def _least(*values):
    known = [value for value in values if value is not None]
    return min(known) if known else None


class _Median:
    def __init__(self):
        self.values = []

    def step(self, value):
        if value is not None:
            self.values.append(value)

    def finalize(self):
        return statistics.median(self.values) if self.values else None


class _SortedDistinctConcat:
    def __init__(self):
        self.values = set()

    def step(self, value):
        if value is not None:
            self.values.add(value)

    def finalize(self):
        return ",".join(sorted(self.values)) if self.values else None


def connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(str(path), check_same_thread=False)
    connection.create_function("greatest", -1, _greatest, deterministic=True)
    connection.create_function("least", -1, _least, deterministic=True)
    connection.create_aggregate("median", 1, _Median)
    connection.create_aggregate("sorted_distinct_concat", 1, _SortedDistinctConcat)
    return connection


class SqliteTimeout(Exception):
    """The query ran longer than the harness waits for one peer run."""


def run(connection: sqlite3.Connection, sql: str, params: dict[str, Any], timeout: float | None = None
        ) -> tuple[list[str], list[tuple]]:
    """Columns and rows; with a timeout (seconds) the query is interrupted and SqliteTimeout raised."""
    if timeout is not None:
        deadline = time.perf_counter() + timeout
        connection.set_progress_handler(lambda: time.perf_counter() > deadline, 100_000)
    try:
        cursor = connection.execute(sql, bind(params))
        rows = cursor.fetchall()
    except sqlite3.OperationalError as error:
        if timeout is not None and "interrupt" in str(error):
            raise SqliteTimeout(f"over {timeout:g} s") from None
        raise
    finally:
        if timeout is not None:
            connection.set_progress_handler(None, 0)
    return [column[0] for column in cursor.description], rows


# --- the copy -------------------------------------------------------------------------------------

SQLITE_TYPES = {"varchar": "text", "integer": "integer", "smallint": "integer", "bigint": "integer",
                "double": "real", "boolean": "integer", "date": "text", "timestamp": "text"}


def sqlite_ddl() -> tuple[str, list[str]]:
    """published.sql in SQLite's types, CHECK and REFERENCES left out; the primary keys, and the unique
    keys the contract names without declaring them (audit.unique_keys), as unique indexes to create after
    the rows are in (the same lookups, a faster load)."""
    from examencijfers.publish.audit import unique_keys

    ddl = (paths.SQL / "published.sql").read_text(encoding="utf-8")
    ddl = re.sub(r"--[^\n]*", "", ddl)
    ddl = re.sub(r"\s+check\s*\((?:[^()]|\([^()]*\))*\)", "", ddl)
    ddl = re.sub(r"\s+references\s+\w+\s*\(\w+\)", "", ddl)
    for duck, lite in SQLITE_TYPES.items():
        ddl = re.sub(rf"\b{duck}\b", lite, ddl)
    indexes = []
    for table, body in re.findall(r"create table (\w+) \((.*?)\n\);", ddl, flags=re.DOTALL):
        for key in re.findall(r"primary key \(([^)]*)\)", body):
            indexes.append(f"create unique index {table}_pk on {table} ({key})")
        for column in re.findall(r"^\s*(\w+)\s+\w+\s+primary key", body, flags=re.MULTILINE):
            indexes.append(f"create unique index {table}_pk on {table} ({column})")
    for table, key in unique_keys().items():
        indexes.append(f"create unique index {table}_key on {table} ({', '.join(key)})")
    ddl = re.sub(r",\s*primary key \([^)]*\)", "", ddl)
    ddl = re.sub(r"\s+primary key\b", "", ddl)
    return ddl, indexes


def build(published: Path, target: Path, batch: int = 50_000) -> dict[str, int]:
    """Copy every published table into a new SQLite file; returns rows per table."""
    target = Path(target)
    target.unlink(missing_ok=True)
    lite = sqlite3.connect(str(target))
    lite.execute("pragma journal_mode = off")
    lite.execute("pragma synchronous = off")
    ddl, indexes = sqlite_ddl()
    lite.executescript(ddl)
    source = open_read_only(published)  # the configuration queries/ uses (one per file and process)
    counts = {}
    try:
        for (table,) in source.execute("show tables").fetchall():
            columns = source.execute(
                "select column_name, data_type from information_schema.columns where table_name = ?"
                " order by ordinal_position", [table]).fetchall()
            select = ", ".join(_as_sqlite(name, kind) for name, kind in columns)
            marks = ", ".join("?" for _ in columns)
            names = ", ".join(name for name, _ in columns)
            result = source.execute(f"select {select} from {table}")
            counts[table] = 0
            while rows := result.fetchmany(batch):
                lite.executemany(f"insert into {table} ({names}) values ({marks})", rows)
                counts[table] += len(rows)
        for index in indexes:
            lite.execute(index)
        lite.commit()
        lite.execute("analyze")
    finally:
        source.close()
        lite.close()
    return counts


def _as_sqlite(name: str, kind: str) -> str:
    kind = kind.lower()
    if kind == "date":
        return f"cast({name} as varchar) as {name}"
    if kind.startswith("timestamp"):
        return f"strftime({name}, '%Y-%m-%d %H:%M:%S.%f') as {name}"
    if kind == "boolean":
        return f"cast({name} as integer) as {name}"
    return name
