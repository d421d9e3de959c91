"""The dashboard under test: AppTest runs of app.py pointed at the bundled data's publication (built once
per session by tests/conftest.py)."""
from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from examencijfers import paths
from examencijfers.ui import i18n

APP = str(paths.ROOT / "app.py")


@pytest.fixture
def app(published, monkeypatch):
    """A function that runs app.py on a page with URL parameters, as a visitor's first request."""
    monkeypatch.setenv("EXAMENCIJFERS_PUBLISHED", str(published))
    monkeypatch.delenv("EXAMENCIJFERS_MODE", raising=False)

    def run(page: str | None = None, *, tables: bool | tuple[str, ...] = True, **params) -> AppTest:
        """`tables` True: then open the table tab of every chart (a second run), as most tests read the
        numbers there; a tuple of chart keys: those open from the first run of the page on."""
        test = AppTest.from_file(APP, default_timeout=60).run()   # registers the pages with st.navigation
        for key, value in params.items():                          # then the visitor's link, as a first visit
            test.query_params[key] = value
        for key in tables if isinstance(tables, tuple) else ():
            test.session_state[f"{key}_tabs"] = table_tab(params.get("lang", i18n.DEFAULT))
        if page:
            test.switch_page(page)
        test.run()
        return open_tables(test) if tables is True else test
    return run


def table_tab(lang: str) -> str:
    """The label of a chart's table tab, which is what Streamlit keeps as the open tab's state."""
    return i18n.text("chart.tab_table", lang)


def open_tables(test: AppTest) -> AppTest:
    """Every chart's table tab and every table expander opened, as a visitor who clicks 'Tabel' and 'Als
    tabel'. Both draw their inside only when open and keep that in the session: a chart's tabs under
    `<key>_tabs` (the open tab's label), an expander of tables (the overview's) under `<key>_table` (True)."""
    label = table_tab(test.session_state[i18n.STATE_KEY])
    for key in list(test.session_state.keys()):
        if str(key).endswith("_tabs"):
            test.session_state[key] = label
        elif str(key).endswith("_table") and isinstance(test.session_state[key], bool):
            test.session_state[key] = True
    return test.run()


def open_panels(test: AppTest) -> AppTest:
    """Every download panel opened (ui/downloads.panel draws its inside only when open; `<key>_panel`)."""
    for key in list(test.session_state.keys()):
        if str(key).endswith("_panel"):
            test.session_state[key] = True
    return test.run()


def texts(test: AppTest) -> list[str]:
    """Every caption, markdown and alert text of a run, to search for what a visitor reads."""
    return [e.value for kind in ("caption", "markdown", "info", "warning", "error", "success")
            for e in getattr(test, kind)]


def plain(spec: Any) -> Any:
    """A Plotly figure's JSON with its typed arrays ({"dtype": "f8", "bdata": base64}) read back as lists of
    numbers, as plotly.js reads them."""
    if isinstance(spec, dict) and set(spec) >= {"dtype", "bdata"}:
        values = np.frombuffer(base64.b64decode(spec["bdata"]), dtype=np.dtype(spec["dtype"]))
        shape = tuple(int(size) for size in str(spec.get("shape", len(values))).split(","))   # "3, 2"
        return values.reshape(shape).tolist()
    if isinstance(spec, dict):
        return {key: plain(value) for key, value in spec.items()}
    if isinstance(spec, list):
        return [plain(value) for value in spec]
    return spec
