"""The record-level deliveries (Regeling gegevenslevering onderwijsnummer VO) as their own source: pupils on
the teldatum per leerjaar and opleiding, per vak the first-tijdvak CE grade, the eindcijfer, the SE-CE gap and
the use of a second or third tijdvak, and the candidates who withdrew, spread their exam or took a deelexamen.
Beside DUO's open data (pages vo and school), never mixed with it.

Queries: vo_delivery_coverage, vo_delivery_enrolment_by_leerjaar, vo_delivery_enrolment,
vo_delivery_subject_details, vo_delivery_exam_outcomes.
"""
import polars as pl
import streamlit as st

from examencijfers.ui import charts, downloads, frame, numbers, tables, url
from examencijfers.ui.data import query
from examencijfers.ui.i18n import current, t
from examencijfers.ui.tables import Col

lang = current()
ALL = ""   # the option 'every vestiging' / 'every onderwijstype' (the queries' '' = all)
st.title(t("pages.leveringen.title"))
st.caption(t("deliveries.lead"))
frame.synthetic_banner(frame.DELIVERY_DATASETS)

coverage = query("vo_delivery_coverage")
if coverage.is_empty():
    st.info(t("deliveries.none"))
    frame.stop()

places = coverage.unique("vestigingscode").sort("vestigingsnaam", "vestigingscode")
names = dict(zip(places["vestigingscode"], places["vestigingsnaam"]))
described = {row["vestigingscode"]: f"{row['vestigingsnaam']} · {row['plaatsnaam'] or '–'} · {row['vestigingscode']}"
             for row in places.iter_rows(named=True)}
with st.container(border=True):
    left, right = st.columns([2, 3])
    with left:
        vestiging = url.choice("vestiging", t("deliveries.vestiging"), [ALL, *places["vestigingscode"].to_list()], ALL,
                               format_func=lambda c: t("deliveries.all_vestigingen") if c == ALL else described.get(c, c))
    offered = coverage if vestiging == ALL else coverage.filter(pl.col("vestigingscode") == vestiging)
    with right:
        onderwijstype = url.choice("type", t("filters.onderwijstype"),
                                   [ALL, *offered["onderwijstype"].unique().sort().to_list()], ALL, widget="segmented",
                                   format_func=lambda v: t("deliveries.all_types") if v == ALL else v)
chosen = {"vestigingscode": vestiging, "onderwijstype": onderwijstype}
where = described.get(vestiging, t("deliveries.all_vestigingen")) if vestiging != ALL else t("deliveries.all_vestigingen")
st.caption(t("deliveries.source_note"))


def years(dataset: str) -> list[str]:
    part = offered.filter(pl.col("dataset") == dataset)
    if onderwijstype != ALL:
        part = part.filter(pl.col("onderwijstype") == onderwijstype)
    return part["schooljaar"].unique().sort(descending=True).to_list()


def section(heading: str, dataset: str, param: str, label: str, empty: str) -> str | None:
    """A section's heading and its schooljaar (the tables cover different years: enrolment is counted on
    1 October, exams in the summer before); None, after saying so, when the choice has none."""
    st.subheader(t(heading))
    offered_years = years(dataset)
    if not offered_years:
        st.info(t(empty))
        return None
    return url.choice(param, t(label), offered_years, pinned=True)


def full_filters(year: str) -> dict:
    """The registry's filter keys for the same choice (the full protected table of the download panel)."""
    return {"schooljaar": year, **{k: v for k, v in chosen.items() if v != ALL}}


