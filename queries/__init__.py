"""Run the page queries: `queries.run(name, **params) -> polars.DataFrame`.

Each question is one file, queries/<name>.sql, that starts with a header comment:

    -- Question: what the file answers (may continue on following comment lines).
    -- Param products (varchar[]): what the parameter means.
    -- Param window (integer, default 1): a parameter that may be left out.
    -- Identifier grouping (productcode | categoriecode): a column name chosen from a fixed list.
    -- Output: col_a, col_b,
    --   col_c

Params are bound as DuckDB `$name` parameters, never formatted into the text. An Identifier is the one
thing that is put into the text ({{grouping}}), and only when it is one of the listed names. The file is
read and parsed once; every run checks the parameters against the header (unknown query, missing or
extra parameter, a value not of the declared type: a QueryError that says which) and the result's columns
against the declared output. Queries run on a read-only connection to the published database that cannot
reach any other file (DuckDB's external access is off), and a failure inside DuckDB is a QueryError too.
"""
from __future__ import annotations

import ast
import datetime as dt
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from examencijfers.errors import ExamencijfersError

HERE = Path(__file__).resolve().parent
_KEY = re.compile(r"^--\s*(Question|Param|Identifier|Output|Note)\b\s*(.*)$")
_PARAM = re.compile(r"^(\w+)\s*\(([^)]*)\)\s*:?\s*(.*)$")
_BOUND = re.compile(r"(?<![\w$])\$([A-Za-z_]\w*)")
_SLOT = re.compile(r"\{\{(\w+)\}\}")
_local = threading.local()
_NO_DEFAULT = object()


