"""Driving schools (CBR Opleiderresultaten): how opleiders compare on one product in one publication (a
rolling year). A league table with n, rate and 95% interval, sorted by the interval's lower bound (a rate
from few exams cannot top the list by luck), 'too few exams' instead of a rate below the minimum, the
rank as a range, and a funnel plot of all opleiders around the national rate.

Queries: opleider_publications, cbr_products, opleider_league, opleider_funnel_limits.
"""
import polars as pl
import streamlit as st

from examencijfers.ui import cells, charts, downloads, filters, frame, numbers, tables, url
from examencijfers.ui.data import query
from examencijfers.ui.i18n import current, t
from examencijfers.ui.tables import Col

lang = current()
st.title(t("pages.opleiders.title"))
st.caption(t("opleiders.lead"))
frame.synthetic_banner()

SORTS = {"ci_low": ("ci_low", True), "rate": ("rate", True), "n": ("n", True), "name": ("opleidernaam", False)}

with st.container(border=True):
    params = filters.result_filters()
    search, order = st.columns([1, 2])
    with search:
        q = url.text("q", t("opleiders.search"), placeholder=t("opleiders.search_placeholder"))
    with order:
        sort = url.choice("sort", t("opleiders.sort"), list(SORTS), widget="segmented",
                          format_func=lambda v: t(f"opleiders.sort_{v}"))
publication, product = params["publication"], params["productcode"]
league = query("opleider_league", **params)
if league.is_empty() or league["national_suppression"].drop_nulls().len() == league.height:
    reason = league["national_suppression"].drop_nulls().first() if league.height else None
    st.info(t("opleiders.not_published", product=product, reason=cells.label(reason) or t("opleiders.no_rows")),
            icon=":material/visibility_off:")
    frame.stop()

national = league["national_rate"].drop_nulls().first()
column, descending = SORTS[sort]
labels_of_positions = {p: t(f"opleiders.position_{p}") for p in ("below_998", "below_95", "within", "above_95", "above_998")}
shown_all = league.sort(column, descending=descending, nulls_last=True).with_columns(
    pl.when(pl.col("rank").is_not_null())
    .then(pl.col("rank_best").cast(pl.String) + "–" + pl.col("rank_worst").cast(pl.String))
    .alias("rank_range"),
    pl.col("funnel_position").replace_strict(labels_of_positions, default=None).alias("position_label"))
shown = shown_all
if q:
    needle = q.lower()
    shown = shown_all.filter(pl.col("opleidernaam").str.to_lowercase().str.contains(needle, literal=True)
                             | pl.col("opleidercode").str.to_lowercase().str.contains(needle, literal=True)
                             | pl.col("opleider_plaats").str.to_lowercase().str.contains(needle, literal=True))

rated = league.filter(pl.col("rate").is_not_null())
too_few = league.filter(pl.col("suppression") == "too_few_exams").height
outside = rated.filter(pl.col("funnel_position").is_in(["below_998", "above_998"])).height
st.subheader(t("opleiders.funnel_heading"))
limits = query("opleider_funnel_limits", **params, n_max=max(1000, int(rated["n"].max() or 0) * 2))
labels = {"x": t("opleiders.axis_n"), "y": t("columns.rate"), "national": t("opleiders.national"),
          "limit95": t("opleiders.limit95"), "limit998": t("opleiders.limit998"),
          **labels_of_positions}
summary = t("opleiders.funnel_summary", rated=numbers.integer(rated.height, lang),
            national=numbers.percent(national, lang), outside=outside, too_few=too_few)
funnel_columns = [Col("opleidernaam", "columns.opleider"), Col("n", "columns.n", "int"),
                  Col("rate", "columns.rate", "pct"), Col("limit95_low", "opleiders.limit95", "ci", high="limit95_high"),
                  Col("limit998_low", "opleiders.limit998", "ci", high="limit998_high"),
                  Col("position_label", "opleiders.position")]
charts.show(charts.draw(charts.funnel, rated, limits, labels=labels),   # the table holds the chart's points: all, unsearched
            shown_all.filter(pl.col("rate").is_not_null()), funnel_columns, summary=summary, key="opleider_funnel")

st.subheader(t("opleiders.league_heading"))
rules = dict(query("suppression_rules").select("rule", "value").iter_rows())
st.caption(t("opleiders.league_lead", minimum=rules.get("opleider_min_exams", "10")))
league_columns = [
    Col("rank_range", "opleiders.rank", help="opleiders.rank_help"),
    Col("opleidernaam", "columns.opleider"), Col("opleider_plaats", "columns.plaats"),
    Col("opleidercode", "columns.code"),
    Col("n", "columns.n", "int", suppression="suppression", fallback="n_band"),
    Col("rate", "columns.rate", "pct", suppression="suppression"),
    Col("ci_low", "columns.ci95", "ci", suppression="suppression", high="ci_high"),
    Col("position_label", "opleiders.position", help="opleiders.position_help"),
]
tables.show(shown, league_columns, key="opleider_league", height=420)
st.caption(t("opleiders.league_summary", shown=numbers.integer(shown.height, lang),
             total=numbers.integer(league.height, lang), sort=t(f"opleiders.sort_{sort}")))

choices = shown.head(500)
if choices.height:
    pick = st.selectbox(t("opleiders.open_profile"), choices["opleidercode"].to_list(), key="profile_pick",
                        format_func=dict(zip(choices["opleidercode"],
                                             choices["opleidernaam"] + " (" + choices["opleider_plaats"].fill_null("") + ")")).get)
    frame.link("pages/cbr/opleider.py", t("opleiders.to_profile"), icon=":material/arrow_forward:",
               opleider=pick, publication=publication)

# What you see: a withheld row shows its count band, not its counts, which are sums of its published
# location rows only (the withheld ones missing), so the file leaves them empty as well.
withheld = pl.col("suppression").is_not_null()
seen = shown.with_columns(pl.when(~withheld).then(pl.col(c)).alias(c) for c in ("voldoende", "onvoldoende", "n"))
downloads.panel("opleiders", seen.drop("position_label", "rank_range"), "cbr_opleider_results",
                {**params, "q": q, "sort": sort},
                dict(params))
