"""Driving exams (CBR Examens): the weekly pass rate per product or category with its 95% band and the
year before, volumes by result, the shares of particuliere examens and examens met tolk, and the
tussentijdse toetsen (counts only: a toets has no result).

Queries: cbr_products, cbr_categories, exam_weeks, exam_pass_rate_by_week, exam_pass_rate_by_group,
exam_toets_counts.
"""
import datetime as dt

import polars as pl
import streamlit as st

from examencijfers.ui import charts, downloads, frame, numbers, url
from examencijfers.ui.data import query
from examencijfers.ui.i18n import current, t
from examencijfers.ui.tables import Col

lang = current()
st.title(t("pages.rijexamens.title"))
st.caption(t("exams.lead"))
frame.synthetic_banner()

products = query("cbr_products")
rated_products = products.filter(~pl.col("is_toets"))
names = dict(zip(products["productcode"], products["productnaam"]))
categories = query("cbr_categories")
category_names = dict(zip(categories["categoriecode"], categories["categorienaam"]))
first, last = query("exam_weeks").row(0)
weeks = [first + dt.timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]

with st.container(border=True):
    by = url.choice("by", t("exams.by"), ["product", "category"], widget="segmented",
                    format_func=lambda v: t(f"exams.by_{v}"))
    if by == "product":
        chosen = url.choices("product", t("exams.products"), rated_products["productcode"].to_list(), ["B", "BTH"],
                             format_func=lambda c: f"{c} · {names.get(c, c)}", max_selections=8)
    else:
        chosen = url.choices("category", t("exams.categories"), categories["categoriecode"].to_list(), ["B", "A"],
                             format_func=lambda c: f"{c} · {category_names.get(c, c)}", max_selections=8)
    left, right = st.columns([3, 1])
    with left:
        start, end = url.period("period", t("filters.period"), weeks, (weeks[max(0, len(weeks) - 52)], weeks[-1]),
                                format_func=lambda d: numbers.week(*d.isocalendar()[:2], lang))
    with right:
        window = url.choice("window", t("exams.window"), [1, 4, 13], widget="segmented",
                            format_func=lambda w: t("exams.window_weeks", weeks=w))

if not chosen:
    st.info(t("filters.choose_one"))
    frame.stop()



def weekly_rates(weeks_in_window: int) -> pl.DataFrame:
    if by == "product":
        return query("exam_pass_rate_by_week", products=chosen, date_from=start, date_to=end, window=weeks_in_window)
    return (query("exam_pass_rate_by_group", date_from=start, date_to=end, window=weeks_in_window,
                  grouping="categoriecode").filter(pl.col("group_code").is_in(chosen)))


rates = weekly_rates(window)
group, name = ("productcode", "productnaam") if by == "product" else ("group_code", "group_name")

# --- pass rate ------------------------------------------------------------------------------------------
st.subheader(t("exams.rate_heading"))
rated = rates.filter(pl.col("rate").is_not_null())
withheld = rates.filter(pl.col("rate_suppression").is_not_null())[group].unique().to_list()
if withheld:
    st.info(t("exams.withheld", groups=", ".join(sorted(withheld))), icon=":material/visibility_off:")
latest_rows = rated.filter(pl.col("week_start") == rated["week_start"].max()) if rated.height else rated
summary = "; ".join(
    t("exams.rate_summary_item", name=row[group], rate=numbers.percent(row["rate"], lang),
      n=numbers.integer(row["n"], lang),
      before=numbers.percent(row["rate_year_before"], lang) or "–")
    for row in latest_rows.iter_rows(named=True))
summary = t("exams.rate_summary", week=numbers.week(*end.isocalendar()[:2], lang), window=window,
            items=summary or t("exams.no_rates"))
rate_columns = [
    Col("week_start", "columns.week_start", "date"), Col(group, "columns.code"), Col(name, "columns.name"),
    Col("n", "columns.n", "int", suppression="rate_suppression"),
    Col("n_voldoende", "columns.voldoende", "int", suppression="rate_suppression"),
    Col("rate", "columns.rate", "pct", suppression="rate_suppression"),
    Col("ci_low", "columns.ci95", "ci", suppression="rate_suppression", high="ci_high"),
    Col("rate_year_before", "columns.rate_year_before", "pct", suppression="rate_year_before_suppression"),
]
charts.show(charts.draw(charts.rate_lines, rates, x="week_start", group=group, name=name, dotted="rate_year_before",
                        dotted_label=t("chart.year_before"), y_title=t("columns.rate")),
            rates.sort(group, "week_start"), rate_columns, summary=summary, key="exam_rate")
page_filters = {"by": by, "groups": chosen, "from": start, "to": end}
weeks_filters = {"week_start_from": start, "week_start_to": end}


def full_filters(groups: list[str]) -> dict:
    """The registry's filters for the weeks of the period and the chosen products or categories."""
    return {"productcode" if by == "product" else "categoriecode": groups, **weeks_filters}


downloads.panel("exams", rates, "cbr_exams_weekly", {**page_filters, "window": window}, full_filters(chosen))


