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


# --- deliveries (record-level VO data, issue 9) --------------------------------------------------

from examencijfers.ingest.deliveries.commands import app as _deliver_app  # noqa: E402

app.add_typer(_deliver_app, name="deliver")


# --- demo room ---------------------------------------------------------------------------------

# (commands of the demo room go here)


# --- publish room ------------------------------------------------------------------------------

# (commands of the publish room go here)


# --- extracts ----------------------------------------------------------------------------------

# (export goes here)


# --- benchmarks --------------------------------------------------------------------------------

# (bench goes here)


def main() -> None:  # pragma: no cover - entry point
    try:
        app()
    except ExamencijfersError as error:
        fail(error)
