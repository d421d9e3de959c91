"""Headline figures: a rate (or a count) with its n, its interval and the change against a year before.

A card never shows a rate without its n, and a withheld figure shows its symbol and reason instead of a
number (st.metric would otherwise print '0' or '—').
"""
from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from examencijfers.ui import cells, numbers
from examencijfers.ui.i18n import current, t


def rate(label: str, value: float | None, *, n: int | None, low: float | None, high: float | None,
         before: float | None = None, suppression: str | None = None, trend: Sequence[float] | None = None,
         note: str | None = None, help: str | None = None) -> None:
    lang = current()
    with st.container(border=True):
        if suppression is not None or value is None:
            reason = cells.reasons().get(suppression) if suppression else None
            st.metric(label, cells.symbol(suppression) if suppression else "–", help=help)
            st.caption(reason.label if reason else t("cards.no_value"))
            return
        delta = numbers.points(value - before, lang) if before is not None else None
        st.metric(label, numbers.percent(value, lang), delta=delta, delta_color="off", help=help,
                  delta_description=t("cards.vs_year_before") if delta else None,
                  chart_data=[v for v in (trend or []) if v is not None] or None, chart_type="line")
        # one caption of two lines, not two captions: every element is work on every run of the page
        st.caption("  \n".join(filter(None, (
            t("cards.n_interval", n=numbers.integer(n, lang), interval=numbers.interval(low, high, lang)), note))))


def count(label: str, value: int | None, *, before: int | None = None, suppression: str | None = None,
          note: str | None = None, help: str | None = None) -> None:
    lang = current()
    with st.container(border=True):
        if suppression is not None or value is None:
            st.metric(label, cells.symbol(suppression) if suppression else "–", help=help)
            reason = cells.reasons().get(suppression) if suppression else None
            st.caption(reason.label if reason else t("cards.no_value"))
            return
        delta = None
        if before:
            delta = numbers.signed((value - before) / before * 100, lang) + "%"
        st.metric(label, numbers.integer(value, lang), delta=delta, delta_color="off", help=help,
                  delta_description=t("cards.vs_year_before") if delta else None)
        if note:
            st.caption(note)