# --- volumes by result (a chart of its own: its product choice does not rerun the page) -----------------
@frame.fragment
def volumes() -> None:
    st.subheader(t("exams.volume_heading"))
    one = url.choice("volume", t("exams.volume_of"), chosen, format_func=lambda c: names.get(c, category_names.get(c, c)))
    # counts per week (not rolling); a week with a withheld product has no complete count, so none is drawn
    part = weekly_rates(1).filter(pl.col(group) == one).sort("week_start").with_columns(
        pl.when(pl.col("rate_suppression").is_null()).then(pl.col(c)).alias(c) for c in ("voldoende", "onvoldoende"))
    published = part.filter(pl.col("voldoende").is_not_null())
    total = numbers.integer(published["voldoende"].sum() + published["onvoldoende"].sum(), lang)
    summary = t("exams.volume_summary", name=one, total=total, weeks=published.height,
                withheld=part.height - published.height)
    columns = [Col("week_start", "columns.week_start", "date"),
               Col("voldoende", "columns.voldoende", "int", suppression="rate_suppression"),
               Col("onvoldoende", "columns.onvoldoende", "int", suppression="rate_suppression")]
    charts.show(charts.draw(charts.stacked_bars, part, x="week_start", series=[("voldoende", t("columns.voldoende")),
                                                                            ("onvoldoende", t("columns.onvoldoende"))],
                            y_title=t("columns.n")),
                part, columns, summary=summary, key="exam_volume")
    downloads.panel("exam_volume", part, "cbr_exams_weekly", {**page_filters, "volume": one}, full_filters([one]))


volumes()

# --- particuliere examens and examens met tolk ------------------------------------------------------------
if by == "product":
    st.subheader(t("exams.shares_heading"))
    shares = rates.filter(~pl.col("is_toets"))
    long = pl.concat([
        shares.select("week_start", pl.lit(t("columns.particulier_share")).alias("kind"), pl.col("productcode"),
                      (pl.col("productcode") + " · " + pl.lit(t("columns.particulier_share"))).alias("label"),
                      pl.col("particulier_share").alias("share"), "suppression"),
        shares.select("week_start", pl.lit(t("columns.tolk_share")).alias("kind"), pl.col("productcode"),
                      (pl.col("productcode") + " · " + pl.lit(t("columns.tolk_share"))).alias("label"),
                      pl.col("tolk_share").alias("share"), "suppression"),
    ]).with_columns(series=pl.col("productcode") + pl.col("kind"))
    mean = shares.filter(pl.col("suppression").is_null())
    summary = t("exams.shares_summary",
                particulier=numbers.percent(mean["particulier"].sum() / max(1, mean["totaal"].sum()), lang),
                tolk=numbers.percent(mean["tolk"].sum() / max(1, mean["totaal"].sum()), lang))
    columns = [Col("week_start", "columns.week_start", "date"), Col("productcode", "columns.code"),
               Col("particulier", "columns.particulier", "int", suppression="suppression"),
               Col("particulier_share", "columns.particulier_share", "pct", suppression="suppression"),
               Col("tolk", "columns.tolk", "int", suppression="suppression"),
               Col("tolk_share", "columns.tolk_share", "pct", suppression="suppression")]
    charts.show(charts.draw(charts.lines, long, x="week_start", group="series", name="label", y="share", percent=True,
                            y_title=t("exams.share_axis")),
                shares.sort("productcode", "week_start"), columns, summary=summary, key="exam_shares")
    downloads.panel("exam_shares", shares.sort("productcode", "week_start"), "cbr_exams_weekly",
                    {**page_filters, "window": window}, full_filters(chosen))

# --- tussentijdse toetsen: counts only --------------------------------------------------------------------
st.subheader(t("exams.toets_heading"))
st.caption(t("exams.toets_lead"))
toetsen = query("exam_toets_counts", date_from=start, date_to=end)
columns = [Col("week_start", "columns.week_start", "date"), Col("productcode", "columns.code"),
           Col("productnaam", "columns.name"), Col("totaal", "columns.toetsen", "int", suppression="suppression"),
           Col("totaal_year_before", "columns.year_before", "int", suppression="suppression_year_before")]
published = toetsen.filter(pl.col("suppression").is_null())
summary = t("exams.toets_summary", total=numbers.integer(published["totaal"].sum(), lang),
            products=toetsen["productcode"].n_unique())
charts.show(charts.draw(charts.lines, toetsen, x="week_start", group="productcode", name="productnaam", y="totaal",
                        dashed="totaal_year_before", dashed_label=t("chart.year_before"), y_title=t("columns.toetsen")),
            toetsen.sort("productcode", "week_start"), columns, summary=summary, key="exam_toets")
downloads.panel("exam_toets", toetsen.sort("productcode", "week_start"), "cbr_exams_weekly",
                {"from": start, "to": end, "toetsen": True},
                {"productcode": toetsen["productcode"].unique().sort().to_list(), **weeks_filters})

