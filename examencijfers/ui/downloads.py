"""The download panel of a data page: what you see, or the whole protected table, in any format.

It runs in a fragment, so choosing a format does not rerun the page, and the file is built only when the
button is pressed (a deferred download whose button does not rerun anything). Both kinds of file come from
examencijfers.extracts, the code path of `examencijfers export`, so a page's full-table file and the
command's are the same bytes.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import polars as pl
import pyarrow as pa
import streamlit as st

from examencijfers import extracts, serving
from examencijfers.extracts.frames import frame_filename, frame_size_estimate
from examencijfers.extracts.metadata import LICENCES
from examencijfers.ui import numbers
from examencijfers.ui.data import frozen, read_once
from examencijfers.ui.frame import expander_when_open, fragment
from examencijfers.ui.i18n import current, t
from examencijfers.ui.remembered import Remembered
from examencijfers.ui.tables import fingerprint

FORMAT_LABELS = {"csv": "CSV", "xlsx": "Excel", "parquet": "Parquet", "zip": "ZIP (CSV + metadata)"}


def size_text(rows: int, size: int) -> str:
    lang = current()
    if size >= 1_000_000:
        amount = f"{numbers.decimal(size / 1_000_000, lang)} MB"
    else:
        amount = f"{numbers.integer(max(1, round(size / 1000)), lang)} kB"
    return t("downloads.size", rows=numbers.integer(rows, lang), size=amount)


def _shown_file(frame: pl.DataFrame, dataset: str, filters: Mapping[str, Any], fmt: str) -> bytes:
    return extracts.make_frame_extract(frame, dataset, dict(filters), fmt, serving.published_path()).data


def _full_file(dataset: str, filters: Mapping[str, Any], fmt: str) -> bytes:
    return extracts.make_extract(dataset, dict(filters), None, fmt, serving.published_path()).data


class ShownSizes(Remembered):
    """The size of each shown table's file, by the table's content and format: the estimate writes the whole
    table as CSV, which every run of a page with a download panel would do again."""

    SIZE = 1024


def shown_size(frame: pl.DataFrame, fmt: str) -> extracts.SizeEstimate:
    """The size of the 'what you see' file of `frame` in `fmt`, remembered per content."""
    key = (fingerprint(frame), fmt)
    return ShownSizes.shared().recall(key, lambda: frame_size_estimate(frame, fmt))


def estimate(dataset: str, filters: Mapping[str, Any], columns: list[str] | None, fmt: str) -> extracts.SizeEstimate:
    """The size of a full-table file, once per choice and publication (one count query), shared."""
    key = ("estimate", dataset, frozen(dict(filters)), tuple(columns) if columns is not None else None, fmt)
    return read_once(key, lambda file: extracts.size_estimate(dataset, dict(filters), columns, fmt, file[0]))


def datasets() -> dict[str, extracts.Dataset]:
    """The downloadable tables of the registry, by name."""
    return {dataset.name: dataset for dataset in extracts.list_datasets()}


def preview(dataset: str, filters: Mapping[str, Any], columns: list[str], limit: int = 100) -> pa.Table:
    """The first rows of a full-table file as the Arrow table st.dataframe sends (given a polars frame, it
    converts it through pandas on every run), remembered per choice and publication (as the queries' results)."""
    key = ("preview", dataset, frozen(dict(filters)), tuple(columns), limit)
    return read_once(key, lambda file: extracts.preview(dataset, dict(filters), columns, limit=limit,
                                                        published_path=file[0]).to_arrow(),
                     lambda table: table.nbytes)


def licence(publisher: str, lang: str) -> dict[str, str]:
    """Licence, attribution and disclaimer of a publisher (CBR, DUO), as every extract carries them."""
    entry = LICENCES[publisher]
    return {"licence": entry["licence"], "attribution": entry["attribution"], "disclaimer": entry[f"disclaimer_{lang}"]}


class PanelFrames(Remembered):
    """The frames download panels hold, one per content. Streamlit keeps a fragment's arguments in the
    session for as long as it lasts, to rerun it alone: fifty visitors of the same view would each keep
    their own copy of its rows (2 MB for the opleiders page at 10x), where they can share one."""

    SIZE = 256
    BUDGET = 128 * 2**20


def panel(key: str, frame: pl.DataFrame, dataset: str, filters: Mapping[str, Any],
          full_filters: Mapping[str, Any] | None = None) -> None:
    """'Download what you see' (`frame`, the rows behind the page's table, described by the page's
    `filters`) and 'download the full protected table' (`dataset` with `full_filters`, the registry's
    filter keys; None = the whole table). A view that no one registered table holds (e.g. the overview's
    volumes, summed over exams and licences) names itself by a `dataset` outside the registry: its panel
    offers what you see only, and points to the Downloads page for the tables behind it.

    A closed panel is its expander alone: its inside, a fragment, is drawn only when a visitor opens it
    (which reruns the page, or the fragment the panel is in), and its choices start afresh when reopened."""
    expander = expander_when_open(t("downloads.title"), key=f"{key}_panel", icon=":material/download:")
    if expander is None:
        return
    with expander:
        _choices(key, PanelFrames.shared().recall(fingerprint(frame), lambda: frame, pl.DataFrame.estimated_size),
                 dataset, filters, full_filters)


@fragment
def _choices(key: str, frame: pl.DataFrame, dataset: str, filters: Mapping[str, Any],
             full_filters: Mapping[str, Any] | None = None) -> None:
    """The open panel's choices and button, a fragment: choosing a format reruns it alone."""
    whole = dataset in datasets()
    scope = st.segmented_control(t("downloads.scope"), ["shown", "full"] if whole else ["shown"],
                                 key=f"{key}_scope", default="shown",
                                 format_func=lambda s: t(f"downloads.scope_{s}"), required=True)
    fmt = st.segmented_control(t("downloads.format"), list(extracts.FORMATS), key=f"{key}_format",
                               default="csv", format_func=FORMAT_LABELS.get, required=True)
    if scope == "shown":
        size = shown_size(frame, fmt)
        filename = frame_filename(dataset, filters, fmt)
        data = lambda: _shown_file(frame, dataset, filters, fmt)  # noqa: E731 - built on click only
    else:
        chosen = dict(full_filters or {})
        size = estimate(dataset, chosen, None, fmt)
        filename = extracts.extract_name(dataset, chosen, fmt)
        data = lambda: _full_file(dataset, chosen, fmt)  # noqa: E731
    st.caption(size_text(size.rows, size.bytes))
    st.download_button(t("downloads.button", format=FORMAT_LABELS[fmt]), data=data, file_name=filename,
                       mime=extracts.MEDIA_TYPES[fmt], on_click="ignore", key=f"{key}_button",
                       icon=":material/download:", type="primary")
    st.caption(t("downloads.protected"))
    if not whole:
        st.caption(t("downloads.view_only"))


def filter_values(dataset: str, key: str) -> list[Any]:
    """The values a filter key can take in the served publication, remembered per publication and shared
    (st.cache_data would hand every run its own unpickled copy)."""
    return read_once(("filter values", dataset, key), lambda file: extracts.filter_values(dataset, key, file[0]),
                     lambda values: 64 * len(values))


def button(key: str, dataset: str, filters: Mapping[str, Any], columns: list[str], fmt: str) -> None:
    """Size first, then a button that builds the file only when pressed (the Downloads page)."""
    size = estimate(dataset, filters, columns, fmt)
    st.caption(size_text(size.rows, size.bytes))
    st.download_button(
        t("downloads.button", format=FORMAT_LABELS[fmt]),
        data=lambda: extracts.make_extract(dataset, dict(filters), columns, fmt, serving.published_path()).data,
        file_name=extracts.extract_name(dataset, dict(filters), fmt), mime=extracts.MEDIA_TYPES[fmt],
        on_click="ignore", key=f"{key}_button", icon=":material/download:", type="primary",
        disabled=size.rows == 0)
