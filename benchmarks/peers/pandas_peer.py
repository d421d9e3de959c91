"""The analyst's peer: each page question answered with pandas, on the published tables held in memory.

This is what someone would write in a notebook (or a pandas-backed dashboard) instead of our SQL: the
tables read once from the Parquet copies that publish writes, then per question filters, group-bys,
merges and rolling windows. Each function answers exactly the question of queries/<name>.sql, with its
NULL rules (a suppressed count is missing, never 0), and returns the declared output columns in the
declared order; tests/bench checks the answers agree with ours.

Two pandas habits need care to agree with SQL and are handled explicitly: `groupby` drops NULL keys
unless told not to, and `sum` of nothing is 0 where SQL's is NULL (`min_count=1`).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from examencijfers.serving import open_read_only

Frames = dict[str, pd.DataFrame]
Z95 = 1.959963984540054
Z998 = 3.090232306167813
QUESTIONS: dict[str, Callable[..., pd.DataFrame]] = {}


class Recording(dict):
    """The frames, noting which tables a question reads (to time it again from the files alone)."""

    def __init__(self, frames: Frames):
        super().__init__(frames)
        self.used: set[str] = set()

    def __getitem__(self, table: str) -> pd.DataFrame:
        self.used.add(table)
        return super().__getitem__(table)


def question(function: Callable[..., pd.DataFrame]) -> Callable[..., pd.DataFrame]:
    QUESTIONS[function.__name__] = function
    return function


# --- loading ------------------------------------------------------------------------------------

def load_frames(published: Path, tables: set[str] | None = None) -> Frames:
    """The published tables (all, or `tables`) as DataFrames: from the Parquet copies publish writes."""
    from examencijfers.publish.parquet import parquet_folder

    folder = parquet_folder(Path(published))
    connection = open_read_only(published)  # the configuration queries/ uses (one per file and process)
    try:
        if tables is None:
            tables = {row[0] for row in connection.execute("show tables").fetchall()}
        frames = {}
        for table in sorted(tables):
            parquet = folder / f"{table}.parquet"
            frame = (pd.read_parquet(parquet) if parquet.is_file()
                     else connection.sql(f"select * from {table}").to_arrow_table().to_pandas())
            frames[table] = _dates(frame)
    finally:
        connection.close()
    return frames


def _dates(frame: pd.DataFrame) -> pd.DataFrame:
    """Date columns arrive as Python objects; an analyst turns them into datetime64 first."""
    for column in frame.columns:
        if frame[column].dtype == object:
            sample = frame[column].dropna()
            if len(sample) and isinstance(sample.iloc[0], dt.date):
                frame[column] = pd.to_datetime(frame[column])
    return frame


# --- small helpers: the SQL idioms the questions share --------------------------------------------

def wilson(rate: pd.Series, n: pd.Series, z: float = Z95) -> tuple[pd.Series, pd.Series]:
    n = n.astype(float)  # an int32 column would wrap around silently in 4 * n * n once n > 23,170
    with np.errstate(divide="ignore", invalid="ignore"):
        centre = (rate + z * z / (2 * n)) / (1 + z * z / n)
        half = z * np.sqrt(rate * (1 - rate) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def divide(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """numerator / nullif(denominator, 0)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return numerator / denominator.where(denominator != 0)


def coalesce(*series: pd.Series) -> pd.Series:
    result = series[0]
    for other in series[1:]:
        result = result.where(result.notna(), other)
    return result


def total(series) -> Any:
    """SQL sum: NULL when there is nothing to add."""
    return series.sum(min_count=1)


def percent_rank(frame: pd.DataFrame, value: pd.Series, by: list[str] | None) -> pd.Series:
    """(rank - 1) / (rows - 1) within each partition, 0 for a partition of one row."""
    if by:
        grouped = value.groupby([frame[column] for column in by], dropna=False)
        rank, rows = grouped.rank(method="min"), grouped.transform("size")
    else:
        rank, rows = value.rank(method="min"), pd.Series(len(value), index=value.index)
    return ((rank - 1) / (rows - 1)).where(rows > 1, 0.0)


def year_before(frame: pd.DataFrame, keys: list[str], columns: dict[str, str]) -> pd.DataFrame:
    """The same ISO week a year earlier, for a left join on (keys, jaar, week); NULL keys never match."""
    earlier = frame.dropna(subset=keys)[[*keys, "jaar", "week", *columns]].rename(columns=columns)
    return earlier.assign(jaar=earlier["jaar"] + 1)


def order(frame: pd.DataFrame, *keys: tuple[str, bool, bool]) -> pd.DataFrame:
    """ORDER BY with per column direction and NULL placement: keys are (column, ascending, nulls_first)."""
    helpers, by, ascending = {}, [], []
    for position, (column, ascending_, nulls_first) in enumerate(keys):
        helpers[f"__null{position}"] = frame[column].isna()
        by += [f"__null{position}", column]
        ascending += [not nulls_first, ascending_]
    ordered = frame.assign(**helpers).sort_values(by, ascending=ascending, kind="stable")
    return ordered.drop(columns=list(helpers)).reset_index(drop=True)


def asc(column: str, nulls_first: bool = False) -> tuple[str, bool, bool]:
    return (column, True, nulls_first)


def desc(column: str, nulls_first: bool = False) -> tuple[str, bool, bool]:
    return (column, False, nulls_first)


def rolling_weeks(frame: pd.DataFrame, key: str, weeks: int, sums: dict[str, str],
                  counts: dict[str, str] | None = None, extremes: dict[str, tuple[str, str]] | None = None
                  ) -> pd.DataFrame:
    """Window `range between weeks-1 weeks preceding and current row`, per `key`, ordered by week_start.

    sums: new column -> column summed (NULL when only NULLs); counts: new column -> column whose non-NULL
    values are counted; extremes: new column -> (column, 'min' | 'max') over text values.
    """
    counts, extremes = counts or {}, extremes or {}
    work = frame.copy()
    work["__key"] = work[key].astype(object).where(work[key].notna(), "\x00null")
    work = work.sort_values(["__key", "week_start"], kind="stable")
    values = {target: work[source].astype(float) for target, source in sums.items()}
    values |= {target: work[source].notna().astype(float) for target, source in counts.items()}
    categories = {}
    for target, (source, _) in extremes.items():
        labels = sorted(work[source].dropna().unique())
        categories[target] = labels
        codes = pd.Categorical(work[source], categories=labels).codes.astype(float)
        values[target] = pd.Series(np.where(codes < 0, np.nan, codes), index=work.index)
    data = pd.DataFrame(values, index=work.index)
    data["__key"], data["week_start"] = work["__key"], work["week_start"]
    span = f"{7 * (weeks - 1)}D"
    rolled = data.groupby("__key", sort=False).rolling(span, on="week_start", closed="both")
    parts = {}
    for target in sums:
        parts[target] = rolled[target].sum()
    for target in counts:
        parts[target] = rolled[target].sum()
    for target, (_, how) in extremes.items():
        parts[target] = getattr(rolled[target], how)()
    result = pd.DataFrame({name: part.to_numpy() for name, part in parts.items()}, index=work.index)
    for target in counts:
        result[target] = result[target].fillna(0).astype(int)
    for target, labels in categories.items():
        codes = result[target]
        result[target] = pd.Series([labels[int(code)] if code == code else None for code in codes],
                                   index=result.index, dtype=object)
    return frame.join(result)


def min_exams(frames: Frames) -> int:
    rules = frames["suppression_rules"]
    values = pd.to_numeric(rules.loc[rules["rule"] == "opleider_min_exams", "value"], errors="coerce").dropna()
    return int(values.max()) if len(values) else 10


def _timestamp(value) -> pd.Timestamp:
    return pd.Timestamp(value)


# --- CBR: lists ---------------------------------------------------------------------------------

@question
def cbr_categories(f: Frames) -> pd.DataFrame:
    products = f["cbr_products"]
    products = products[products["categoriecode"].notna()]
    grouped = products.groupby("categoriecode")
    out = pd.DataFrame({
        "categorienaam": grouped["categorienaam"].first(),
        "products": grouped.size(),
        "products_with_result": (~products["is_toets"]).groupby(products["categoriecode"]).sum(),
    }).reset_index()
    return order(out, asc("categoriecode"))


