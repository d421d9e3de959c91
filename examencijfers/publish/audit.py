"""The audit: proves a published database holds nothing but protected aggregates.

Checks, each giving one line per finding:
  schema      exactly the tables and columns of the contract (published.sql): nothing record-level,
              nothing from the warehouse, no extra table, view or schema;
  markers     no value beside its suppression marker; every marker a known reason code;
  unique      no two rows share a table's unique key (the keys published.sql names in a
              '-- unique key of TABLE: (...)' line; not declared, an index would cost more than it is worth);
  primary     no VO count from 1 to k-1, no VO rate from fewer than k pupils, no 0%/100% on a small group,
              no opleider counts from 1 to the minimum minus one published (each row on its own: the
              opleider's examenlocatie '*' total is judged by its own n; too_few_exams is a reliability
              rule, not a confidential cell, so a total beside a too_few_exams location row is no leak);
  cbr         no CCV product published that CBR's criteria keep private: rule 1 recounted from the
              published opleider rows, rules 2-7 from the public product catalogue (reference CSV);
  secondary   no suppressed VO count recoverable by subtraction: every margin group (the same margins the
              publish step protects, vo_pass_rate_margins.sql) has zero or at least two suppressed cells,
              and so has every row of vo_results_by_afdeling (kandidaten = geslaagden + gezakten);
  years       every schooljaar is one school year: no total over years is published, so years are no
              margin an attacker could subtract from (the issue's "over years");
  interval    for every small suppressed VO cell (primary, extreme_rate, DUO's own "<5"), the tightest
              interval an attacker can derive from all published cells, margins and rates, by linear
              programming with integrality where it matters (publish/attack.py, publish/intervals.py,
              HiGHS): none may be narrower than the protection level.
The parameters (k, minimums, protection level) are read from the database's own suppression_rules table.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from examencijfers import paths
from examencijfers.publish.attack import AttackModel
from examencijfers.publish.intervals import Solver
from examencijfers.publish.steps import PUBLISH_SQL
from examencijfers.serving import contract_differences, contract_tables, open_read_only

CATALOGUE = paths.REFERENCE / "cbr_products.csv"

# tables whose single `suppression` column covers these value columns
ROW_SUPPRESSED_COLUMNS: dict[str, tuple[str, ...]] = {
    "cbr_exams_weekly": ("totaal", "voldoende", "onvoldoende", "particulier", "tolk"),
    "cbr_diplomas_weekly": ("aantal",),
    "cbr_opleider_results": ("voldoende", "onvoldoende", "n"),
    "cbr_product_rates": ("voldoende", "onvoldoende", "n", "opleiders"),
}
VO_COUNT_TYPES = ("INTEGER", "BIGINT", "SMALLINT", "HUGEINT")


@dataclass
class AuditReport:
    tables: int = 0
    suppressed_cells: int = 0
    leaking_cells: int = 0
    problems: list[str] = field(default_factory=list)

    def add(self, problem: str, cells: int = 0) -> None:
        self.problems.append(problem)
        self.leaking_cells += cells

    def summary(self) -> str:
        return (f"audit: {self.tables} tables checked, {self.suppressed_cells} suppressed cells, "
                f"{self.leaking_cells} cells leaking, {len(self.problems)} findings")


def table_columns(connection: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[str, str]]]:
    columns: dict[str, list[tuple[str, str]]] = {}
    for table, column, data_type in connection.execute(
        "select table_name, column_name, data_type from duckdb_columns()"
        " where database_name = current_database() and not internal order by table_name, column_index"
    ).fetchall():
        columns.setdefault(table, []).append((column, data_type))
    return columns


def check_schema(connection: duckdb.DuckDBPyConnection, report: AuditReport) -> None:
    for difference in contract_differences(connection):
        report.add(f"schema: {difference}")


def unique_keys() -> dict[str, tuple[str, ...]]:
    """The unique keys the contract names ('-- unique key of TABLE: (a, b, ...)' in published.sql)."""
    ddl = (paths.SQL / "published.sql").read_text(encoding="utf-8")
    return {table: tuple(column.strip() for column in key.split(","))
            for table, key in re.findall(r"^-- unique key of (\w+): \(([^)]*)\)", ddl, flags=re.MULTILINE)}


def check_unique(connection, columns, report: AuditReport) -> None:
    for table, key in unique_keys().items():
        if table not in columns:
            continue
        listed = ", ".join(key)
        # Grouping by one hash of the key is twice as fast as by its columns (18.7 million opleider rows at
        # 100x); two keys that share a hash are told apart by the exact count, asked only then.
        (shared,) = connection.execute(
            f"select count(*) from (select hash({listed}) from {table} group by all having count(*) > 1)").fetchone()
        if not shared:
            continue
        duplicated, example = connection.execute(
            f"select count(*), any_value(concat_ws('|', {listed})) from"
            f" (select {listed} from {table} group by all having count(*) > 1)").fetchone()
        if duplicated:
            report.add(f"unique: {table}: {duplicated} keys ({listed}) held by more than one row (e.g. {example})")


def marker_columns(columns: dict[str, list[tuple[str, str]]]) -> list[tuple[str, str, tuple[str, ...]]]:
    """(table, marker column, the value columns it covers)."""
    markers = []
    for table, table_cols in columns.items():
        names = [name for name, _ in table_cols]
        for name in names:
            if name == "suppression" and table in ROW_SUPPRESSED_COLUMNS:
                markers.append((table, name, ROW_SUPPRESSED_COLUMNS[table]))
            elif name.endswith("_suppression") and name.removesuffix("_suppression") in names:
                markers.append((table, name, (name.removesuffix("_suppression"),)))
    return markers


def check_markers(connection, columns, report: AuditReport) -> None:
    known = {reason for (reason,) in connection.execute("select reason from suppression_reasons").fetchall()}
    for table, marker, values in marker_columns(columns):
        report.suppressed_cells += connection.execute(
            f"select count(*) from {table} where {marker} is not null").fetchone()[0] * len(values)
        for value in values:
            leaked = connection.execute(
                f"select count(*) from {table} where {marker} is not null and {value} is not null").fetchone()[0]
            if leaked:
                report.add(f"markers: {table}.{value} published beside its suppression marker ({leaked} cells)",
                           leaked)
        for (reason,) in connection.execute(
                f"select distinct {marker} from {table} where {marker} is not null").fetchall():
            if reason not in known:
                report.add(f"markers: {table}.{marker} has unknown reason {reason!r}")


def rule_value(connection, rule: str, default: int) -> int:
    row = connection.execute("select value from suppression_rules where rule = ?", [rule]).fetchone()
    return int(row[0]) if row else default


def check_primary(connection, columns, report: AuditReport) -> None:
    k = rule_value(connection, "vo_min_count", 5)
    extreme = rule_value(connection, "vo_extreme_rate_group", 10)
    min_exams = rule_value(connection, "opleider_min_exams", 10)
    for table, marker, (value,) in [m for m in marker_columns(columns) if m[0].startswith("vo_")]:
        data_type = dict(columns[table])[value]
        if data_type in VO_COUNT_TYPES:
            small = connection.execute(
                f"select count(*) from {table} where {value} between 1 and {k - 1}").fetchone()[0]
            if small:
                report.add(f"primary: {table}.{value} publishes counts from 1 to {k - 1} ({small} cells)", small)
    if "vo_pass_rates" in columns:
        checks = {
            f"slaagpercentage published from fewer than {k} candidates":
                f"slaagpercentage is not null and (examenkandidaten is null or examenkandidaten < {k})",
            "slaagpercentage published beside a suppressed count":
                "slaagpercentage is not null and (examenkandidaten_suppression is not null"
                " or geslaagden_suppression is not null)",
            f"0% or 100% published on a group smaller than {extreme}":
                f"examenkandidaten between 1 and {extreme - 1} and geslaagden in (0, examenkandidaten)",
        }
        for what, condition in checks.items():
            found = connection.execute(f"select count(*) from vo_pass_rates where {condition}").fetchone()[0]
            if found:
                report.add(f"primary: vo_pass_rates: {what} ({found} cells)", found)
    if "cbr_opleider_results" in columns:
        found = connection.execute(
            f"select count(*) from cbr_opleider_results where n between 1 and {min_exams - 1}").fetchone()[0]
        if found:
            report.add(f"primary: cbr_opleider_results: rates from fewer than {min_exams} exams ({found} cells)",
                       found)


# The published values that reveal a CBR product's exams: what CBR's criteria keep private.
PRODUCT_COUNTS = (("cbr_exams_weekly", "totaal"), ("cbr_opleider_results", "n"), ("cbr_product_rates", "n"),
                  ("cbr_opleider_results", "n_band"))


def load_catalogue(path: Path | None) -> dict[str, dict[str, str]]:
    path = CATALOGUE if path is None else Path(path)
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["productcode"]: row for row in csv.DictReader(handle)}


def catalogue_rule(product: dict[str, str]) -> str | None:
    """CBR's criteria 2-7 from the catalogue (independent of the SQL in cbr_catalogue_rules.sql)."""
    if product.get("divisie") != "CCV":
        return None
    true = lambda name: product.get(name, "").strip().lower() == "true"  # noqa: E731
    group = product.get("productgroep", "").strip().lower()
    for rule, holds in (("cbr_rule_2", true("soortproductverlenging")), ("cbr_rule_3", true("individueel")),
                        ("cbr_rule_4", group == "vakbekwaamheid nascholing"),
                        ("cbr_rule_5", group == "toetsen vakbekwaamheid"),
                        ("cbr_rule_6", true("nader_onderzoek")), ("cbr_rule_7", true("via_verzoek"))):
        if holds:
            return rule
    return None


