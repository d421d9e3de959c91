"""Tables as people read them: each shown column is a `Col` (where its value comes from, how it reads, which
column says why it is withheld), so a page declares its table as data and this module draws it.

The shown table is text in the page's language (Dutch 6,4 and 1.234), with suppressed cells as their symbol
and a 'note' column naming the reason in words; the legend of the symbols used is printed under it.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl
import streamlit as st

from examencijfers.ui import cells
from examencijfers.ui.i18n import current, t


@dataclass(frozen=True)
class Col:
    """One shown column: `source` in the query result, `label` a text key, `kind` a cells.KINDS key.
    `suppression` names the result column with the reason this value is withheld, if any.
    For kind 'ci' the value is an interval from `source` (low) and `high`. `fallback` names a column whose
    text follows the symbol when the value is withheld (e.g. the count band of 'too few exams')."""

    source: str
    label: str
    kind: str = "text"
    suppression: str | None = None
    high: str | None = None
    help: str | None = None
    fallback: str | None = None


def _text(row: dict, col: Col, lang: str, known: dict[str, cells.Reason]) -> str:
    reason = row.get(col.suppression) if col.suppression else None
    if reason is not None and col.fallback and row.get(col.fallback):
        return f"{cells.symbol(reason, known)} {row[col.fallback]}"
    return cells.cell(row[col.source], col.kind, reason, lang, high=row.get(col.high) if col.high else None,
                      known=known)


def shown(frame: pl.DataFrame, columns: Sequence[Col]) -> pl.DataFrame:
    """The table as shown: one text column per Col (labelled in the page's language), plus a note column
    with the reasons of the row's withheld cells when there are any."""
    lang = current()
    known = cells.reasons()
    names = [t(c.label) for c in columns]
    rows = []
    for row in frame.iter_rows(named=True):
        codes = sorted({row[c.suppression] for c in columns if c.suppression and row.get(c.suppression)})
        rows.append([_text(row, c, lang, known) for c in columns]
                    + ["; ".join(known[c].label if c in known else c for c in codes)])
    table = pl.DataFrame(rows, schema={n: pl.String for n in [*names, t("table.note")]}, orient="row")
    return table if table[t("table.note")].str.len_chars().sum() else table.drop(t("table.note"))


def show(frame: pl.DataFrame, columns: Sequence[Col], *, key: str | None = None, height: int | str = "auto",
         alt: str | None = None) -> pl.DataFrame:
    """Draw the table and the legend of its symbols; returns the shown (text) table."""
    table = shown(frame, columns)
    config = {t(c.label): st.column_config.TextColumn(
        t(c.label), help=t(c.help) if c.help else None,
        alignment="right" if c.kind in cells.NUMERIC else "left") for c in columns}
    if table.is_empty():
        st.info(t("table.empty"))
        return table
    st.dataframe(table, hide_index=True, column_config=config, key=key, height=height, alt=alt)
    codes = [row.get(c.suppression) for row in frame.iter_rows(named=True) for c in columns if c.suppression]
    if any(codes):
        st.caption(t("table.legend", legend=cells.legend(codes)))
    return table
