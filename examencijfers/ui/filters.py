"""Filters that several pages share, drawn from url.py's widgets so their state is in the URL.

`result_filters` is the choice behind every Opleiderresultaten view (publication, product, first exam or
re-exam, transmission); `pick` is the search-then-choose of a profile page (an opleider, a school).
"""
from __future__ import annotations

from collections.abc import Callable

import polars as pl
import streamlit as st

from examencijfers.ui import url
from examencijfers.ui.data import per_publication, query
from examencijfers.ui.i18n import t

SOORTEN = ("eerste", "her")
TRANSMISSIES = ("totaal", "automaat", "handgeschakeld", "combi")


@per_publication
def product_names() -> dict[str, str]:
    """Every product's code and name, as a choice shows it ('B · Personenauto')."""
    products = query("cbr_products")
    return {code: f"{code} · {name}" for code, name in zip(products["productcode"], products["productnaam"])}


def product_label() -> Callable[[str], str]:
    names = product_names()
    return lambda code: names.get(code, code)


@per_publication
def _result_choices() -> tuple[list[str], list[str]]:
    """The publications of the opleider results, and the products with a result (a toets has none)."""
    return (query("opleider_publications")["publication"].to_list(),
            query("cbr_products").filter(~pl.col("is_toets"))["productcode"].to_list())


def result_filters() -> dict[str, str]:
    """Publication, product, soort examen and transmissie in two rows; the parameters of the opleider and
    location queries."""
    publications, products = _result_choices()
    top = st.columns([1, 2])
    with top[0]:
        publication = url.choice("publication", t("filters.publication"), publications, pinned=True)
    with top[1]:
        product = url.choice("product", t("filters.product"), products, "B", format_func=product_label())
    bottom = st.columns([1, 2])
    with bottom[0]:
        soort = url.choice("soort", t("filters.soort_examen"), SOORTEN, widget="segmented",
                           format_func=lambda v: t(f"values.{v}"))
    with bottom[1]:
        transmissie = url.choice("transmissie", t("filters.transmissie"), TRANSMISSIES, widget="segmented",
                                 format_func=lambda v: t(f"values.{v}"))
    return dict(publication=publication, productcode=product, soort_examen=soort, transmissie=transmissie)


@per_publication
def _matches(search: str, code: str, text: str, linked: str | None) -> dict[str, dict]:
    """The rows `search` finds for `text`, by their code; the `linked` one first when it is not among them."""
    matches = query(search, q=text)
    if linked and linked not in matches[code].to_list():
        matches = pl.concat([query(search, q=linked).filter(pl.col(code) == linked), matches])
    return {row[code]: row for row in matches.iter_rows(named=True)}


def pick(name: str, search: str, *, code: str, describe: Callable[[dict], str], texts: str) -> dict | None:
    """A search box and a list of its matches (`search(text)` returns them, `code` names their key column);
    a code in the URL (a link from another page) is kept among the options. Returns the chosen row, or None
    after telling the visitor to choose. `texts` is the section of texts.toml with search, placeholder,
    choose, choose_one and none_found."""
    left, right = st.columns([1, 2])
    with left:
        text = url.text("q", t(f"{texts}.search"), placeholder=t(f"{texts}.search_placeholder"))
    rows = _matches(search, code, text, url.current(name))
    with right:
        chosen = url.choice(name, t(f"{texts}.choose"), list(rows), None,
                            format_func=lambda c: describe(rows[c]) if c in rows else c,
                            empty=t(f"{texts}.placeholder"))
    if chosen is None:
        st.info(t(f"{texts}.none_found") if not rows else t(f"{texts}.choose_one"), icon=":material/search:")
        return None
    return rows[chosen]
