"""The configurable parameters of the suppression rules: defaults here, overrides from a TOML file or the CLI.

The parameters are handed to the SQL of the publish step as DuckDB variables (getvariable('name')), and
recorded in the published database's suppression_rules table, so every publication says how it was protected.
"""
from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

import duckdb

from examencijfers import paths
from examencijfers.errors import InputError

RULES_FILE = paths.DATA / "publish_rules.toml"


@dataclass(frozen=True)
class Rules:
    """One value per rule; the names are the DuckDB variable names and the suppression_rules keys."""

    vo_min_count: int = 5             # k: VO counts 1..k-1 are suppressed, rates/averages from < k pupils too
    vo_extreme_rate_group: int = 10   # 0% / 100% on a group smaller than this is suppressed
    opleider_min_exams: int = 10      # an opleider rate needs at least this many exams
    cbr_max_opleiders: int = 10       # CBR rule 1: a CCV product taken by at most this many active opleiders
    vo_protection_level: int | None = None   # no suppressed VO cell narrower than this (None: k)

    def values(self) -> dict[str, int]:
        """Every rule with its value in force (the protection level defaults to k)."""
        values = asdict(self)
        if values["vo_protection_level"] is None:
            values["vo_protection_level"] = self.vo_min_count
        return values

    def set_variables(self, connection: duckdb.DuckDBPyConnection) -> None:
        for name, value in self.values().items():
            connection.execute(f"set variable {name} = {int(value)}")

    def rows(self) -> list[tuple[str, str, str, str]]:
        """(rule, value, description_nl, description_en) for the suppression_rules table."""
        return [(name, str(value), *DESCRIPTIONS[name]) for name, value in self.values().items()]

    def with_overrides(self, **overrides: int | None) -> "Rules":
        return replace(self, **{name: value for name, value in overrides.items() if value is not None})


DESCRIPTIONS: dict[str, tuple[str, str]] = {
    "vo_min_count": (
        "VO: aantallen van 1 tot deze waarde, en percentages en gemiddelden over minder leerlingen, worden niet getoond",
        "VO: counts from 1 below this value, and rates and averages over fewer pupils, are suppressed",
    ),
    "vo_extreme_rate_group": (
        "VO: een slaagpercentage van 0% of 100% in een groep kleiner dan deze waarde wordt niet getoond",
        "VO: a 0% or 100% pass rate in a group smaller than this value is suppressed",
    ),
    "opleider_min_exams": (
        "CBR: een slagingspercentage per opleider pas vanaf dit aantal examens; daaronder alleen de klasse",
        "CBR: an opleider pass rate only from this many exams; below it only the count band",
    ),
    "cbr_max_opleiders": (
        "CBR regel 1: een CCV-product afgenomen bij hoogstens dit aantal actieve opleiders wordt niet getoond",
        "CBR rule 1: a CCV product taken by at most this many active opleiders is not published",
    ),
    "vo_protection_level": (
        "VO: uit wat gepubliceerd is, valt een kleine verborgen cel niet nauwer in te sluiten dan tussen twee "
        "waarden die zoveel uiteen liggen",
        "VO: what is published cannot narrow a suppressed small cell to an interval narrower than this",
    ),
}


def load_rules(path: Path | None = None) -> Rules:
    """Defaults, overridden by the [rules] of a TOML file (data/publish_rules.toml when it exists)."""
    path = RULES_FILE if path is None else Path(path)
    if not path.exists():
        return Rules()
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("rules", {})
    except tomllib.TOMLDecodeError as error:
        raise InputError(path, f"not valid TOML: {error}") from error
    known = {field.name for field in fields(Rules)}
    for name, value in table.items():
        if name not in known:
            raise InputError(path, "unknown rule", column=name, expected=", ".join(sorted(known)))
        if not isinstance(value, int) or value < 1:
            raise InputError(path, "a rule value must be a positive integer", column=name, found=repr(value))
    return Rules(**table)
