"""Keep an extract harmless in a spreadsheet and on a disk.

A text cell that begins with =, +, -, @, a tab or a carriage return can be read by a spreadsheet as a
formula (CSV injection). An opleider or school name is free text, so every text cell is checked; numbers
are never touched and stay numbers. File names are reduced to characters every operating system accepts.
"""
from __future__ import annotations

import re
import unicodedata

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Names Windows reserves whatever the extension.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def neutralise_text(text: str) -> str:
    """For CSV: a leading single quote makes a spreadsheet show the text instead of evaluating it."""
    return "'" + text if is_formula_like(text) else text


def safe_filename(stem: str, extension: str, max_length: int = 120) -> str:
    """A file name of ASCII letters, digits, '-', '_' and '.', never a reserved or hidden name."""
    ascii_text = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", ascii_text)
    cleaned = re.sub(r"_+", "_", cleaned).strip("._- ")
    if not cleaned:
        cleaned = "extract"
    if cleaned.split(".")[0].lower() in _RESERVED:
        cleaned = "_" + cleaned
    extension = re.sub(r"[^A-Za-z0-9]", "", extension).lower()
    cleaned = cleaned[: max(1, max_length - len(extension) - 1)].rstrip("._- ") or "extract"
    return f"{cleaned}.{extension}" if extension else cleaned


def extract_filename(dataset: str, filters: dict[str, tuple[object, ...]], fmt: str) -> str:
    """The suggested name of a download: dataset and filter values, e.g. cbr_exams_weekly_jaar-2024.csv."""
    parts = [dataset]
    for key, values in filters.items():
        parts.append(f"{key}-" + "+".join("null" if v is None else str(v) for v in values))
    return safe_filename("_".join(parts), fmt)