@question
def cbr_locations(f: Frames, q: str = "") -> pd.DataFrame:
    results = f["cbr_opleider_results"]
    results = results[results["examenlocatie"] != "*"]
    out = results.groupby("examenlocatie")["examenlocatie_plaats"].max().reset_index()
    if q:
        out = out[_contains(out["examenlocatie"], q) | _contains(out["examenlocatie_plaats"], q)]
    return order(out, asc("examenlocatie"))


def _contains(series: pd.Series, text: str) -> pd.Series:
    return series.str.contains(text, case=False, regex=False, na=False)


@question
def cbr_products(f: Frames) -> pd.DataFrame:
    out = f["cbr_products"][["productcode", "productnaam", "categoriecode", "categorienaam", "divisie", "is_toets"]]
    return order(out, asc("categoriecode"), asc("productcode"))


@question
def diploma_codes(f: Frames) -> pd.DataFrame:
    out = f["cbr_diplomas_weekly"].groupby("diplomacode")["diplomaomschrijving"].max().reset_index()
    return order(out, asc("diplomacode"))


@question
def diploma_weeks(f: Frames) -> pd.DataFrame:
    weeks = f["cbr_diplomas_weekly"]["week_start"]
    return pd.DataFrame({"first_week": [weeks.min()], "last_week": [weeks.max()]})


@question
def exam_weeks(f: Frames) -> pd.DataFrame:
    weeks = f["cbr_exams_weekly"]["week_start"]
    return pd.DataFrame({"first_week": [weeks.min()], "last_week": [weeks.max()]})


@question
def opleider_publications(f: Frames) -> pd.DataFrame:
    grouped = f["cbr_opleider_results"].groupby("publication")
    out = pd.DataFrame({"period_start": grouped["period_start"].min(),
                        "period_end": grouped["period_end"].max()}).reset_index()
    return order(out, desc("period_end"))


@question
def opleider_search(f: Frames, q: str) -> pd.DataFrame:
    results = f["cbr_opleider_results"]

    def newest(column: str) -> pd.Series:  # arg_max(column, period_end): rows with a value only
        known = results[results[column].notna()]
        at = known.groupby("opleidercode")["period_end"].idxmax()
        return pd.Series(known.loc[at, column].to_numpy(), index=at.index)

    out = pd.DataFrame({
        "opleidernaam": newest("opleidernaam"),
        "opleider_plaats": newest("opleider_plaats"),
        "opleider_actief": results.groupby("opleidercode")["opleider_actief"].any(),
    })
    out = out.rename_axis("opleidercode").reset_index()
    if q:
        out = out[_contains(out["opleidercode"], q) | _contains(out["opleidernaam"], q)
                  | _contains(out["opleider_plaats"], q)]
    out = out[["opleidercode", "opleidernaam", "opleider_plaats", "opleider_actief"]]
    return order(out, asc("opleidernaam"), asc("opleidercode")).head(200)


@question
def sources(f: Frames) -> pd.DataFrame:
    out = f["sources"][["source_id", "file_name", "dataset", "layout", "publication", "period_start", "period_end",
                        "row_count", "synthetic", "loaded_at"]]
    return order(out, asc("dataset"), asc("period_end"))


@question
def publication_changes(f: Frames) -> pd.DataFrame:
    """Per dataset its newest file (latest period, then the last loaded) beside the file before it."""
    lineage = order(f["sources"], asc("dataset"), desc("period_end"), desc("source_id"))
    newest_first = lineage.groupby("dataset").cumcount()
    latest = lineage.loc[newest_first == 0, ["dataset", "publication", "period_start", "period_end", "row_count",
                                             "synthetic"]]
    previous = lineage.loc[newest_first == 1, ["dataset", "publication", "period_end", "row_count"]].rename(
        columns={"publication": "previous_publication", "period_end": "previous_period_end",
                 "row_count": "previous_row_count"})
    out = latest.merge(previous, on="dataset", how="left")
    out["new_days"] = (pd.to_datetime(out["period_end"]) - pd.to_datetime(out["previous_period_end"])).dt.days
    return order(out, asc("dataset"))


@question
def suppression_counts(f: Frames) -> pd.DataFrame:
    out = f["suppression_counts"].merge(f["suppression_reasons"], on="reason", how="left")
    out = out[["table_name", "column_name", "reason", "symbol", "label_nl", "label_en", "cells"]]
    return order(out, asc("table_name"), asc("column_name"), asc("reason"))


@question
def suppression_reasons(f: Frames) -> pd.DataFrame:
    return order(f["suppression_reasons"][["reason", "symbol", "label_nl", "label_en"]], asc("reason"))


@question
def suppression_rules(f: Frames) -> pd.DataFrame:
    return order(f["suppression_rules"][["rule", "value", "description_nl", "description_en"]], asc("rule"))


# --- CBR: weekly figures ------------------------------------------------------------------------

@question
def diplomas_by_week(f: Frames, codes: list[str], date_from, date_to) -> pd.DataFrame:
    diplomas = f["cbr_diplomas_weekly"]
    chosen = diplomas[diplomas["diplomacode"].isin(codes)]
    shown = chosen[chosen["week_start"].between(_timestamp(date_from), _timestamp(date_to))]
    out = shown.merge(year_before(chosen, ["diplomacode"], {"aantal": "aantal_year_before",
                                                            "suppression": "suppression_year_before"}),
                      on=["diplomacode", "jaar", "week"], how="left")
    out["change"] = out["aantal"] - out["aantal_year_before"]
    out["change_pct"] = divide(out["change"], out["aantal_year_before"])
    out["change_suppression"] = coalesce(out["suppression"], out["suppression_year_before"])
    out = out[["week_start", "jaar", "week", "diplomacode", "diplomaomschrijving", "aantal", "suppression",
               "aantal_year_before", "suppression_year_before", "change", "change_pct", "change_suppression"]]
    return order(out, asc("diplomacode"), asc("week_start"))


@question
def diplomas_by_year(f: Frames) -> pd.DataFrame:
    diplomas = f["cbr_diplomas_weekly"]
    grouped = diplomas.groupby(["jaar", "diplomacode"])
    yearly = pd.DataFrame({
        "diplomaomschrijving": grouped["diplomaomschrijving"].max(),
        "weeks": grouped.size(),
        "suppressed_weeks": grouped["suppression"].count(),
        "aantal": grouped["aantal"].sum(min_count=1),
    }).reset_index()
    yearly["aantal_complete"] = yearly["suppressed_weeks"] == 0
    earlier = year_before(diplomas, ["diplomacode"], {"aantal": "aantal_year_before",
                                                      "suppression": "reason_year_before"})
    paired = diplomas.merge(earlier, on=["diplomacode", "jaar", "week"], how="inner")
    paired["reason"] = coalesce(paired["suppression"], paired["reason_year_before"])
    grouped = paired.groupby(["jaar", "diplomacode"])
    compared = pd.DataFrame({
        "suppressed_pairs": grouped["reason"].count(),
        "first_reason": grouped["reason"].min(),
        "aantal_paired": grouped["aantal"].sum(min_count=1),
        "aantal_year_before": grouped["aantal_year_before"].sum(min_count=1),
    }).reset_index()
    out = yearly.merge(compared, on=["jaar", "diplomacode"], how="left")
    clean = out["suppressed_pairs"] == 0
    out["change"] = (out["aantal_paired"] - out["aantal_year_before"]).where(clean)
    out["change_pct"] = divide(out["aantal_paired"] - out["aantal_year_before"], out["aantal_year_before"]).where(clean)
    out["aantal_year_before"] = out["aantal_year_before"].where(clean)
    out["change_suppression"] = out["first_reason"].where(out["suppressed_pairs"] > 0)
    out["aantal_same_weeks"] = out["aantal_paired"].where(clean)
    out = out[["jaar", "diplomacode", "diplomaomschrijving", "weeks", "suppressed_weeks", "aantal_complete", "aantal",
               "aantal_year_before", "change", "change_pct", "change_suppression", "aantal_same_weeks"]]
    return order(out, asc("diplomacode"), asc("jaar"))


