"""One driving school (opleider): per product its first-exam and re-exam pass rates against the national
rate, the trend over publications (rolling years), and per exam location and transmission against the
rate at that location.

Queries: opleider_search, opleider_publications, opleider_trend, opleider_profile.
"""
import polars as pl
import streamlit as st

from examencijfers.ui import charts, downloads, filters, frame, numbers, tables, url
from examencijfers.ui.data import query
from examencijfers.ui.i18n import current, t
from examencijfers.ui.tables import Col

lang = current()
st.title(t("pages.opleider.title"))
frame.synthetic_banner()
SOORTEN = {soort: t(f"values.{soort}") for soort in filters.SOORTEN}

with st.container(border=True):
    person = filters.pick("opleider", "opleider_search", code="opleidercode", texts="opleider",
                          describe=lambda r: f"{r['opleidernaam']} · {r['opleider_plaats'] or ''} · {r['opleidercode']}")
    publications = query("opleider_publications")
    publication = url.choice("publication", t("filters.publication"), publications["publication"].to_list(),
                             pinned=True)
if person is None:
    frame.stop()

code = person["opleidercode"]
st.subheader(person["opleidernaam"])
st.caption(t("opleider.identity", code=code, place=person["opleider_plaats"] or "–",
             status=t("opleider.active") if person["opleider_actief"] else t("opleider.ended")))

trend = query("opleider_trend", opleidercode=code)
this_year = trend.filter(pl.col("publication") == publication)
products = query("cbr_products")
names = dict(zip(products["productcode"], products["productnaam"]))
this_year = this_year.with_columns(pl.col("productcode").replace_strict(names, default=pl.col("productcode"))
                                   .alias("productnaam"))

st.subheader(t("opleider.products_heading"))
rated = this_year.filter(pl.col("rate").is_not_null())
summary = t("opleider.products_summary", publication=publication, products=this_year["productcode"].n_unique(),
            items="; ".join(f"{r['productcode']} {SOORTEN[r['soort_examen']].lower()} {numbers.percent(r['rate'], lang)} "
                            f"(n = {numbers.integer(r['n'], lang)}, {t('opleiders.national').lower()} "
                            f"{numbers.percent(r['national_rate'], lang)})"
                            for r in rated.sort("n", descending=True).head(4).iter_rows(named=True)) or "–")
columns = [Col("productcode", "columns.code"), Col("productnaam", "columns.name"),
           Col("soort_examen", "filters.soort_examen"),
           Col("n", "columns.n", "int", suppression="suppression"),
           Col("rate", "columns.rate", "pct", suppression="suppression"),
           Col("ci_low", "columns.ci95", "ci", suppression="suppression", high="ci_high"),
           Col("national_rate", "columns.national_rate", "pct")]
charts.show(charts.draw(charts.grouped_intervals, this_year.sort("productcode"), label="productnaam",
                        series="soort_examen", series_names=SOORTEN, reference="national_rate",
                        reference_label=t("opleiders.national")),
            this_year.sort("productcode", "soort_examen"), columns, summary=summary, key="opleider_products")


@frame.fragment
def trend_view() -> None:
    st.subheader(t("opleider.trend_heading"))
    options = trend["productcode"].unique().sort().to_list()
    product = url.choice("trend", t("filters.product"), options, "B" if "B" in options else None,
                         format_func=lambda c: f"{c} · {names.get(c, c)}")
    part = trend.filter(pl.col("productcode") == product).with_columns(
        pl.col("soort_examen").replace_strict(SOORTEN).alias("soort_naam"))
    trend_chart = charts.draw(charts.rate_lines, part, x="period_end", group="soort_examen", name="soort_naam",
                              dotted="national_rate", dotted_label=t("opleiders.national").lower(),
                              y_title=t("columns.rate"))
    latest = part.filter(pl.col("publication") == part["publication"].max())
    summary = t("opleider.trend_summary", product=product, publications=part["publication"].n_unique(),
                items="; ".join(f"{SOORTEN[r['soort_examen']].lower()} {numbers.percent(r['rate'], lang) or '–'}"
                                f" ({numbers.points(r['change_from_previous'], lang) or '–'})"
                                for r in latest.iter_rows(named=True)))
    columns = [Col("publication", "columns.publication"), Col("soort_examen", "filters.soort_examen"),
               Col("n", "columns.n", "int", suppression="suppression"),
               Col("rate", "columns.rate", "pct", suppression="suppression"),
               Col("ci_low", "columns.ci95", "ci", suppression="suppression", high="ci_high"),
               Col("national_rate", "columns.national_rate", "pct"),
               Col("change_from_previous", "columns.change_points", "points")]
    charts.show(trend_chart, part.sort("soort_examen", "period_end"), columns, summary=summary, key="opleider_trend")


trend_view()


@frame.fragment
def locations_view() -> None:
    st.subheader(t("opleider.locations_heading"))
    st.caption(t("opleider.locations_lead"))
    profile = query("opleider_profile", opleidercode=code, publication=publication)
    left, right = st.columns(2)
    with left:
        soort = url.choice("soort", t("filters.soort_examen"), filters.SOORTEN, widget="segmented",
                           format_func=lambda v: t(f"values.{v}"))
    with right:
        present = [v for v in filters.TRANSMISSIES if v in profile["transmissie"].to_list()]
        transmissie = url.choice("transmissie", t("filters.transmissie"), present or ["totaal"], widget="segmented",
                                 format_func=lambda v: t(f"values.{v}"))
    part = profile.filter((pl.col("soort_examen") == soort) & (pl.col("transmissie") == transmissie))
    columns = [Col("productcode", "columns.code"), Col("examenlocatie", "columns.location"),
               Col("n", "columns.n", "int", suppression="suppression", fallback="n_band"),
               Col("rate", "columns.rate", "pct", suppression="suppression"),
               Col("ci_low", "columns.ci95", "ci", suppression="suppression", high="ci_high"),
               Col("location_rate", "columns.location_rate", "pct", suppression="location_suppression"),
               Col("national_rate", "columns.national_rate", "pct", suppression="national_suppression")]
    tables.show(part.sort("productcode", "examenlocatie"), columns, key="opleider_locations")
    downloads.panel("opleider", part, "cbr_opleider_results",
                    {"opleidercode": code, "publication": publication, "soort_examen": soort,
                     "transmissie": transmissie},
                    {"opleidercode": code, "publication": publication})


locations_view()
