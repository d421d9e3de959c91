"""Exam centres: the pass rate per exam location for one product in one publication, with its 95% interval,
against the national rate of the product.

Queries: opleider_publications, cbr_products, location_pass_rates.
"""
import polars as pl
import streamlit as st

from examencijfers.ui import cells, charts, downloads, filters, frame, numbers, url
from examencijfers.ui.data import query
from examencijfers.ui.i18n import current, t
from examencijfers.ui.tables import Col

lang = current()
st.title(t("pages.examenlocaties.title"))
st.caption(t("locations.lead"))
frame.synthetic_banner()

with st.container(border=True):
    params = filters.result_filters()
product = params["productcode"]
rates = query("location_pass_rates", **params)
national_reason = rates["national_suppression"].drop_nulls().first() if rates.height else None
if rates.is_empty() or national_reason is not None:
    st.info(t("opleiders.not_published", product=product,
              reason=cells.label(national_reason) or t("opleiders.no_rows")),
            icon=":material/visibility_off:")
    frame.stop()

national = rates["national_rate"].drop_nulls().first()
ordered = rates.sort("rate", descending=True, nulls_last=True).with_columns(
    pl.col("position").replace_strict({"above": t("locations.above"), "below": t("locations.below"),
                                       "within": t("locations.within")}, default=None).alias("position_label"))
above = rates.filter(pl.col("position") == "above").height
below = rates.filter(pl.col("position") == "below").height
summary = t("locations.summary", locations=rates.height, national=numbers.percent(national, lang),
            n=numbers.integer(rates["national_n"].max(), lang), above=above, below=below)
columns = [Col("examenlocatie", "columns.location"), Col("plaats", "columns.plaats"),
           Col("n", "columns.n", "int", suppression="suppression"),
           Col("rate", "columns.rate", "pct", suppression="suppression"),
           Col("ci_low", "columns.ci95", "ci", suppression="suppression", high="ci_high"),
           Col("difference", "columns.difference", "points", suppression="suppression"),
           Col("position_label", "opleiders.position", help="locations.position_help")]
charts.show(charts.draw(charts.dot_intervals, ordered, label="examenlocatie", reference=national,
                        reference_label=t("opleiders.national")),
            ordered, columns, summary=summary, key="locations")

downloads.panel("locations", ordered.drop("position_label"), "cbr_product_rates", params,
                dict(params))