@question
def exam_pass_rate_by_group(f: Frames, grouping: str, date_from, date_to, window: int = 1) -> pd.DataFrame:
    exams = f["cbr_exams_weekly"]
    exams = exams[~exams["is_toets"]].assign(
        group_code=lambda e: e[grouping],
        group_label=lambda e: e["productnaam"] if grouping == "productcode" else e["categorienaam"])
    grouped = exams.groupby(["week_start", "jaar", "week", "group_code"], dropna=False)
    weekly = pd.DataFrame({
        "group_name": grouped["group_label"].max(),
        "parts": grouped.size(),
        "suppressed_parts": grouped["suppression"].count(),
        "first_reason": grouped["suppression"].min(),
        "totaal": grouped["totaal"].sum(min_count=1),
        "voldoende": grouped["voldoende"].sum(min_count=1),
        "onvoldoende": grouped["onvoldoende"].sum(min_count=1),
    }).reset_index()
    weekly["totaal_complete"] = weekly["suppressed_parts"] == 0
    rolled = rolling_weeks(weekly, "group_code", window,
                           sums={"window_voldoende": "voldoende", "n": "totaal", "window_suppressed": "suppressed_parts"},
                           extremes={"window_reason": ("first_reason", "min")})
    suppressed = rolled["window_suppressed"] > 0
    rolled["rate_suppression"] = rolled["window_reason"].where(suppressed)
    rolled["rate"] = divide(rolled["window_voldoende"], rolled["n"]).where(~suppressed)
    rolled["ci_low"], rolled["ci_high"] = wilson(rolled["rate"], rolled["n"])
    shown = rolled[rolled["week_start"].between(_timestamp(date_from), _timestamp(date_to))]
    out = shown.merge(year_before(rolled, ["group_code"], {"rate": "rate_year_before", "n": "n_year_before",
                                                            "rate_suppression": "rate_year_before_suppression"}),
                      on=["group_code", "jaar", "week"], how="left")
    out = out.rename(columns={"window_voldoende": "n_voldoende"})
    out = out[["week_start", "jaar", "week", "group_code", "group_name", "parts", "suppressed_parts", "totaal_complete",
               "totaal", "voldoende", "onvoldoende", "n", "n_voldoende", "rate", "ci_low", "ci_high",
               "rate_suppression", "rate_year_before", "n_year_before", "rate_year_before_suppression"]]
    return order(out, asc("group_code"), asc("week_start"))


@question
def exam_pass_rate_by_week(f: Frames, products: list[str], date_from, date_to, window: int = 1) -> pd.DataFrame:
    exams = f["cbr_exams_weekly"]
    chosen = exams[exams["productcode"].isin(products)]
    rolled = rolling_weeks(chosen, "productcode", window,
                           sums={"window_voldoende": "voldoende", "window_n": "totaal"},
                           counts={"suppressed_weeks": "suppression"},
                           extremes={"window_suppression": ("suppression", "max")})
    suppressed = rolled["suppressed_weeks"] > 0
    rolled["rate_suppression"] = rolled["window_suppression"].where(suppressed)
    rolled["rate"] = divide(rolled["window_voldoende"], rolled["window_n"]).where(~suppressed & ~rolled["is_toets"])
    rolled["ci_low"], rolled["ci_high"] = wilson(rolled["rate"], rolled["window_n"])
    shown = rolled[rolled["week_start"].between(_timestamp(date_from), _timestamp(date_to))].copy()
    shown["particulier_share"] = divide(shown["particulier"], shown["totaal"])
    shown["tolk_share"] = divide(shown["tolk"], shown["totaal"])
    out = shown.merge(year_before(rolled, ["productcode"], {"rate": "rate_year_before", "window_n": "n_year_before",
                                                             "rate_suppression": "rate_year_before_suppression"}),
                      on=["productcode", "jaar", "week"], how="left")
    out = out.rename(columns={"window_n": "n", "window_voldoende": "n_voldoende"})
    out = out[["week_start", "jaar", "week", "productcode", "productnaam", "is_toets", "totaal", "voldoende",
               "onvoldoende", "particulier", "tolk", "particulier_share", "tolk_share", "n", "n_voldoende", "rate",
               "ci_low", "ci_high", "rate_year_before", "n_year_before", "suppression", "rate_suppression",
               "suppressed_weeks", "rate_year_before_suppression"]]
    return order(out, asc("productcode"), asc("week_start"))


@question
def exam_pass_rate_latest(f: Frames, weeks: int) -> pd.DataFrame:
    exams = f["cbr_exams_weekly"]
    last = exams["week_start"].max()
    periods = [("latest", last - pd.Timedelta(weeks=weeks - 1), last),
               ("year_before", last - pd.Timedelta(weeks=weeks - 1 + 52), last - pd.Timedelta(weeks=52))]
    parts = []
    for period, first, final in periods:
        chosen = exams[exams["week_start"].between(first, final)]
        grouped = chosen.groupby("productcode")
        summed = pd.DataFrame({
            "productnaam": grouped["productnaam"].max(),
            "is_toets": grouped["is_toets"].any(),
            "voldoende": grouped["voldoende"].sum(min_count=1),
            "n": grouped["totaal"].sum(min_count=1),
            "suppressed_weeks": grouped["suppression"].count(),
            "first_reason": grouped["suppression"].min(),
        }).reset_index()
        parts.append(summed.assign(period=period, week_from=first, week_to=final))
    out = pd.concat(parts, ignore_index=True)
    suppressed = out["suppressed_weeks"] > 0
    out["rate"] = divide(out["voldoende"], out["n"]).where(~suppressed & ~out["is_toets"].astype(bool))
    out["suppression"] = out["first_reason"].where(suppressed)
    out["ci_low"], out["ci_high"] = wilson(out["rate"], out["n"])
    out = out[["period", "productcode", "productnaam", "is_toets", "week_from", "week_to", "voldoende", "n",
               "suppressed_weeks", "rate", "ci_low", "ci_high", "suppression"]]
    return order(out, asc("productcode"), asc("period"))


@question
def exam_toets_counts(f: Frames, date_from, date_to) -> pd.DataFrame:
    exams = f["cbr_exams_weekly"]
    toetsen = exams[exams["is_toets"]]
    shown = toetsen[toetsen["week_start"].between(_timestamp(date_from), _timestamp(date_to))]
    out = shown.merge(year_before(toetsen, ["productcode"], {"totaal": "totaal_year_before",
                                                             "suppression": "suppression_year_before"}),
                      on=["productcode", "jaar", "week"], how="left")
    out["change"] = out["totaal"] - out["totaal_year_before"]
    out = out[["week_start", "jaar", "week", "productcode", "productnaam", "categoriecode", "totaal", "suppression",
               "totaal_year_before", "suppression_year_before", "change"]]
    return order(out, asc("productcode"), asc("week_start"))


@question
def volumes_latest(f: Frames, weeks: int) -> pd.DataFrame:
    """Exams, toetsen and diplomas in the latest weeks and a year before, over the parts published in every
    one of those weeks of both periods (a part with a withheld or missing week is left out of both)."""
    exams, diplomas = f["cbr_exams_weekly"], f["cbr_diplomas_weekly"]
    counts = pd.concat([
        pd.DataFrame({"measure": np.where(exams["is_toets"].astype(bool), "toetsen", "exams"),
                      "part": exams["productcode"], "week_start": exams["week_start"], "amount": exams["totaal"]}),
        pd.DataFrame({"measure": "diplomas", "part": diplomas["diplomacode"], "week_start": diplomas["week_start"],
                      "amount": diplomas["aantal"]}),
    ], ignore_index=True)
    rows = []
    for measure, own in counts.groupby("measure"):
        last = own["week_start"].max()
        periods = {"latest": (last - pd.Timedelta(weeks=weeks - 1), last),
                   "year_before": (last - pd.Timedelta(weeks=weeks - 1 + 52), last - pd.Timedelta(weeks=52))}
        published, amounts = {}, {}
        for period, (first, final) in periods.items():
            inside = own[own["week_start"].between(first, final)].groupby("part")["amount"]
            published[period], amounts[period] = inside.count(), inside.sum(min_count=1)
        whole = [set(found.index[found == weeks]) for found in published.values()]
        complete = whole[0] & whole[1]
        for period, (first, final) in periods.items():
            included = published[period].index.isin(list(complete))
            rows.append({"measure": measure, "period": period, "week_from": first, "week_to": final,
                         "total": int(amounts[period][included].sum()), "parts_included": int(included.sum()),
                         "parts_excluded": int((~included).sum())})
    columns = ["measure", "period", "week_from", "week_to", "total", "parts_included", "parts_excluded"]
    return order(pd.DataFrame(rows, columns=columns), asc("measure"), asc("period"))


# --- CBR: opleiders and locations -----------------------------------------------------------------

def _product_rates(f: Frames, publication: str, productcode: str, soort_examen: str, transmissie: str
                   ) -> pd.DataFrame:
    rates = f["cbr_product_rates"]
    return rates[(rates["publication"] == publication) & (rates["productcode"] == productcode)
                 & (rates["soort_examen"] == soort_examen) & (rates["transmissie"] == transmissie)]


