"""Parquet copies of every published table, for downloads: <out stem>-parquet/<table>.parquet.

Written into a temporary folder and swapped in, after the database itself, so a download never mixes two
publications' files.

The published file is read like every other reader of it reads it (serving.open_read_only: read-only, no
external access; DuckDB allows one configuration per file within a process, so a dashboard or benchmark
holding the file open does not make this fail). That connection may not write files, so each table streams
out of it as Arrow record batches into a separate in-memory DuckDB, which writes the Parquet file.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb

from examencijfers.serving import open_read_only

BATCH_ROWS = 1_000_000


def parquet_folder(published: Path) -> Path:
    return published.with_name(f"{published.stem}-parquet")


def write_parquet(published: Path) -> Path:
    from examencijfers.publish.build import remove_leftovers

    folder = parquet_folder(published)
    remove_leftovers(folder)
    temporary = folder.with_name(f".{folder.name}.{os.getpid()}.tmp")
    old = folder.with_name(f".{folder.name}.{os.getpid()}.old")
    shutil.rmtree(temporary, ignore_errors=True)
    temporary.mkdir(parents=True)
    source = open_read_only(published)
    writer = duckdb.connect()
    try:
        for (table,) in source.execute("show tables").fetchall():
            batches = source.sql(f"select * from {table}").to_arrow_reader(BATCH_ROWS)
            writer.register("published_table", batches)
            target = str(temporary / f"{table}.parquet").replace("'", "''")
            writer.execute(f"copy published_table to '{target}' (format parquet)")
            writer.unregister("published_table")
    finally:
        writer.close()
        source.close()
    if folder.exists():
        os.replace(folder, old)
    os.replace(temporary, folder)
    shutil.rmtree(old, ignore_errors=True)
    return folder
