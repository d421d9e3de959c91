"""The `examencijfers` command: thin wrappers that call the rooms (ingest, publish, demo, ...).

Commands that read or write the private warehouse take --db; those that read the public side take
--published (audit, export, ready, serve); bench makes its own databases.
Failures print one line and exit non-zero; long work shows a progress bar (rich).
"""
from __future__ import annotations

import functools
import sys
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


def command(function):
    """Register a sub-command whose ExamencijfersError ends as one line on stderr and exit code 1."""

    @functools.wraps(function)
    def one_line_errors(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except ExamencijfersError as error:
            fail(error)

    return app.command()(one_line_errors)


# --- ingest room -------------------------------------------------------------------------------

def _report(outcomes) -> None:
    """One line per file; exit 1 if any failed (the others are loaded all the same)."""
    from rich.console import Console

    console = Console(stderr=False, highlight=False)
    styles = {"loaded": "green", "unchanged": "dim", "skipped": "yellow", "failed": "bold red"}
    for outcome in outcomes:
        rows = f" {outcome.rows:,} rows," if outcome.rows else ""
        console.print(f"[{styles[outcome.status]}]{outcome.status:9}[/] {outcome.path.name}:{rows} {outcome.message}",
                      soft_wrap=True)
    failed = [outcome for outcome in outcomes if outcome.failed]
    if failed:
        typer.echo(f"error: {len(failed)} of {len(outcomes)} files failed; the others are loaded", err=True)
        raise typer.Exit(code=1)


def _spinner(description: str):
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    progress = Progress(SpinnerColumn(), TextColumn(description), TimeElapsedColumn(), transient=True)
    progress.add_task(description, total=None)
    return progress


def _file_progress(total: int):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), transient=True)
    task = progress.add_task("loading", total=total)
    started: list[Path] = []

    def advance(path: Path) -> None:
        """Called as a file starts: the files before it are done."""
        progress.update(task, completed=len(started), description=f"loading {path.name}")
        started.append(path)

    return progress, advance


@command
def ingest(files: Annotated[list[Path], typer.Argument(help="CSV files or folders of them.")],
           db: DbOption = paths.WAREHOUSE) -> None:
    """Load published CBR and DUO files; the layout is recognised from the header."""
    from examencijfers.ingest.load import csv_files, ingest_paths
    from examencijfers.warehouse import open_warehouse

    found = csv_files(files)
    connection = open_warehouse(db)
    progress, advance = _file_progress(len(found))
    with progress:
        outcomes = ingest_paths(connection, found, advance)
    connection.close()
    _report(outcomes)


@command
def build(db: DbOption = paths.WAREHOUSE,
          raw: Annotated[Path, typer.Option(help="Folder of published files.")] = paths.RAW,
          reference: Annotated[Path, typer.Option(help="Folder of reference lists.")] = paths.REFERENCE) -> None:
    """Build a fresh warehouse from data/raw and data/reference; replaces --db only if every file loads."""
    from examencijfers.ingest.build import build as build_warehouse
    from examencijfers.ingest.load import csv_files

    progress, advance = _file_progress(len(csv_files([raw])))
    with progress:
        outcomes = build_warehouse(db, raw, reference, advance)
    _report(outcomes)
    typer.echo(f"built {db}")


@command
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
    Console(width=None if sys.stdout.isatty() else 200).print(table)


# --- deliveries (record-level VO data, issue 9) --------------------------------------------------

from examencijfers.ingest.deliveries.commands import app as _deliver_app  # noqa: E402

app.add_typer(_deliver_app, name="deliver")


# --- demo room ---------------------------------------------------------------------------------

