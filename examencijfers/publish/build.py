"""Building data/published.duckdb from the warehouse: run the publish SQL, record the rules, audit, swap in.

The new file is written beside the old one under a temporary name, audited, and only then renamed over
the old one (os.replace is atomic on one file system), so a running dashboard never sees half a
publication and a publication that fails its audit never replaces a good one.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from examencijfers import paths
from examencijfers.errors import ExamencijfersError
from examencijfers.publish import steps
from examencijfers.publish.intervals import Solver
from examencijfers.publish.rules import Rules
from examencijfers.serving import open_read_only

SCHEMA_VERSION = "1"


class PublishError(ExamencijfersError):
    """The warehouse cannot be published as it is, or the new publication failed its audit."""


class Timings(dict[str, float]):
    """Seconds per publish step, in the order the steps ran (`examencijfers publish --timings`)."""

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self[name] = self.get(name, 0.0) + time.perf_counter() - started


@dataclass(frozen=True)
class PublishResult:
    path: Path
    tables: dict[str, int]          # published table -> rows
    suppressed: int                 # suppressed cells (and left-out rows) over all tables
    timings: Timings = field(default_factory=Timings)   # step -> seconds, in the order they ran


def published_ddl() -> str:
    return (paths.SQL / "published.sql").read_text(encoding="utf-8")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def run_step(connection: duckdb.DuckDBPyConnection, step: steps.Step) -> None:
    try:
        if step.temp:
            kind = "view" if step.view else "table"
            connection.execute(f"create or replace temp {kind} {step.table} as {step.sql()}")
        else:
            connection.execute(f"insert into {step.table} by name {step.sql()}")
    except duckdb.Error as error:
        raise PublishError(f"{step.sql_file}: {str(error).splitlines()[0]}") from error


def record_counts(connection: duckdb.DuckDBPyConnection) -> None:
    """suppression_counts: suppressed cells per table, column and reason ('*' = a whole row's counts).

    Rows that are left out altogether (CBR products in the opleider results) are counted too: their
    location rows and their all-locations ('*') rows, as the table would have held them.
    """
    columns = connection.execute(
        "select table_name, column_name from duckdb_columns()"
        " where database_name = current_database() and schema_name = 'main'"
        " and (column_name = 'suppression' or column_name like '%\\_suppression' escape '\\')"
        " order by table_name, column_name"
    ).fetchall()
    for table, column in columns:
        value_column = "*" if column == "suppression" else column.removesuffix("_suppression")
        connection.execute(
            f"insert into suppression_counts select ?, ?, {column}, count(*) from {table}"
            f" where {column} is not null group by {column}",
            [table, value_column],
        )
    connection.execute(
        "insert into suppression_counts"
        " select 'cbr_opleider_results', '*', cbr_reason, count(*) from publish_cbr_opleider_long"
        " where cbr_reason is not null group by cbr_reason"
    )


def record_publication(connection: duckdb.DuckDBPyConnection, warehouse: Path, rules: Rules) -> None:
    connection.executemany("insert into suppression_rules values (?, ?, ?, ?)", rules.rows())
    values = {
        "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "schema_version": SCHEMA_VERSION,
        "warehouse_sha256": file_sha256(warehouse),
        "rules": json.dumps(rules.values(), sort_keys=True),
    }
    connection.executemany("insert into publication values (?, ?)", list(values.items()))


def build(warehouse: Path, target: Path, rules: Rules, solver: Solver | None = None,
          timings: Timings | None = None) -> None:
    """Fill a new published database at `target` from the warehouse (read-only). The solver (and what it
    already solved) may be handed on to the audit of the result; `timings` collects seconds per step."""
    from examencijfers.publish import vo  # the VO tables and their (secondary) suppression

    timings = Timings() if timings is None else timings
    connection = duckdb.connect(str(target))
    try:
        # No table's meaning rests on its rows' order (every query and extract sorts), and without keeping
        # it DuckDB writes in parallel: the opleider rows at 100x made long in 5 s instead of 8.
        connection.execute("set preserve_insertion_order = false")
        connection.execute(published_ddl())
        escaped = str(warehouse).replace("'", "''")
        connection.execute(f"attach '{escaped}' as wh (read_only)")
        rules.set_variables(connection)
        for step in steps.CBR_STEPS:
            with timings.step(step.table):
                run_step(connection, step)
        with timings.step("vo (suppression and solver)"):
            vo.publish_vo(connection, rules.values()["vo_protection_level"], solver)
        with timings.step("suppression_counts"):
            record_counts(connection)
        with timings.step("publication"):
            record_publication(connection, warehouse, rules)
        with timings.step("checkpoint"):
            connection.execute("detach wh")
            connection.execute("checkpoint")
    finally:
        connection.close()


def publish(warehouse: Path, out: Path, rules: Rules, audit: bool = True) -> PublishResult:
    """Build, audit and atomically swap in the published database."""
    from examencijfers.publish.audit import audit_published

    warehouse, out = Path(warehouse), Path(out)
    if not warehouse.exists():
        raise PublishError(f"{warehouse}: no warehouse here; run `examencijfers build` first")
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out)
    temporary = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    for leftover in (temporary, temporary.with_name(temporary.name + ".wal")):
        leftover.unlink(missing_ok=True)
    solver = Solver(rules.values()["vo_protection_level"])
    timings = Timings()
    try:
        build(warehouse, temporary, rules, solver, timings)
        if audit:
            with timings.step("audit"):
                findings = audit_published(temporary, solver=solver)
            if findings.problems:
                raise PublishError(
                    f"the new publication fails its audit ({len(findings.problems)} findings, first: "
                    f"{findings.problems[0]}); {out} left unchanged"
                )
        result = summarise(temporary, out, timings)
        os.replace(temporary, out)
        return result
    finally:
        solver.close()
        for leftover in (temporary, temporary.with_name(temporary.name + ".wal")):
            leftover.unlink(missing_ok=True)


def remove_leftovers(out: Path) -> None:
    """Delete what earlier publishes into `out` left beside it (.<name>.<pid>.tmp, .wal, .old; files or
    folders) when their process is gone (killed or crashed): a publish still running elsewhere keeps its own."""
    for leftover in out.parent.glob(f".{out.name}.*"):
        pid = leftover.name[len(out.name) + 2:].split(".")[0]
        if pid.isdigit() and not process_alive(int(pid)):
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, someone else's
        return True
    return True


def summarise(database: Path, final_path: Path, timings: Timings | None = None) -> PublishResult:
    connection = open_read_only(database)
    try:
        tables = {
            name: connection.execute(f"select count(*) from {name}").fetchone()[0]
            for (name,) in connection.execute("show tables").fetchall()
        }
        suppressed = connection.execute("select coalesce(sum(cells), 0) from suppression_counts").fetchone()[0]
    finally:
        connection.close()
    return PublishResult(final_path, tables, int(suppressed), timings if timings is not None else Timings())