def check_cbr(connection, columns, report: AuditReport, catalogue: Path | None) -> None:
    if "cbr_opleider_results" not in columns:
        return
    max_opleiders = rule_value(connection, "cbr_max_opleiders", 10)
    for publication, product, opleiders in connection.execute(
        "select r.publication, r.productcode, count(distinct r.opleidercode) filter"
        " (where r.opleider_actief and (r.n > 0 or r.suppression = 'too_few_exams'))"
        " from cbr_opleider_results r join cbr_products p using (productcode) where p.divisie = 'CCV'"
        " group by all having count(distinct r.opleidercode) filter"
        f" (where r.opleider_actief and (r.n > 0 or r.suppression = 'too_few_exams')) <= {max_opleiders}"
    ).fetchall():
        report.add(f"cbr: cbr_opleider_results publishes CCV product {product} ({publication}) taken by only"
                   f" {opleiders} active opleiders (rule 1)")
    check_unknown_products(connection, report)
    private = {code: rule for code, product in load_catalogue(catalogue).items()
               if (rule := catalogue_rule(product))}
    if not private:
        return
    connection.execute("create or replace temp table audit_private (productcode varchar, rule varchar)")
    connection.executemany("insert into audit_private values (?, ?)", list(private.items()))
    for table, value in PRODUCT_COUNTS:
        for product, rule, cells in connection.execute(
            f"select productcode, rule, count(*) from {table} join audit_private using (productcode)"
            f" where {value} is not null and {value} <> '0' group by all order by 1"
        ).fetchall():
            report.add(f"cbr: {table}.{value} publishes product {product}, which {rule} keeps private"
                       f" ({cells} cells)", cells)