@command
def demo_data(seed: Annotated[int, typer.Option(help="Same seed, same bytes.")] = 2026,
              scale: Annotated[float, typer.Option(help="Multiplies opleiders and volumes (benchmarks).")] = 1.0,
              out: Annotated[Path, typer.Option(help="Folder for the files.")] = paths.RAW / "cbr",
              deliveries_out: Annotated[Path, typer.Option(
                  "--deliveries-out", help="Folder for the synthetic VO deliveries (Bijlage 1 and 2).")
              ] = paths.RAW / "deliveries",
              db: Annotated[Path | None, typer.Option("--db", help="Also ingest the files into this warehouse.")] = None,
              ) -> None:
    """Write a SYNTHETIC CBR data set in CBR's real layouts (eight quarterly publications), and synthetic
    record-level VO deliveries of both kinds (invented pupils at real vestigingen, a known set of faulty
    records)."""
    from examencijfers.demo.generate import generate
    from examencijfers.ingest.deliveries import synthetic

    with _spinner(f"generating demo data (seed {seed}, scale {scale:g})"):
        files = generate(out, seed, scale)
        delivered = synthetic.demo_deliveries(deliveries_out)
    typer.echo(f"wrote {len(files)} synthetic files, README.txt and MANIFEST.json to {out}")
    typer.echo(f"wrote {len(delivered.files)} synthetic delivery files and MANIFEST.json to {deliveries_out}"
               f" ({len(delivered.faults)} deliberately faulty records)")
    if db is not None:
        ingest([out, deliveries_out], db)


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
    protection: Annotated[int | None, typer.Option("--protection", min=1, help="VO: no suppressed small cell"
                                                   " narrower than this (default k).")] = None,
    parquet: Annotated[bool, typer.Option(help="Also write a Parquet copy of each table.")] = True,
    timings: Annotated[bool, typer.Option("--timings", help="Print the seconds each step took.")] = False,
) -> None:
    """Build the published (protected) database from the warehouse: rules, suppression, audit, atomic swap."""
    from examencijfers.publish.build import PublishError
    from examencijfers.publish.build import publish as build_publication
    from examencijfers.publish.parquet import write_parquet
    from examencijfers.publish.rules import load_rules

    try:
        rules = load_rules(rules_file).with_overrides(
            vo_min_count=k, opleider_min_exams=min_exams, vo_extreme_rate_group=extreme_group,
            cbr_max_opleiders=cbr_max_opleiders, vo_protection_level=protection)
        with _spinner(f"publishing {out} (rules, suppression, solver audit)"):
            result = build_publication(db, out, rules)
        if parquet:
            with _spinner("writing the Parquet copies"), result.timings.step("parquet"):
                write_parquet(out)
    except (PublishError, ExamencijfersError, OSError) as error:
        fail(error)
    if timings:
        for step, seconds in result.timings.items():
            typer.echo(f"{seconds:9.2f} s  {step}")
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
        with _spinner(f"auditing {path or published} (rules, subtraction, solver intervals)"):
            report = audit_published(path or published, catalogue)
    except (ExamencijfersError, OSError) as error:
        fail(error)
    for problem in report.problems:
        typer.echo(problem)
    typer.echo(report.summary())
    if report.problems:
        raise typer.Exit(code=1)


# --- extracts ----------------------------------------------------------------------------------


