"""Licences issued (CBR Uitgegeven diploma's): weekly per diploma code with the same week a year earlier,
and per year with the change against the year before over the same weeks.

Queries: diploma_codes, diploma_weeks, diplomas_by_week, diplomas_by_year.
"""
import datetime as dt

import polars as pl
import streamlit as st

from examencijfers.ui import charts, downloads, frame, numbers, url
from examencijfers.ui.data import query
from examencijfers.ui.i18n import current, t
from examencijfers.ui.tables import Col

lang = current()
st.title(t("pages.diplomas.title"))
st.caption(t("diplomas.lead"))
frame.synthetic_banner()

codes = query("diploma_codes")
names = dict(zip(codes["diplomacode"], codes["diplomaomschrijving"]))
first, last = query("diploma_weeks").row(0)
weeks = [first + dt.timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]

with st.container(border=True):
    chosen = url.choices("code", t("diplomas.codes"), codes["diplomacode"].to_list(), ["B", "AM"],
                         format_func=lambda c: f"{c} · {names.get(c, c)}", max_selections=8)
    start, end = url.period("period", t("filters.period"), weeks, (weeks[max(0, len(weeks) - 52)], weeks[-1]),
                            format_func=lambda d: numbers.week(*d.isocalendar()[:2], lang))
if not chosen:
    st.info(t("filters.choose_one"))
    frame.stop()

weekly = query("diplomas_by_week", codes=chosen, date_from=start, date_to=end)
st.subheader(t("diplomas.weekly_heading"))
published = weekly.filter(pl.col("suppression").is_null())
totals = published.group_by("diplomacode").agg(pl.col("aantal").sum()).sort("diplomacode")
summary = t("diplomas.weekly_summary", items="; ".join(
    f"{row['diplomacode']} {numbers.integer(row['aantal'], lang)}" for row in totals.iter_rows(named=True)),
    withheld=weekly.height - published.height)
columns = [Col("week_start", "columns.week_start", "date"), Col("diplomacode", "columns.code"),
           Col("diplomaomschrijving", "columns.name"),
           Col("aantal", "columns.diplomas", "int", suppression="suppression"),
           Col("aantal_year_before", "columns.year_before", "int", suppression="suppression_year_before"),
           Col("change_pct", "columns.change_pct", "change", suppression="change_suppression")]
charts.show(charts.draw(charts.lines, weekly, x="week_start", group="diplomacode", name="diplomaomschrijving",
                        y="aantal", dotted="aantal_year_before", dotted_label=t("chart.year_before"),
                        y_title=t("columns.diplomas")),
            weekly.sort("diplomacode", "week_start"), columns, summary=summary, key="diplomas_weekly")

st.subheader(t("diplomas.yearly_heading"))
st.caption(t("diplomas.yearly_lead"))
yearly = query("diplomas_by_year").filter(pl.col("diplomacode").is_in(chosen))
yearly_chart = charts.draw(charts.grouped_bars, yearly.with_columns(pl.col("jaar").cast(pl.String).alias("year")),
                           x="year", group="diplomacode", y="aantal", y_title=t("columns.diplomas"),
                           labels={code: f"{code} · {names.get(code, code)}" for code in chosen})
complete_years = yearly.filter(pl.col("weeks") >= 52)   # an ISO year's first days may be all a file holds of it
latest_year = (complete_years if complete_years.height else yearly).filter(
    pl.col("jaar") == (complete_years if complete_years.height else yearly)["jaar"].max())
summary = t("diplomas.yearly_summary", year=latest_year["jaar"].max(), weeks=latest_year["weeks"].max(), items="; ".join(
    f"{row['diplomacode']} {numbers.integer(row['aantal'], lang)} ({numbers.signed_percent(row['change_pct'], lang) or '–'})"
    for row in latest_year.iter_rows(named=True)))
columns = [Col("jaar", "columns.year"), Col("diplomacode", "columns.code"),
           Col("diplomaomschrijving", "columns.name"), Col("weeks", "columns.weeks", "int"),
           Col("aantal", "columns.diplomas", "int"),
           Col("aantal_same_weeks", "columns.same_weeks", "int", suppression="change_suppression"),
           Col("aantal_year_before", "columns.same_weeks_before", "int", suppression="change_suppression"),
           Col("change", "columns.change", "int", suppression="change_suppression"),
           Col("change_pct", "columns.change_pct", "change", suppression="change_suppression")]
charts.show(yearly_chart, yearly, columns, summary=summary, key="diplomas_yearly")

downloads.panel("diplomas", weekly, "cbr_diplomas_weekly", {"codes": chosen, "from": start, "to": end},
                {"diplomacode": chosen, "week_start_from": start, "week_start_to": end})