# --- enrolment on the teldatum ------------------------------------------------------------------------------
@frame.fragment
def enrolment() -> None:
    year = section("deliveries.enrolment_heading", "enrolment", "enrolment_year", "deliveries.teldatum_year",
                   "deliveries.no_enrolment")
    if year is None:
        return
    totals = query("vo_delivery_enrolment_by_leerjaar", schooljaar=year, **chosen)
    rows = query("vo_delivery_enrolment", schooljaar=year, **chosen)
    types = totals["onderwijstype"].unique().sort().to_list()
    wide = (totals.with_columns(pl.col("leerjaar").cast(pl.String).alias("leerjaar_label"))
            .pivot(on="onderwijstype", index="leerjaar_label", values="leerlingen", aggregate_function="sum")
            .sort("leerjaar_label"))
    figure = charts.draw(charts.stacked_bars, wide, x="leerjaar_label",
                         series=[(ty, ty) for ty in types if ty in wide.columns], y_title=t("deliveries.leerlingen"),
                         x_title=t("deliveries.leerjaar"), x_categories=True)
    withheld = int(totals["leerlingen_withheld"].sum())
    summary = t("deliveries.enrolment_summary", where=where, year=year,
                teldatum=numbers.date(rows["teldatum"].min(), lang) if rows.height else "–",
                known=numbers.integer(int(totals["leerlingen"].drop_nulls().sum()), lang),
                withheld=numbers.integer(withheld, lang),
                d1=numbers.integer(int(totals["nieuwkomers_d1"].drop_nulls().sum()), lang),
                d2=numbers.integer(int(totals["nieuwkomers_d2"].drop_nulls().sum()), lang))
    columns = [Col("onderwijstype", "filters.onderwijstype"), Col("leerjaar", "deliveries.leerjaar"),
               Col("vestigingen", "deliveries.vestigingen", "int"),
               Col("leerlingen", "deliveries.leerlingen_known", "int", suppression="leerlingen_suppression"),
               Col("leerlingen_withheld", "deliveries.withheld", "int"),
               Col("nieuwkomers_d1", "deliveries.nieuwkomers_d1_known", "int", suppression="nieuwkomers_d1_suppression"),
               Col("nieuwkomers_d2", "deliveries.nieuwkomers_d2_known", "int", suppression="nieuwkomers_d2_suppression"),
               Col("leerlingen_praktijkonderwijs", "deliveries.praktijk_known", "int",
                   suppression="leerlingen_praktijkonderwijs_suppression")]
    charts.show(figure, totals, columns, summary=summary, key="deliveries_enrolment",
                drawn=totals["leerlingen"].is_not_null().any())
    st.caption(t("deliveries.known_part_note"))
    with st.expander(t("deliveries.enrolment_cells")):
        tables.show(rows, [
            Col("vestigingsnaam", "columns.school"), Col("ilt_code", "deliveries.ilt_code"),
            Col("opleidingsnaam", "columns.opleiding"), Col("leerjaar", "deliveries.leerjaar"),
            Col("leerlingen", "deliveries.leerlingen", "int", suppression="leerlingen_suppression"),
            Col("nieuwkomers_d1", "deliveries.nieuwkomers_d1", "int", suppression="nieuwkomers_d1_suppression"),
            Col("nieuwkomers_d2", "deliveries.nieuwkomers_d2", "int", suppression="nieuwkomers_d2_suppression"),
            Col("leerlingen_praktijkonderwijs", "deliveries.praktijk", "int",
                suppression="leerlingen_praktijkonderwijs_suppression"),
            Col("gem_jaren_praktijkonderwijs", "deliveries.praktijk_years", "grade",
                suppression="gem_jaren_praktijkonderwijs_suppression")], key="deliveries_enrolment_cells")
    downloads.panel("deliveries_enrolment", totals, "vo_enrolment", full_filters(year), full_filters(year))