def check_unknown_products(connection, report: AuditReport) -> None:
    """A product missing from the catalogue the publication was judged by (its copy in cbr_products) cannot
    have passed CBR's criteria, so none of its counts may be published."""
    for table, value in PRODUCT_COUNTS:
        for (product,) in connection.execute(
            f"select distinct productcode from {table} where {value} is not null and {value} <> '0'"
            " and productcode not in (select productcode from cbr_products) order by 1"
        ).fetchall():
            report.add(f"cbr: {table}.{value} publishes product {product}, which is not in the catalogue")


def check_secondary(connection, columns, report: AuditReport) -> None:
    """Rebuild the VO margins from the published table and look for groups with one suppressed cell."""
    if "vo_pass_rates" not in columns:
        return
    connection.execute(
        "create or replace temp table publish_vo_levels as"
        " select row_number() over () as row_id,"
        " concat_ws('|', source, level, area_code, onderwijstype, coalesce(inspectiecode, '*'), schooljaar)"
        " as row_key, case when level = 'vestiging' then area_code end as vestigingscode, *"
        " from vo_pass_rates"
    )
    margins = (PUBLISH_SQL / "vo_pass_rate_margins.sql").read_text(encoding="utf-8")
    connection.execute(f"create or replace temp table audit_margins as {margins}")
    for column in ("examenkandidaten", "geslaagden"):
        exposed = connection.execute(
            f"select m.group_key, any_value(l.row_key || '|' || l.geslacht) filter"
            f" (where l.{column}_suppression is not null)"
            f" from audit_margins m join publish_vo_levels l using (row_id)"
            f" group by m.group_key having count(*) filter (where l.{column}_suppression is not null) = 1"
            f" order by 1"
        ).fetchall()
        if exposed:
            example_group, example_cell = exposed[0]
            report.add(f"secondary: vo_pass_rates.{column}: {len(exposed)} margin groups hold a single"
                       f" suppressed cell, recoverable by subtraction (e.g. {example_cell} from {example_group})",
                       len(exposed))


