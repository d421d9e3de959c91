"""The data's own invariants, per warehouse table, as data: a row that breaks one fails its file.

The rules about one row stand as CHECK constraints in warehouse.sql too; checking them here first lets
the error name the line and the values instead of DuckDB's constraint name. Rules across rows (a key
repeated, TOTAAL against its genders) are checked here only.
"""
from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from examencijfers.errors import InputError
from examencijfers.ingest.frames import LINE, first_offender
from examencijfers.ingest.layouts import Layout

c = pl.col


@dataclass(frozen=True)
class Check:
    rule: str  # what must hold, as said in the error
    columns: tuple[str, ...]  # shown as the finding; the first names the column
    broken: pl.Expr  # true on a row that breaks the rule (NULL = not decidable = fine)
    computed: dict[str, pl.Expr] | None = None  # helper columns the rule and its finding use


def _transmissions_add_up(soort: str, uitslag: str) -> Check:
    """Where the split by transmission is given it adds up; it is all zero where it does not apply (theory)."""
    parts = [f"{soort}_{t}_{uitslag}" for t in ("automaat", "combi", "handgeschakeld")]
    split = pl.sum_horizontal(parts)
    return Check(f"{soort}_{uitslag} = automaat + combi + handgeschakeld (or no split at all)",
                 (f"{soort}_{uitslag}", *parts), (c(f"{soort}_{uitslag}") != split) & (split != 0))


def _total_holds_its_genders(measure: str) -> Check:
    """TOTAAL is at least MAN + VROUW (+ ONBEKEND) of the same line and school year; it may be more (DUO
    counts a hidden group in TOTAAL only). A "<5" part counts as unknown, so only what is known must fit."""
    parts = pl.when(c("geslacht") != "TOTAAL").then(c(measure)).sum().over(LINE, "schooljaar")
    return Check(f"{measure} TOTAAL >= the sum of the genders", (measure, "sum_of_genders"),
                 (c("geslacht") == "TOTAAL") & (c(measure) < c("sum_of_genders")), {"sum_of_genders": parts})


def _part_of(part: str, whole: str, rule: str = "") -> Check:
    return Check(rule or f"{part} <= {whole}", (part, whole), c(part) > c(whole))


def _grades_between_1_and_10(*grades: str) -> tuple[Check, ...]:
    return tuple(Check(f"{grade} between 1 and 10", (grade,), (c(grade) < 1) | (c(grade) > 10)) for grade in grades)


