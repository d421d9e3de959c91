"""How one table cell reads: a number in the page's language, or the symbol of why it is withheld.

A suppressed value is never shown as 0 or as a blank that looks like "no data": it is the symbol of its
reason (from the published `suppression_reasons` table: '<5', '•', '∘', ...), and the table beside it
names the reason in words. `KINDS` is the table of cell kinds: adding a kind is one row.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from examencijfers.ui import numbers
from examencijfers.ui.data import query
from examencijfers.ui.i18n import current

KINDS: dict[str, Callable[[Any, str], str]] = {
    "int": numbers.integer,
    "pct": numbers.percent,
    "grade": numbers.decimal,
    "signed": numbers.signed,
    "points": numbers.points,
    "change": numbers.signed_percent,
    "date": numbers.date,
    "text": lambda value, lang: "" if value is None else str(value),
}
NUMERIC = {"int", "pct", "grade", "signed", "points", "change"}


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


def symbol(reason: str | None) -> str:
    if reason is None:
        return ""
    known = reasons().get(reason)
    return known.symbol if known else "?"


def cell(value: Any, kind: str, suppression: str | None = None, lang: str | None = None) -> str:
    """The text of one cell: its reason's symbol when withheld, else the value in the page's language."""
    if suppression is not None:
        return symbol(suppression)
    return KINDS[kind](value, lang or current())


def legend(codes: Iterable[str | None]) -> str:
    """'• = primary suppression; <5 = fewer than 5 at the source' for the reasons that occur."""
    known = reasons()
    seen = sorted({c for c in codes if c}, key=lambda c: (known[c].symbol if c in known else c))
    return "; ".join(f"{known[c].symbol} = {known[c].label}" if c in known else c for c in seen)
