"""Building the deliveries' aggregates in the warehouse (sql/deliveries_aggregates.sql).

Three of them have exactly the columns of a published.sql table (source = 'deliveries', suppression columns
NULL): the publish step feeds them through the same suppression as DUO's figures (its reading list is
examencijfers/publish/deliveries.py, PUBLISHED_AS); the others it publishes in tables of their own.
"""
from __future__ import annotations

import duckdb

from examencijfers import paths
from examencijfers.ingest.deliveries.loader import ensure_schema
from examencijfers.ingest.deliveries.reference import References, load_references, store_references

AGGREGATE_TABLES = ("deliveries_exam_results", "deliveries_subject_details", "deliveries_enrolment",
                    "deliveries_pass_rates", "deliveries_subject_grades", "deliveries_results_by_afdeling")


def aggregates_sql() -> str:
    return (paths.SQL / "deliveries_aggregates.sql").read_text(encoding="utf-8")


def build_aggregates(connection: duckdb.DuckDBPyConnection, references: References | None = None) -> dict[str, int]:
    """(Re)create the aggregate tables from the delivery records; returns the row count of each."""
    ensure_schema(connection)
    store_references(connection, references or load_references(connection))
    connection.execute(aggregates_sql())
    return {table: connection.execute(f"select count(*) from {table}").fetchall()[0][0] for table in AGGREGATE_TABLES}
