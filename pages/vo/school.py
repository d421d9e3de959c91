"""One secondary school (vestiging): its pass rate per onderwijstype and opleiding over the years against
the national rate and the schools of the same type, its SE, CE and cijferlijst averages per afdeling, and
per vak the averages and the SE-CE gap against the national average.

Queries: vo_school_search, vo_school_pass_rates, vo_school_grade_averages, vo_grade_years,
vo_school_subject_grades.
"""
import polars as pl
import streamlit as st

from examencijfers.ui import cells, charts, downloads, filters, frame, numbers, tables, url
from examencijfers.ui.data import query
from examencijfers.ui.i18n import current, t
from examencijfers.ui.tables import Col

lang = current()
st.title(t("pages.school.title"))

with st.container(border=True):
    school = filters.pick("school", "vo_school_search", code="vestigingscode", texts="school",
                          describe=lambda r: f"{r['vestigingsnaam']} · {r['plaatsnaam'] or ''} · {r['vestigingscode']}")
if school is None:
    frame.stop()

code = school["vestigingscode"]
SOURCES = ["duo", "deliveries"]
available = [s for s in SOURCES if not query("vo_school_pass_rates", vestigingscode=code, source=s).is_empty()] or ["duo"]
source = url.choice("source", t("filters.source"), available, widget="segmented",
                    format_func=lambda v: t(f"values.{v}"))
if source == "deliveries":
    frame.synthetic_banner(frame.DELIVERY_DATASETS)
st.subheader(school["vestigingsnaam"])
st.caption(t("school.identity", code=code, brin=school["instellingscode"], place=school["plaatsnaam"] or "–",
             gemeente=school["gemeentenaam"] or "–", provincie=school["provincie"] or "–"))

# --- pass rate over the years -----------------------------------------------------------------------------
st.subheader(t("school.rates_heading"))
rates = query("vo_school_pass_rates", vestigingscode=code, source=source)
if rates.is_empty():
    st.info(t("school.no_rates"))
else:
    types = rates["onderwijstype"].unique().sort().to_list()
    onderwijstype = url.choice("type", t("filters.onderwijstype"), types, widget="segmented")
    part = rates.filter(pl.col("onderwijstype") == onderwijstype)
    overall = part.filter(pl.col("inspectiecode").is_null()).sort("schooljaar")
    per_opleiding = part.filter(pl.col("inspectiecode").is_not_null() & (pl.col("examenkandidaten").fill_null(1) > 0))
    series = ["schooljaar", "series", "label", "rate", "ci_low", "ci_high", "n"]
    lines = pl.concat([
        overall.select("schooljaar", pl.lit("school").alias("series"), pl.lit(t("school.this_school")).alias("label"),
                       "rate", "ci_low", "ci_high", pl.col("examenkandidaten").alias("n")),
        per_opleiding.select("schooljaar", pl.col("inspectiecode").alias("series"), pl.col("opleidingsnaam").alias("label"),
                             "rate", "ci_low", "ci_high", pl.col("examenkandidaten").alias("n")),
    ], how="vertical_relaxed").select(series)
    figure = charts.draw(charts.rate_lines, lines, x="schooljaar", group="series", name="label",
                         y_title=t("columns.rate"), banded={"school"},
                         references=overall.select("schooljaar", "same_type_rate", "national_rate"),
                         reference_lines=[("same_type_rate", t("school.same_type"), "dash"),
                                          ("national_rate", t("opleiders.national"), "dot")])
    latest = overall.filter(pl.col("schooljaar") == overall["schooljaar"].max()).row(0, named=True) if overall.height else None
    summary = t("school.rates_summary", type=onderwijstype, year=latest["schooljaar"] if latest else "–",
                rate=(numbers.percent(latest["rate"], lang)
                      or t("vo.unknown", reason=cells.label(latest["rate_suppression"]))) if latest else "–",
                n=numbers.integer(latest["examenkandidaten"], lang) if latest and latest["examenkandidaten"] is not None else "–",
                same=numbers.percent(latest["same_type_rate"], lang) if latest else "–",
                percentile=numbers.percent(latest["percentile"], lang, 0) if latest and latest["percentile"] is not None else "–")
    columns = [Col("schooljaar", "filters.schooljaar"), Col("opleidingsnaam", "columns.opleiding"),
               Col("examenkandidaten", "columns.kandidaten", "int", suppression="examenkandidaten_suppression"),
               Col("geslaagden", "columns.geslaagden", "int", suppression="geslaagden_suppression"),
               Col("rate", "columns.rate", "pct", suppression="rate_suppression"),
               Col("ci_low", "columns.ci95", "ci", suppression="rate_suppression", high="ci_high"),
               Col("same_type_rate", "school.same_type", "pct"),
               Col("national_rate", "columns.national_rate", "pct"),
               Col("percentile", "columns.percentile", "pct", suppression="rate_suppression"),
               Col("excluded_groups", "columns.excluded_groups", "int")]
    table = pl.concat([overall.with_columns(pl.lit(t("school.all_opleidingen")).alias("opleidingsnaam")),
                       per_opleiding.sort("opleidingsnaam", "schooljaar")], how="vertical_relaxed")
    charts.show(figure, table, columns, summary=summary, key="school_rates")
    if table["excluded_groups"].gt(0).any():
        st.caption(t("vo.known_part"))
    downloads.panel("school_rates", table, "vo_pass_rates",
                    {"vestigingscode": code, "onderwijstype": onderwijstype, "source": source},
                    {"level": "vestiging", "area_code": code, "source": source})