@app.command()
def export(
    dataset: Annotated[str | None, typer.Argument(help="The dataset to export (see --list).")] = None,
    published: PublishedOption = paths.PUBLISHED,
    filter_: Annotated[list[str] | None, typer.Option(
        "--filter", help="KEY=VALUE; repeat a key for 'any of these'; KEY= selects empty (NULL) cells.")] = None,
    columns: Annotated[str | None, typer.Option("--columns", help="Comma-separated columns (default: the "
                                                "dataset's default columns).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="csv, xlsx, parquet or zip.")] = "csv",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write; '-' for stdout. "
                                                "Default: a safe name from the dataset and filters.")] = None,
    generated_at: Annotated[str | None, typer.Option(
        "--generated-at", help="ISO timestamp to record instead of now (reproducible files).")] = None,
    list_: Annotated[bool, typer.Option("--list", help="Name the datasets and their filter keys.")] = False,
) -> None:
    """Export a protected dataset from the published database, with its metadata (same bytes as the pages)."""
    import datetime as dt
    import sys

    from examencijfers import extracts

    if list_:
        for item in extracts.list_datasets():
            typer.echo(f"{item.name}  ({item.publisher}) {item.title_en}")
            typer.echo(f"    filters: {', '.join(f.key for f in item.filters)}")
            typer.echo(f"    columns: {', '.join(c.name for c in item.columns)}")
        return
    if dataset is None:
        fail(extracts.ExtractError("name a DATASET, or use --list"))
    try:
        when = dt.datetime.fromisoformat(generated_at) if generated_at else None
    except ValueError:
        fail(extracts.ExtractError(f"--generated-at {generated_at!r} is not an ISO timestamp"))
    try:
        result = extracts.make_extract(dataset, extracts.parse_filter_pairs(filter_ or []), columns, fmt, published,
                                       generated_at=when)
    except ExamencijfersError as error:
        fail(error)
    if output is not None and str(output) == "-":
        sys.stdout.buffer.write(result.data)
        sys.stdout.buffer.flush()
        return
    target = output if output is not None else Path(result.filename)
    try:
        target.write_bytes(result.data)
    except OSError as error:
        fail(error)
    typer.echo(f"wrote {result.row_count} rows, {len(result.data)} bytes to {target}", err=True)


# --- serving ------------------------------------------------------------------------------------

@command
def ready(published: Annotated[Path | None, typer.Option("--published", help="Default: $EXAMENCIJFERS_PUBLISHED "
                                                      "or data/published.duckdb.")] = None) -> None:
    """Readiness probe: the published database opens read-only and is exactly the published contract."""
    from examencijfers import serving

    state = serving.check_servable(published)
    typer.echo(f"ready: {state.path} ({state.tables} tables, built {state.publication.get('built_at')}, "
               f"mode {serving.mode()})")


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def serve(ctx: typer.Context,
          port: Annotated[int, typer.Option(help="The port to serve on.")] = 8501,
          published: Annotated[Path | None, typer.Option("--published", help="Default: $EXAMENCIJFERS_PUBLISHED "
                                                         "or data/published.duckdb.")] = None) -> None:
    """Start the dashboard, after proving the published database is servable (never the warehouse).

    Further options go to `streamlit run` (e.g. --server.address=0.0.0.0)."""
    from examencijfers import serving

    try:
        state = serving.check_servable(published)
        options = serving.mode_options()
    except ExamencijfersError as error:
        fail(error)
    typer.echo(f"serving {state.path} (built {state.publication.get('built_at')}, mode {serving.mode()}) "
               f"on port {port}", err=True)
    serving.run_streamlit(state.path, [f"--server.port={port}", *options, *ctx.args])  # the caller's last: they win


# --- benchmarks --------------------------------------------------------------------------------

@command
def bench(
    quick: Annotated[bool, typer.Option("--quick", help="The 1x scale with fewer runs (about 3 minutes).")] = False,
    scales: Annotated[list[str] | None, typer.Option("--scales", help="Scales to run: 1x, 10x, 100x (repeat the "
                                                     "option or separate with commas). Default: all three.")] = None,
    readme: Annotated[bool, typer.Option(help="Rewrite the README's Performance section from the latest "
                                              "results.")] = True,
) -> None:
    """Benchmarks: ingest, publish, every query against DuckDB, pandas and SQLite, pages, concurrent sessions.

    Results go to benchmarks/results/<date>-<scale>.json and .md; see benchmarks/README.md.
    """
    try:
        from benchmarks.run import main as run_benchmarks
    except ImportError:
        fail(ExamencijfersError("the benchmarks/ folder is not here; run `make bench` in a checkout of the repository"))
    names = [name.strip() for value in scales or [] for name in value.split(",") if name.strip()] or None
    try:
        run_benchmarks(quick=quick, scales=names, readme=readme, say=typer.echo)
    except ValueError as error:
        fail(error)


def main() -> None:  # pragma: no cover - entry point
    try:
        app()
    except ExamencijfersError as error:
        fail(error)


if __name__ == "__main__":  # pragma: no cover - `python -m examencijfers.cli`
    main()
