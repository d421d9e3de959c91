"""Numbers as people read them: Dutch (6,4 and 1.234) in Dutch, English (6.4 and 1,234) in English.

Pure functions of a value and a language, so they are tested without Streamlit. None is "no value";
a suppressed value never reaches these functions as a number (see cells.py).
"""
from __future__ import annotations

import datetime as dt
import math

SEPARATORS = {"nl": (",", "."), "en": (".", ",")}   # (decimal, thousands)
PLOTLY_SEPARATORS = {lang: decimal + thousands for lang, (decimal, thousands) in SEPARATORS.items()}
DASH = "–"


def _localise(text: str, lang: str) -> str:
    """Python writes '1,234.5'; swap the two separators for the language."""
    decimal, thousands = SEPARATORS[lang]
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def integer(value: int | float | None, lang: str) -> str:
    """1.234 (nl) / 1,234 (en); '' for no value."""
    if _missing(value):
        return ""
    return _localise(f"{round(value):,}", lang)


def decimal(value: float | None, lang: str, digits: int = 1) -> str:
    """A grade or average: 6,4 (nl) / 6.4 (en)."""
    if _missing(value):
        return ""
    return _localise(f"{value:,.{digits}f}", lang)


def signed(value: float | None, lang: str, digits: int = 1) -> str:
    """A difference with its sign: +0,3 / −1,2 (a real minus sign, so it is not read as a dash)."""
    if _missing(value):
        return ""
    text = decimal(abs(value), lang, digits)
    return ("+" if value > 0 else "−" if value < 0 else "±") + text


def percent(rate: float | None, lang: str, digits: int = 1) -> str:
    """A share 0..1 as 64,3% (nl) / 64.3% (en)."""
    if _missing(rate):
        return ""
    return decimal(rate * 100, lang, digits) + "%"


def points(difference: float | None, lang: str, digits: int = 1) -> str:
    """A difference of two rates in percentage points: +2,1 pp / −0,4 pp (nl: 'procentpunt')."""
    if _missing(difference):
        return ""
    return signed(difference * 100, lang, digits) + (" pp" if lang == "en" else " %-punt")


def interval(low: float | None, high: float | None, lang: str, digits: int = 1) -> str:
    """A 95% interval of a rate: 61,2–67,1%."""
    if _missing(low) or _missing(high):
        return ""
    return f"{decimal(low * 100, lang, digits)}{DASH}{decimal(high * 100, lang, digits)}%"


def date(value: dt.date | None, lang: str) -> str:
    """A date as 3 mrt 2025 / 3 Mar 2025 (short, unambiguous in both languages)."""
    if value is None:
        return ""
    months = MONTHS[lang]
    return f"{value.day} {months[value.month - 1]} {value.year}"


MONTHS = {
    "nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}


def week(year: int, week_number: int, lang: str) -> str:
    """An ISO week: 2025 wk 10 / 2025 week 10."""
    return f"{year} {'wk' if lang == 'nl' else 'week'} {week_number}"


def signed_percent(share: float | None, lang: str, digits: int = 1) -> str:
    """A relative change 0.038 as +3,8% / −1,0%."""
    if _missing(share):
        return ""
    return signed(share * 100, lang, digits) + "%"
