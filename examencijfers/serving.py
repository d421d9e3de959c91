"""How the dashboard is served: the mode (public or analyst) and the one database it may open.

Public mode is the hosted site: it opens the published database read-only and refuses to start when
that file holds anything but the tables of the published contract (sql/published.sql), so a
misconfigured deployment pointing at the warehouse fails loudly instead of serving private rows.
Analyst mode is the local default; everything shown still comes from the published database.
"""
from __future__ import annotations

import enum
import logging
import os
import socket
import sys
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb

from examencijfers import paths
from examencijfers.errors import ExamencijfersError

MODE_VARIABLE = "EXAMENCIJFERS_MODE"
SCHEMA_VERSION = "1"  # publication.schema_version this code reads; a newer or older file is refused
PUBLISHED_VARIABLE = "EXAMENCIJFERS_PUBLISHED"
# The hosted site's Streamlit settings (no uploads, no error details, XSRF on, JSON logs...). `serve` in
# public mode applies them as command-line options, which beat any .streamlit/config.toml it finds, so
# EXAMENCIJFERS_MODE=public is the one setting that hardens a server, in Docker or not.
PUBLIC_CONFIG = paths.ROOT / "deploy" / "public.config.toml"
SWITCH_INTERVAL = 0.001   # seconds; see run_streamlit


class Mode(enum.StrEnum):
    PUBLIC = "public"
    ANALYST = "analyst"


class NotServable(ExamencijfersError):
    """The database named for serving is missing, private, or not the published contract."""


# Every read of a published database in this code base uses this one configuration: read-only, no access to
# any other file from a query (read_csv, attach, copy), and the settings locked. DuckDB also requires one
# configuration per file within a process, so the dashboard, queries/, extracts and this check agree.
READ_ONLY_CONFIG = {"enable_external_access": False, "lock_configuration": True}


def open_read_only(path: Path | str) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(path), read_only=True, config=dict(READ_ONLY_CONFIG))


def mode() -> Mode:
    value = os.environ.get(MODE_VARIABLE, Mode.ANALYST.value).strip().lower()
    try:
        return Mode(value)
    except ValueError:
        raise NotServable(f"{MODE_VARIABLE}={value!r}: expected 'public' or 'analyst'") from None


def mode_options() -> list[str]:
    """The Streamlit options the mode imposes: in public mode every setting of deploy/public.config.toml."""
    if mode() is not Mode.PUBLIC:
        return []
    if not PUBLIC_CONFIG.is_file():
        raise NotServable(f"{PUBLIC_CONFIG}: public mode needs the hosted Streamlit settings; it is missing")
    settings = tomllib.loads(PUBLIC_CONFIG.read_text(encoding="utf-8"))
    return [f"--{section}.{key}={str(value).lower() if isinstance(value, bool) else value}"
            for section, values in settings.items() for key, value in values.items()]


def published_path() -> Path:
    return Path(os.environ.get(PUBLISHED_VARIABLE, paths.PUBLISHED))


@cache
def contract_tables() -> frozenset[str]:
    """The tables sql/published.sql creates: all that a published database may hold."""
    return frozenset(table for schema, table in contract_columns() if schema == "main")


COLUMNS_SQL = ("select table_schema, table_name, list(column_name || ' ' || data_type order by ordinal_position)"
               " from information_schema.columns group by all")


@cache
def contract_columns() -> dict[tuple[str, str], list[str]]:
    """Every (schema, table) of the contract with its columns and types, in order, as DuckDB creates them."""
    connection = duckdb.connect()
    try:
        connection.execute((paths.SQL / "published.sql").read_text(encoding="utf-8"))
        return {(schema, table): columns for schema, table, columns in connection.execute(COLUMNS_SQL).fetchall()}
    finally:
        connection.close()


