"""How one table cell reads: a number in the page's language, or the symbol of why it is withheld.

A suppressed value is never shown as 0 or as a blank that looks like "no data": it is the symbol of its
reason (from the published `suppression_reasons` table: '<5', '•', '∘', ...), and the table beside it
names the reason in words. `KINDS` is the table of cell kinds: adding a kind is one row. A kind reads the
value and, for an interval, its upper end.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from examencijfers.ui import numbers
from examencijfers.ui.data import query
from examencijfers.ui.i18n import current

KINDS: dict[str, Callable[[Any, Any, str], str]] = {
    "int": lambda value, _, lang: numbers.integer(value, lang),
    "pct": lambda value, _, lang: numbers.percent(value, lang),
    "grade": lambda value, _, lang: numbers.decimal(value, lang),
    "signed": lambda value, _, lang: numbers.signed(value, lang),
    "points": lambda value, _, lang: numbers.points(value, lang),
    "change": lambda value, _, lang: numbers.signed_percent(value, lang),
    "date": lambda value, _, lang: numbers.date(value, lang),
    "ci": lambda low, high, lang: numbers.interval(low, high, lang),
    "text": lambda value, _, lang: "" if value is None else str(value),
}
NUMERIC = {"int", "pct", "grade", "signed", "points", "change", "ci"}


@dataclass(frozen=True)
class Reason:
    code: str
    symbol: str
    label: str


def reasons() -> dict[str, Reason]:
    """Every suppression reason of the publication, labelled in the page's language."""
    lang = current()
    frame = query("suppression_reasons")
    return {row["reason"]: Reason(row["reason"], row["symbol"], row[f"label_{lang}"])
            for row in frame.iter_rows(named=True)}


def symbol(reason: str | None, known: dict[str, Reason] | None = None) -> str:
    if reason is None:
        return ""
    found = (known if known is not None else reasons()).get(reason)
    return found.symbol if found else "?"


def label(reason: str | None) -> str:
    """The reason in words ('too few exams'), for a sentence; '' for none."""
    if reason is None:
        return ""
    found = reasons().get(reason)
    return found.label if found else reason


def cell(value: Any, kind: str, suppression: str | None = None, lang: str | None = None, *, high: Any = None,
         known: dict[str, Reason] | None = None) -> str:
    """The text of one cell: its reason's symbol when withheld, else the value in the page's language."""
    if suppression is not None:
        return symbol(suppression, known)
    return KINDS[kind](value, high, lang or current())


def legend(codes: Iterable[str | None]) -> str:
    """'• = primary suppression; <5 = fewer than 5 at the source' for the reasons that occur."""
    known = reasons()
    seen = sorted({c for c in codes if c}, key=lambda c: (known[c].symbol if c in known else c))
    return "; ".join(f"{known[c].symbol} = {known[c].label}" if c in known else c for c in seen)
