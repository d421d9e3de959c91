"""Reference lists (data/reference/*.csv) into their warehouse tables: <name>.csv -> ref_<name>.

Only files with a table in warehouse.sql are loaded; the CSV header must name the table's columns,
so a renamed or missing column fails loudly instead of loading NULLs.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from examencijfers.errors import InputError


def load_reference(connection: duckdb.DuckDBPyConnection, folder: Path) -> dict[str, int]:
    """Replace every ref_ table from its CSV, all in one transaction: a bad list leaves all as they were."""
    tables = {row[0] for row in connection.execute(
        "select table_name from information_schema.tables where table_name like 'ref\\_%' escape '\\'").fetchall()}
    loaded = {}
    connection.begin()
    try:
        for path in sorted(Path(folder).glob("*.csv")):
            table = f"ref_{path.stem}"
            if table not in tables:
                continue
            try:
                connection.execute(f"delete from {table}")
                connection.execute(f"insert into {table} by name select * from read_csv(?, header = true, "
                                   "all_varchar = true, delim = ',')", [str(path)])
            except duckdb.Error as error:
                raise InputError(path, f"reference list not loadable: {str(error).splitlines()[0]}") from None
            loaded[table] = connection.execute(f"select count(*) from {table}").fetchone()[0]
    except BaseException:
        connection.rollback()
        raise
    connection.commit()
    return loaded