# --- averages per afdeling ----------------------------------------------------------------------------------
st.subheader(t("school.averages_heading"))
averages = query("vo_school_grade_averages", vestigingscode=code, source=source)
if averages.is_empty():
    st.info(t("school.no_grades"))
else:
    columns = [Col("schooljaar", "filters.schooljaar"), Col("onderwijstype", "filters.onderwijstype"),
               Col("afdeling", "columns.afdeling"),
               Col("examenkandidaten", "columns.kandidaten", "int", suppression="examenkandidaten_suppression"),
               Col("gem_cijfer_se", "columns.gem_se", "grade", suppression="gem_cijfer_se_suppression"),
               Col("gem_cijfer_ce", "columns.gem_ce", "grade", suppression="gem_cijfer_ce_suppression"),
               Col("gem_cijfer_cijferlijst", "columns.gem_cijferlijst", "grade",
                   suppression="gem_cijfer_cijferlijst_suppression"),
               Col("se_ce_gap", "columns.se_ce_gap", "signed", suppression="se_ce_gap_suppression"),
               Col("national_ce", "columns.national_ce", "grade"),
               Col("ce_percentile", "columns.percentile", "pct", suppression="gem_cijfer_ce_suppression")]
    tables.show(averages.with_columns(pl.coalesce("afdeling", "sector", "leerweg").alias("afdeling")), columns,
                key="school_averages")
    downloads.panel("school_averages", averages, "vo_results_by_afdeling", {"vestigingscode": code, "source": source},
                    {"vestigingscode": code, "source": source})


# --- per vak --------------------------------------------------------------------------------------------------
@frame.fragment
def subjects() -> None:
    st.subheader(t("school.subjects_heading"))
    years = query("vo_grade_years", source=source)["schooljaar"].unique().sort(descending=True).to_list()
    if not years:
        st.info(t("school.no_grades"))
        return
    year = url.choice("grades_year", t("filters.schooljaar"), years, pinned=True)
    grades = query("vo_school_subject_grades", vestigingscode=code, schooljaar=year, source=source)
    if grades.is_empty():
        st.info(t("school.no_subject_grades", year=year))
        return
    with_gap = grades.filter(pl.col("se_ce_gap").is_not_null()).sort("se_ce_gap", descending=True)
    summary = t("school.subjects_summary", vakken=grades.height, year=year,
                largest=", ".join(f"{r['vaknaam']} {numbers.signed(r['se_ce_gap'], lang)}"
                                  for r in with_gap.head(2).iter_rows(named=True)) or "–",
                national=numbers.signed(with_gap["national_gap"].drop_nulls().mean(), lang) or "–")
    columns = [Col("vaknaam", "vo.vak"), Col("aantal_ce", "columns.kandidaten", "int", suppression="aantal_ce_suppression"),
               Col("gem_se", "columns.gem_se", "grade", suppression="gem_se_suppression"),
               Col("gem_ce", "columns.gem_ce", "grade", suppression="gem_ce_suppression"),
               Col("gem_cijferlijst", "columns.gem_cijferlijst", "grade", suppression="gem_cijferlijst_suppression"),
               Col("se_ce_gap", "columns.se_ce_gap", "signed", suppression="se_ce_gap_suppression"),
               Col("national_gap", "columns.national_gap", "signed"),
               Col("ce_percentile", "columns.percentile", "pct", suppression="gem_ce_suppression"),
               Col("gem_ce_3y", "columns.gem_ce_3y", "grade", suppression="grades_3y_suppression")]
    charts.show(charts.draw(charts.bars, with_gap, x="vakafkorting", y="se_ce_gap", y_title=t("columns.se_ce_gap"),
                            signed=True),
                grades.sort("vaknaam"), columns, summary=summary, key="school_subjects")
    downloads.panel("school_subjects", grades, "vo_subject_grades",
                    {"vestigingscode": code, "schooljaar": year, "source": source},
                    {"vestigingscode": code, "schooljaar": year, "source": source})


subjects()
