"""Secondary-school exams nationally (DUO): the pass rate per onderwijstype over the years, per provincie,
gemeente, instelling or vestiging in one schooljaar, and how schools' average grades for one vak are spread.

Queries: vo_onderwijstypen, vo_schooljaren, vo_pass_rate_national_trend, vo_pass_rates_by_area,
vo_grade_years, vo_vakken, vo_grade_distribution.
"""
import polars as pl
import streamlit as st

from examencijfers.ui import cells, charts, downloads, frame, numbers, url
from examencijfers.ui.data import query
from examencijfers.ui.i18n import current, t
from examencijfers.ui.tables import Col

lang = current()
st.title(t("pages.vo.title"))
st.caption(t("vo.lead"))

SOURCES = ["duo", "deliveries"]
available = [s for s in SOURCES if not query("vo_pass_rate_national_trend", source=s).is_empty()]
with st.container(border=True):
    top = st.columns([2, 1, 2])
    with top[2]:   # first: the school types and years on offer depend on the source
        source = url.choice("source", t("filters.source"), available, widget="segmented",
                            format_func=lambda v: t(f"values.{v}"))
    with top[0]:
        onderwijstype = url.choice("type", t("filters.onderwijstype"),
                                   query("vo_onderwijstypen", source=source)["onderwijstype"].to_list(), "HAVO",
                                   widget="segmented")
    with top[1]:
        schooljaar = url.choice("year", t("filters.schooljaar"),
                                query("vo_schooljaren", source=source)["schooljaar"].to_list(), pinned=True)
    bottom = st.columns([3, 2])
    with bottom[0]:
        level = url.choice("level", t("filters.level"), ["provincie", "gemeente", "instelling", "vestiging"],
                           widget="segmented", format_func=lambda v: t(f"values.{v}"))
    with bottom[1]:
        geslacht = url.choice("gender", t("filters.geslacht"), ["TOTAAL", "VROUW", "MAN"], widget="segmented",
                              format_func=lambda v: t(f"values.{v}"))
if source == "deliveries":
    frame.synthetic_banner(frame.DELIVERY_DATASETS)

# --- the national trend ---------------------------------------------------------------------------------
st.subheader(t("vo.trend_heading"))
trend = query("vo_pass_rate_national_trend", source=source)
shown_trend = trend.sort("onderwijstype", "schooljaar")
latest = shown_trend.filter(pl.col("schooljaar") == shown_trend["schooljaar"].max())
summary = t("vo.trend_summary", year=shown_trend["schooljaar"].max(), items="; ".join(
    f"{r['onderwijstype']} {numbers.percent(r['rate'], lang) or t('vo.unknown', reason=cells.label(r['rate_suppression']))}"
    for r in latest.iter_rows(named=True)))
columns = [Col("onderwijstype", "filters.onderwijstype"), Col("schooljaar", "filters.schooljaar"),
           Col("examenkandidaten", "columns.kandidaten", "int", suppression="examenkandidaten_suppression"),
           Col("geslaagden", "columns.geslaagden", "int", suppression="geslaagden_suppression"),
           Col("rate", "columns.rate", "pct", suppression="rate_suppression"),
           Col("ci_low", "columns.ci95", "ci", suppression="rate_suppression", high="ci_high"),
           Col("excluded_groups", "columns.excluded_groups", "int")]
charts.show(charts.draw(charts.rate_lines, shown_trend.with_columns(pl.col("examenkandidaten").alias("n")),
                        x="schooljaar", group="onderwijstype", name="onderwijstype", y_title=t("columns.rate")),
            shown_trend, columns, summary=summary, key="vo_trend", drawn=shown_trend["rate"].is_not_null().any())
if shown_trend["excluded_groups"].gt(0).any():
    st.caption(t("vo.known_part"))

# --- per area ---------------------------------------------------------------------------------------------
st.subheader(t("vo.area_heading", level=t(f"values.{level}").lower()))
areas = query("vo_pass_rates_by_area", level=level, onderwijstype=onderwijstype, schooljaar=schooljaar,
              geslacht=geslacht, source=source).sort("rate", descending=True, nulls_last=True)
rated = areas.filter(pl.col("rate").is_not_null())
summary = t("vo.area_summary", areas=areas.height, rated=rated.height, type=onderwijstype, year=schooljaar,
            median=numbers.percent(rated["rate"].median(), lang) or "–",
            low=numbers.percent(rated["rate"].min(), lang) or "–", high=numbers.percent(rated["rate"].max(), lang) or "–")
