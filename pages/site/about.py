"""About the data: where every figure comes from (the loaded files and their publications), what the words
mean, CBR's disclaimer, DUO's licence and the deliveries' terms, the protection rules with how many cells
each withheld, and the legend of the symbols used in every table.

Queries: sources, suppression_rules, suppression_counts, suppression_reasons.
"""
import polars as pl
import streamlit as st

from examencijfers.ui import downloads, frame, i18n, numbers, tables
from examencijfers.ui.data import per_publication, publication, query
from examencijfers.ui.i18n import current, t
from examencijfers.ui.tables import Col

lang = current()
st.title(t("pages.over-de-data.title"))
st.caption(t("about.lead"))



@per_publication
def source_table(lang: str) -> pl.DataFrame:
    """The loaded files per dataset, named and marked synthetic or not in `lang` (the page's language)."""
    sources = query("sources")
    yes, no = i18n.text("about.synthetic_yes", lang), i18n.text("about.synthetic_no", lang)
    return sources.with_columns(
        pl.col("dataset").replace_strict({d: frame.dataset_name(d, lang) for d in sources["dataset"].unique()},
                                         default=pl.col("dataset")).alias("dataset_label"),
        pl.when(pl.col("synthetic")).then(pl.lit(yes)).otherwise(pl.lit(no)).alias("synthetic_label")
    ).sort("dataset", "period_end")


@per_publication
def withheld_cells(lang: str) -> tuple[pl.DataFrame, pl.DataFrame, int]:
    """The withheld cells per reason (named in `lang`), per table and column, and in all."""
    counts = query("suppression_counts")
    by_reason = (counts.group_by("reason", "symbol", f"label_{lang}").agg(pl.col("cells").sum())
                 .sort("cells", descending=True))
    return by_reason, counts.sort("table_name", "column_name", "reason"), counts["cells"].sum()


st.subheader(t("about.sources_heading"))
tables.show(source_table(lang), [
    Col("dataset_label", "about.dataset"), Col("publication", "columns.publication"),
    Col("period_start", "about.from", "date"), Col("period_end", "about.until", "date"),
    Col("file_name", "about.file"), Col("row_count", "about.rows", "int"),
    Col("synthetic_label", "about.synthetic")], key="about_sources")
built = publication()
st.caption(t("about.built", built=built.get("built_at", "–"), version=built.get("schema_version", "–")))
frame.synthetic_banner(frame.CBR_DATASETS)
frame.synthetic_banner(frame.DELIVERY_DATASETS)

st.subheader(t("about.definitions_heading"))
for key in ("voldoende", "eerste_her", "toets", "particulier_tolk", "rolling", "interval", "funnel", "vo_rate",
            "grades"):
    st.markdown(f"**{t(f'about.term_{key}')}** — {t(f'about.def_{key}')}")

st.subheader(t("about.licences_heading"))
for publisher, name in (("CBR", "CBR"), ("DUO", "DUO"), ("deliveries", t("values.deliveries"))):
    terms = downloads.licence(publisher, lang)
    st.markdown(f"**{name}** — {terms['disclaimer']} ({terms['licence']}). *{terms['attribution']}*")

st.subheader(t("about.protection_heading"))
st.markdown(t("about.protection_lead"))
rules = query("suppression_rules")
tables.show(rules, [Col("rule", "about.rule"), Col("value", "about.value"), Col(f"description_{lang}", "about.description")],
            key="about_rules")
by_reason, per_column, withheld_total = withheld_cells(lang)
st.markdown(t("about.counts_lead"))
tables.show(by_reason, [Col("symbol", "about.symbol"), Col(f"label_{lang}", "about.reason"),
                        Col("cells", "about.cells", "int")], key="about_counts")
per_table = frame.expander_when_open(t("about.counts_by_table"), key="about_counts_table")
if per_table is not None:
    with per_table:
        tables.show(per_column,
                    [Col("table_name", "about.table"), Col("column_name", "about.column"), Col("symbol", "about.symbol"),
                     Col("cells", "about.cells", "int")], key="about_counts_tables")

st.subheader(t("about.legend_heading"))
reasons = query("suppression_reasons")
tables.show(reasons, [Col("symbol", "about.symbol"), Col(f"label_{lang}", "about.meaning"), Col("reason", "about.code")],
            key="about_legend")
st.caption(t("about.legend_note", total=numbers.integer(withheld_total, lang)))
