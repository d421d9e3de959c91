"""The `examencijfers` command: thin wrappers that call the rooms (ingest, publish, demo, ...).

Every command takes --db (the private warehouse) and, where it reads the public side, --published.
Failures print one line and exit non-zero; long work shows a progress bar (rich).
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from examencijfers import paths
from examencijfers.errors import ExamencijfersError

app = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
                  help="Examencijfers: Dutch exam statistics (CBR driving exams, DUO VO exams).")

DbOption = Annotated[Path, typer.Option("--db", help="The private warehouse (DuckDB file).")]
PublishedOption = Annotated[Path, typer.Option("--published", help="The published (protected) database.")]


@app.callback()
def _group() -> None:
    """Examencijfers: Dutch exam statistics (CBR driving exams, DUO VO exams)."""


def fail(error: Exception) -> None:
    """One line on stderr and a non-zero exit: the contract of every command."""
    typer.echo(f"error: {error}", err=True)
    raise typer.Exit(code=1)


# --- ingest room -------------------------------------------------------------------------------

# (commands of the ingest room go here)


@app.command()
def sources(db: DbOption = paths.WAREHOUSE) -> None:
    """List the files loaded into the warehouse: dataset, layout, publication, rows, checksum."""
    from rich.console import Console
    from rich.table import Table

    from examencijfers.warehouse import open_warehouse

    try:
        connection = open_warehouse(db, read_only=True)
    except (FileNotFoundError, OSError) as error:
        fail(error)
    rows = connection.execute(
        "select source_id, file_name, dataset, layout, publication, row_count, synthetic,"
        " left(sha256, 12), loaded_at from sources order by source_id"
    ).fetchall()
    table = Table("id", "file", "dataset", "layout", "publication", "rows", "synthetic", "sha256", "loaded at")
    for row in rows:
        table.add_row(*("yes" if value is True else "" if value is False else str(value) for value in row))
    Console().print(table)


# --- demo room ---------------------------------------------------------------------------------

# (commands of the demo room go here)


# --- publish room ------------------------------------------------------------------------------


@app.command()
def publish(
    db: DbOption = paths.WAREHOUSE,
    out: Annotated[Path, typer.Option("--out", help="The published database to (re)place.")] = paths.PUBLISHED,
    rules_file: Annotated[Path | None, typer.Option("--rules", help="TOML with a [rules] table"
                                                    " (default data/publish_rules.toml).")] = None,
    k: Annotated[int | None, typer.Option("--k", min=2, help="VO: suppress counts 1..k-1.")] = None,
    min_exams: Annotated[int | None, typer.Option("--min-exams", min=1,
                                                  help="CBR: minimum exams for an opleider rate.")] = None,
    extreme_group: Annotated[int | None, typer.Option("--extreme-group", min=1,
                                                      help="VO: hide 0%/100% on groups smaller than this.")] = None,
    cbr_max_opleiders: Annotated[int | None, typer.Option("--cbr-max-opleiders", min=0,
                                                          help="CBR rule 1 threshold.")] = None,
    parquet: Annotated[bool, typer.Option(help="Also write a Parquet copy of each table.")] = True,
) -> None:
    """Build the published (protected) database from the warehouse: rules, suppression, audit, atomic swap."""
    from examencijfers.publish.build import PublishError
    from examencijfers.publish.build import publish as build_publication
    from examencijfers.publish.parquet import write_parquet
    from examencijfers.publish.rules import load_rules

    try:
        rules = load_rules(rules_file).with_overrides(
            vo_min_count=k, opleider_min_exams=min_exams, vo_extreme_rate_group=extreme_group,
            cbr_max_opleiders=cbr_max_opleiders)
        result = build_publication(db, out, rules)
        if parquet:
            write_parquet(out)
    except (PublishError, ExamencijfersError, OSError) as error:
        fail(error)
    rows = sum(result.tables.values())
    typer.echo(f"published {result.path}: {len(result.tables)} tables, {rows} rows,"
               f" {result.suppressed} suppressed cells; audit passed")


@app.command()
def audit(
    path: Annotated[Path | None, typer.Argument(help="The published database (default: --published).")] = None,
    published: PublishedOption = paths.PUBLISHED,
    catalogue: Annotated[Path | None, typer.Option("--catalogue", help="CBR product catalogue CSV"
                                                   " (default data/reference/cbr_products.csv).")] = None,
    duo_file: Annotated[Path | None, typer.Option("--duo-file", help="Audit DUO's own 'examenkandidaten en"
                                                  " geslaagden' CSV as published instead.")] = None,
) -> None:
    """Prove a published database holds only protected aggregates; exit 1 with one line per finding."""
    from examencijfers.publish.audit import audit_published

    if duo_file is not None:
        from examencijfers.publish.duo_audit import audit_duo_file

        try:
            duo_report = audit_duo_file(duo_file)
        except (ExamencijfersError, OSError) as error:
            fail(error)
        for leak in duo_report.leaks:
            typer.echo(str(leak))
        typer.echo(duo_report.summary(duo_file))
        if duo_report.leaks:
            raise typer.Exit(code=1)
        return
    try:
        report = audit_published(path or published, catalogue)
    except (ExamencijfersError, OSError) as error:
        fail(error)
    for problem in report.problems:
        typer.echo(problem)
    typer.echo(report.summary())
    if report.problems:
        raise typer.Exit(code=1)


# --- extracts ----------------------------------------------------------------------------------

# (export goes here)


# --- benchmarks --------------------------------------------------------------------------------

# (bench goes here)


def main() -> None:  # pragma: no cover - entry point
    try:
        app()
    except ExamencijfersError as error:
        fail(error)
