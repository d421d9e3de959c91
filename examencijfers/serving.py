"""How the dashboard is served: the mode (public or analyst) and the one database it may open.

Public mode is the hosted site: it opens the published database read-only and refuses to start when
that file holds anything but the tables of the published contract (sql/published.sql), so a
misconfigured deployment pointing at the warehouse fails loudly instead of serving private rows.
Analyst mode is the local default; everything shown still comes from the published database.
"""
from __future__ import annotations

import enum
import os
import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb

from examencijfers import paths
from examencijfers.errors import ExamencijfersError

MODE_VARIABLE = "EXAMENCIJFERS_MODE"
SCHEMA_VERSION = "1"  # publication.schema_version this code reads; a newer or older file is refused
PUBLISHED_VARIABLE = "EXAMENCIJFERS_PUBLISHED"


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


def published_path() -> Path:
    return Path(os.environ.get(PUBLISHED_VARIABLE, paths.PUBLISHED))


@cache
def contract_tables() -> frozenset[str]:
    """The tables sql/published.sql creates: all that a published database may hold."""
    ddl = (paths.SQL / "published.sql").read_text(encoding="utf-8")
    return frozenset(re.findall(r"^create table (?:if not exists )?(\w+)", ddl, flags=re.MULTILINE | re.IGNORECASE))


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
    sys.argv = ["streamlit", "run", str(paths.ROOT / "app.py"), *arguments]
    streamlit_cli.main()