def _national(chosen: pd.DataFrame) -> pd.DataFrame:
    national = chosen[chosen["examenlocatie"] == "*"]
    return pd.DataFrame({
        "national_rate": divide(national["voldoende"], national["n"]).where(national["suppression"].isna()),
        "national_n": national["n"],
        "national_suppression": national["suppression"],
    }).reset_index(drop=True)


def _join_on_true(frame: pd.DataFrame, single: pd.DataFrame) -> pd.DataFrame:
    """`left join single on true`: every row of frame with every row of single, or with NULLs."""
    if len(single) == 0:
        return frame.assign(**{column: np.nan for column in single.columns})
    return frame.merge(single, how="cross")


@question
def location_pass_rates(f: Frames, publication: str, productcode: str, soort_examen: str,
                        transmissie: str = "totaal") -> pd.DataFrame:
    chosen = _product_rates(f, publication, productcode, soort_examen, transmissie)
    results = f["cbr_opleider_results"]
    places = (results[(results["publication"] == publication) & (results["examenlocatie"] != "*")]
              .groupby("examenlocatie")["examenlocatie_plaats"]
              .max().rename("plaats").reset_index())
    located = chosen[chosen["examenlocatie"] != "*"].copy()
    located["rate"] = divide(located["voldoende"], located["n"]).where(located["suppression"].isna()
                                                                        & (located["n"] > 0))
    located["ci_low"], located["ci_high"] = wilson(located["rate"], located["n"])
    out = _join_on_true(located, _national(chosen)).merge(places, on="examenlocatie", how="left")
    out["difference"] = out["rate"] - out["national_rate"]
    out["position"] = _position(out["rate"], out["national_rate"], out["ci_low"], out["ci_high"])
    out = out[["examenlocatie", "plaats", "voldoende", "onvoldoende", "n", "opleiders", "suppression", "rate",
               "ci_low", "ci_high", "national_rate", "national_n", "difference", "position", "national_suppression"]]
    return order(out, desc("rate"), asc("examenlocatie"))


def _position(rate, national, low, high) -> pd.Series:
    position = np.select([rate.isna() | national.isna(), low > national, high < national],
                         [None, "above", "below"], default="within")
    return pd.Series(position, index=rate.index, dtype=object).where(~(rate.isna() | national.isna()))


def _limits(rate: pd.Series, n: pd.Series, z: float) -> tuple[pd.Series, pd.Series]:
    """greatest(0, p - z·sqrt(p(1-p)/n)), least(1, p + ...): DuckDB's greatest/least skip NULLs."""
    with np.errstate(divide="ignore", invalid="ignore"):
        spread = z * np.sqrt(rate * (1 - rate) / n)
    low, high = rate - spread, rate + spread
    return low.clip(lower=0).fillna(0.0), high.clip(upper=1).fillna(1.0)


@question
def opleider_funnel_limits(f: Frames, publication: str, productcode: str, soort_examen: str,
                           transmissie: str = "totaal", n_max: int = 1000) -> pd.DataFrame:
    national = _product_rates(f, publication, productcode, soort_examen, transmissie)
    national = national[(national["examenlocatie"] == "*") & national["suppression"].isna()]
    rates = divide(national["voldoende"], national["n"]).dropna()
    points = np.unique(np.floor(np.power(max(n_max, 1), np.arange(101) / 100) + 0.5).astype(int))
    frames = []
    for rate in rates:
        n = pd.Series(points, dtype=float)
        p = pd.Series(rate, index=n.index)
        low95, high95 = _limits(p, n, Z95)
        low998, high998 = _limits(p, n, Z998)
        frames.append(pd.DataFrame({"n": points, "national_rate": rate, "limit95_low": low95,
                                    "limit95_high": high95, "limit998_low": low998, "limit998_high": high998}))
    columns = ["n", "national_rate", "limit95_low", "limit95_high", "limit998_low", "limit998_high"]
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    return order(out[columns], asc("n"))


@question
def opleider_league(f: Frames, publication: str, productcode: str, soort_examen: str,
                    transmissie: str = "totaal") -> pd.DataFrame:
    results = f["cbr_opleider_results"]
    chosen = results[(results["publication"] == publication) & (results["productcode"] == productcode)
                     & (results["soort_examen"] == soort_examen) & (results["transmissie"] == transmissie)]
    given = chosen[chosen["examenlocatie"] == "*"]
    given_totals = pd.DataFrame({
        "opleidercode": given["opleidercode"], "opleidernaam": given["opleidernaam"],
        "opleider_plaats": given["opleider_plaats"], "voldoende": given["voldoende"],
        "onvoldoende": given["onvoldoende"], "n": given["n"], "n_band": given["n_band"], "cells": 1,
        "suppressed_cells": given["suppression"].notna().astype(int), "part_reason": given["suppression"]})
    located = chosen[(chosen["examenlocatie"] != "*") & ~chosen["opleidercode"].isin(given["opleidercode"])]
    grouped = located.groupby("opleidercode")
    location_sums = pd.DataFrame({
        "opleidernaam": grouped["opleidernaam"].max(),
        "opleider_plaats": grouped["opleider_plaats"].max(),
        "voldoende": grouped["voldoende"].sum(min_count=1),
        "onvoldoende": grouped["onvoldoende"].sum(min_count=1),
        "n": grouped["n"].sum(min_count=1),
        "n_band": grouped["n_band"].agg(lambda bands: ",".join(sorted(set(bands.dropna())))),
        "cells": grouped.size(),
        "suppressed_cells": grouped["suppression"].count(),
        "part_reason": grouped["suppression"].min(),
    }).reset_index()
    totals = pd.concat([given_totals, location_sums], ignore_index=True)
    minimum = min_exams(f)
    enough = totals["n"] >= minimum
    clean = totals["suppressed_cells"] == 0
    too_few = pd.Series("too_few_exams", index=totals.index).where(~enough)
    totals["suppression"] = totals["part_reason"].where(~clean, too_few)
    totals["rate"] = divide(totals["voldoende"], totals["n"]).where(clean & enough)
    totals["ci_low"], totals["ci_high"] = wilson(totals["rate"], totals["n"])
    national = _product_rates(f, publication, productcode, soort_examen, transmissie)
    national = _national(national)[["national_rate", "national_suppression"]]
    out = _join_on_true(totals, national)
    out["limit95_low"], out["limit95_high"] = _limits(out["national_rate"], out["n"], Z95)
    out["limit998_low"], out["limit998_high"] = _limits(out["national_rate"], out["n"], Z998)
    rate, known = out["rate"], out["rate"].notna() & out["national_rate"].notna()
    position = np.select([rate > out["limit998_high"], rate > out["limit95_high"], rate < out["limit998_low"],
                          rate < out["limit95_low"]], ["above_998", "above_95", "below_998", "below_95"],
                         default="within")
    out["funnel_position"] = pd.Series(position, index=out.index, dtype=object).where(known)
    rated = out["rate"].notna()
    lows, highs = np.sort(out.loc[rated, "ci_low"].to_numpy()), np.sort(out.loc[rated, "ci_high"].to_numpy())
    count = int(rated.sum())
    out["rank"] = out["ci_low"].where(rated).rank(method="min", ascending=False)
    out["rank_best"] = (1 + count - np.searchsorted(lows, out["ci_high"].to_numpy(), side="right")).astype(float)
    out["rank_worst"] = (count - np.searchsorted(highs, out["ci_low"].to_numpy(), side="left")).astype(float)
    out.loc[~rated, ["rank_best", "rank_worst"]] = np.nan
    out["rated_opleiders"] = pd.Series(count, index=out.index, dtype=float).where(rated)
    out["transmissie"] = transmissie
    out = out[["opleidercode", "opleidernaam", "opleider_plaats", "voldoende", "onvoldoende", "n", "n_band",
               "suppression", "suppressed_cells", "rate", "ci_low", "ci_high", "national_rate", "limit95_low",
               "limit95_high", "limit998_low", "limit998_high", "rank", "transmissie", "cells", "funnel_position",
               "rank_best", "rank_worst", "rated_opleiders", "national_suppression"]]
    return order(out, asc("rank"), asc("opleidernaam"), asc("opleidercode"))


