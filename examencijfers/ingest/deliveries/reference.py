"""The code lists a delivery is checked against, and their copies in the warehouse for the aggregates.

* ILT codes and vakcodes: data/reference/ilt_codes.csv and vakcodes.csv (derived from real DUO files);
* vestigingen: the warehouse's duo_vestigingen when DUO's register has been loaded, else the bundled
  register data/raw/duo/alle-vestigingen-vo.csv.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from examencijfers import paths

ILT_CODES = paths.REFERENCE / "ilt_codes.csv"
VAKCODES = paths.REFERENCE / "vakcodes.csv"
VESTIGINGEN_REGISTER = paths.RAW / "duo" / "alle-vestigingen-vo.csv"

VESTIGING_COLUMNS = ("vestigingscode", "instellingscode", "vestigingsnaam", "plaatsnaam", "gemeentenaam",
                     "provincie", "onderwijsstructuur")


@dataclass
class References:
    """Everything the controls look codes up in, keyed by code."""

    ilt_codes: dict[str, dict[str, str]]
    vakcodes: dict[str, dict[str, str]]
    vestigingen: dict[str, dict[str, str]]
    vestigingen_source: str


def _read_csv(path: Path, key: str) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row[key]: row for row in csv.DictReader(handle)}


def read_register(path: Path = VESTIGINGEN_REGISTER) -> dict[str, dict[str, str]]:
    """DUO's register file (latin-1, ';'), as vestigingscode -> the columns the aggregates need."""
    out = {}
    with path.open(encoding="latin-1", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            code = row["VESTIGINGSNUMMER"].strip()
            out[code] = {
                "vestigingscode": code,
                "instellingscode": row["BRIN NUMMER"].strip(),
                "vestigingsnaam": row["VESTIGINGSNAAM"].strip(),
                "plaatsnaam": row["PLAATSNAAM"].strip(),
                "gemeentenaam": row["GEMEENTENAAM"].strip(),
                "provincie": row["PROVINCIE"].strip(),
                "onderwijsstructuur": row["ONDERWIJSSTRUCTUUR"].strip(),
            }
    return out


def _warehouse_register(connection: duckdb.DuckDBPyConnection) -> dict[str, dict[str, str]]:
    exists = connection.execute(
        "select count(*) from duckdb_tables() where table_name = 'duo_vestigingen'").fetchall()[0][0]
    if not exists:
        return {}
    rows = connection.execute(
        "select vestigingscode, instellingscode, vestigingsnaam, plaatsnaam, gemeentenaam, provincie,"
        " onderwijsstructuur from duo_vestigingen"
        " qualify row_number() over (partition by vestigingscode order by source_id desc) = 1").fetchall()
    return {row[0]: dict(zip(VESTIGING_COLUMNS, row)) for row in rows}


def load_references(connection: duckdb.DuckDBPyConnection, register: Path = VESTIGINGEN_REGISTER) -> References:
    vestigingen = _warehouse_register(connection)
    source = "duo_vestigingen"
    if not vestigingen:
        vestigingen, source = read_register(register), register.name
    return References(_read_csv(ILT_CODES, "ilt_code"), _read_csv(VAKCODES, "vakcode"), vestigingen, source)


def _replace(connection: duckdb.DuckDBPyConnection, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Replace a reference copy in one statement (executemany row by row is slow in DuckDB)."""
    frame = pl.DataFrame(rows, schema={c: pl.String for c in columns}, orient="row")
    connection.execute(f"delete from {table}")
    connection.register("_reference_rows", frame.to_arrow())
    try:
        connection.execute(f"insert into {table} by name select * from _reference_rows")
    finally:
        connection.unregister("_reference_rows")


def store_references(connection: duckdb.DuckDBPyConnection, refs: References) -> None:
    """Copy the lists into delivery_ref_* tables, so that the aggregate SQL can join them."""
    _replace(connection, "delivery_ref_ilt_codes",
             ("ilt_code", "opleidingsnaam", "onderwijstype", "leerweg", "sector", "afdeling", "leerjaren",
              "examenopleiding"),
             [(r["ilt_code"], r["opleidingsnaam"], r["onderwijstype"], r["leerweg"] or None, r["sector"] or None,
               r["afdeling"] or None, r["leerjaren"] or None, "true" if r["examenopleiding"] == "J" else "false")
              for r in refs.ilt_codes.values()])
    _replace(connection, "delivery_ref_vakcodes", ("vakcode", "afkorting", "vaknaam"),
             [(r["vakcode"], r["afkorting"], r["vaknaam"]) for r in refs.vakcodes.values()])
    _replace(connection, "delivery_ref_vestigingen", VESTIGING_COLUMNS,
             [tuple(r.get(c) for c in VESTIGING_COLUMNS) for r in refs.vestigingen.values()])
