"""Driving schools (CBR Opleiderresultaten): how opleiders compare on one product in one publication (a
rolling year). A league table with n, rate and 95% interval, sorted by the interval's lower bound (a rate
from few exams cannot top the list by luck), 'too few exams' instead of a rate below the minimum, the
rank as a range, and a funnel plot of all opleiders around the national rate.

Queries: opleider_publications, cbr_products, opleider_league, opleider_funnel_limits.
"""
import polars as pl
import streamlit as st

from examencijfers.ui import cells, charts, downloads, filters, frame, numbers, tables, url
from examencijfers.ui.data import per_publication, query
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
POSITIONS = ("below_998", "below_95", "within", "above_95", "above_998")
labels_of_positions = {p: t(f"opleiders.position_{p}") for p in POSITIONS}


@per_publication
def league_view(params: dict, sort: str, positions: dict[str, str]) -> dict:
    """The league as published, and sorted with each rank as a range and each funnel position in words
    (`positions`); the rated opleiders (all of them, the funnel's points), the national rate, how many have
    too few exams or lie outside the 99.8% limits, and how far the funnel's limits go."""
    league = query("opleider_league", **params)
    column, descending = SORTS[sort]
    rated = league.filter(pl.col("rate").is_not_null())
    shown_all = league.sort(column, descending=descending, nulls_last=True).with_columns(
        pl.when(pl.col("rank").is_not_null())
        .then(pl.col("rank_best").cast(pl.String) + "–" + pl.col("rank_worst").cast(pl.String))
        .alias("rank_range"),
        pl.col("funnel_position").replace_strict(positions, default=None).alias("position_label"))
    return {"league": league, "shown_all": shown_all, "rated": rated,
            "funnel_table": shown_all.filter(pl.col("rate").is_not_null()),
            "national": league["national_rate"].drop_nulls().first(),
            "withheld": league["national_suppression"].drop_nulls(),
            "too_few": league.filter(pl.col("suppression") == "too_few_exams").height,
            "outside": rated.filter(pl.col("funnel_position").is_in(["below_998", "above_998"])).height,
            "n_max": max(1000, int(rated["n"].max() or 0) * 2)}


@per_publication
def search_view(params: dict, sort: str, positions: dict[str, str], q: str) -> tuple[pl.DataFrame, dict, pl.DataFrame]:
    """The league rows that match the search (name, code or plaats); the first 500 as choices for a profile;
    and the rows as a download holds them: a withheld row shows its count band, not its counts, which are
    sums of its published location rows only (the withheld ones missing), so the file leaves them empty."""
    shown = league_view(params, sort, positions)["shown_all"]
    if q:
        needle = q.lower()
        shown = shown.filter(pl.col("opleidernaam").str.to_lowercase().str.contains(needle, literal=True)
                             | pl.col("opleidercode").str.to_lowercase().str.contains(needle, literal=True)
                             | pl.col("opleider_plaats").str.to_lowercase().str.contains(needle, literal=True))
    choices = shown.head(500)
    profiles = dict(zip(choices["opleidercode"],
                        choices["opleidernaam"] + " (" + choices["opleider_plaats"].fill_null("") + ")"))
    withheld = pl.col("suppression").is_not_null()
    seen = shown.with_columns(pl.when(~withheld).then(pl.col(c)).alias(c) for c in ("voldoende", "onvoldoende", "n"))
    return shown, profiles, seen.drop("position_label", "rank_range")


view = league_view(params, sort, labels_of_positions)
league = view["league"]
if league.is_empty() or view["withheld"].len() == league.height:
    reason = view["withheld"].first() if league.height else None
    st.info(t("opleiders.not_published", product=product, reason=cells.label(reason) or t("opleiders.no_rows")),
            icon=":material/visibility_off:")
    frame.stop()

national, rated = view["national"], view["rated"]
limits = query("opleider_funnel_limits", **params, n_max=view["n_max"])
shown, profiles, seen = search_view(params, sort, labels_of_positions, q)
st.subheader(t("opleiders.funnel_heading"))
labels = {"x": t("opleiders.axis_n"), "y": t("columns.rate"), "national": t("opleiders.national"),
          "limit95": t("opleiders.limit95"), "limit998": t("opleiders.limit998"),
          **labels_of_positions}
summary = t("opleiders.funnel_summary", rated=numbers.integer(rated.height, lang),
            national=numbers.percent(national, lang), outside=view["outside"], too_few=view["too_few"])
funnel_columns = [Col("opleidernaam", "columns.opleider"), Col("n", "columns.n", "int"),
                  Col("rate", "columns.rate", "pct"), Col("limit95_low", "opleiders.limit95", "ci", high="limit95_high"),
                  Col("limit998_low", "opleiders.limit998", "ci", high="limit998_high"),
                  Col("position_label", "opleiders.position")]
# the table holds the chart's points: all of them, unsearched
charts.show(charts.draw(charts.funnel, rated, limits, labels=labels),
            view["funnel_table"], funnel_columns, summary=summary, key="opleider_funnel")

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

if profiles:
    pick = st.selectbox(t("opleiders.open_profile"), list(profiles), key="profile_pick", format_func=profiles.get)
    frame.link("pages/cbr/opleider.py", t("opleiders.to_profile"), icon=":material/arrow_forward:",
               opleider=pick, publication=publication)

downloads.panel("opleiders", seen, "cbr_opleider_results",
                {**params, "q": q, "sort": sort},
                dict(params))
