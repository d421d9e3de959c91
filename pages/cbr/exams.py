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
from examencijfers.ui.data import per_publication, query
from examencijfers.ui.i18n import current, t
from examencijfers.ui.tables import Col

lang = current()
st.title(t("pages.rijexamens.title"))
st.caption(t("exams.lead"))
frame.synthetic_banner()



@per_publication
def choices() -> tuple[list[str], dict[str, str], dict[str, str], list[dt.date]]:
    """The products with a result (a toets has none), every product's and category's name, and the weeks."""
    products = query("cbr_products")
    categories = query("cbr_categories")
    first, last = query("exam_weeks").row(0)
    return (products.filter(~pl.col("is_toets"))["productcode"].to_list(),
            dict(zip(products["productcode"], products["productnaam"])),
            dict(zip(categories["categoriecode"], categories["categorienaam"])),
            [first + dt.timedelta(weeks=i) for i in range((last - first).days // 7 + 1)])


rated_products, names, category_names, weeks = choices()

with st.container(border=True):
    by = url.choice("by", t("exams.by"), ["product", "category"], widget="segmented",
                    format_func=lambda v: t(f"exams.by_{v}"))
    if by == "product":
        chosen = url.choices("product", t("exams.products"), rated_products, ["B", "BTH"],
                             format_func=lambda c: f"{c} · {names.get(c, c)}", max_selections=8)
    else:
        chosen = url.choices("category", t("exams.categories"), list(category_names), ["B", "A"],
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



GROUPS = {"product": ("productcode", "productnaam"), "category": ("group_code", "group_name")}


def weekly_rates(by: str, chosen: list[str], start: dt.date, end: dt.date, weeks_in_window: int) -> pl.DataFrame:
    if by == "product":
        return query("exam_pass_rate_by_week", products=chosen, date_from=start, date_to=end, window=weeks_in_window)
    return (query("exam_pass_rate_by_group", date_from=start, date_to=end, window=weeks_in_window,
                  grouping="categoriecode").filter(pl.col("group_code").is_in(chosen)))


@per_publication
def rate_view(by: str, chosen: list[str], start: dt.date, end: dt.date,
              window: int) -> tuple[pl.DataFrame, pl.DataFrame, list[str], list[dict]]:
    """The weekly rates; as the table shows them; the groups with a withheld week; the latest week's rows."""
    rates = weekly_rates(by, chosen, start, end, window)
    group = GROUPS[by][0]
    rated = rates.filter(pl.col("rate").is_not_null())
    withheld = sorted(rates.filter(pl.col("rate_suppression").is_not_null())[group].unique().to_list())
    latest_rows = rated.filter(pl.col("week_start") == rated["week_start"].max()) if rated.height else rated
    return rates, rates.sort(group, "week_start"), withheld, latest_rows.rows(named=True)


rates, rates_table, withheld, latest_rows = rate_view(by, chosen, start, end, window)
group, name = GROUPS[by]

# --- pass rate ------------------------------------------------------------------------------------------
st.subheader(t("exams.rate_heading"))
if withheld:
    st.info(t("exams.withheld", groups=", ".join(withheld)), icon=":material/visibility_off:")
summary = "; ".join(
    t("exams.rate_summary_item", name=row[group], rate=numbers.percent(row["rate"], lang),
      n=numbers.integer(row["n"], lang),
      before=numbers.percent(row["rate_year_before"], lang) or "–")
    for row in latest_rows)
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
            rates_table, rate_columns, summary=summary, key="exam_rate")
page_filters = {"by": by, "groups": chosen, "from": start, "to": end}
weeks_filters = {"week_start_from": start, "week_start_to": end}


def full_filters(groups: list[str]) -> dict:
    """The registry's filters for the weeks of the period and the chosen products or categories."""
    return {"productcode" if by == "product" else "categoriecode": groups, **weeks_filters}


downloads.panel("exams", rates, "cbr_exams_weekly", {**page_filters, "window": window}, full_filters(chosen))


# --- volumes by result (a chart of its own: its product choice does not rerun the page) -----------------
@per_publication
def volume_view(by: str, chosen: list[str], start: dt.date, end: dt.date, one: str) -> tuple[pl.DataFrame, int, int]:
    """One group's counts per week (not rolling; a week with a withheld group has no complete count, so none
    is drawn), their total and the weeks that have one."""
    part = weekly_rates(by, chosen, start, end, 1).filter(pl.col(GROUPS[by][0]) == one).sort("week_start").with_columns(
        pl.when(pl.col("rate_suppression").is_null()).then(pl.col(c)).alias(c) for c in ("voldoende", "onvoldoende"))
    published = part.filter(pl.col("voldoende").is_not_null())
    return part, published["voldoende"].sum() + published["onvoldoende"].sum(), published.height


@frame.fragment
def volumes() -> None:
    st.subheader(t("exams.volume_heading"))
    one = url.choice("volume", t("exams.volume_of"), chosen, format_func=lambda c: names.get(c, category_names.get(c, c)))
    part, total, weeks_published = volume_view(by, chosen, start, end, one)
    summary = t("exams.volume_summary", name=one, total=numbers.integer(total, lang), weeks=weeks_published,
                withheld=part.height - weeks_published)
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
@per_publication
def share_view(chosen: list[str], start: dt.date, end: dt.date, window: int, kinds: tuple[str, str],
               ) -> tuple[pl.DataFrame, pl.DataFrame, float, float]:
    """The products' weekly shares as the table shows them; as lines, one per product and kind (named by
    `kinds`, the page's words for the two); the shares over the weeks with published counts."""
    shares = weekly_rates("product", chosen, start, end, window).filter(~pl.col("is_toets")).sort("productcode",
                                                                                                   "week_start")
    long = pl.concat([
        shares.select("week_start", pl.lit(kind).alias("kind"), pl.col("productcode"),
                      (pl.col("productcode") + " · " + pl.lit(kind)).alias("label"),
                      pl.col(column).alias("share"), "suppression")
        for kind, column in zip(kinds, ("particulier_share", "tolk_share"))
    ]).with_columns(series=pl.col("productcode") + pl.col("kind"))
    mean = shares.filter(pl.col("suppression").is_null())
    exams = max(1, mean["totaal"].sum())
    return shares, long, mean["particulier"].sum() / exams, mean["tolk"].sum() / exams


if by == "product":
    st.subheader(t("exams.shares_heading"))
    shares, long, particulier, tolk = share_view(chosen, start, end, window,
                                                 (t("columns.particulier_share"), t("columns.tolk_share")))
    summary = t("exams.shares_summary", particulier=numbers.percent(particulier, lang),
                tolk=numbers.percent(tolk, lang))
    columns = [Col("week_start", "columns.week_start", "date"), Col("productcode", "columns.code"),
               Col("particulier", "columns.particulier", "int", suppression="suppression"),
               Col("particulier_share", "columns.particulier_share", "pct", suppression="suppression"),
               Col("tolk", "columns.tolk", "int", suppression="suppression"),
               Col("tolk_share", "columns.tolk_share", "pct", suppression="suppression")]
    charts.show(charts.draw(charts.lines, long, x="week_start", group="series", name="label", y="share", percent=True,
                            y_title=t("exams.share_axis")),
                shares, columns, summary=summary, key="exam_shares")
    downloads.panel("exam_shares", shares, "cbr_exams_weekly",
                    {**page_filters, "window": window}, full_filters(chosen))

# --- tussentijdse toetsen: counts only --------------------------------------------------------------------
st.subheader(t("exams.toets_heading"))
st.caption(t("exams.toets_lead"))


@per_publication
def toets_view(start: dt.date, end: dt.date) -> tuple[pl.DataFrame, pl.DataFrame, int, list[str]]:
    """The toetsen per week; as the table shows them; the total of the published weeks; the products."""
    toetsen = query("exam_toets_counts", date_from=start, date_to=end)
    published = toetsen.filter(pl.col("suppression").is_null())
    return (toetsen, toetsen.sort("productcode", "week_start"), published["totaal"].sum(),
            toetsen["productcode"].unique().sort().to_list())


toetsen, toetsen_table, toetsen_total, toets_products = toets_view(start, end)
columns = [Col("week_start", "columns.week_start", "date"), Col("productcode", "columns.code"),
           Col("productnaam", "columns.name"), Col("totaal", "columns.toetsen", "int", suppression="suppression"),
           Col("totaal_year_before", "columns.year_before", "int", suppression="suppression_year_before")]
summary = t("exams.toets_summary", total=numbers.integer(toetsen_total, lang), products=len(toets_products))
charts.show(charts.draw(charts.lines, toetsen, x="week_start", group="productcode", name="productnaam", y="totaal",
                        dotted="totaal_year_before", dotted_label=t("chart.year_before"), y_title=t("columns.toetsen")),
            toetsen_table, columns, summary=summary, key="exam_toets")
downloads.panel("exam_toets", toetsen_table, "cbr_exams_weekly", {"from": start, "to": end, "toetsen": True},
                {"productcode": toets_products, **weeks_filters})