def check_rows(connection, columns, report: AuditReport) -> None:
    """vo_results_by_afdeling: examenkandidaten = geslaagden + gezakten within each row."""
    if "vo_results_by_afdeling" not in columns:
        return
    exposed = connection.execute(
        "select count(*) from vo_results_by_afdeling where (examenkandidaten_suppression is not null)::int"
        " + (geslaagden_suppression is not null)::int + (gezakten_suppression is not null)::int = 1"
    ).fetchone()[0]
    if exposed:
        report.add(f"secondary: vo_results_by_afdeling: {exposed} rows hold a single suppressed count, recoverable"
                   " as examenkandidaten = geslaagden + gezakten", exposed)


def check_years(connection, columns, report: AuditReport) -> None:
    """No VO row adds up school years (a schooljaar is 'YYYY-YYYY' with consecutive years)."""
    for table in sorted(table for table, cols in columns.items() if "schooljaar" in dict(cols)):
        found = connection.execute(
            f"select count(*), any_value(schooljaar) from {table} where not regexp_full_match(schooljaar,"
            " '[0-9]{4}-[0-9]{4}') or try_cast(right(schooljaar, 4) as integer)"
            " <> try_cast(left(schooljaar, 4) as integer) + 1").fetchone()
        if found[0]:
            report.add(f"years: {table} has {found[0]} rows over more than one school year (e.g. {found[1]!r}),"
                       " a margin over years", found[0])


INTERVAL_TABLES = ("vo_pass_rates", "vo_results_by_afdeling", "vo_ilt_codes")


def check_intervals(connection, columns, report: AuditReport, solver: Solver | None) -> None:
    """No small suppressed VO cell lies in an interval narrower than the protection level."""
    if not all(table in columns for table in INTERVAL_TABLES):
        return
    protection = rule_value(connection, "vo_protection_level", rule_value(connection, "vo_min_count", 5))
    model = AttackModel(connection)
    if solver is not None and solver.protection == protection:
        solution = solver.solve(model.system)
    else:
        with Solver(protection) as own:
            solution = own.solve(model.system)
    for constraint in model.inconsistencies(solution):
        report.add(f"interval: the published figures contradict each other: {constraint}")
    for _, leak in model.leaks(solution, protection):
        report.add(f"interval: {leak}, narrower than {protection}", 1)


def audit_published(path: Path, catalogue: Path | None = None, solver: Solver | None = None) -> AuditReport:
    """Run every check on a published database (opened read-only; temp tables only in memory). A solver
    that already solved most of this publication (the publish step's) saves solving it again."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no published database here; run `examencijfers publish` first")
    connection = open_read_only(path)
    report = AuditReport()
    try:
        columns = {table: cols for table, cols in table_columns(connection).items()}
        report.tables = len(columns)
        check_schema(connection, report)
        present = {table: cols for table, cols in columns.items() if table in contract_tables()}
        check_unique(connection, present, report)
        check_markers(connection, present, report)
        check_primary(connection, present, report)
        check_cbr(connection, present, report, catalogue)
        check_secondary(connection, present, report)
        check_rows(connection, present, report)
        check_years(connection, present, report)
        check_intervals(connection, present, report, solver)
    finally:
        connection.close()
    return report