@question
def opleider_profile(f: Frames, opleidercode: str, publication: str) -> pd.DataFrame:
    results = f["cbr_opleider_results"]
    cells = results[(results["opleidercode"] == opleidercode) & (results["publication"] == publication)
                    & (results["examenlocatie"] != "*")].copy()
    minimum = min_exams(f)
    enough = cells["n"] >= minimum
    cells["rate_suppression"] = coalesce(cells["suppression"],
                                         pd.Series("too_few_exams", index=cells.index).where(~enough))
    cells["rate"] = divide(cells["voldoende"], cells["n"]).where(cells["suppression"].isna() & enough)
    cells["ci_low"], cells["ci_high"] = wilson(cells["rate"], cells["n"])
    rates = f["cbr_product_rates"]
    keys = ["publication", "productcode", "soort_examen", "transmissie"]
    nation = rates[rates["examenlocatie"] == "*"]
    nation = pd.DataFrame({**{key: nation[key] for key in keys},
                           "national_rate": divide(nation["voldoende"], nation["n"]),
                           "national_suppression": nation["suppression"]})
    place = pd.DataFrame({**{key: rates[key] for key in keys}, "examenlocatie": rates["examenlocatie"],
                          "location_rate": divide(rates["voldoende"], rates["n"]),
                          "location_suppression": rates["suppression"]})
    place = place[place["publication"] == publication]
    out = cells.merge(nation, on=keys, how="left").merge(place, on=[*keys, "examenlocatie"], how="left")
    out = out.drop(columns="suppression").rename(columns={"rate_suppression": "suppression"})
    out = out[["productcode", "productnaam", "examenlocatie", "examenlocatie_plaats", "soort_examen", "transmissie",
               "voldoende", "onvoldoende", "n", "n_band", "suppression", "rate", "ci_low", "ci_high", "national_rate",
               "location_rate", "national_suppression", "location_suppression"]]
    return order(out, asc("productcode"), asc("examenlocatie"), asc("soort_examen"), asc("transmissie"))


@question
def opleider_trend(f: Frames, opleidercode: str, transmissie: str = "totaal") -> pd.DataFrame:
    results = f["cbr_opleider_results"]
    mine = results[(results["opleidercode"] == opleidercode) & (results["transmissie"] == transmissie)]
    keys = ["publication", "productcode", "soort_examen"]
    with_total = mine.loc[mine["examenlocatie"] == "*", keys].drop_duplicates().assign(has_total=True)
    mine = mine.merge(with_total, on=keys, how="left")
    has_total = mine["has_total"].fillna(False).astype(bool)
    parts = mine[(has_total & (mine["examenlocatie"] == "*")) | (~has_total & (mine["examenlocatie"] != "*"))]
    grouped = parts.groupby(keys)
    totals = pd.DataFrame({
        "period_end": grouped["period_end"].max(),
        "voldoende": grouped["voldoende"].sum(min_count=1),
        "n": grouped["n"].sum(min_count=1),
        "cells": grouped.size(),
        "suppressed_cells": grouped["suppression"].count(),
        "part_reason": grouped["suppression"].min(),
    }).reset_index()
    minimum = min_exams(f)
    clean, enough = totals["suppressed_cells"] == 0, totals["n"] >= minimum
    totals["suppression"] = coalesce(totals["part_reason"].where(~clean),
                                     pd.Series("too_few_exams", index=totals.index).where(~enough))
    totals["rate"] = divide(totals["voldoende"], totals["n"]).where(clean & enough)
    totals["ci_low"], totals["ci_high"] = wilson(totals["rate"], totals["n"])
    rates = f["cbr_product_rates"]
    nation = rates[(rates["examenlocatie"] == "*") & (rates["transmissie"] == transmissie)]
    nation = pd.DataFrame({**{key: nation[key] for key in keys},
                           "national_rate": divide(nation["voldoende"], nation["n"]).where(nation["suppression"].isna())})
    out = totals.merge(nation, on=keys, how="left")
    out = out.sort_values("period_end", kind="stable")
    out["change_from_previous"] = out["rate"] - out.groupby(["productcode", "soort_examen"])["rate"].shift(1)
    out = out[["publication", "period_end", "productcode", "soort_examen", "voldoende", "n", "suppression", "rate",
               "ci_low", "ci_high", "national_rate", "cells", "suppressed_cells", "change_from_previous"]]
    return order(out, asc("productcode"), asc("soort_examen"), asc("period_end"))


@question
def product_rate_by_publication(f: Frames, transmissie: str = "totaal") -> pd.DataFrame:
    """The national rate per product, soort examen and publication, and its change from the publication before."""
    rates = f["cbr_product_rates"]
    national = rates[(rates["examenlocatie"] == "*") & (rates["transmissie"] == transmissie)]
    out = national.merge(f["cbr_products"][["productcode", "productnaam"]], on="productcode", how="left")
    out["rate"] = divide(out["voldoende"], out["n"]).where(out["suppression"].isna() & (out["n"] > 0))
    out["ci_low"], out["ci_high"] = wilson(out["rate"], out["n"])
    out = out.sort_values("period_end", kind="stable")
    before = out.groupby(["productcode", "soort_examen"])
    out["previous_publication"] = before["publication"].shift(1)
    out["previous_rate"] = before["rate"].shift(1)
    out["change"] = out["rate"] - out["previous_rate"]
    out = out[["publication", "period_start", "period_end", "productcode", "productnaam", "soort_examen", "voldoende",
               "n", "rate", "ci_low", "ci_high", "suppression", "previous_publication", "previous_rate", "change"]]
    return order(out, asc("productcode"), asc("soort_examen"), asc("period_end"))


# --- VO -------------------------------------------------------------------------------------------

@question
def vo_gemeenten(f: Frames) -> pd.DataFrame:
    vestigingen = f["vo_vestigingen"]
    grouped = vestigingen[vestigingen["gemeentenaam"].notna()].groupby("gemeentenaam")
    out = pd.DataFrame({"provincie": grouped["provincie"].max(), "vestigingen": grouped.size()}).reset_index()
    return order(out, asc("gemeentenaam"))


@question
def vo_onderwijstypen(f: Frames, source: str = "duo") -> pd.DataFrame:
    rates = f["vo_pass_rates"]
    values = rates[rates["source"] == source]["onderwijstype"].drop_duplicates()
    return order(pd.DataFrame({"onderwijstype": values}), asc("onderwijstype"))


@question
def vo_schooljaren(f: Frames, source: str = "duo") -> pd.DataFrame:
    rates = f["vo_pass_rates"]
    values = rates[rates["source"] == source]["schooljaar"].drop_duplicates()
    return order(pd.DataFrame({"schooljaar": values}), desc("schooljaar"))


@question
def vo_vakken(f: Frames, source: str = "duo") -> pd.DataFrame:
    grades = f["vo_subject_grades"]
    grouped = grades[grades["source"] == source].groupby("vakcode")
    out = pd.DataFrame({"vakafkorting": grouped["vakafkorting"].max(),
                        "vaknaam": grouped["vaknaam"].max()}).reset_index()
    return order(out, asc("vaknaam"), asc("vakcode"))


@question
def vo_grade_years(f: Frames, source: str = "duo") -> pd.DataFrame:
    grades = f["vo_subject_grades"]
    grouped = grades[grades["source"] == source].groupby(["schooljaar", "onderwijstype"])
    out = pd.DataFrame({"vakken": grouped["vakcode"].nunique(),
                        "vestigingen": grouped["vestigingscode"].nunique()}).reset_index()
    return order(out, desc("schooljaar"), asc("onderwijstype"))


@question
def vo_school_search(f: Frames, q: str) -> pd.DataFrame:
    out = f["vo_vestigingen"][["vestigingscode", "instellingscode", "vestigingsnaam", "plaatsnaam", "gemeentenaam",
                               "provincie"]]
    if q:
        out = out[_contains(out["vestigingscode"], q) | _contains(out["vestigingsnaam"], q)
                  | _contains(out["plaatsnaam"], q) | _contains(out["gemeentenaam"], q)]
    return order(out, asc("vestigingsnaam"), asc("vestigingscode")).head(200)