def contract_differences(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """How a database's schemas, tables (and views), columns and types differ from the contract (empty when
    they match). The servable check and the audit (publish/audit.py) both ask this."""
    found = {(schema, table): columns for schema, table, columns in connection.execute(COLUMNS_SQL).fetchall()}
    expected = contract_columns()
    differences = [f"table {schema}.{table} is not in the contract" for schema, table in sorted(found.keys() - expected)]
    differences += [f"table {schema}.{table} is missing" for schema, table in sorted(expected.keys() - found)]
    for schema, table in sorted(found.keys() & expected.keys()):
        if found[schema, table] != expected[schema, table]:
            differences.append(f"{schema}.{table} columns differ from the contract"
                               f" ({_column_differences(found[schema, table], expected[schema, table])})")
    schemas = {name for (name,) in connection.execute(
        "select schema_name from duckdb_schemas() where database_name = current_database() and not internal")
        .fetchall()}
    differences += [f"schema {name} is not in the contract"
                    for name in sorted(schemas - {schema for schema, _ in found} - {"main"})]
    return differences


def _column_differences(found: list[str], expected: list[str]) -> str:
    """'name TYPE' lists compared: what is extra, missing, of another type, or only in another order."""
    found_types, expected_types = (dict(column.split(" ", 1) for column in side) for side in (found, expected))
    parts = [f"not in it: {', '.join(name for name in found_types if name not in expected_types)}",
             f"missing: {', '.join(name for name in expected_types if name not in found_types)}",
             "other type: " + ", ".join(f"{name} {kind}, the contract {expected_types[name]}"
                                        for name, kind in found_types.items()
                                        if expected_types.get(name, kind) != kind)]
    described = "; ".join(part for part in parts if not part.endswith(": "))
    return described or "in another order"


@dataclass(frozen=True)
class Readiness:
    path: Path
    tables: int
    publication: dict[str, str]


def check_servable(path: Path | None = None) -> Readiness:
    """Open the database read-only and prove it is a published one; raise NotServable otherwise."""
    path = Path(path or published_path())
    if not path.is_file():
        raise NotServable(f"{path}: no published database; run `examencijfers publish`")
    try:
        connection = open_read_only(path)
    except duckdb.Error as error:
        raise NotServable(f"{path}: cannot be opened read-only: {str(error).splitlines()[0]}") from None
    try:
        names = {row[0] for row in connection.execute(
            "select table_name from information_schema.tables where table_schema = 'main'").fetchall()}
        foreign = sorted(names - contract_tables())
        if foreign:
            raise NotServable(f"{path}: holds tables outside the published contract ({', '.join(foreign[:5])}); "
                              "refusing to serve it")
        missing = sorted(contract_tables() - names)
        if missing:
            raise NotServable(f"{path}: lacks published tables ({', '.join(missing[:5])}); publish it again")
        differences = contract_differences(connection)
        if differences:
            raise NotServable(f"{path}: is not the published contract ({differences[0]}); refusing to serve it")
        publication = dict(connection.execute("select key, value from publication").fetchall())
    finally:
        connection.close()
    if publication.get("schema_version") != SCHEMA_VERSION:
        raise NotServable(f"{path}: publication schema version {publication.get('schema_version')!r}, "
                          f"expected {SCHEMA_VERSION!r}; publish it again with this version")
    return Readiness(path, len(names), publication)


def run_streamlit(published: Path, arguments: list[str]) -> None:
    """Run `streamlit run app.py` in this process, serving `published`.

    Streamlit decides at its first session whether a folder named pages/ beside app.py is its old automatic
    multipage app; ours holds st.navigation pages, so that mode is switched off before the server starts
    (otherwise the first visitor after a start who comes by a deep link gets a 'page not found').
    """
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli as streamlit_cli

    os.environ[PUBLISHED_VARIABLE] = str(published)
    PagesManager.uses_pages_directory = False
    send_without_delay()
    # The event loop that sends every page's messages waits at most this long for the page run in turn to let
    # go of the GIL; at Python's 5 ms it held visitors' finished pages back (benchmarks/README.md, finding 1).
    sys.setswitchinterval(SWITCH_INTERVAL)
    if mode() is Mode.PUBLIC:
        from examencijfers.logs import streamlit_json_logs

        streamlit_json_logs()
    sys.argv = ["streamlit", "run", str(paths.ROOT / "app.py"), *arguments]
    streamlit_cli.main()


def send_without_delay() -> None:
    """Every connection the server accepts sends a message at once (TCP_NODELAY), as Tornado's websockets did.

    Streamlit 1.67 binds its listening socket itself and hands it to uvicorn. asyncio switches Nagle's
    algorithm off only for the sockets it makes (protocol IPPROTO_TCP; this one says 0), so a run's small
    websocket messages after its first waited for the browser's delayed acknowledgement: ~40 ms added to
    every page run, one visitor alone (benchmarks/README.md, finding 1). Linux and the BSDs give a socket
    accept() returns the listening socket's TCP_NODELAY. A Streamlit without that function is served as it
    is (with a warning); tests/serving/test_send_without_delay.py fails when the locked one lacks it, and says
    when Streamlit no longer needs it."""
    try:
        from streamlit.web.server.starlette import starlette_server

        bind = starlette_server._bind_socket
    except (ImportError, AttributeError) as error:
        logging.getLogger(__name__).warning("connections keep Nagle's delay: %s", error)
        return
    if getattr(bind, "sends_without_delay", False):
        return

    def bind_without_delay(address: str, port: int, backlog: int) -> socket.socket:
        listening = bind(address, port, backlog)
        listening.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return listening

    bind_without_delay.sends_without_delay = True  # type: ignore[attr-defined]
    starlette_server._bind_socket = bind_without_delay
