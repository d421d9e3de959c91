"""VO tables: primary suppression in SQL, then secondary suppression over all margins, then the tables.

Secondary suppression is computed once per publication over every margin of vo_pass_rates (see
sql/publish/vo_pass_rate_margins.sql): a deterministic greedy round (vo_secondary_round.sql) is repeated
until no margin group has exactly one suppressed member.
"""
from __future__ import annotations

import duckdb

from examencijfers.publish.steps import PUBLISH_SQL, Step

MAX_ROUNDS = 1000

VO_STEPS: tuple[Step, ...] = (
    Step("publish_vo_levels", "vo_pass_rate_levels.sql", temp=True),
    Step("publish_vo_margins", "vo_pass_rate_margins.sql", temp=True),
    Step("publish_vo_cells", "vo_pass_rate_primary.sql", temp=True),
)


def secondary_suppression(connection: duckdb.DuckDBPyConnection) -> int:
    """Repeat the greedy round until it adds nothing; returns the number of rounds that added cells."""
    round_sql = (PUBLISH_SQL / "vo_secondary_round.sql").read_text(encoding="utf-8")
    for rounds in range(MAX_ROUNDS):
        connection.execute(f"create or replace temp table publish_vo_round as {round_sql}")
        added = connection.execute("select count(*) from publish_vo_round").fetchone()[0]
        if added == 0:
            return rounds
        connection.execute(
            "update publish_vo_cells set reason = 'secondary' from publish_vo_round"
            " where publish_vo_cells.row_id = publish_vo_round.row_id"
            " and publish_vo_cells.column_name = publish_vo_round.column_name"
        )
    raise RuntimeError("secondary suppression did not settle")  # each round suppresses >= 1 new cell


def publish_vo(connection: duckdb.DuckDBPyConnection) -> None:
    """Fill vo_pass_rates, vo_results_by_afdeling and vo_subject_grades from the warehouse attached as wh."""
    from examencijfers.publish.build import run_step

    for step in VO_STEPS:
        run_step(connection, step)
    secondary_suppression(connection)
    run_step(connection, Step("vo_pass_rates", "vo_pass_rates.sql"))
    run_step(connection, Step("vo_results_by_afdeling", "vo_results_by_afdeling.sql"))
    run_step(connection, Step("vo_subject_grades", "vo_subject_grades.sql"))