@question
def vo_grade_distribution(f: Frames, onderwijstype: str, vakcode: str, schooljaar: str,
                          source: str = "duo") -> pd.DataFrame:
    grades = f["vo_subject_grades"]
    chosen = grades[(grades["onderwijstype"] == onderwijstype) & (grades["vakcode"] == vakcode)
                    & (grades["schooljaar"] == schooljaar) & (grades["source"] == source)]
    ranked = chosen[chosen["gem_ce"].notna()]
    ranks = pd.DataFrame({"vestigingscode": ranked["vestigingscode"], "leerweg": ranked["leerweg"],
                          "ce_percentile": percent_rank(ranked, ranked["gem_ce"], ["leerweg"])})
    out = chosen.merge(ranks, on=["vestigingscode", "leerweg"], how="left")  # NULL leerweg joins NULL: not distinct
    out["se_ce_gap"] = out["gem_se"] - out["gem_ce"]
    out["se_ce_gap_suppression"] = coalesce(out["gem_se_suppression"], out["gem_ce_suppression"])
    out = out[["vestigingscode", "vestigingsnaam", "gem_se", "gem_ce", "gem_cijferlijst", "aantal_ce",
               "gem_ce_suppression", "leerweg", "gem_se_suppression", "gem_cijferlijst_suppression", "se_ce_gap",
               "se_ce_gap_suppression", "ce_percentile", "aantal_ce_suppression"]]
    return order(out, asc("gem_ce"), asc("vestigingscode"))


def _known_parts(aggregates: pd.DataFrame, finest: pd.DataFrame, keys: list[str], finest_keys: list[str] | None = None
                 ) -> pd.DataFrame:
    """Aggregates whose counts and percentage are unpublished get the sums over their finest cells with both
    counts published (`keys` of the aggregate matched to `finest_keys` of the cells); excluded_groups counts
    the cells left out, 0 where the aggregate's own figure stands."""
    finest = finest.assign(counted=finest["examenkandidaten"].notna() & finest["geslaagden"].notna())
    finest = finest.assign(k=finest["examenkandidaten"].where(finest["counted"]),
                           g=finest["geslaagden"].where(finest["counted"]))
    grouped = finest.groupby(finest_keys or keys, dropna=False)
    parts = pd.DataFrame({"known_kandidaten": grouped["k"].sum(min_count=1), "known_geslaagden": grouped["g"].sum(min_count=1),
                          "left_out": grouped["counted"].apply(lambda c: int((~c).sum()))}).reset_index()
    if finest_keys:
        parts = parts.rename(columns=dict(zip(finest_keys, keys)))
    out = aggregates.merge(parts, on=keys, how="left")
    use = ((out["geslaagden"].isna() | out["examenkandidaten"].isna()) & out["slaagpercentage"].isna()
           & (out["known_kandidaten"] > 0))
    out["examenkandidaten"] = out["known_kandidaten"].where(use, out["examenkandidaten"])
    out["geslaagden"] = out["known_geslaagden"].where(use, out["geslaagden"])
    for column in ("examenkandidaten_suppression", "geslaagden_suppression", "slaagpercentage_suppression"):
        out[column] = out[column].where(~use)
    out["excluded_groups"] = out["left_out"].where(use, 0).fillna(0).astype(int)
    return out.drop(columns=["known_kandidaten", "known_geslaagden", "left_out"])


def _vo_finest(rates: pd.DataFrame) -> pd.DataFrame:
    return rates[(rates["level"] == "vestiging") & rates["inspectiecode"].notna()]


def _vo_rates(rates: pd.DataFrame) -> pd.DataFrame:
    rates = rates.copy()
    rates["count_rate"] = divide(rates["geslaagden"], rates["examenkandidaten"])
    rates["rate"] = coalesce(rates["count_rate"], rates["slaagpercentage"] / 100)
    rates["n"] = rates["examenkandidaten"]
    return rates


@question
def vo_pass_rate_national_trend(f: Frames, source: str = "duo") -> pd.DataFrame:
    rates = f["vo_pass_rates"]
    rates = rates[(rates["geslacht"] == "TOTAAL") & (rates["source"] == source)]
    national = _known_parts(rates[(rates["level"] == "land") & rates["inspectiecode"].isna()], _vo_finest(rates),
                            ["onderwijstype", "schooljaar"])
    national = _vo_rates(national)
    counts_missing = national["geslaagden"].isna() | national["examenkandidaten"].isna()
    reason = national["slaagpercentage_suppression"].where(counts_missing)
    national["ci_low"], national["ci_high"] = wilson(national["count_rate"], national["n"])
    national["rate_suppression"] = coalesce(reason, national["geslaagden_suppression"]).where(national["rate"].isna())
    out = national[["onderwijstype", "schooljaar", "examenkandidaten", "geslaagden", "rate", "ci_low", "ci_high",
                    "examenkandidaten_suppression", "geslaagden_suppression", "rate_suppression", "excluded_groups"]]
    return order(out, asc("onderwijstype"), asc("schooljaar"))


@question
def vo_pass_rates_by_area(f: Frames, level: str, onderwijstype: str, schooljaar: str, geslacht: str = "TOTAAL",
                          inspectiecode: str | None = None, source: str = "duo") -> pd.DataFrame:
    rates = f["vo_pass_rates"]
    rates = rates[(rates["onderwijstype"] == onderwijstype) & (rates["schooljaar"] == schooljaar)
                  & (rates["geslacht"] == geslacht) & (rates["source"] == source)]
    same_opleiding = (rates["inspectiecode"].isna() if inspectiecode is None
                      else rates["inspectiecode"] == inspectiecode)
    finest = _vo_finest(rates)
    if inspectiecode is not None:
        finest = finest[finest["inspectiecode"] == inspectiecode]
    group_of = {"vestiging": "area_code", "instelling": "instellingscode", "gemeente": "gemeentenaam",
                "provincie": "provincie"}
    chosen = rates[same_opleiding & (rates["level"].isin([level, "land"]))]
    land = _known_parts(chosen[chosen["level"] == "land"].assign(everywhere=1), finest.assign(everywhere=1),
                        ["everywhere"]).drop(columns=["everywhere"])
    if level == "land":
        areas_frame = land
    elif level == "vestiging" and inspectiecode is not None:     # finest cells: their own figures
        areas_frame = chosen[chosen["level"] == level].assign(excluded_groups=0)
    else:
        areas_frame = _known_parts(chosen[chosen["level"] == level], finest, ["area_code"], [group_of[level]])
    rated = _vo_rates(pd.concat([areas_frame, land] if level != "land" else [land], ignore_index=True))
    national = rated.loc[rated["level"] == "land", ["rate"]].rename(columns={"rate": "national_rate"})
    areas = rated[rated["level"] == level].copy()
    areas["rate_suppression"] = coalesce(areas["slaagpercentage_suppression"],
                                         areas["geslaagden_suppression"]).where(areas["rate"].isna())
    areas["ci_low"], areas["ci_high"] = wilson(areas["count_rate"], areas["n"])
    known = areas[areas["rate"].notna()]
    percentiles = pd.DataFrame({"area_code": known["area_code"],
                                "percentile": percent_rank(known, known["rate"], None)})
    out = _join_on_true(areas.merge(percentiles, on="area_code", how="left"), national.reset_index(drop=True))
    out["difference"] = out["rate"] - out["national_rate"]
    out["position"] = _position(out["ci_low"], out["national_rate"], out["ci_low"], out["ci_high"])
    out = out[["area_code", "area_name", "onderwijstype", "schooljaar", "examenkandidaten",
               "examenkandidaten_suppression", "geslaagden", "geslaagden_suppression", "rate", "rate_suppression",
               "ci_low", "ci_high", "geslacht", "opleidingsnaam", "national_rate", "difference", "position",
               "percentile", "excluded_groups"]]
    return order(out, asc("area_name"), asc("area_code"))


