"""Typed values from the publishers' text: one parser per kind of field, vectorised over a column.

Every kind is a row in PARSERS: how to read it and what it should look like (for the error message).
A parser returns NULL where the text is not a valid value; `frames.typed_frame` then finds the
first such row, so a bad file is reported by line and column instead of being half loaded.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

SUPPRESSED = "<5"  # DUO's mark for a count of 1 to 4


def blank_to_null(text: pl.Expr) -> pl.Expr:
    """Trim padding; an empty field (or DUO's single space) is no value."""
    return text.str.strip_chars().replace("", None)


def _integer(value: pl.Expr) -> pl.Expr:
    return pl.when(value.str.contains(r"^\d{1,9}$")).then(value.cast(pl.Int64, strict=False))


def _year(value: pl.Expr) -> pl.Expr:
    return pl.when(value.str.contains(r"^(19|20)\d{2}$")).then(value.cast(pl.Int64, strict=False))


def _count_lt5(value: pl.Expr) -> pl.Expr:
    # "<5" is valid input but no number: NULL here, flagged by `suppressed_at_source`.
    return _integer(value)


def _decimal_comma(value: pl.Expr) -> pl.Expr:
    valid = value.str.contains(r"^\d*[,.]?\d+$")
    # Where valid, a decimal point or none; polars reads ".5" as 0.5, as Python's float() does.
    number = value.str.replace(",", ".", literal=True).cast(pl.Float64, strict=False)
    return pl.when(valid).then(number)


def _grade(value: pl.Expr) -> pl.Expr:
    # DUO writes ",0" for "no value" (it goes with a count of 0): it is not a grade of zero.
    return pl.when(value == ",0").then(None).otherwise(_decimal_comma(value))


def _percent(value: pl.Expr) -> pl.Expr:
    # "66,7%", ",0%" (older DUO files) and "90.9" (newer) are all percentages.
    return _decimal_comma(blank_to_null(value.str.strip_suffix("%")))


def _date(value: pl.Expr) -> pl.Expr:
    # Years from 1000: a year 0 would parse in polars but not in Python (and no exam took place then).
    return pl.when(value.str.contains(r"^\d{2}-\d{2}-[1-9]\d{3}$")).then(value.str.to_date("%d-%m-%Y", strict=False))


def _as_is(value: pl.Expr) -> pl.Expr:
    return value


@dataclass(frozen=True)
class Kind:
    read: Callable[[pl.Expr], pl.Expr]  # from the value (`blank_to_null` of the text); NULL where not valid
    expected: str
    dtype: pl.DataType
    may_be_suppressed: bool = False  # "<5" is allowed and becomes NULL + flag
    no_value_marks: tuple[str, ...] = ()  # texts that validly mean "no value"


PARSERS: dict[str, Kind] = {
    "text": Kind(_as_is, "text", pl.String()),
    "integer": Kind(_integer, "a whole number", pl.Int64()),
    "year": Kind(_year, "a year (1900-2099)", pl.Int64()),
    "count": Kind(_integer, "a count (0, 1, 2, ...)", pl.Int64()),
    "count_lt5": Kind(_count_lt5, 'a count or "<5"', pl.Int64(), may_be_suppressed=True),
    "grade": Kind(_grade, 'a grade with a decimal comma (e.g. 6,4) or ",0"', pl.Float64(), no_value_marks=(",0",)),
    "percent": Kind(_percent, 'a percentage (e.g. 66,7% or 90.9)', pl.Float64()),
    "date": Kind(_date, "a date DD-MM-YYYY", pl.Date()),
}


def parse(kind: str, text: pl.Expr) -> pl.Expr:
    return parse_value(kind, blank_to_null(text))


def suppressed_at_source(text: pl.Expr) -> pl.Expr:
    """True where the publisher wrote "<5" instead of the count."""
    return suppressed_value(blank_to_null(text))


def invalid(kind: str, text: pl.Expr, required: bool) -> pl.Expr:
    """True where the text is neither a valid value of its kind nor a valid 'no value'."""
    bad = invalid_value(kind, blank_to_null(text), required)
    return pl.lit(False) if bad is None else bad


# The same three on a value that is already `blank_to_null(text)`: a frame trims each field once and
# parses and validates from that (frames.typed_frame), instead of trimming it again in every expression.

def parse_value(kind: str, value: pl.Expr) -> pl.Expr:
    return PARSERS[kind].read(value).cast(PARSERS[kind].dtype)


def suppressed_value(value: pl.Expr) -> pl.Expr:
    return value.fill_null("") == SUPPRESSED


def invalid_value(kind: str, value: pl.Expr, required: bool, parsed: pl.Expr | None = None) -> pl.Expr | None:
    """As `invalid`; None where no text can be invalid (optional free text). `parsed`: the value's
    `parse_value`, where the caller has it already."""
    spec = PARSERS[kind]
    if kind == "text" and not required:
        return None  # any text is valid text
    no_value = value.is_null()
    if spec.no_value_marks:
        no_value = no_value | value.is_in(list(spec.no_value_marks))
    if spec.may_be_suppressed:
        no_value = no_value | (value == SUPPRESSED)
    bad = (spec.read(value) if parsed is None else parsed).is_null() & ~no_value
    if required:
        bad = bad | value.is_null()
    return bad.fill_null(True)
