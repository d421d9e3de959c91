"""VO tables: primary suppression in SQL, then secondary suppression over all margins, then the tables.

Both sources, DUO's published files and the record-level deliveries, go through the same steps (each
its own margins). Secondary suppression is computed once per publication, over every published VO table:
  1. SQL rounds (vo_secondary_round.sql) until no margin group of vo_pass_rates has exactly one
     suppressed member (sql/publish/vo_pass_rate_margins.sql);
  2. the solver (publish/complement.py) finds every small cell an attacker could still narrow below the
     protection level, through all published cells and margins, and names complementary cells;
  3. those are forced (publish_vo_forced), the SQL rounds run again on top, and the tables are rewritten.
"""
from __future__ import annotations

import duckdb

from examencijfers.publish import complement, deliveries
from examencijfers.publish.intervals import Solver
from examencijfers.publish.steps import PUBLISH_SQL, Step

MAX_ROUNDS = 1000

VO_STEPS: tuple[Step, ...] = (
    Step("publish_vo_levels", "vo_pass_rate_levels.sql", temp=True),
    Step("publish_vo_margins", "vo_pass_rate_margins.sql", temp=True),
    Step("publish_vo_cells", "vo_pass_rate_primary.sql", temp=True),
)

# the margin groups' cells, made again by each secondary_suppression (after force, the solver's cells are in)
MEMBERS = Step("publish_vo_members", "vo_secondary_members.sql", temp=True)

# rewritten when the solver forces more cells
PATTERN_STEPS: tuple[Step, ...] = (
    Step("vo_pass_rates", "vo_pass_rates.sql"),
    Step("vo_results_by_afdeling", "vo_results_by_afdeling.sql"),
)

OTHER_STEPS: tuple[Step, ...] = (
    Step("vo_subject_grades", "vo_subject_grades.sql"),
    Step("vo_subject_details", "vo_subject_details.sql", needs="deliveries_subject_details"),
    Step("vo_exam_outcomes", "vo_exam_outcomes.sql", needs="deliveries_exam_results"),
    Step("vo_enrolment", "vo_enrolment.sql", needs="deliveries_enrolment"),
)


def secondary_suppression(connection: duckdb.DuckDBPyConnection) -> int:
    """Repeat the greedy round until it adds nothing; returns the number of rounds that added cells."""
    from examencijfers.publish.build import run_step

    run_step(connection, MEMBERS)
    round_sql = (PUBLISH_SQL / "vo_secondary_round.sql").read_text(encoding="utf-8")
    for rounds in range(MAX_ROUNDS):
        connection.execute(f"create or replace temp table publish_vo_round as {round_sql}")
        added = connection.execute("select count(*) from publish_vo_round").fetchone()[0]
        if added == 0:
            return rounds
        for table in ("publish_vo_cells", MEMBERS.table):
            connection.execute(
                f"update {table} set reason = 'secondary' from publish_vo_round"
                f" where {table}.row_id = publish_vo_round.row_id"
                f" and {table}.column_name = publish_vo_round.column_name"
            )
    raise RuntimeError("secondary suppression did not settle")  # each round suppresses >= 1 new cell


def force(connection: duckdb.DuckDBPyConnection, cell_keys: set[str]) -> None:
    """Mark the solver's complementary cells: in publish_vo_cells for the pass rates, and in
    publish_vo_forced, which vo_results_by_afdeling.sql reads."""
    # one statement with the keys as a list (executemany would run a statement per key)
    connection.execute("insert into publish_vo_forced select unnest($keys)", {"keys": sorted(cell_keys)})
    connection.execute(
        "update publish_vo_cells set reason = 'secondary' from publish_vo_levels, publish_vo_forced"
        " where publish_vo_cells.row_id = publish_vo_levels.row_id and publish_vo_cells.reason is null"
        " and publish_vo_forced.cell_key = 'vo_pass_rates:' || publish_vo_levels.row_key || '|'"
        " || publish_vo_levels.geslacht || ':' || publish_vo_cells.column_name"
    )


def write_pattern(connection: duckdb.DuckDBPyConnection) -> None:
    from examencijfers.publish.build import run_step

    for step in PATTERN_STEPS:
        connection.execute(f"delete from {step.table}")
        run_step(connection, step)


def publish_vo(connection: duckdb.DuckDBPyConnection, protection: int, solver: Solver | None = None) -> None:
    """Fill the VO tables from the warehouse attached as wh (DUO's files and the deliveries' aggregates)."""
    from examencijfers.publish.build import run_step

    present = deliveries.prepare(connection)
    run_step(connection, Step("vo_ilt_codes", "vo_ilt_codes.sql"))
    for step in VO_STEPS:
        run_step(connection, step)
    connection.execute("create or replace temp table publish_vo_forced (cell_key varchar primary key)")
    secondary_suppression(connection)
    write_pattern(connection)
    forced = complement.complementary_cells(connection, protection, solver)
    if forced:
        force(connection, forced)
        secondary_suppression(connection)
        write_pattern(connection)
    for step in OTHER_STEPS:
        if step.needs is None or step.needs in present:
            run_step(connection, step)