@question
def vo_school_pass_rates(f: Frames, vestigingscode: str, source: str = "duo") -> pd.DataFrame:
    rates = f["vo_pass_rates"]
    rates = rates[(rates["geslacht"] == "TOTAAL") & (rates["source"] == source)]
    finest = _vo_finest(rates)
    school_totals = rates[(rates["level"] == "vestiging") & rates["inspectiecode"].isna()]
    land = rates[rates["level"] == "land"]
    totals = _vo_rates(pd.concat([
        finest.assign(excluded_groups=0),
        _known_parts(school_totals, finest, ["area_code", "onderwijstype", "schooljaar"]),
        _known_parts(land[land["inspectiecode"].notna()], finest, ["onderwijstype", "schooljaar", "inspectiecode"]),
        _known_parts(land[land["inspectiecode"].isna()], finest, ["onderwijstype", "schooljaar"]),
    ], ignore_index=True))
    keys = ["onderwijstype", "inspectiecode", "schooljaar"]
    vestigingen = totals[(totals["level"] == "vestiging") & totals["rate"].notna()].copy()
    vestigingen["percentile"] = percent_rank(vestigingen, vestigingen["rate"], keys)
    grouped = vestigingen.groupby(keys, dropna=False)["rate"]
    same_type = pd.DataFrame({"same_type_rate": grouped.median(), "same_type_schools": grouped.size()}).reset_index()
    national = totals.loc[totals["level"] == "land", [*keys, "rate"]].rename(columns={"rate": "national_rate"})
    school = totals[(totals["level"] == "vestiging") & (totals["area_code"] == vestigingscode)].copy()
    school["rate_suppression"] = coalesce(school["slaagpercentage_suppression"],
                                          school["geslaagden_suppression"]).where(school["rate"].isna())
    school["ci_low"], school["ci_high"] = wilson(school["count_rate"], school["n"])
    ranked = vestigingen[["area_code", *keys, "percentile"]]
    out = (school.merge(national, on=keys, how="left").merge(same_type, on=keys, how="left")
           .merge(ranked, on=["area_code", *keys], how="left"))
    out = out[["onderwijstype", "opleidingsnaam", "schooljaar", "examenkandidaten", "examenkandidaten_suppression",
               "geslaagden", "geslaagden_suppression", "rate", "rate_suppression", "ci_low", "ci_high",
               "national_rate", "same_type_rate", "inspectiecode", "same_type_schools", "percentile",
               "excluded_groups"]]
    return order(out, asc("onderwijstype"), asc("inspectiecode", nulls_first=True), asc("schooljaar"))