CHECKS: dict[str, tuple[Check, ...]] = {
    "cbr_examens": (
        Check("voldoende + onvoldoende = totaal", ("totaal", "voldoende", "onvoldoende"),
              c("voldoende") + c("onvoldoende") != c("totaal")),
        _part_of("particulier", "totaal", "particuliere examens <= totaal"),
        _part_of("tolk", "totaal", "examens met tolk <= totaal"),
        Check("the week lies in the publication period",
              ("week", "examenperiode_begindatum", "examenperiode_einddatum"),
              (c("week_start") + pl.duration(days=6) < c("examenperiode_begindatum"))
              | (c("week_start") > c("examenperiode_einddatum"))),
    ),
    "cbr_diplomas": (
        Check("the week lies in the publication period",
              ("week", "examenperiode_begindatum", "examenperiode_einddatum"),
              (c("week_start") + pl.duration(days=6) < c("examenperiode_begindatum"))
              | (c("week_start") > c("examenperiode_einddatum"))),
    ),
    "cbr_opleiderresultaten": (
        Check("period begins before it ends", ("examenperiode_begindatum", "examenperiode_einddatum"),
              c("examenperiode_begindatum") > c("examenperiode_einddatum")),
        *(_transmissions_add_up(soort, uitslag) for soort in ("eerste", "her") for uitslag in ("voldoende", "onvoldoende")),
    ),
    "duo_examenkandidaten": (
        _part_of("geslaagden", "examenkandidaten"),
        Check("slaagpercentage between 0 and 100", ("slaagpercentage",),
              (c("slaagpercentage") < 0) | (c("slaagpercentage") > 100)),
        # DUO rounds to one decimal; 0.051 leaves room for the rounding and nothing else.
        Check("slaagpercentage = 100 * geslaagden / examenkandidaten",
              ("slaagpercentage", "geslaagden", "examenkandidaten"),
              (c("examenkandidaten") > 0)
              & ((100 * c("geslaagden") / c("examenkandidaten") - c("slaagpercentage")).abs() > 0.051)),
        _total_holds_its_genders("examenkandidaten"),
        _total_holds_its_genders("geslaagden"),
    ),
    "duo_geslaagden_cijfers": (
        _part_of("geslaagden", "examenkandidaten"),
        Check("geslaagden + gezakten = examenkandidaten", ("examenkandidaten", "geslaagden", "gezakten"),
              c("geslaagden") + c("gezakten") != c("examenkandidaten")),
        *_grades_between_1_and_10("gem_cijfer_se", "gem_cijfer_ce", "gem_cijfer_cijferlijst"),
    ),
    "duo_examencijfers": (
        # The exams that count for the diploma are some of all exams.
        _part_of("aantal_se_beoordeling_diploma", "aantal_se_beoordeling"),
        _part_of("aantal_se_cijfer_diploma", "aantal_se_cijfer"),
        _part_of("aantal_ce_diploma", "aantal_ce"),
        *_grades_between_1_and_10("gem_se_cijfer", "gem_se_cijfer_diploma", "gem_ce_cijfer", "gem_ce_cijfer_diploma",
                                  "gem_cijfer_cijferlijst", "gem_cijfer_rekentoets"),
    ),
    "duo_vestigingen": (),
}


def wide_header(layout: Layout, target: str, row: dict) -> str:
    """The column of a wide file that a melted row's value came from, e.g. 'SLAAGPERC SCHOOLJAAR 2019-2020 - MAN'."""
    if layout.wide is None:
        return target
    measure = next(name for name, column in layout.wide.measures.items() if column.target == target)
    return f"{measure} SCHOOLJAAR {row['schooljaar']} - {row['geslacht']}"


def check(path, layout: Layout, frame: pl.DataFrame, header_of: dict[str, str]) -> None:
    """Raise for the first row that breaks an invariant of its table or repeats a key of the file.

    header_of maps warehouse columns to the file's own header names, so errors name what the reader sees.
    Every rule and the key are first asked only whether any row breaks them, all in one parallel pass;
    the offending row is looked for only in a file that has one.
    """
    rules = CHECKS.get(layout.table, ())
    key = [name for name in layout.key if name in frame.columns]
    repeated = ~pl.struct(*key, *(["schooljaar", "geslacht"] if layout.wide else [])).is_first_distinct()
    broken = [frame.lazy().with_columns(**(rule.computed or {})).select(rule.broken.fill_null(False).any())
              for rule in rules] + ([frame.lazy().select(repeated.any())] if key else [])
    if not any(answer.item() for answer in pl.collect_all(broken)):
        return
    for rule in rules:
        bad = first_offender(frame.with_columns(**(rule.computed or {})), rule.broken.fill_null(False))
        if bad is not None:
            found = ", ".join(f"{name}={bad[name]}" for name in rule.columns)
            raise InputError(path, "values are inconsistent", line=bad[LINE],
                             column=header_of.get(rule.columns[0]) or wide_header(layout, rule.columns[0], bad),
                             expected=rule.rule, found=found)
    if key:
        repeat = first_offender(frame, repeated)
        if repeat is not None:
            raise InputError(path, "a row repeats the key of an earlier row", line=repeat[LINE],
                             column=header_of.get(key[0], key[0]),
                             expected=f"one row per {' x '.join(key)}",
                             found=", ".join("" if repeat[name] is None else str(repeat[name]) for name in key))
