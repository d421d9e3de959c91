"""Overview: the latest pass rates against a year before, exam and diploma volumes, VO pass rates per
onderwijstype, and what the latest publication changed. Each row of cards has its numbers (the cards' and
their small lines') as a table, a one-line summary and a download panel.

Queries: exam_pass_rate_latest, exam_pass_rate_by_week, volumes_latest, vo_pass_rate_national_trend,
publication_changes, opleider_publications, product_rate_by_publication.
"""
import datetime as dt

import polars as pl
import streamlit as st

from examencijfers.ui import cards, cells, downloads, frame, numbers, tables
from examencijfers.ui.data import per_publication, query
from examencijfers.ui.i18n import current, t
from examencijfers.ui.tables import Col

HEADLINE_WEEKS = 13
lang = current()

st.title(t("pages.overview.title"))
st.caption(t("overview.lead"))
frame.synthetic_banner()


# --- CBR: the latest 13 weeks against the same weeks a year earlier ------------------------------------
@per_publication
def cbr_headline() -> tuple[tuple[dt.date, dt.date], list[dict], pl.DataFrame, pl.DataFrame]:
    """The window of weeks; the four products with the most exams, each with its rate a year before and its
    4-week rates over a year; and the cards' numbers as tables (each product beside its own year before, a
    withheld year before as its symbol)."""
    latest = query("exam_pass_rate_latest", weeks=HEADLINE_WEEKS)
    now = latest.filter(pl.col("period") == "latest")
    before = latest.filter(pl.col("period") == "year_before")
    headline = (now.filter(~pl.col("is_toets") & pl.col("rate").is_not_null())
                .sort("n", descending=True).head(4))
    window = now.select(pl.col("week_from").min(), pl.col("week_to").max()).row(0)
    trend = query("exam_pass_rate_by_week", products=headline["productcode"].to_list(),
                  date_from=window[1] - dt.timedelta(weeks=51), date_to=window[1], window=4)
    year_before = before.select(pl.col("productcode"), pl.col("n").alias("n_year_before"),
                                pl.col("rate").alias("rate_year_before"),
                                pl.col("suppression").alias("rate_year_before_suppression"))
    rates = (headline.drop("period", "is_toets").join(year_before, on="productcode", how="left", maintain_order="left")
             .with_columns(change=pl.col("rate") - pl.col("rate_year_before")))
    weekly = (trend.filter(pl.col("productcode").is_in(headline["productcode"].to_list()))
              .select("week_start", "productcode", "productnaam", "n", "n_voldoende", "rate", "ci_low", "ci_high",
                      "rate_suppression")
              .sort(pl.col("productcode").replace_strict(headline["productcode"], range(headline.height)),
                    "week_start"))
    products = [{**row, "trend": weekly.filter(pl.col("productcode") == row["productcode"])["rate"].to_list()}
                for row in rates.iter_rows(named=True)]
    return window, products, rates, weekly


window, products, shown_rates, shown_trend = cbr_headline()
st.subheader(t("overview.cbr_heading"))
st.caption(t("overview.cbr_period", weeks=HEADLINE_WEEKS, start=numbers.date(window[0], lang),
             end=numbers.date(window[1], lang)))
for column, row in zip(st.columns(max(1, len(products))), products):
    with column:
        cards.rate(row["productnaam"], row["rate"], n=row["n"], low=row["ci_low"], high=row["ci_high"],
                   before=row["rate_year_before"], trend=row["trend"],
                   help=t("overview.rate_help", product=row["productcode"]))