def _weighted(values: pd.Series, weights: pd.Series, mask: pd.Series | None, by: list[pd.Series]) -> pd.Series:
    """sum(values * weights) [filter mask] / sum(weights) [filter mask], per group, SQL's NULL rules."""
    product, weight = values * weights, weights.astype(float)
    if mask is not None:
        product, weight = product.where(mask), weight.where(mask)
    numerator = product.groupby(by, dropna=False).sum(min_count=1)
    denominator = weight.groupby(by, dropna=False).sum(min_count=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return numerator / denominator


def _national_grades(rows: pd.DataFrame, by: list[pd.Series], se: tuple[str, str, pd.Series],
                     ce: tuple[str, str, pd.Series], counted: pd.Series) -> pd.DataFrame:
    """National SE and CE averages, each (grade, weight, mask) weighted over its published rows, and how
    many schools are counted and left out."""
    return pd.DataFrame({
        "national_se": _weighted(rows[se[0]], rows[se[1]], se[2], by),
        "national_ce": _weighted(rows[ce[0]], rows[ce[1]], ce[2], by),
        "national_schools": counted.groupby(by, dropna=False).sum(),
        "national_schools_protected": (~counted).groupby(by, dropna=False).sum(),
    }).reset_index()


def _three_years(rows: pd.DataFrame, by: list[pd.Series], protected: pd.Series, reasons: list[str],
                 se: tuple[str, str], ce: tuple[str, str]) -> pd.DataFrame:
    """Per group: the years covered, how many are protected, the first reason, weighted SE and CE."""
    return pd.DataFrame({
        "years_3y": rows.groupby(by, dropna=False).size(),
        "protected_years": protected.groupby(by, dropna=False).sum(),
        "first_reason": coalesce(*(rows[reason] for reason in reasons)).groupby(by, dropna=False).min(),
        "gem_se_3y": _weighted(rows[se[0]], rows[se[1]], None, by),
        "gem_ce_3y": _weighted(rows[ce[0]], rows[ce[1]], None, by),
    }).reset_index()


def _year(schooljaar: pd.Series | str):
    if isinstance(schooljaar, str):
        return int(schooljaar[:4])
    return schooljaar.str.slice(0, 4).astype(int)


@question
def vo_school_grade_averages(f: Frames, vestigingscode: str, source: str = "duo") -> pd.DataFrame:
    results = f["vo_results_by_afdeling"]
    results = results[results["source"] == source].copy()
    results["is_published"] = (results["gem_cijfer_se"].notna() & results["gem_cijfer_ce"].notna()
                               & results["examenkandidaten"].notna())
    group = ["schooljaar", "onderwijstype", "leerweg", "sector", "afdeling"]
    by = [results[column] for column in group]
    published = results["is_published"]
    national = _national_grades(results, by, ("gem_cijfer_se", "examenkandidaten", published),
                                ("gem_cijfer_ce", "examenkandidaten", published), published)
    ranked = results[results["gem_cijfer_ce"].notna()]
    ce_ranks = ranked[["vestigingscode", *group]].assign(
        ce_percentile=percent_rank(ranked, ranked["gem_cijfer_ce"], group))
    school = results[results["vestigingscode"] == vestigingscode]
    same = ["onderwijstype", "leerweg", "sector", "afdeling"]
    pairs = school[group].merge(school, on=same, how="inner", suffixes=("", "_earlier"))
    this_year = _year(pairs["schooljaar"]) if len(pairs) else pd.Series(dtype=int)
    earlier_year = _year(pairs["schooljaar_earlier"]) if len(pairs) else pd.Series(dtype=int)
    pairs = pairs[(pairs["schooljaar_earlier"] <= pairs["schooljaar"]) & (earlier_year >= this_year - 2)]
    three_years = _three_years(
        pairs, [pairs[column] for column in group], ~pairs["is_published"],
        ["gem_cijfer_se_suppression", "gem_cijfer_ce_suppression", "examenkandidaten_suppression"],
        ("gem_cijfer_se", "examenkandidaten"), ("gem_cijfer_ce", "examenkandidaten"))
    out = (school.merge(national, on=group, how="left")
           .merge(ce_ranks, on=["vestigingscode", *group], how="left")
           .merge(three_years, on=group, how="left"))
    out["se_ce_gap"] = out["gem_cijfer_se"] - out["gem_cijfer_ce"]
    out["se_ce_gap_suppression"] = coalesce(out["gem_cijfer_se_suppression"], out["gem_cijfer_ce_suppression"])
    clean = out["protected_years"] == 0
    out["se_ce_gap_3y"] = (out["gem_se_3y"] - out["gem_ce_3y"]).where(clean)
    out["gem_ce_3y"] = out["gem_ce_3y"].where(clean)
    out["grades_3y_suppression"] = out["first_reason"].where(out["protected_years"] > 0)
    out = out[["schooljaar", "onderwijstype", "leerweg", "sector", "afdeling", "examenkandidaten",
               "examenkandidaten_suppression", "gem_cijfer_se", "gem_cijfer_se_suppression", "gem_cijfer_ce",
               "gem_cijfer_ce_suppression", "gem_cijfer_cijferlijst", "gem_cijfer_cijferlijst_suppression",
               "se_ce_gap", "se_ce_gap_suppression", "national_se", "national_ce", "national_schools",
               "national_schools_protected", "ce_percentile", "gem_ce_3y", "se_ce_gap_3y", "years_3y",
               "grades_3y_suppression"]]
    return order(out, asc("schooljaar"), asc("onderwijstype"), asc("leerweg", True), asc("sector", True),
                 asc("afdeling", True))


@question
def vo_school_subject_grades(f: Frames, vestigingscode: str, schooljaar: str, source: str = "duo") -> pd.DataFrame:
    grades = f["vo_subject_grades"]
    year = grades[(grades["schooljaar"] == schooljaar) & (grades["source"] == source)]
    group = ["onderwijstype", "leerweg", "vakcode"]
    by = [year[column] for column in group]
    se_known = year["gem_se"].notna() & year["aantal_se"].notna()
    ce_known = year["gem_ce"].notna() & year["aantal_ce"].notna()
    national = _national_grades(year, by, ("gem_se", "aantal_se", se_known), ("gem_ce", "aantal_ce", ce_known),
                                ce_known)
    with_ce = year[year["gem_ce"].notna()]
    ce_ranks = with_ce[["vestigingscode", *group]].assign(
        ce_percentile=percent_rank(with_ce, with_ce["gem_ce"], group))
    with_both = year[year["gem_se"].notna() & year["gem_ce"].notna()]
    gap_ranks = with_both[["vestigingscode", *group]].assign(
        gap_percentile=percent_rank(with_both, with_both["gem_se"] - with_both["gem_ce"], group))
    mine = grades[grades["vestigingscode"] == vestigingscode]
    if schooljaar is None:  # SQL: a NULL schooljaar compares to nothing
        mine = mine.iloc[0:0]
    else:
        mine = mine[(mine["schooljaar"] <= schooljaar) & (_year(mine["schooljaar"]) >= _year(schooljaar) - 2)]
    protected = (mine["gem_se"].isna() | mine["aantal_se"].isna() | mine["gem_ce"].isna() | mine["aantal_ce"].isna())
    three_years = _three_years(
        mine, [mine[column] for column in group], protected,
        ["gem_se_suppression", "aantal_se_suppression", "gem_ce_suppression", "aantal_ce_suppression"],
        ("gem_se", "aantal_se"), ("gem_ce", "aantal_ce"))
    school = year[year["vestigingscode"] == vestigingscode]
    out = (school.merge(national, on=group, how="left")
           .merge(ce_ranks, on=["vestigingscode", *group], how="left")
           .merge(gap_ranks, on=["vestigingscode", *group], how="left")
           .merge(three_years, on=group, how="left"))
    out["se_ce_gap"] = out["gem_se"] - out["gem_ce"]
    out["se_ce_gap_suppression"] = coalesce(out["gem_se_suppression"], out["gem_ce_suppression"])
    out["national_gap"] = out["national_se"] - out["national_ce"]
    clean = out["protected_years"] == 0
    out["se_ce_gap_3y"] = (out["gem_se_3y"] - out["gem_ce_3y"]).where(clean)
    out["gem_se_3y"] = out["gem_se_3y"].where(clean)
    out["gem_ce_3y"] = out["gem_ce_3y"].where(clean)
    out["grades_3y_suppression"] = out["first_reason"].where(out["protected_years"] > 0)
    out = out[["onderwijstype", "vakcode", "vakafkorting", "vaknaam", "aantal_ce", "aantal_ce_suppression", "gem_se",
               "gem_se_suppression", "gem_ce", "gem_ce_suppression", "gem_cijferlijst", "gem_cijferlijst_suppression",
               "se_ce_gap", "national_se", "national_ce", "leerweg", "se_ce_gap_suppression", "national_gap",
               "national_schools", "national_schools_protected", "ce_percentile", "gem_se_3y", "gem_ce_3y",
               "se_ce_gap_3y", "years_3y", "grades_3y_suppression", "gap_percentile"]]
    return order(out, asc("onderwijstype"), asc("leerweg", True), asc("vaknaam"), asc("vakcode"))


# --- VO: the record-level deliveries ---------------------------------------------------------------

def _delivery_choice(frame: pd.DataFrame, schooljaar: str, vestigingscode: str, onderwijstype: str) -> pd.DataFrame:
    chosen = frame[(frame["source"] == "deliveries") & (frame["schooljaar"] == schooljaar)]
    if vestigingscode:
        chosen = chosen[chosen["vestigingscode"] == vestigingscode]
    if onderwijstype:
        chosen = chosen[chosen["onderwijstype"] == onderwijstype]
    return chosen


@question
def vo_delivery_coverage(f: Frames) -> pd.DataFrame:
    keys = ["schooljaar", "vestigingscode", "vestigingsnaam", "onderwijstype"]
    parts = [f[table][keys].assign(dataset=name) for table, name in (
        ("vo_enrolment", "enrolment"), ("vo_subject_details", "subject_details"), ("vo_exam_outcomes", "exam_outcomes"))]
    rows = pd.concat(parts, ignore_index=True)
    grouped = rows.groupby(["dataset", "schooljaar", "vestigingscode", "onderwijstype"])
    out = pd.DataFrame({"vestigingsnaam": grouped["vestigingsnaam"].min(), "cells": grouped.size()}).reset_index()
    places = f["vo_vestigingen"][["vestigingscode", "vestigingsnaam", "plaatsnaam"]].rename(
        columns={"vestigingsnaam": "register_naam"})
    out = out.merge(places, on="vestigingscode", how="left")
    out["vestigingsnaam"] = coalesce(out["vestigingsnaam"], out["register_naam"])
    out = out[["dataset", "schooljaar", "vestigingscode", "vestigingsnaam", "plaatsnaam", "onderwijstype", "cells"]]
    return order(out, asc("dataset"), desc("schooljaar"), asc("vestigingsnaam"), asc("vestigingscode"),
                 asc("onderwijstype"))


ENROLMENT_COUNTS = ("leerlingen", "nieuwkomers_d1", "nieuwkomers_d2", "leerlingen_praktijkonderwijs")


@question
def vo_delivery_enrolment(f: Frames, schooljaar: str, vestigingscode: str = "", onderwijstype: str = "") -> pd.DataFrame:
    chosen = _delivery_choice(f["vo_enrolment"], schooljaar, vestigingscode, onderwijstype)
    columns = ["schooljaar", "teldatum", "vestigingscode", "vestigingsnaam", "ilt_code", "opleidingsnaam",
               "onderwijstype", "leerweg", "leerjaar"]
    for value in (*ENROLMENT_COUNTS, "gem_jaren_praktijkonderwijs"):
        columns += [value, f"{value}_suppression"]
    return order(chosen[columns], asc("vestigingsnaam"), asc("vestigingscode"), asc("onderwijstype"), asc("leerjaar"),
                 asc("ilt_code"))


@question
def vo_delivery_enrolment_by_leerjaar(f: Frames, schooljaar: str, vestigingscode: str = "",
                                      onderwijstype: str = "") -> pd.DataFrame:
    chosen = _delivery_choice(f["vo_enrolment"], schooljaar, vestigingscode, onderwijstype)
    grouped = chosen.groupby(["onderwijstype", "leerjaar"], dropna=False)
    out = pd.DataFrame({"vestigingen": grouped["vestigingscode"].nunique(), "cells": grouped.size()})
    for value in ENROLMENT_COUNTS:
        out[value] = grouped[value].sum(min_count=1)
        by = [chosen["onderwijstype"], chosen["leerjaar"]]
        out[f"{value}_withheld"] = chosen[value].isna().groupby(by, dropna=False).sum()
        reason = chosen[f"{value}_suppression"].groupby(by, dropna=False).min()
        out[f"{value}_suppression"] = reason.where(out[value].isna(), None)
    return order(out.reset_index(), asc("onderwijstype"), asc("leerjaar"))


@question
def vo_delivery_subject_details(f: Frames, schooljaar: str, vestigingscode: str = "",
                                onderwijstype: str = "") -> pd.DataFrame:
    chosen = _delivery_choice(f["vo_subject_details"], schooljaar, vestigingscode, onderwijstype)
    grades = f["vo_subject_grades"]
    grades = grades[grades["source"] == "deliveries"][["schooljaar", "vestigingscode", "onderwijstype", "leerweg",
                                                       "vakcode", "aantal_ce", "aantal_ce_suppression"]]
    out = chosen.merge(grades, on=["schooljaar", "vestigingscode", "onderwijstype", "leerweg", "vakcode"], how="left")
    out["share_tijdvak_2_of_3"] = out["aandeel_tijdvak_2_of_3"] / 100
    out["share_tijdvak_2_of_3_suppression"] = out["aandeel_tijdvak_2_of_3_suppression"]
    columns = ["schooljaar", "vestigingscode", "vestigingsnaam", "onderwijstype", "leerweg", "vakcode", "vakafkorting",
               "vaknaam"]
    for value in ("aantal_ce", "gem_ce_1", "gem_eindcijfer", "gem_se_min_ce", "tijdvak_2_of_3", "share_tijdvak_2_of_3",
                  "certificaten_deelexamen"):
        columns += [value, f"{value}_suppression"]
    return order(out[columns], asc("vestigingsnaam"), asc("vestigingscode"), asc("onderwijstype"),
                 asc("leerweg", nulls_first=True), asc("vaknaam"), asc("vakcode"))


@question
def vo_delivery_exam_outcomes(f: Frames, schooljaar: str, vestigingscode: str = "",
                              onderwijstype: str = "") -> pd.DataFrame:
    chosen = _delivery_choice(f["vo_exam_outcomes"], schooljaar, vestigingscode, onderwijstype)
    columns = ["schooljaar", "vestigingscode", "vestigingsnaam", "ilt_code", "opleidingsnaam", "onderwijstype",
               "leerweg", "sector", "afdeling"]
    for value in ("teruggetrokken", "gespreid", "deelexamen"):
        columns += [value, f"{value}_suppression"]
    return order(chosen[columns], asc("vestigingsnaam"), asc("vestigingscode"), asc("onderwijstype"), asc("ilt_code"))
