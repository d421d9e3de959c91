"""Secondary-school exams nationally (DUO): the pass rate per onderwijstype over the years, per provincie,
gemeente, instelling or vestiging in one schooljaar, and how schools' average grades for one vak are spread.

Queries: vo_onderwijstypen, vo_schooljaren, vo_pass_rate_national_trend, vo_pass_rates_by_area,
vo_grade_years, vo_vakken, vo_grade_distribution.
"""
import polars as pl
import streamlit as st

from examencijfers.ui import cells, charts, downloads, frame, numbers, url
from examencijfers.ui.data import per_publication, query
from examencijfers.ui.i18n import current, t
from examencijfers.ui.tables import Col

lang = current()
st.title(t("pages.vo.title"))
st.caption(t("vo.lead"))

SOURCES = ["duo", "deliveries"]


@per_publication
def choices() -> dict[str, tuple[list[str], list[str]]]:
    """Per source that has data: its onderwijstypen and schooljaren."""
    return {source: (query("vo_onderwijstypen", source=source)["onderwijstype"].to_list(),
                     query("vo_schooljaren", source=source)["schooljaar"].to_list())
            for source in SOURCES if not query("vo_pass_rate_national_trend", source=source).is_empty()}


offered = choices()
if not offered:   # a publication without DUO's files or deliveries
    st.info(t("overview.no_vo"))
    frame.stop()
available = list(offered)
with st.container(border=True):
    top = st.columns([2, 1, 2])
    with top[2]:   # first: the school types and years on offer depend on the source
        source = url.choice("source", t("filters.source"), available, widget="segmented",
                            format_func=lambda v: t(f"values.{v}"))
    with top[0]:
        onderwijstype = url.choice("type", t("filters.onderwijstype"), offered[source][0], "HAVO",
                                   widget="segmented")
    with top[1]:
        schooljaar = url.choice("year", t("filters.schooljaar"), offered[source][1], pinned=True)
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


@per_publication
def trend_view(source: str) -> dict:
    """The national rates per onderwijstype and year, as the table and as lines (n: the kandidaten); the latest
    year and its rows; whether any rate is published, whether any sum is a known part."""
    shown = query("vo_pass_rate_national_trend", source=source).sort("onderwijstype", "schooljaar")
    year = shown["schooljaar"].max()
    return {"table": shown, "lines": shown.with_columns(pl.col("examenkandidaten").alias("n")), "year": year,
            "latest": shown.filter(pl.col("schooljaar") == year).rows(named=True),
            "rated": shown["rate"].is_not_null().any(), "known_part": shown["excluded_groups"].gt(0).any()}


trend = trend_view(source)
summary = t("vo.trend_summary", year=trend["year"], items="; ".join(
    f"{r['onderwijstype']} {numbers.percent(r['rate'], lang) or t('vo.unknown', reason=cells.label(r['rate_suppression']))}"
    for r in trend["latest"]))
columns = [Col("onderwijstype", "filters.onderwijstype"), Col("schooljaar", "filters.schooljaar"),
           Col("examenkandidaten", "columns.kandidaten", "int", suppression="examenkandidaten_suppression"),
           Col("geslaagden", "columns.geslaagden", "int", suppression="geslaagden_suppression"),
           Col("rate", "columns.rate", "pct", suppression="rate_suppression"),
           Col("ci_low", "columns.ci95", "ci", suppression="rate_suppression", high="ci_high"),
           Col("excluded_groups", "columns.excluded_groups", "int")]
charts.show(charts.draw(charts.rate_lines, trend["lines"], x="schooljaar", group="onderwijstype", name="onderwijstype",
                        y_title=t("columns.rate")),
            trend["table"], columns, summary=summary, key="vo_trend", drawn=trend["rated"])
if trend["known_part"]:
    st.caption(t("vo.known_part"))

# --- per area ---------------------------------------------------------------------------------------------
st.subheader(t("vo.area_heading", level=t(f"values.{level}").lower()))


@per_publication
def area_view(level: str, onderwijstype: str, schooljaar: str, geslacht: str, source: str) -> dict:
    """The areas' rates, highest first; the published ones with their median, lowest and highest; the
    national rate; whether any sum is a known part."""
    areas = query("vo_pass_rates_by_area", level=level, onderwijstype=onderwijstype, schooljaar=schooljaar,
                  geslacht=geslacht, source=source).sort("rate", descending=True, nulls_last=True)
    rates = areas.filter(pl.col("rate").is_not_null())["rate"]
    return {"areas": areas, "rates": rates, "median": rates.median(), "low": rates.min(), "high": rates.max(),
            "national": areas.filter(pl.col("rate").is_not_null())["national_rate"].drop_nulls().first(),
            "known_part": areas["excluded_groups"].gt(0).any()}


view = area_view(level, onderwijstype, schooljaar, geslacht, source)
areas, rates = view["areas"], view["rates"]
summary = t("vo.area_summary", areas=areas.height, rated=rates.len(), type=onderwijstype, year=schooljaar,
            median=numbers.percent(view["median"], lang) or "–",
            low=numbers.percent(view["low"], lang) or "–", high=numbers.percent(view["high"], lang) or "–")