cbr_numbers = frame.expander_when_open(t("overview.as_table"), key="overview_cbr_table", icon=":material/table:")
if cbr_numbers is not None:
    with cbr_numbers:
        st.caption(t("overview.rates_table", weeks=HEADLINE_WEEKS))
        tables.show(shown_rates, [
            Col("productcode", "columns.code"), Col("productnaam", "columns.name"), Col("n", "columns.n", "int"),
            Col("voldoende", "columns.voldoende", "int"), Col("rate", "columns.rate", "pct"),
            Col("ci_low", "columns.ci95", "ci", high="ci_high"),
            Col("rate_year_before", "columns.rate_year_before", "pct", suppression="rate_year_before_suppression"),
            Col("change", "columns.change_points", "points", suppression="rate_year_before_suppression"),
        ], key="overview_rates")
        st.caption(t("overview.trend_table"))
        tables.show(shown_trend, [
            Col("week_start", "columns.week_start", "date"), Col("productcode", "columns.code"),
            Col("n", "columns.n", "int", suppression="rate_suppression"),
            Col("n_voldoende", "columns.voldoende", "int", suppression="rate_suppression"),
            Col("rate", "columns.rate", "pct", suppression="rate_suppression"),
            Col("ci_low", "columns.ci95", "ci", suppression="rate_suppression", high="ci_high"),
        ], key="overview_trend", height=320)
st.caption(t("overview.cbr_summary", weeks=HEADLINE_WEEKS, items="; ".join(
    t("overview.cbr_summary_item", name=row["productnaam"], rate=numbers.percent(row["rate"], lang),
      n=numbers.integer(row["n"], lang), before=numbers.percent(row["rate_year_before"], lang) or "–")
    for row in shown_rates.iter_rows(named=True))))
codes = [row["productcode"] for row in products]
downloads.panel("overview_rates", shown_rates, "cbr_exams_weekly",
                {"weeks": HEADLINE_WEEKS, "from": window[0], "to": window[1], "products": codes},
                {"productcode": codes, "week_start_from": window[0] - dt.timedelta(weeks=52),
                 "week_start_to": window[1]})

volumes = query("volumes_latest", weeks=HEADLINE_WEEKS)
volume = {(row["measure"], row["period"]): row for row in volumes.iter_rows(named=True)}

left, right = st.columns(2)
with left:
    exams, toetsen = volume["exams", "latest"], volume["toetsen", "latest"]
    cards.count(t("overview.exams_volume"), exams["total"], before=volume["exams", "year_before"]["total"],
                note=t("overview.exams_volume_note", products=exams["parts_included"],
                       withheld=exams["parts_excluded"], toetsen=numbers.integer(toetsen["total"], lang)))
with right:
    diplomas = volume["diplomas", "latest"]
    cards.count(t("overview.diplomas_volume"), diplomas["total"], before=volume["diplomas", "year_before"]["total"],
                note=t("overview.diplomas_volume_note", codes=diplomas["parts_included"],
                       withheld=diplomas["parts_excluded"]))
# the volumes are sums over exams and licences that no one published table holds: a view-only download
downloads.panel("overview_volumes", volumes, "cbr_volumes", {"weeks": HEADLINE_WEEKS}, None)
frame.link("pages/cbr/exams.py", t("overview.more_exams"), icon=":material/arrow_forward:")

# --- VO: the national pass rate per onderwijstype -----------------------------------------------------
@per_publication
def vo_headline() -> tuple[pl.DataFrame, list[dict]]:
    """The national pass rates per onderwijstype and year, and per onderwijstype the row of the latest year
    with the rate of the year before it and its rates over the years."""
    national = query("vo_pass_rate_national_trend").sort("onderwijstype", "schooljaar")
    latest_year = national["schooljaar"].max()
    types = []
    for _, series in national.group_by(["onderwijstype"], maintain_order=True):
        previous = series.filter(pl.col("schooljaar") < latest_year).tail(1)
        types.append({**series.filter(pl.col("schooljaar") == latest_year).row(0, named=True),
                      "rate_before": previous["rate"][0] if previous.height else None,
                      "trend": series["rate"].to_list()})
    return national, types


st.subheader(t("overview.vo_heading"))
national, vo_types = vo_headline()
if national.is_empty():   # a publication without DUO's files
    st.info(t("overview.no_vo"))
