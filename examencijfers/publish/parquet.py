"""Parquet copies of every published table, for downloads: <out stem>-parquet/<table>.parquet.

Written into a temporary folder and swapped in, after the database itself, so a download never mixes two
publications' files.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb


def parquet_folder(published: Path) -> Path:
    return published.with_name(f"{published.stem}-parquet")


def write_parquet(published: Path) -> Path:
    folder = parquet_folder(published)
    temporary = folder.with_name(f".{folder.name}.{os.getpid()}.tmp")
    old = folder.with_name(f".{folder.name}.{os.getpid()}.old")
    shutil.rmtree(temporary, ignore_errors=True)
    temporary.mkdir(parents=True)
    connection = duckdb.connect(str(published), read_only=True)
    try:
        for (table,) in connection.execute("show tables").fetchall():
            target = str(temporary / f"{table}.parquet").replace("'", "''")
            connection.execute(f"copy {table} to '{target}' (format parquet)")
    finally:
        connection.close()
    if folder.exists():
        os.replace(folder, old)
    os.replace(temporary, folder)
    shutil.rmtree(old, ignore_errors=True)
    return folder
