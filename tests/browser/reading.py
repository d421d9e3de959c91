"""Reading a table as shown ('1.234', '64,3%', '51,6–53,9%', '+4,1 %-punt', '6 jan 2025', '<5') back into numbers,
and holding a downloaded file's raw values against it.

Written apart from examencijfers.ui.numbers on purpose: a test that parsed with the code it tests would
agree with any mistake of that code.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

MONTHS = {"nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
          "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")}
DECIMAL = {"nl": ",", "en": "."}
THOUSANDS = {"nl": ".", "en": ","}
ONE_DECIMAL = 0.05 + 1e-9      # a value shown with one decimal is within this of the exact one
UNITS = ("%-punt", "pp", "%")


def number(text: str, lang: str) -> float:
    """'1.234' -> 1234, '−0,4' -> -0.4, '+4,1 %-punt' -> 4.1, '64,3%' -> 64.3 (the shown figure, unscaled)."""
    plain = text.strip()
    for unit in UNITS:
        plain = plain.removesuffix(unit).strip()
    plain = plain.replace(THOUSANDS[lang], "").replace(DECIMAL[lang], ".").replace("−", "-").replace("±", "")
    if not re.fullmatch(r"[+-]?\d+(\.\d+)?", plain):
        raise ValueError(f"not a number as shown in {lang}: {text!r}")
    return float(plain)


def date(text: str, lang: str) -> str:
    """'6 jan 2025' -> '2025-01-06'."""
    day, month, year = text.split()
    return dt.date(int(year), MONTHS[lang].index(month) + 1, int(day)).isoformat()


@dataclass(frozen=True)
class Shown:
    """A shown column: its header, the file column(s) it comes from, and how it reads.

    kind: text, date, int, pct (0..1 in the file, shown as 64,3%), ci (two file columns, shown as 51,6–53,9%),
    points (a difference of rates, shown as +4,1 %-punt), change (a relative change, shown as +2,5%),
    grade or signed (one decimal), range (two whole numbers, shown as 1–43)."""

    header: str
    source: str | tuple[str, str]
    kind: str = "text"


SCALE = {"pct": 100, "points": 100, "change": 100, "grade": 1, "signed": 1}


def matches(shown: str, raw: Sequence[str], kind: str, lang: str) -> bool:
    """Whether a shown (non-empty, not withheld) cell is the file's raw value(s) as the page writes them."""
    if kind == "text":
        return shown == raw[0]
    if kind == "date":
        return raw[0][:10] == date(shown, lang)
    if raw[0] == "":
        return False
    if kind == "int":
        return abs(number(shown, lang) - float(raw[0])) <= 0.5
    if kind in SCALE:
        return abs(number(shown, lang) - float(raw[0]) * SCALE[kind]) <= ONE_DECIMAL
    low, high = shown.split("–")
    scale = 1 if kind == "range" else 100
    tolerance = 0.5 if kind == "range" else ONE_DECIMAL
    return (abs(number(low, lang) - float(raw[0]) * scale) <= tolerance
            and abs(number(high, lang) - float(raw[1]) * scale) <= tolerance)


@dataclass
class Comparison:
    rows: int = 0
    numbers: int = 0
    protected: int = 0
    problems: list[str] = field(default_factory=list)


def withheld(text: str, symbols: Sequence[str]) -> bool:
    """A cell that shows a suppression symbol (alone, or followed by a band such as '~ 1-9')."""
    return any(text == symbol or text.startswith(symbol + " ") for symbol in symbols)


def compare(shown: Sequence[Mapping[str, str]], file: Sequence[Mapping[str, str]], *, keys: Sequence[Shown],
            values: Sequence[Shown], symbols: Sequence[str], lang: str = "nl") -> Comparison:
    """Every shown row has exactly one file row with the same keys, and every shown cell equals its file value:
    a number within the rounding of what is shown, a withheld cell (its symbol on screen) an empty file cell."""
    result = Comparison()

    def sources(column: Shown) -> tuple[str, ...]:
        return column.source if isinstance(column.source, tuple) else (column.source,)

    def key_of(row: Mapping[str, str], reading: bool) -> tuple:
        return tuple(date(row[k.header], lang) if reading and k.kind == "date"
                     else row[k.header] if reading else row[sources(k)[0]][:10] if k.kind == "date"
                     else row[sources(k)[0]] for k in keys)

    by_key: dict[tuple, list[Mapping[str, str]]] = {}
    for row in file:
        by_key.setdefault(key_of(row, False), []).append(row)
    for row in shown:
        key = key_of(row, True)
        found = by_key.get(key, [])
        if len(found) != 1:
            result.problems.append(f"{key}: {len(found)} rows in the file")
            continue
        result.rows += 1
        for column in values:
            text = row[column.header]
            raw = [found[0][s] for s in sources(column)]
            if withheld(text, symbols):
                result.protected += 1
                if any(value != "" for value in raw):
                    result.problems.append(f"{key} {column.header}: shown withheld ({text!r}), the file has {raw}")
            elif text == "":
                if any(value != "" for value in raw):
                    result.problems.append(f"{key} {column.header}: shown empty, the file has {raw}")
            elif matches(text, raw, column.kind, lang):
                result.numbers += column.kind not in ("text", "date")
            else:
                result.problems.append(f"{key} {column.header}: shown {text!r}, the file has {raw}")
    return result