else:
    latest_year = vo_types[0]["schooljaar"]
    st.caption(t("overview.vo_period", year=latest_year))
    for column, row in zip(st.columns(len(vo_types)), vo_types):
        with column:
            cards.rate(row["onderwijstype"], row["rate"], n=row["examenkandidaten"], low=row["ci_low"],
                       high=row["ci_high"], before=row["rate_before"], suppression=row["rate_suppression"],
                       trend=row["trend"], help=t("overview.vo_help"),
                       note=t("vo.known_part_card", groups=numbers.integer(row["excluded_groups"], lang))
                       if row["excluded_groups"] else None)
    vo_numbers = frame.expander_when_open(t("overview.as_table"), key="overview_vo_table", icon=":material/table:")
    if vo_numbers is not None:
        with vo_numbers:
            st.caption(t("overview.vo_table"))
            tables.show(national, [
                Col("onderwijstype", "filters.onderwijstype"), Col("schooljaar", "filters.schooljaar"),
                Col("examenkandidaten", "columns.kandidaten", "int", suppression="examenkandidaten_suppression"),
                Col("geslaagden", "columns.geslaagden", "int", suppression="geslaagden_suppression"),
                Col("rate", "columns.rate", "pct", suppression="rate_suppression"),
                Col("ci_low", "columns.ci95", "ci", suppression="rate_suppression", high="ci_high"),
                Col("excluded_groups", "columns.excluded_groups", "int"),
            ], key="overview_vo")
            if national["excluded_groups"].gt(0).any():
                st.caption(t("vo.known_part"))
    st.caption(t("overview.vo_summary", year=latest_year, items="; ".join(
        t("overview.vo_summary_item", name=row["onderwijstype"],
          rate=numbers.percent(row["rate"], lang) or cells.symbol(row["rate_suppression"]),
          n=numbers.integer(row["examenkandidaten"], lang) or cells.symbol(row["examenkandidaten_suppression"]))
        for row in vo_types)))
    national_filters = {"level": "land", "geslacht": "TOTAAL", "source": "duo"}
    downloads.panel("overview_vo", national, "vo_pass_rates", national_filters, national_filters)
frame.link("pages/vo/vo.py", t("overview.more_vo"), icon=":material/arrow_forward:")

# --- What the latest publication changed --------------------------------------------------------------
@per_publication
def news() -> tuple[list[dict], str | None, list[dict]]:
    """Each dataset's latest publication against the one before it; the newest opleider publication and the
    change of the headline products' first-exam rates in it."""
    changes = query("publication_changes").filter(pl.col("period_end").is_not_null()).rows(named=True)
    newest = query("opleider_publications")
    if not newest.height:
        return changes, None, []
    publication = newest["publication"][0]
    rates = query("product_rate_by_publication").filter(
        (pl.col("publication") == publication) & (pl.col("soort_examen") == "eerste")
        & pl.col("productcode").is_in([row["productcode"] for row in cbr_headline()[1]]) & pl.col("change").is_not_null())
    return changes, publication, rates.rows(named=True)


st.subheader(t("overview.changes_heading"))
changes, publication, rate_changes = news()
lines = []
for row in changes:
    name = frame.dataset_name(row["dataset"])
    until = numbers.date(row["period_end"], lang)
    if row["previous_publication"]:
        lines.append(t("overview.change_line", dataset=name, publication=row["publication"], until=until,
                       previous=row["previous_publication"],
                       previous_until=numbers.date(row["previous_period_end"], lang),
                       rows=numbers.integer(row["row_count"], lang)))
    else:
        lines.append(t("overview.first_line", dataset=name, publication=row["publication"], until=until,
                       rows=numbers.integer(row["row_count"], lang)))
for row in rate_changes:
    lines.append(t("overview.rate_change_line", product=row["productnaam"], publication=publication,
                   rate=numbers.percent(row["rate"], lang), n=numbers.integer(row["n"], lang),
                   interval=numbers.interval(row["ci_low"], row["ci_high"], lang),
                   previous=row["previous_publication"], change=numbers.points(row["change"], lang)))
if lines:
    st.markdown("\n".join(lines))   # one list in one element (each line is a list item)
