"""Every page, as a visitor's first request and after a change: it renders without an error, shows its key
elements, follows its filters, restores its state from the URL and says so when a URL value is not understood.
Expected figures are computed here from the published tables directly, not by the page's queries."""
from __future__ import annotations

import json

import pytest

from examencijfers.ui import site
from tests.ui.conftest import open_panels, open_tables, texts

PAGES = [entry.path for entry in site.PAGES]


def charts(test) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in test.get("plotly_chart")]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_page_renders_without_an_error_in_both_languages(app, page, lang):
    test = app(page, lang=lang, tables=False)
    assert not test.exception, test.exception
    assert not test.error, [e.value for e in test.error]
    assert test.title, "a page starts with its title"


@pytest.mark.parametrize("page", PAGES)
def test_every_chart_shows_its_table_and_every_panel_its_button_when_opened(app, page):
    test = app(page, tables=False)
    charts_drawn, tables_before = len(test.get("plotly_chart")), len(test.dataframe)
    panels = [key for key in test.session_state.keys() if str(key).endswith("_panel")]
    assert not test.get("download_button") or page == "pages/site/downloads.py"   # closed panels draw nothing
    open_panels(open_tables(test))
    assert not test.exception and not test.error, test.exception
    # each chart's tab now holds its table instead of the chart (a tab with nothing to draw says so)
    assert len(test.get("plotly_chart")) == 0
    assert len(test.dataframe) >= tables_before + charts_drawn
    buttons = {button.key for button in test.get("download_button")}
    assert {key.removesuffix("_panel") + "_button" for key in panels} <= buttons


def test_the_language_switch_changes_the_texts_and_stays_in_the_url(app):
    dutch = app("pages/cbr/exams.py")
    english = app("pages/cbr/exams.py", lang="en")
    assert dutch.title[0].value == "Rijexamens" and english.title[0].value == "Driving exams"
    assert english.query_params["lang"] in ("en", ["en"])
    english.segmented_control(key="url_lang").set_value("nl").run()
    assert english.title[0].value == "Rijexamens"
    assert "lang" not in english.query_params      # the default is left out of the URL


def test_a_cbr_page_shows_the_synthetic_banner_and_a_vo_page_does_not(app):
    assert any("demobestanden" in w.value for w in app("pages/cbr/diplomas.py").warning)
    assert not any("demobestanden" in w.value for w in app("pages/vo/vo.py").warning)


def test_an_unknown_url_value_falls_back_to_the_default_with_a_notice(app):
    test = app("pages/cbr/locations.py", product="NOPE';drop table x;--", soort="derde", tables=False)
    assert not test.exception
    notices = [i.value for i in test.info]
    assert any("NOPE" in n for n in notices) and any("derde" in n for n in notices)
    assert test.selectbox(key="url_product").value == "B"
    assert test.segmented_control(key="url_soort").value == "eerste"


def test_every_page_survives_hostile_parameters(app):
    hostile = {"product": "B' OR 1=1 --", "period": "2024-01-01~9999-12-31", "window": "1e308",
               "q": "%' union select * from sources --", "opleider": "x" * 500, "school": "\u0000",
               "year": "../../etc/passwd", "dataset": "sources", "lang": "xx"}
    for page in PAGES:
        test = app(page, **hostile)
        assert not test.exception, (page, test.exception)
        assert not test.error, (page, [e.value for e in test.error])


INVALID = {  # page: a parameter it reads, with a value it cannot take
    "pages/site/overview.py": {"lang": "xx"},
    "pages/cbr/exams.py": {"window": "5"},
    "pages/cbr/diplomas.py": {"code": "ZZ"},
    "pages/cbr/opleiders.py": {"sort": "bogus"},
    "pages/cbr/opleider.py": {"opleider": "ZZZZZZ"},
    "pages/cbr/locations.py": {"soort": "derde"},
    "pages/vo/vo.py": {"level": "wijk"},
    "pages/vo/school.py": {"school": "XXXX99"},
    "pages/vo/deliveries.py": {"vestiging": "XXXX99"},
    "pages/site/about.py": {"lang": "xx"},
    "pages/site/downloads.py": {"dataset": "warehouse"},
}


@pytest.mark.parametrize("page", PAGES)
def test_every_page_says_when_a_url_value_is_not_understood(app, page):
    (name, value), = INVALID[page].items()
    test = app(page, **INVALID[page], tables=False)
    assert not test.exception
    notices = [i.value for i in test.info]
    assert any(f"'{value}'" in n and f"'{name}'" in n for n in notices), notices


def test_a_notice_is_shown_once_even_when_the_page_stops_early_and_not_on_the_next_page(app):
    test = app("pages/cbr/opleider.py", opleider="ZZZZZZ", tables=False)
    assert sum("ZZZZZZ" in i.value for i in test.info) == 1
    test.switch_page("pages/site/about.py").run()
    assert not any("ZZZZZZ" in i.value for i in test.info)


def test_more_products_than_a_chart_takes_is_a_notice_not_an_error(app):
    many = "A,A1,A2,AM2,ATH,B,BE,BTH,C"
    test = app("pages/cbr/exams.py", product=many, tables=False)
    assert not test.error and not test.exception
    assert test.multiselect(key="url_product").value == ["B", "BTH"]
    assert any(many[:20] in i.value for i in test.info)


CHANGES = [  # page, URL to start from, widget kind, key, new value, the table (index) the change must change
    ("pages/cbr/exams.py", {}, "multiselect", "url_product", ["A"], 0),
    ("pages/cbr/exams.py", {}, "segmented_control", "url_window", 13, 0),
    ("pages/cbr/exams.py", {}, "selectbox", "url_volume", "BTH", 1),
    ("pages/cbr/diplomas.py", {}, "multiselect", "url_code", ["A"], 0),
    ("pages/cbr/opleiders.py", {}, "selectbox", "url_product", "A", 1),
    ("pages/cbr/opleiders.py", {}, "segmented_control", "url_sort", "name", 1),
    ("pages/cbr/opleider.py", {"opleider": "1496P9"}, "selectbox", "url_publication", "2024-Q3", 0),
    ("pages/cbr/opleider.py", {"opleider": "1496P9"}, "segmented_control", "url_soort", "her", 2),
    ("pages/cbr/locations.py", {}, "segmented_control", "url_soort", "her", 0),
    ("pages/vo/vo.py", {}, "segmented_control", "url_level", "gemeente", 1),
    ("pages/vo/school.py", {"school": "03KN00"}, "segmented_control", "url_type", "VWO", 0),
    ("pages/vo/deliveries.py", {}, "segmented_control", "url_type", "HAVO", 0),
    ("pages/site/downloads.py", {}, "selectbox", "url_dataset", "vo_pass_rates", 0),
]


@pytest.mark.parametrize(("page", "params", "kind", "key", "value", "index"), CHANGES)
def test_changing_a_filter_changes_the_table_and_the_url(app, page, params, kind, key, value, index):
    test = app(page, **params)
    before = test.dataframe[index].value
    getattr(test, kind)(key=key).set_value(value).run()
    assert not test.exception and not test.error
    assert not test.dataframe[index].value.equals(before)
    assert key.removeprefix("url_") in test.query_params
