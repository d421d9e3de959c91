"""Downloads: choose a protected table, its filters and columns, see a preview and the size, and download it
as CSV, Excel, Parquet or a ZIP with metadata. The same code path as `examencijfers export`, so the file
here and the command's are the same bytes for the same choices.

Data: examencijfers.ui.downloads (the registry of downloadable tables, the published database only).
"""
import pyarrow as pa
import streamlit as st

from examencijfers.ui import downloads, frame, url
from examencijfers.ui.i18n import current, t

lang = current()
st.title(t("pages.downloads.title"))
st.caption(t("downloads.lead"))

datasets = downloads.datasets()
name = url.choice("dataset", t("downloads.dataset"), list(datasets),
                  format_func=lambda n: getattr(datasets[n], f"title_{lang}"))
dataset = datasets[name]
if dataset.publisher == "CBR":
    frame.synthetic_banner(dataset.source_datasets or frame.CBR_DATASETS)
elif dataset.publisher == "deliveries":
    frame.synthetic_banner(frame.DELIVERY_DATASETS)
labels = {c.name: getattr(c, f"label_{lang}") for c in dataset.columns}

st.subheader(t("downloads.filters"))
filters: dict = {}
equal = [f for f in dataset.filters if f.op == "eq"]
ranges = [f for f in dataset.filters if f.op != "eq"]
cells = st.columns(3)
for index, item in enumerate(equal):
    values = downloads.filter_values(name, item.key)
    with cells[index % 3]:
        chosen = url.choices(f"f_{item.key}", labels.get(item.column, item.key), values, [],
                             format_func=lambda v: t("downloads.null") if v is None else str(v),
                             placeholder=t("downloads.all_values"))
    if chosen:
        filters[item.key] = chosen
for index, item in enumerate(ranges):
    values = [v for v in downloads.filter_values(name, item.key) if v is not None]
    with cells[index % 3]:
        bound = url.choice(f"f_{item.key}", t(f"downloads.{'from' if item.op == 'ge' else 'to'}",
                                              column=labels.get(item.column, item.column)),
                           values, None, empty=t("downloads.any"))
    if bound is not None:
        filters[item.key] = bound

st.subheader(t("downloads.columns"))
columns = url.choices("columns", t("downloads.columns"), [c.name for c in dataset.columns],
                      list(dataset.default_columns), format_func=lambda c: f"{labels[c]} ({c})")
if not columns:
    st.info(t("filters.choose_one"))
    frame.stop()

st.subheader(t("downloads.preview"))
preview = downloads.preview(name, filters, columns)
dates = {field.name for field in preview.schema if pa.types.is_date(field.type)}
st.dataframe(preview, hide_index=True, placeholder=t("downloads.empty_cell"),
             column_config={c: st.column_config.DateColumn(labels.get(c, c), help=c, format="YYYY-MM-DD") if c in dates
                            else st.column_config.Column(labels.get(c, c), help=c) for c in preview.column_names})
st.caption(t("downloads.preview_note"))

fmt = url.choice("format", t("downloads.format"), list(downloads.FORMAT_LABELS), widget="segmented",
                 format_func=downloads.FORMAT_LABELS.get)
downloads.button("downloads_page", name, filters, columns, fmt)
st.caption(t("downloads.protected"))
with st.expander(t("downloads.cli_heading")):
    parts = ["examencijfers export", name] + [f"--filter {k}={v}" for k, vs in filters.items()
                                              for v in (vs if isinstance(vs, list) else [vs])]
    if list(columns) != list(dataset.default_columns):
        parts.append("--columns " + ",".join(columns))
    st.code(" ".join(parts + [f"--format {fmt}"]), language="bash")
