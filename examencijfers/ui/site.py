"""The pages of the dashboard, as data: file, URL path, icon and section (titles and help are texts).

app.py turns this table into `st.navigation`; tests and benchmarks read it to visit every page.
Page files live in sub-folders of pages/ (cbr/, vo/, site/), never directly in pages/: Streamlit still
treats top-level scripts in pages/ as its old automatic multipage app, and the first visitor after a
start who arrives by a deep link would get that page without the frame.
"""
from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from examencijfers.ui.i18n import t


FAVICON = Path(__file__).with_name("favicon.png")
# As a data URL (279 bytes of PNG): a file path would be read, hashed and registered as a media file of the
# session on every run of every page.
FAVICON_URL = "data:image/png;base64," + base64.b64encode(FAVICON.read_bytes()).decode("ascii")


@dataclass(frozen=True)
class Entry:
    path: str          # relative to the repository root (where app.py is)
    url_path: str
    icon: str
    section: str       # a text key of a navigation section, '' = above the sections

    @property
    def name(self) -> str:
        return self.url_path or "overview"


PAGES: tuple[Entry, ...] = (
    Entry("pages/site/overview.py", "", ":material/dashboard:", ""),
    Entry("pages/cbr/exams.py", "rijexamens", ":material/directions_car:", "nav.cbr"),
    Entry("pages/cbr/diplomas.py", "diplomas", ":material/badge:", "nav.cbr"),
    Entry("pages/cbr/opleiders.py", "opleiders", ":material/school:", "nav.cbr"),
    Entry("pages/cbr/opleider.py", "opleider", ":material/storefront:", "nav.cbr"),
    Entry("pages/cbr/locations.py", "examenlocaties", ":material/location_on:", "nav.cbr"),
    Entry("pages/vo/vo.py", "vo", ":material/account_balance:", "nav.vo"),
    Entry("pages/vo/school.py", "school", ":material/apartment:", "nav.vo"),
    Entry("pages/vo/deliveries.py", "leveringen", ":material/inventory_2:", "nav.vo"),
    Entry("pages/site/about.py", "over-de-data", ":material/info:", "nav.more"),
    Entry("pages/site/downloads.py", "downloads", ":material/download:", "nav.more"),
)


def entry(name: str) -> Entry:
    for page in PAGES:
        if page.name == name:
            return page
    raise KeyError(name)


def navigation() -> dict[str, list[st.Page]]:
    """The st.navigation sections, titled in the page's language."""
    sections: dict[str, list[st.Page]] = {}
    for page in PAGES:
        title = t(f"pages.{page.name}.title")
        sections.setdefault(t(page.section) if page.section else "", []).append(st.Page(
            page.path, title=title, icon=page.icon, url_path=page.url_path or None, default=not page.url_path,
            help=t(f"pages.{page.name}.help")))
    return sections
