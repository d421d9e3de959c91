"""`examencijfers deliver ...`: the command line of record-level deliveries (registered in cli.py).

  deliver ingest FILE...   validate, pseudonymise and load delivery files, write each terugmelding,
                           rebuild the aggregates (--strict: a file with any bad record is not loaded)
  deliver aggregate        rebuild the aggregate tables from what is loaded
  deliver report ID        write the terugmelding (CSV + XLSX) of a loaded file again
  deliver demo DIR         write seeded synthetic deliveries of both kinds (no real pupils)
"""
from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from examencijfers import paths
from examencijfers.errors import ExamencijfersError

app = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
                  help="Record-level VO deliveries (Bijlage 1 and 2): validate, pseudonymise, report, aggregate.")

DbOption = Annotated[Path, typer.Option("--db", help="The private warehouse (DuckDB file).")]
REPORTS = paths.DATA / "reports"


def _fail(error: Exception) -> None:
    typer.echo(f"error: {error}", err=True)
    raise typer.Exit(code=1)


@app.command("ingest")
def ingest_command(
    files: Annotated[list[Path], typer.Argument(help="Delivery files (inschrijvingsgegevens / examengegevens).")],
    db: DbOption = paths.WAREHOUSE,
    reports: Annotated[Path, typer.Option("--reports", help="Where the terugmelding CSV/XLSX go.")] = REPORTS,
    strict: Annotated[bool, typer.Option("--strict", help="Refuse a file with any bad record "
                                         "(one line per bad record; the warehouse is unchanged).")] = False,
    delivered_on: Annotated[Optional[str], typer.Option("--delivered-on", help="Delivery date YYYY-MM-DD "
                                                         "(default: from the file name, else its mtime).")] = None,
) -> None:
    """Validate, pseudonymise and load delivery files; then rebuild the deliveries' aggregates.

    Needs EXAMENCIJFERS_PSEUDONYM_KEY or EXAMENCIJFERS_PSEUDONYM_KEY_FILE (the key is never stored); only a
    file its MANIFEST.json marks synthetic is loaded without one (with a random per-run demo key).
    """
    from examencijfers.ingest.deliveries import DeliveryRejected, build_aggregates, ingest_file
    from examencijfers.ingest.deliveries.pseudonym import PseudonymKeyError, load_key
    from examencijfers.warehouse import open_warehouse

    try:
        day = date.fromisoformat(delivered_on) if delivered_on else None
    except ValueError:
        _fail(ValueError(f"--delivered-on: expected YYYY-MM-DD, found {delivered_on!r}"))
    try:
        try:
            key: bytes | None = load_key()
        except PseudonymKeyError:
            if not all(_is_synthetic(path) for path in files):
                raise
            key = None                      # synthetic files only: ingest_file takes the demo key
        connection = open_warehouse(db)
        for path in files:
            if not path.is_file():
                raise ExamencijfersError(f"{path}: no such file")
            sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
            known = connection.execute("select file_name from sources where sha256 = ?", [sha256]).fetchall()
            if known:
                typer.echo(f"{path.name}: unchanged, already loaded (as {known[0][0]})")
                continue
            try:
                result = ingest_file(connection, path, delivered_on=day, key=key, report_dir=reports,
                                     strict=strict)
            except DeliveryRejected as rejected:
                for error in rejected.errors:
                    typer.echo(str(error), err=True)
                raise
            typer.echo(f"{path.name}: {result.kind}, {result.records} records, {result.records_with_errors} "
                       f"with errors (left out), {result.records_with_warnings} with warnings; "
                       f"report in {reports}")
        counts = build_aggregates(connection)
        typer.echo("aggregates: " + ", ".join(f"{table} {rows}" for table, rows in counts.items()))
    except (ExamencijfersError, OSError) as error:
        _fail(error)


def _is_synthetic(path: Path) -> bool:
    from examencijfers.ingest.deliveries.ingest import is_synthetic

    return path.is_file() and is_synthetic(path, hashlib.sha256(path.read_bytes()).hexdigest())


@app.command("aggregate")
def aggregate_command(db: DbOption = paths.WAREHOUSE) -> None:
    """Rebuild the deliveries' aggregate tables in the warehouse from the loaded records."""
    from examencijfers.ingest.deliveries import build_aggregates
    from examencijfers.warehouse import open_warehouse

    try:
        counts = build_aggregates(open_warehouse(db))
    except (ExamencijfersError, OSError) as error:
        _fail(error)
    typer.echo("aggregates: " + ", ".join(f"{table} {rows}" for table, rows in counts.items()))


@app.command("report")
def report_command(
    source_id: Annotated[int, typer.Argument(help="The source_id of a loaded delivery (see `examencijfers sources`).")],
    db: DbOption = paths.WAREHOUSE,
    out: Annotated[Path, typer.Option("--out", help="Folder for the CSV and XLSX.")] = REPORTS,
) -> None:
    """Write the terugmelding (per record the controls it failed) of one loaded delivery file."""
    from examencijfers.ingest.deliveries import write_report
    from examencijfers.warehouse import open_warehouse

    try:
        connection = open_warehouse(db, read_only=True)
        known = connection.execute("select count(*) from duckdb_tables() where table_name = 'delivery_files'"
                                   ).fetchall()[0][0] and connection.execute(
            "select count(*) from delivery_files where source_id = ?", [source_id]).fetchall()[0][0]
        if not known:
            raise ExamencijfersError(f"{db}: source {source_id} is not a loaded delivery file")
        csv_path, xlsx_path = write_report(connection, source_id, out)
    except (ExamencijfersError, OSError) as error:
        _fail(error)
    typer.echo(f"{csv_path}\n{xlsx_path}")


@app.command("demo")
def demo_command(
    out: Annotated[Path, typer.Argument(help="Folder for the files and MANIFEST.json (not under data/raw: "
                                        "`examencijfers build` loads every CSV there).")] = paths.DATA / "deliveries-demo",
    seed: Annotated[int, typer.Option("--seed")] = 2024,
    examenjaar: Annotated[int, typer.Option("--examenjaar")] = 2024,
    vestigingen: Annotated[int, typer.Option("--vestigingen", help="How many (real) vestigingen.")] = 4,
    clean: Annotated[bool, typer.Option("--clean", help="Without the deliberately faulty records.")] = False,
) -> None:
    """Write seeded synthetic deliveries of both kinds (invented pupils at real vestigingen)."""
    from examencijfers.ingest.deliveries import synthetic
    from examencijfers.ingest.deliveries.reference import load_references
    import duckdb

    try:
        refs = load_references(duckdb.connect())
        generated = synthetic.generate(out, refs, seed=seed, examenjaar=examenjaar, vestigingen=vestigingen,
                                       with_faults=not clean)
    except (ExamencijfersError, OSError) as error:
        _fail(error)
    for kind, path in generated.files.items():
        faults = sum(1 for fault in generated.faults if fault.file_name == path.name)
        typer.echo(f"{path} ({kind}, {faults} deliberately faulty records)")
