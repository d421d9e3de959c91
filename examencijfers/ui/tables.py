"""Tables as people read them: each shown column is a `Col` (where its value comes from, how it reads, which
column says why it is withheld), so a page declares its table as data and this module draws it.

The shown table is text in the page's language (Dutch 6,4 and 1.234), with suppressed cells as their symbol
and a 'note' column naming the reason in words; the legend of the symbols used is printed under it, and a
column's header tooltip names the symbols withheld in that column.
"""
from __future__ import annotations

import hashlib
import weakref
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl
import pyarrow as pa
import streamlit as st

from examencijfers.ui import cells
from examencijfers.ui.data import published_file
from examencijfers.ui.i18n import current, t
from examencijfers.ui.remembered import Remembered


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


def _texts(frame: pl.DataFrame, col: Col, lang: str, known: dict[str, cells.Reason]) -> list[str]:
    """One column's texts, column-wise (a league table has thousands of cells; a row at a time is slow)."""
    none = [None] * frame.height
    values = frame[col.source].to_list()
    reasons = frame[col.suppression].to_list() if col.suppression else none
    highs = frame[col.high].to_list() if col.high else none
    fallbacks = frame[col.fallback].to_list() if col.fallback else none
    write = cells.KINDS[col.kind]
    texts = []
    for value, reason, high, fallback in zip(values, reasons, highs, fallbacks):
        if reason is None:
            texts.append(write(value, high, lang))
        else:
            symbol = cells.symbol(reason, known)
            texts.append(f"{symbol} {fallback}" if fallback else symbol)
    return texts


class ShownTables(Remembered):
    """The last shown tables, by what they show: the frame's content, the columns, the language and the
    publication. Formatting a league of thousands of rows cell by cell is most of a warm page render, and
    every visitor of the same view would pay it again; a fingerprint of the frame costs a millisecond."""

    SIZE = 256
    BUDGET = 64 * 2**20


_FINGERPRINTS: dict[int, tuple[weakref.ref, tuple]] = {}


def fingerprint(frame: pl.DataFrame | pl.Series) -> tuple:
    """The frame's (or series') names, types and every row's hash, digested: equal for equal content. Worked
    out once per frame while it lives (frames are not changed in place): a query's result or a page's derived
    view is the same frame on every run, and hashing lets go of the GIL, to wait for it again behind the other
    runs."""
    known = _FINGERPRINTS.get(id(frame))
    if known is not None and known[0]() is frame:
        return known[1]
    as_frame = frame.to_frame() if isinstance(frame, pl.Series) else frame
    digest = hashlib.blake2b(as_frame.hash_rows(seed=0).to_numpy().tobytes(), digest_size=16).hexdigest()
    found = (as_frame.height, tuple(as_frame.columns), tuple(str(dtype) for dtype in as_frame.dtypes), digest)
    key = id(frame)
    # the entry goes with its frame (before its id can be another frame's)
    _FINGERPRINTS[key] = (weakref.ref(frame, lambda _, key=key: _FINGERPRINTS.pop(key, None)), found)
    return found


@dataclass(frozen=True)
class Shown:
    """A table ready to draw: its text, the same as the Arrow table st.dataframe sends (made once: Streamlit
    would convert a polars frame through pandas on every run), each column's header tooltip, and the
    withheld codes for the legend under it."""

    table: pl.DataFrame
    arrow: pa.Table
    helps: tuple[str | None, ...]
    codes: frozenset[str]


def shown(frame: pl.DataFrame, columns: Sequence[Col]) -> pl.DataFrame:
    """The table as shown: one text column per Col (labelled in the page's language), plus a note column
    with the reasons of the row's withheld cells when there are any. Remembered per content (ShownTables)."""
    return _shown(frame, columns).table


def _shown(frame: pl.DataFrame, columns: Sequence[Col]) -> Shown:
    key = (fingerprint(frame), tuple(columns), current(), published_file())
    return ShownTables.shared().recall(key, lambda: _drawn(frame, columns),
                                       lambda shown: shown.table.estimated_size() + shown.arrow.nbytes)


def _drawn(frame: pl.DataFrame, columns: Sequence[Col]) -> Shown:
    table = _format(frame, columns)
    # what st.dataframe does with a polars frame (to pandas, then pa.Table.from_pandas), done once; the
    # index is kept as a column, which a lazily sent table needs (Streamlit would otherwise rebuild the
    # table with one, per visitor and run)
    arrow = pa.Table.from_pandas(table.to_pandas(), preserve_index=True)
    codes = frozenset(code for c in columns if c.suppression for code in frame[c.suppression].unique().to_list()
                      if code)
    return Shown(table, arrow, tuple(header_help(frame, c) for c in columns), codes)


def _format(frame: pl.DataFrame, columns: Sequence[Col]) -> pl.DataFrame:
    lang = current()
    known = cells.reasons()
    table = {t(c.label): _texts(frame, c, lang, known) for c in columns}
    markers = sorted({c.suppression for c in columns if c.suppression})
    if markers:
        per_row = zip(*(frame[m].to_list() for m in markers))
        notes = ["; ".join(known[r].label if r in known else r for r in sorted({r for r in row if r}))
                 for row in per_row]
        if any(notes):
            table[t("table.note")] = notes
    return pl.DataFrame(table, schema={name: pl.String for name in table})


def header_help(frame: pl.DataFrame, col: Col) -> str | None:
    """The column header's tooltip: its own help, and the symbols withheld in this column with their
    reasons. st.dataframe draws its cells on a canvas and has no per-cell tooltip (a pandas Styler's
    set_tooltips is not passed on to it), so the header carries the legend of the column's withheld cells,
    the note column names each row's reason, and the legend under the table lists them all."""
    parts = [t(col.help)] if col.help else []
    if col.suppression:
        codes = [code for code in frame[col.suppression].unique().to_list() if code]
        if codes:
            parts.append(t("table.withheld_help", legend=cells.legend(codes)))
    return "\n\n".join(parts) or None


def show(frame: pl.DataFrame, columns: Sequence[Col], *, key: str | None = None, height: int | str = "auto",
         alt: str | None = None) -> pl.DataFrame:
    """Draw the table and the legend of its symbols; returns the shown (text) table."""
    drawn = _shown(frame, columns)
    if drawn.table.is_empty():
        st.info(t("table.empty"))
        return drawn.table
    config = {t(c.label): st.column_config.TextColumn(
        t(c.label), help=help_text, alignment="right" if c.kind in cells.NUMERIC else "left")
        for c, help_text in zip(columns, drawn.helps)}
    # lazy: a table of more than 1,000 rows (an opleider league at real size has 7,000) sends its first
    # 1,000 and the rest as the visitor scrolls or sorts (2.3 MB -> 0.8 MB for the opleiders page at 10x).
    # Such a table has no search or CSV button in its toolbar; the page's own search and its download
    # panel do both, the latter with the file's metadata.
    st.dataframe(drawn.arrow, hide_index=True, column_config=config, key=key, height=height, alt=alt, lazy=True)
    if drawn.codes:
        st.caption(t("table.legend", legend=cells.legend(drawn.codes)))
    return drawn.table