class QueryError(ExamencijfersError):
    """A query that does not exist, was called with the wrong parameters, or broke its own header."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    description: str
    default: Any = _NO_DEFAULT

    @property
    def required(self) -> bool:
        return self.default is _NO_DEFAULT


@dataclass(frozen=True)
class Identifier:
    name: str
    allowed: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class Query:
    """One parsed query file: its text and what its header declares."""

    name: str
    sql: str
    question: str
    params: tuple[Param, ...]
    identifiers: tuple[Identifier, ...]
    output: tuple[str, ...]

    @property
    def param_names(self) -> set[str]:
        return {p.name for p in self.params} | {i.name for i in self.identifiers}


def published_path() -> Path:
    """The published database: env EXAMENCIJFERS_PUBLISHED, else examencijfers.paths.PUBLISHED."""
    from examencijfers.paths import PUBLISHED

    return Path(os.environ.get("EXAMENCIJFERS_PUBLISHED", PUBLISHED))


def names() -> list[str]:
    """Every query name (the .sql files of this folder)."""
    return sorted(p.stem for p in HERE.glob("*.sql"))


def parse(name: str, text: str) -> Query:
    """Read the header comment of a query file; raise QueryError where it is incomplete or inconsistent."""
    fields: list[tuple[str, str]] = []
    for line in text.splitlines():
        if not line.startswith("--"):
            break
        match = _KEY.match(line)
        if match:
            fields.append((match.group(1), match.group(2).lstrip(":").strip()))
        elif fields:
            key, value = fields[-1]
            fields[-1] = (key, f"{value} {line[2:].strip()}".strip())
    question = " ".join(v for k, v in fields if k == "Question")
    params, identifiers, output = [], [], []
    for key, value in fields:
        if key in ("Param", "Identifier"):
            match = _PARAM.match(value)
            if not match:
                raise QueryError(f"{name}.sql: cannot read header line '-- {key} {value}'")
            pname, ptype, desc = match.groups()
            if key == "Param":
                ptype, _, default = ptype.partition(",")
                if default:
                    word, _, literal = default.strip().partition(" ")
                    if word != "default":
                        raise QueryError(f"{name}.sql: parameter {pname}: expected ', default <value>'")
                    try:
                        value = ast.literal_eval(literal.strip())
                    except (ValueError, SyntaxError) as error:
                        raise QueryError(f"{name}.sql: parameter {pname}: bad default {literal!r}") from error
                    params.append(Param(pname, ptype.strip(), desc, value))
                else:
                    params.append(Param(pname, ptype.strip(), desc))
            else:
                allowed = tuple(a.strip() for a in ptype.split("|") if a.strip())
                if not all(re.fullmatch(r"[a-z_][a-z0-9_]*", a) for a in allowed):
                    raise QueryError(f"{name}.sql: identifier {pname} allows a name that is not a plain column")
                identifiers.append(Identifier(pname, allowed, desc))
        elif key == "Output":
            output += [c.strip() for c in value.split(",") if c.strip()]
    if not question or not output:
        raise QueryError(f"{name}.sql: header needs '-- Question:' and '-- Output:' lines")
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("--"))
    used = set(_BOUND.findall(body))
    declared = {p.name for p in params}
    if used != declared:
        raise QueryError(f"{name}.sql: header declares parameters {sorted(declared)}, SQL uses {sorted(used)}")
    slots = set(_SLOT.findall(body))
    if slots != {i.name for i in identifiers}:
        raise QueryError(f"{name}.sql: header declares identifiers {sorted(i.name for i in identifiers)}, "
                         f"SQL uses {sorted(slots)}")
    return Query(name, text, question, tuple(params), tuple(identifiers), tuple(output))


@cache
def load(name: str) -> Query:
    """The parsed query `name`, read from disk once."""
    if not re.fullmatch(r"[a-z0-9_]+", name) or not (HERE / f"{name}.sql").is_file():
        raise QueryError(f"unknown query {name!r}; known: {', '.join(names())}")
    return parse(name, (HERE / f"{name}.sql").read_text(encoding="utf-8"))


def _connection() -> duckdb.DuckDBPyConnection:
    """A read-only connection per thread, renewed when the published file is replaced."""
    path = published_path()
    if not path.is_file():
        raise QueryError(f"published database not found: {path}")
    stamp = (str(path), path.stat().st_mtime_ns)
    con = getattr(_local, "con", None)
    if con is None or getattr(_local, "stamp", None) != stamp:
        if con is not None:
            con.close()
        from examencijfers.serving import open_read_only   # read-only, no external access, locked

        con = open_read_only(path)
        _local.con, _local.stamp = con, stamp
    return con


def _is_text_list(value: Any) -> bool:
    return isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value)


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return None  # a moment, not a day: say so rather than let DuckDB cut it
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


# Declared parameter type -> (the value as bound, or None when it is not of that type; what was expected).
# NULL (None) is a valid value of every type.
PARAM_TYPES: dict[str, tuple[Callable[[Any], Any], str]] = {
    "integer": (lambda v: v if isinstance(v, int) and not isinstance(v, bool) and -2**63 <= v < 2**63 else None,
                "a whole number"),
    "varchar": (lambda v: v if isinstance(v, str) else None, "text"),
    "varchar[]": (lambda v: list(v) if _is_text_list(v) else None, "a list of texts"),
    "date": (_as_date, "a date (datetime.date or 'YYYY-MM-DD')"),
}


def _typed(query: Query, param: Param, value: Any) -> Any:
    if value is None or param.type not in PARAM_TYPES:
        return value
    convert, expected = PARAM_TYPES[param.type]
    converted = convert(value)
    if converted is None:
        shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
        raise QueryError(f"{query.name}: parameter {param.name} must be {expected}, found {shown}")
    return converted


def render(query: Query, params: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Check `params` against the header; return the SQL (identifiers filled in) and the bound values."""
    params = {**{p.name: p.default for p in query.params if not p.required}, **params}
    given, declared = set(params), query.param_names
    missing, extra = sorted(declared - given), sorted(given - declared)
    if missing or extra:
        parts = [f"missing parameter(s) {', '.join(missing)}" if missing else "",
                 f"unknown parameter(s) {', '.join(extra)}" if extra else ""]
        raise QueryError(f"{query.name}: {'; '.join(p for p in parts if p)}; "
                         f"expects {', '.join(sorted(declared)) or 'no parameters'}")
    sql = query.sql
    for ident in query.identifiers:
        value = params[ident.name]
        if value not in ident.allowed:
            raise QueryError(f"{query.name}: {ident.name} must be one of {', '.join(ident.allowed)}, "
                             f"found {value!r}")
        sql = sql.replace("{{" + ident.name + "}}", value)
    return sql, {p.name: _typed(query, p, params[p.name]) for p in query.params}


def run(name: str, **params: Any) -> pl.DataFrame:
    """Run query `name` on the published database with bound `params`; a polars DataFrame."""
    return run_on(_connection(), name, **params)


def run_on(connection: duckdb.DuckDBPyConnection, name: str, **params: Any) -> pl.DataFrame:
    """Run query `name` on a given (read-only, published) connection: the dashboard passes a cursor of its
    one cached database handle, so every session shares one open file."""
    query = load(name)
    sql, bound = render(query, params)
    try:
        frame = connection.sql(sql, params=bound or None).pl()
    except duckdb.Error as error:
        raise QueryError(f"{name}: {str(error).splitlines()[0]}") from error
    if tuple(frame.columns) != query.output:
        raise QueryError(f"{name}: returned columns {frame.columns}, header declares {list(query.output)}")
    return frame


def catalogue() -> str:
    """Every query with its question, parameters and output, as Markdown (the vocabulary of the pages)."""
    parts = []
    for name in names():
        query = load(name)
        lines = [f"### {name}", "", query.question, ""]
        for param in query.params:
            default = "" if param.required else f", default {param.default!r}"
            lines.append(f"- `{param.name}` ({param.type}{default}): {param.description}")
        for ident in query.identifiers:
            lines.append(f"- `{ident.name}` (one of {', '.join(ident.allowed)}): {ident.description}")
        if query.params or query.identifiers:
            lines.append("")
        lines += ["Output: " + ", ".join(f"`{c}`" for c in query.output), ""]
        parts.append("\n".join(lines))
    return "\n".join(parts)