columns = [Col("area_name", "columns.name"), Col("area_code", "columns.code"),
           Col("examenkandidaten", "columns.kandidaten", "int", suppression="examenkandidaten_suppression"),
           Col("geslaagden", "columns.geslaagden", "int", suppression="geslaagden_suppression"),
           Col("rate", "columns.rate", "pct", suppression="rate_suppression"),
           Col("ci_low", "columns.ci95", "ci", suppression="rate_suppression", high="ci_high"),
           Col("percentile", "columns.percentile", "pct", suppression="rate_suppression"),
           Col("excluded_groups", "columns.excluded_groups", "int")]
if level == "provincie":
    figure = charts.draw(charts.dot_intervals, areas, label="area_name", n="examenkandidaten",
                         reference=rated["national_rate"].drop_nulls().first(),
                         reference_label=t("opleiders.national"))
else:
    figure = charts.draw(charts.histogram, rated["rate"], x_title=t("columns.rate"), y_title=t("vo.areas_axis"),
                         bin_size=0.01, percent=True)
charts.show(figure, areas, columns, summary=summary, key="vo_areas", drawn=rated.height > 0)
if areas["excluded_groups"].gt(0).any():
    st.caption(t("vo.known_part"))
downloads.panel("vo_areas", areas, "vo_pass_rates",
                {"level": level, "onderwijstype": onderwijstype, "schooljaar": schooljaar, "geslacht": geslacht,
                 "source": source},
                {"level": level, "onderwijstype": onderwijstype, "schooljaar": schooljaar, "geslacht": geslacht,
                 "source": source})


# --- grade distributions per vak ---------------------------------------------------------------------------
@frame.fragment
def grades() -> None:
    st.subheader(t("vo.grades_heading"))
    years = query("vo_grade_years", source=source)
    if years.is_empty():
        st.info(t("vo.no_grades"))
        return
    vakken = query("vo_vakken", source=source)
    names = dict(zip(vakken["vakcode"], vakken["vaknaam"]))
    left, middle, right = st.columns([1, 1, 2])
    with left:
        grade_type = url.choice("grades_type", t("filters.onderwijstype"), years["onderwijstype"].unique().sort().to_list(),
                                onderwijstype, widget="segmented")
    with middle:
        grade_year = url.choice("grades_year", t("filters.schooljaar"),
                                years.filter(pl.col("onderwijstype") == grade_type)["schooljaar"].to_list(), pinned=True)
    with right:
        vak = url.choice("vak", t("vo.vak"), vakken["vakcode"].to_list(), "1001",
                         format_func=lambda c: names.get(c) or str(c))
    spread = query("vo_grade_distribution", onderwijstype=grade_type, vakcode=vak, schooljaar=grade_year,
                   source=source)
    published = spread.filter(pl.col("gem_ce").is_not_null())
    if published.is_empty():
        st.info(t("vo.no_grades_vak"))
        return
    summary = t("vo.grades_summary", vak=names.get(vak, vak), schools=published.height,
                median=numbers.decimal(published["gem_ce"].median(), lang),
                low=numbers.decimal(published["gem_ce"].min(), lang),
                high=numbers.decimal(published["gem_ce"].max(), lang),
                gap=numbers.signed(published["se_ce_gap"].drop_nulls().median(), lang))
    columns = [Col("vestigingsnaam", "columns.school"), Col("vestigingscode", "columns.code"),
               Col("aantal_ce", "columns.kandidaten", "int", suppression="aantal_ce_suppression"),
               Col("gem_se", "columns.gem_se", "grade", suppression="gem_se_suppression"),
               Col("gem_ce", "columns.gem_ce", "grade", suppression="gem_ce_suppression"),
               Col("gem_cijferlijst", "columns.gem_cijferlijst", "grade", suppression="gem_cijferlijst_suppression"),
               Col("se_ce_gap", "columns.se_ce_gap", "signed", suppression="se_ce_gap_suppression"),
               Col("ce_percentile", "columns.percentile", "pct", suppression="gem_ce_suppression")]
    charts.show(charts.draw(charts.histogram, published["gem_ce"], x_title=t("columns.gem_ce"),
                            y_title=t("vo.schools_axis")),
                spread.sort("gem_ce", descending=True, nulls_last=True), columns, summary=summary, key="vo_grades")
    downloads.panel("vo_grades", spread, "vo_subject_grades",
                    {"onderwijstype": grade_type, "schooljaar": grade_year, "vakcode": vak},
                    {"onderwijstype": grade_type, "schooljaar": grade_year, "vakcode": vak, "source": source})


grades()
