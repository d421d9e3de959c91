"""The record-level deliveries' aggregates, as the publish step reads them.

Only aggregates cross into the publish step, never a delivery_* record table: the warehouse tables of
sql/deliveries_aggregates.sql (built by examencijfers.ingest.deliveries when deliveries are loaded).
  shaped as a published table   deliveries_pass_rates, deliveries_results_by_afdeling and
                                deliveries_subject_grades have exactly the columns of vo_pass_rates,
                                vo_results_by_afdeling and vo_subject_grades (source 'deliveries'); they go
                                through the same SQL and suppression as DUO's rows;
  their own published tables    deliveries_exam_results, deliveries_subject_details and deliveries_enrolment
                                feed vo_exam_outcomes, vo_subject_details and vo_enrolment.
A warehouse without deliveries gets empty stand-ins, and the steps of their own tables are skipped.
"""
from __future__ import annotations

import duckdb

from examencijfers import paths

ILT_CODES_CSV = paths.REFERENCE / "ilt_codes.csv"

# warehouse table -> the published table whose columns it has (the deliveries' SQL keeps them equal)
PUBLISHED_AS = {
    "deliveries_pass_rates": "vo_pass_rates",
    "deliveries_results_by_afdeling": "vo_results_by_afdeling",
    "deliveries_subject_grades": "vo_subject_grades",
}


def warehouse_tables(connection: duckdb.DuckDBPyConnection) -> set[str]:
    return {name for (name,) in connection.execute(
        "select table_name from duckdb_tables() where database_name = 'wh'").fetchall()}


def prepare(connection: duckdb.DuckDBPyConnection) -> set[str]:
    """Temp tables publish_<warehouse table> for the tables shaped as published ones (empty when the
    warehouse has none), and publish_ilt_codes; returns the warehouse's tables (for Step.needs)."""
    present = warehouse_tables(connection)
    for ours, published in PUBLISHED_AS.items():
        source = f"wh.{ours}" if ours in present else f"{published} where false"
        connection.execute(f"create or replace temp table publish_{ours} as select * from {source}")
    if "delivery_ref_ilt_codes" in present:      # the copy the aggregates were built with
        connection.execute("create or replace temp table publish_ilt_codes as"
                           " select * from wh.delivery_ref_ilt_codes")
    else:
        escaped = str(ILT_CODES_CSV).replace("'", "''")
        connection.execute(
            "create or replace temp table publish_ilt_codes as"
            " select ilt_code, opleidingsnaam, onderwijstype, leerweg, sector, afdeling,"
            " examenopleiding = 'J' as examenopleiding"
            f" from read_csv('{escaped}', all_varchar = true, header = true)")
    return present
