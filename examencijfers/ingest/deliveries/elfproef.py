"""The check digit of a persoonsgebonden nummer: a BSN or an onderwijsnummer.

Both are 9 digits weighted 9, 8, 7, 6, 5, 4, 3, 2 and -1. A BSN's weighted sum is divisible by 11 (the
elfproef); an onderwijsnummer's leaves remainder 5 and the number starts with "10" (the rule as implemented
by python-stdnum's stdnum/nl/onderwijsnummer.py, after nl.wikipedia "Onderwijsnummer"; the regulation's own
text was not available to verify it). A number that passes neither is rejected.
"""
from __future__ import annotations

WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def weighted_sum(number: str) -> int:
    return sum(int(digit) * weight for digit, weight in zip(number, WEIGHTS))


def is_bsn(number: str) -> bool:
    """Nine digits, not all zero, weighted sum divisible by 11."""
    return (len(number) == 9 and number.isascii() and number.isdigit() and int(number) > 0
            and weighted_sum(number) % 11 == 0)


def is_onderwijsnummer(number: str) -> bool:
    """Nine digits starting with 10, weighted sum leaving remainder 5 when divided by 11."""
    return (len(number) == 9 and number.isascii() and number.isdigit() and number.startswith("10")
            and weighted_sum(number) % 11 == 5)


def number_kind(number: str) -> str | None:
    """'bsn', 'onderwijsnummer', or None when the number passes neither rule."""
    if is_bsn(number):
        return "bsn"
    if is_onderwijsnummer(number):
        return "onderwijsnummer"
    return None