columns = [Col("area_name", "columns.name"), Col("area_code", "columns.code"),
           Col("examenkandidaten", "columns.kandidaten", "int", suppression="examenkandidaten_suppression"),
           Col("geslaagden", "columns.geslaagden", "int", suppression="geslaagden_suppression"),
           Col("rate", "columns.rate", "pct", suppression="rate_suppression"),
           Col("ci_low", "columns.ci95", "ci", suppression="rate_suppression", high="ci_high"),
           Col("percentile", "columns.percentile", "pct", suppression="rate_suppression"),
           Col("excluded_groups", "columns.excluded_groups", "int")]
if level == "provincie":
    figure = charts.draw(charts.dot_intervals, areas, label="area_name", n="examenkandidaten",
                         reference=view["national"], reference_label=t("opleiders.national"))
else:
    figure = charts.draw(charts.histogram, rates, x_title=t("columns.rate"), y_title=t("vo.areas_axis"),
                         bin_size=0.01, percent=True)
charts.show(figure, areas, columns, summary=summary, key="vo_areas", drawn=rates.len() > 0)
if view["known_part"]:
    st.caption(t("vo.known_part"))
downloads.panel("vo_areas", areas, "vo_pass_rates",
                {"level": level, "onderwijstype": onderwijstype, "schooljaar": schooljaar, "geslacht": geslacht,
                 "source": source},
                {"level": level, "onderwijstype": onderwijstype, "schooljaar": schooljaar, "geslacht": geslacht,
                 "source": source})


# --- grade distributions per vak ---------------------------------------------------------------------------
@per_publication
def grade_choices(source: str) -> tuple[dict[str, list[str]], dict[str, str]]:
    """The schooljaren with grades per onderwijstype, and the vakken by code with their names."""
    years = query("vo_grade_years", source=source)
    vakken = query("vo_vakken", source=source)
    return ({kind: years.filter(pl.col("onderwijstype") == kind)["schooljaar"].to_list()
             for kind in years["onderwijstype"].unique().sort().to_list()},
            dict(zip(vakken["vakcode"], vakken["vaknaam"])))


@per_publication
def grade_view(grade_type: str, vak: str, grade_year: str, source: str) -> dict:
    """The schools' grades for one vak (highest CE first for the table); the published CE averages, their
    median, lowest and highest, and the median SE-CE gap."""
    spread = query("vo_grade_distribution", onderwijstype=grade_type, vakcode=vak, schooljaar=grade_year,
                   source=source)
    published = spread.filter(pl.col("gem_ce").is_not_null())
    return {"spread": spread, "table": spread.sort("gem_ce", descending=True, nulls_last=True),
            "ce": published["gem_ce"], "median": published["gem_ce"].median(), "low": published["gem_ce"].min(),
            "high": published["gem_ce"].max(), "gap": published["se_ce_gap"].drop_nulls().median()}


@frame.fragment
def grades() -> None:
    st.subheader(t("vo.grades_heading"))
    years, names = grade_choices(source)
    if not years:
        st.info(t("vo.no_grades"))
        return
    left, middle, right = st.columns([1, 1, 2])
    with left:
        grade_type = url.choice("grades_type", t("filters.onderwijstype"), list(years), onderwijstype,
                                widget="segmented")
    with middle:
        grade_year = url.choice("grades_year", t("filters.schooljaar"), years[grade_type], pinned=True)
    with right:
        vak = url.choice("vak", t("vo.vak"), list(names), "1001", format_func=lambda c: names.get(c) or str(c))
    view = grade_view(grade_type, vak, grade_year, source)
    spread = view["spread"]
    if view["ce"].is_empty():
        st.info(t("vo.no_grades_vak"))
        return
    summary = t("vo.grades_summary", vak=names.get(vak, vak), schools=view["ce"].len(),
                median=numbers.decimal(view["median"], lang), low=numbers.decimal(view["low"], lang),
                high=numbers.decimal(view["high"], lang), gap=numbers.signed(view["gap"], lang))
    columns = [Col("vestigingsnaam", "columns.school"), Col("vestigingscode", "columns.code"),
               Col("aantal_ce", "columns.kandidaten", "int", suppression="aantal_ce_suppression"),
               Col("gem_se", "columns.gem_se", "grade", suppression="gem_se_suppression"),
               Col("gem_ce", "columns.gem_ce", "grade", suppression="gem_ce_suppression"),
               Col("gem_cijferlijst", "columns.gem_cijferlijst", "grade", suppression="gem_cijferlijst_suppression"),
               Col("se_ce_gap", "columns.se_ce_gap", "signed", suppression="se_ce_gap_suppression"),
               Col("ce_percentile", "columns.percentile", "pct", suppression="gem_ce_suppression")]
    charts.show(charts.draw(charts.histogram, view["ce"], x_title=t("columns.gem_ce"), y_title=t("vo.schools_axis")),
                view["table"], columns, summary=summary, key="vo_grades")
    downloads.panel("vo_grades", spread, "vo_subject_grades",
                    {"onderwijstype": grade_type, "schooljaar": grade_year, "vakcode": vak},
                    {"onderwijstype": grade_type, "schooljaar": grade_year, "vakcode": vak, "source": source})


grades()