# --- per vak ----------------------------------------------------------------------------------------------------
@frame.fragment
def subjects() -> None:
    year = section("deliveries.subjects_heading", "subject_details", "exam_year", "filters.schooljaar",
                   "deliveries.no_subjects")
    if year is None:
        return
    details = query("vo_delivery_subject_details", schooljaar=year, **chosen)
    gaps = details.filter(pl.col("gem_se_min_ce").is_not_null())
    vak_labels = gaps.with_columns((pl.col("vakafkorting").fill_null(pl.col("vakcode")) + " · "
                                    + pl.col("onderwijstype")).alias("vak_label"))
    figure = charts.draw(charts.grouped_bars, vak_labels, x="vak_label", group="vestigingscode", y="gem_se_min_ce",
                         labels={code: names.get(code, code) for code in gaps["vestigingscode"].unique().to_list()},
                         y_title=t("columns.se_ce_gap"), value_format=".2f", tick_format=".1f", x_sorted=True,
                         hovermode="x unified")
    shares = details.filter(pl.col("share_tijdvak_2_of_3").is_not_null())
    summary = t("deliveries.subjects_summary", where=where, year=year, rows=details["vakcode"].n_unique(),
                gap=numbers.signed(gaps["gem_se_min_ce"].median(), lang) or "–",
                shares=shares.height,
                share=numbers.percent(shares["share_tijdvak_2_of_3"].median(), lang) or "–",
                withheld=details["gem_se_min_ce_suppression"].is_not_null().sum())
    columns = [Col("vestigingsnaam", "columns.school"), Col("onderwijstype", "filters.onderwijstype"),
               Col("vaknaam", "vo.vak"),
               Col("aantal_ce", "deliveries.aantal_ce", "int", suppression="aantal_ce_suppression"),
               Col("gem_ce_1", "deliveries.gem_ce_1", "grade", suppression="gem_ce_1_suppression"),
               Col("gem_eindcijfer", "deliveries.gem_eindcijfer", "grade", suppression="gem_eindcijfer_suppression"),
               Col("gem_se_min_ce", "columns.se_ce_gap", "signed", suppression="gem_se_min_ce_suppression"),
               Col("tijdvak_2_of_3", "deliveries.tijdvak_2_of_3", "int", suppression="tijdvak_2_of_3_suppression"),
               Col("share_tijdvak_2_of_3", "deliveries.share_tijdvak_2_of_3", "pct",
                   suppression="share_tijdvak_2_of_3_suppression"),
               Col("certificaten_deelexamen", "deliveries.certificaten", "int",
                   suppression="certificaten_deelexamen_suppression")]
    charts.show(figure, details, columns, summary=summary, key="deliveries_subjects", drawn=gaps.height > 0)
    downloads.panel("deliveries_subjects", details, "vo_subject_details", full_filters(year), full_filters(year))


# --- exam outcomes besides geslaagd and afgewezen -------------------------------------------------------------------
@frame.fragment
def outcomes() -> None:
    year = section("deliveries.outcomes_heading", "exam_outcomes", "outcomes_year", "filters.schooljaar",
                   "deliveries.no_outcomes")
    if year is None:
        return
    results = query("vo_delivery_exam_outcomes", schooljaar=year, **chosen)
    counts = {column: (int(results[column].drop_nulls().sum()), int(results[f"{column}_suppression"].is_not_null().sum()))
              for column in ("teruggetrokken", "gespreid", "deelexamen")}
    tables.show(results, [
        Col("vestigingsnaam", "columns.school"), Col("ilt_code", "deliveries.ilt_code"),
        Col("opleidingsnaam", "columns.opleiding"),
        Col("teruggetrokken", "deliveries.teruggetrokken", "int", suppression="teruggetrokken_suppression"),
        Col("gespreid", "deliveries.gespreid", "int", suppression="gespreid_suppression"),
        Col("deelexamen", "deliveries.deelexamen", "int", suppression="deelexamen_suppression")],
        key="deliveries_outcomes")
    st.caption(t("deliveries.outcomes_summary", where=where, year=year, rows=results.height,
                 items="; ".join(t("deliveries.outcome_item", label=t(f"deliveries.{column}"),
                                   known=numbers.integer(known, lang), withheld=numbers.integer(hidden, lang))
                                 for column, (known, hidden) in counts.items())))
    downloads.panel("deliveries_outcomes", results, "vo_exam_outcomes", full_filters(year), full_filters(year))


enrolment()
subjects()
outcomes()
