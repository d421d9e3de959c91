"""From a file's text rows to a typed frame shaped like its warehouse table.

Each field is parsed by its column's kind (parsers.py); the first field that is not valid stops the
file with its line and column. Wide files are melted to one row per school year x gender. Derived
columns (the Monday of an ISO week, BRIN + 2-digit vestiging, ...) are named steps in DERIVATIONS,
listed per layout in layouts.py.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from examencijfers.errors import InputError
from examencijfers.ingest import parsers
from examencijfers.ingest.detect import Match
from examencijfers.ingest.reader import LINE, CsvText


def first_offender(frame: pl.DataFrame, condition: pl.Expr) -> dict | None:
    hits = frame.filter(condition)
    return hits.row(0, named=True) if hits.height else None


@dataclass(frozen=True)
class Field:
    """One column of the file as the layout reads it: where it stands, its kind, and where it goes."""

    position: int
    kind: str
    required: bool
    target: str  # the warehouse column (a wide file's measure)

    @property
    def source(self) -> str:
        return f"c{self.position}"

    @property
    def value(self) -> str:
        return f"value:{self.position}"  # the trimmed text, NULL where blank

    @property
    def parsed(self) -> str:
        return f"parsed:{self.position}"

    @property
    def invalid(self) -> str:
        return f"invalid:{self.position}"

    @property
    def columns(self) -> list[str]:
        """The warehouse column(s) this field fills: its value, and whether the publisher wrote "<5"."""
        suppressible = parsers.PARSERS[self.kind].may_be_suppressed
        return [self.target, *([f"{self.target}_source_suppressed"] if suppressible else [])]

    def typed(self) -> list[pl.Expr]:
        value, *suppressed = self.columns
        return [pl.col(self.parsed).alias(value),
                *(parsers.suppressed_value(pl.col(self.value)).alias(name) for name in suppressed)]


def typed_frame(text: CsvText, match: Match) -> pl.DataFrame:
    """Validate and type every field in one pass over the text; a wide file is then melted by one unpivot.

    Each field is trimmed once and parsed once, and whether it is invalid is read off its parsed value.
    Only a file with an invalid field pays for finding the first one (in the order of the fields: the
    layout's columns first, then the wide columns; in each, the first row).
    """
    by_target = {c.target: c for c in match.layout.columns}
    fixed = [Field(position, by_target[target].kind, by_target[target].required, target)
             for target, position in match.positions.items()]
    wide = [Field(column.position, column.kind, column.required, column.measure) for column in match.wide]
    fields = [*fixed, *wide]
    checked = [(field, bad) for field in fields if (bad := parsers.invalid_value(
        field.kind, pl.col(field.value), field.required, pl.col(field.parsed))) is not None]
    groups: dict[tuple[str, str], dict[str, Field]] = {}
    for column, field in zip(match.wide, wide, strict=True):
        groups.setdefault((column.schooljaar, column.geslacht), {})[field.target] = field

    values = text.frame.select(
        pl.col(LINE), *(parsers.blank_to_null(pl.col(field.source)).alias(field.value) for field in fields))
    parsed = values.with_columns(parsers.parse_value(field.kind, pl.col(field.value)).alias(field.parsed)
                                 for field in fields)
    frame = parsed.select(
        pl.col(LINE),
        *(expr for field in fixed for expr in field.typed()),
        *(_group(group, by_measure) for group, by_measure in groups.items()),
        *(bad.alias(field.invalid) for field, bad in checked),
    )
    _refuse_first_invalid(text, frame, [field for field, _ in checked])
    frame = frame.drop(field.invalid for field, _ in checked)
    if groups:  # one row per line x group, the groups one after another (each in the file's order)
        frame = frame.unpivot(on=[_group_name(group) for group in groups],
                              index=[LINE, *(name for field in fixed for name in field.columns)],
                              variable_name="group_name", value_name="group").drop("group_name").unnest("group")
    for step in match.layout.derive:
        frame = DERIVATIONS[step](frame, text.path)
    return frame


def _group_name(group: tuple[str, str]) -> str:
    return f"{group[0]} - {group[1]}"


def _group(group: tuple[str, str], by_measure: dict[str, Field]) -> pl.Expr:
    """A school year x gender of a wide file as one struct column: the same fields, in the same order, in
    every group (so that one unpivot stacks them)."""
    schooljaar, geslacht = group
    return pl.struct(pl.lit(schooljaar).alias("schooljaar"), pl.lit(geslacht).alias("geslacht"),
                     *(expr for measure in sorted(by_measure) for expr in by_measure[measure].typed())
                     ).alias(_group_name(group))


def _refuse_first_invalid(text: CsvText, frame: pl.DataFrame, checked: list[Field]) -> None:
    if not checked:
        return
    flags = frame.select(pl.col(field.invalid).any() for field in checked).row(0)
    field = next((field for field, bad in zip(checked, flags, strict=True) if bad), None)
    if field is None:
        return
    row = frame[field.invalid].arg_true()[0]
    raw = text.frame[field.source][row]
    found = raw.strip() if raw is not None else ""
    raise InputError(text.path, "value is not valid" if found else "value is missing", line=frame[LINE][row],
                     column=text.header[field.position], expected=parsers.PARSERS[field.kind].expected, found=found)


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
