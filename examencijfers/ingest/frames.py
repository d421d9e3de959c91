"""From a file's text rows to a typed frame shaped like its warehouse table.

Each field is parsed by its column's kind (parsers.py); the first field that is not valid stops the
file with its line and column. Wide files are melted to one row per school year x gender. Derived
columns (the Monday of an ISO week, BRIN + 2-digit vestiging, ...) are named steps in DERIVATIONS,
listed per layout in layouts.py.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import polars as pl

from examencijfers.errors import InputError
from examencijfers.ingest import parsers
from examencijfers.ingest.detect import Match
from examencijfers.ingest.reader import LINE, CsvText


def first_offender(frame: pl.DataFrame, condition: pl.Expr) -> dict | None:
    hits = frame.filter(condition)
    return hits.row(0, named=True) if hits.height else None


def _validate(text: CsvText, raw: pl.DataFrame, position: int, kind: str, required: bool) -> None:
    source = f"c{position}"
    bad = first_offender(raw, parsers.invalid(kind, pl.col(source), required))
    if bad is not None:
        found = bad[source].strip() if bad[source] is not None else ""
        raise InputError(text.path, "value is not valid" if found else "value is missing", line=bad[LINE],
                         column=text.header[position], expected=parsers.PARSERS[kind].expected, found=found)


def _typed(position: int, kind: str, target: str) -> list[pl.Expr]:
    source = pl.col(f"c{position}")
    columns = [parsers.parse(kind, source).alias(target)]
    if parsers.PARSERS[kind].may_be_suppressed:
        columns.append(parsers.suppressed_at_source(source).alias(f"{target}_source_suppressed"))
    return columns


def typed_frame(text: CsvText, match: Match) -> pl.DataFrame:
    raw = text.frame
    by_target = {c.target: c for c in match.layout.columns}
    fields = [(position, by_target[target].kind, by_target[target].required)
              for target, position in match.positions.items()]
    fields += [(wide.position, wide.kind, wide.required) for wide in match.wide]
    # One pass over all fields; only a file with a bad field pays for finding the first one.
    any_bad = raw.select(parsers.invalid(kind, pl.col(f"c{position}"), required).any().alias(str(position))
                         for position, kind, required in fields).row(0)
    for (position, kind, required), bad in zip(fields, any_bad, strict=True):
        if bad:
            _validate(text, raw, position, kind, required)

    fixed = [expr for target, position in match.positions.items()
             for expr in _typed(position, by_target[target].kind, target)]
    if not match.wide:
        frame = raw.select(pl.col(LINE), *fixed)
    else:
        groups: dict[tuple[str, str], list[pl.Expr]] = {}
        for wide in match.wide:
            groups.setdefault((wide.schooljaar, wide.geslacht), []).extend(
                _typed(wide.position, wide.kind, wide.measure))
        frame = pl.concat(
            [raw.select(pl.col(LINE), *fixed, pl.lit(schooljaar).alias("schooljaar"),
                        pl.lit(geslacht).alias("geslacht"), *measures)
             for (schooljaar, geslacht), measures in groups.items()],
            how="diagonal",
        )
    for step in match.layout.derive:
        frame = DERIVATIONS[step](frame, text.path)
    return frame


# --- derived columns ---------------------------------------------------------------------------

def iso_week_start(frame: pl.DataFrame, path: Path) -> pl.DataFrame:
    """The Monday of ISO week (jaar, week); a week that year does not have (e.g. 53) is an error."""
    monday = pl.format("{}-W{}-1", pl.col("jaar"), pl.col("week").cast(pl.String).str.zfill(2))
    frame = frame.with_columns(monday.str.to_date("%G-W%V-%u", strict=False).alias("week_start"))
    bad = first_offender(frame, pl.col("week_start").is_null()
                         | (pl.col("week_start").dt.iso_year() != pl.col("jaar"))
                         | (pl.col("week_start").dt.week() != pl.col("week")))
    if bad is not None:
        raise InputError(path, "no such ISO week", line=bad[LINE], column="Week",
                         expected=f"a week of year {bad['jaar']} (1-52 or 53)", found=str(bad["week"]))
    return frame


def toets_has_no_result(frame: pl.DataFrame, path: Path) -> pl.DataFrame:
    """A tussentijdse toets has no voldoende/onvoldoende; it counts as voldoende (count only)."""
    no_result = pl.col("voldoende").is_null() & pl.col("onvoldoende").is_null()
    bad = first_offender(frame, (pl.col("voldoende").is_null() ^ pl.col("onvoldoende").is_null())
                         | (no_result & ~pl.col("productcode").str.ends_with("-T")))
    if bad is not None:
        raise InputError(path, "result counts are missing", line=bad[LINE], column="Voldoende",
                         expected="Voldoende and Onvoldoende (empty for a tussentijdse toets only)",
                         found=f"{bad['productcode']}: voldoende={bad['voldoende']}, onvoldoende={bad['onvoldoende']}")
    return frame.with_columns(
        no_result.alias("is_toets"),
        pl.coalesce("voldoende", "totaal").alias("voldoende"),
        pl.coalesce("onvoldoende", pl.lit(0)).alias("onvoldoende"),
    )


def vestiging_brin_plus_two(frame: pl.DataFrame, path: Path) -> pl.DataFrame:
    """Vestiging codes become BRIN + 2 digits: '00' -> '00AH00', '1' -> '00AH01', '0AH00' -> '00AH00'."""
    code, brin = pl.col("vestigingscode"), pl.col("instellingscode")
    padded = code.str.zfill(6)
    frame = frame.with_columns(
        pl.when(code.str.len_chars() <= 2).then(brin + code.str.zfill(2))
        .when((code.str.len_chars() < 6) & padded.str.starts_with(brin)).then(padded)
        .otherwise(code).alias("vestigingscode")
    )
    bad = first_offender(frame, ~pl.col("vestigingscode").str.starts_with(brin)
                         | (pl.col("vestigingscode").str.len_chars() != 6))
    if bad is not None:
        raise InputError(path, "vestiging code does not belong to its BRIN", line=bad[LINE],
                         column="VESTIGINGSCODE", expected=f"{bad['instellingscode']} + 2 digits",
                         found=bad["vestigingscode"])
    return frame


def schooljaar_from_first_year(frame: pl.DataFrame, path: Path) -> pl.DataFrame:
    """SCHOOLJAAR 2018 in the examencijfers files is school year 2018-2019."""
    first = pl.col("schooljaar")
    return frame.with_columns(pl.format("{}-{}", first, first + 1).alias("schooljaar"))


def schooljaar_from_file_name(frame: pl.DataFrame, path: Path) -> pl.DataFrame:
    """The geslaagden-gezakten files carry their school year only in their name."""
    return frame.with_columns(pl.lit(schooljaar_in_name(path)).alias("schooljaar"))


def schooljaar_in_name(path: Path) -> str:
    found = re.search(r"(\d{4})-(\d{4})", path.name)
    if not found or int(found[2]) != int(found[1]) + 1:
        raise InputError(path, "the school year is not in the file name", expected="a name with e.g. 2018-2019",
                         found=path.name)
    return found[0]


DERIVATIONS: dict[str, Callable[[pl.DataFrame, Path], pl.DataFrame]] = {
    "iso_week_start": iso_week_start,
    "toets_has_no_result": toets_has_no_result,
    "vestiging_brin_plus_two": vestiging_brin_plus_two,
    "schooljaar_from_first_year": schooljaar_from_first_year,
    "schooljaar_from_file_name": schooljaar_from_file_name,
}
