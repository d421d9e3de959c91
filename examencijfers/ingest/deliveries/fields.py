"""Validating one field value against its Bijlage definition (layout.Field).

`check(field, raw)` returns the parsed value and, when the value breaks the field's rule, a Problem
naming the control (required, format, value_list, elfproef) and what was expected. A found value is
never echoed for the persoonsgebonden nummer or the werkstuk title (they must not reach the warehouse).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from examencijfers.ingest.deliveries import elfproef
from examencijfers.ingest.deliveries.layout import Field

PRIVATE_KINDS = {"pgn", "text"}
_POSTCODE = re.compile(r"[1-9][0-9]{3}[A-Z]{2}")
_ALNUM = re.compile(r"[0-9A-Z]+")


@dataclass(frozen=True)
class Problem:
    control: str      # required | format | value_list | elfproef
    message: str
    expected: str | None = None
    found: str | None = None       # as shown: withheld for private fields (see _shown)


MAX_SHOWN = 8   # shorter than a persoonsgebonden nummer, so a misplaced one is never echoed


def _shown(field: Field, raw: str) -> str:
    """The found value for a message; withheld for private fields and anything longer than MAX_SHOWN."""
    if field.kind in PRIVATE_KINDS or len(raw) > MAX_SHOWN:
        return f"(waarde van {len(raw)} tekens, niet getoond)"
    return repr(raw)


def _found(field: Field, raw: str) -> str:
    """The found value for the report's `found` column: the raw text, or withheld like _shown."""
    shown = _shown(field, raw)
    return raw if shown == repr(raw) else shown


def _digits(raw: str, length: int) -> bool:
    return len(raw) == length and raw.isascii() and raw.isdigit()


def check(field: Field, raw: str) -> tuple[Any, Problem | None]:
    """Parse `raw` (already stripped) by the field's kind; None when empty or invalid."""
    if raw == "":
        if field.required:
            return None, Problem("required", f"{field.label} ontbreekt", "een waarde", "(leeg)")
        return None, None
    expected = _EXPECTED.get(field.kind, "{n}").format(n=field.length)
    shown = _shown(field, raw)
    bad = Problem("format", f"{field.label}: {shown} is geen {expected}", expected, _found(field, raw))
    match field.kind:
        case "pgn":
            if not _digits(raw, 9):
                return None, bad
            if elfproef.number_kind(raw) is None:
                return raw, Problem("elfproef", f"{field.label} voldoet niet aan de elfproef (BSN) "
                                    "of de regel van het onderwijsnummer",
                                    "BSN (elfproef) of onderwijsnummer", _found(field, raw))
            return raw, None
        case "postcode":
            return (raw[:4], None) if _POSTCODE.fullmatch(raw) else (None, bad)
        case "alnum":
            exact = field.column == "registratienummer"
            ok = _ALNUM.fullmatch(raw) and (len(raw) == field.length if exact else len(raw) <= field.length)
            return (raw, None) if ok else (None, bad)
        case "numeric":
            if not _digits(raw, field.length):
                return None, bad
            value = int(raw)
            if (field.minimum is not None and value < field.minimum) or (
                    field.maximum is not None and value > field.maximum):
                return None, Problem("format", f"{field.label}: {shown} ligt niet tussen "
                                     f"{field.minimum} en {field.maximum}",
                                     f"{field.minimum} t/m {field.maximum}", _found(field, raw))
            return raw, None
        case "date":
            if not _digits(raw, 8):
                return None, bad
            try:
                return date(int(raw[:4]), int(raw[4:6]), int(raw[6:])), None
            except ValueError:
                return None, Problem("format", f"{field.label}: {shown} is geen bestaande datum (JJJJMMDD)",
                                     "een bestaande datum (JJJJMMDD)", _found(field, raw))
        case "grade3":
            if not _digits(raw, 3):
                return None, bad
            tenths = int(raw)
            if not 10 <= tenths <= 100:
                return None, Problem("format", f"{field.label}: {shown} ligt niet tussen 010 (1,0) en 100 (10,0)",
                                     "010 (1,0) t/m 100 (10,0)", _found(field, raw))
            return tenths, None
        case "grade2":
            if not _digits(raw, 2):
                return None, bad
            grade = int(raw)
            if not 1 <= grade <= 10:
                return None, Problem("format", f"{field.label}: {shown} ligt niet tussen 01 en 10",
                                     "01 t/m 10", _found(field, raw))
            return grade, None
        case "list":
            code = raw.lower() if field.column == "verblijfsduur" else raw
            if code in field.values:
                return code, None
            values = ", ".join(field.values)
            return None, Problem("value_list", f"{field.label}: {shown} staat niet in de waardelijst ({values})",
                                 f"een van {values}", _found(field, raw))
        case "text":
            return (raw, None) if len(raw) <= field.length else (None, bad)
    raise ValueError(f"unknown field kind {field.kind!r}")  # pragma: no cover - a layout bug


_EXPECTED = {
    "pgn": "nummer van 9 cijfers",
    "postcode": "postcode van 4 cijfers en 2 hoofdletters (1234AB)",
    "alnum": "alfanumerieke code van {n} tekens (0-9, A-Z)",
    "numeric": "getal van precies {n} cijfers",
    "date": "datum van 8 cijfers (JJJJMMDD)",
    "grade3": "cijfer van 3 cijfers met één impliciete decimaal (068 = 6,8)",
    "grade2": "cijfer van 2 cijfers (01 t/m 10)",
    "text": "tekst van hoogstens {n} tekens",
}
