"""Every page of the dashboard as a person sees it in Chromium: it loads without an error in Dutch and in
English, a filter redraws its chart and table, its link reproduces the view in a new browser, and its
'what you see' download holds the numbers of the table on screen (a withheld cell empty, never 0).

Screenshots of every page go to tests/screenshots/ (gitignored) for a person to look at.
"""
from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest

from examencijfers.ui import i18n, site
from tests.browser.dashboard import Dashboard
from tests.browser.reading import Comparison, compare, withheld
from tests.browser.specs import SPECS, Change, Download

pytestmark = pytest.mark.browser

# Streamlit's own English placeholders; a Dutch page must give its fields Dutch ones.
STREAMLIT_ENGLISH = {"Choose an option", "Choose options", "Choose a date", "Type to search"}
PAGES = [entry.name for entry in site.PAGES]


def path(name: str) -> str:
    return site.entry(name).url_path


def titles(lang: str) -> list[str]:
    return [i18n.text(f"pages.{name}.title", lang) for name in PAGES]


def no_errors(page: Dashboard) -> None:
    assert not page.errors(), page.errors()


def test_every_page_of_the_site_has_a_browser_spec():
    assert list(SPECS) == PAGES


@pytest.mark.parametrize("name", PAGES)
def test_the_page_loads_without_an_error_and_the_language_switch_changes_its_texts(dashboard, name):
    page = dashboard.open(path(name))
    no_errors(page)
    assert page.title() == i18n.text(f"pages.{name}.title", "nl")
    assert page.navigation() == titles("nl")
    assert not STREAMLIT_ENGLISH & set(page.placeholders()), "Dutch placeholders on a Dutch page"
    page.screenshot(f"{name}-nl")
    dutch, dutch_labels = page.main_text(), labels(page)

    page.language("English")
    no_errors(page)
    assert "lang=en" in page.url
    assert page.title() == i18n.text(f"pages.{name}.title", "en")
    assert page.navigation() == titles("en")
    assert page.main_text() != dutch
    assert labels(page) != dutch_labels or not dutch_labels, "the filters are labelled in English"
    page.screenshot(f"{name}-en")
    switched = page.widgets()
    assert page.goto(page.url).widgets() == switched, "after the switch the filters read as an English page's"


def labels(page: Dashboard) -> list[str]:
    return [widget["label"] for name, widget in page.widgets().items() if name != "lang"]


@pytest.mark.parametrize("name", PAGES)
def test_a_filter_change_redraws_the_view_its_link_reproduces_it_and_its_download_equals_the_table(contexts, name):
    """A visitor changes a filter and sends the link on; whoever opens it sees the same view and downloads
    what they see."""
    change, download = SPECS[name].change, SPECS[name].download
    page = contexts.new().open(path(name), **(change.params if change else {}))
    if change is None:
        assert set(page.widgets()) == {"lang"}, "a page without a filter spec has no filters"
        page.language("English")           # its only state: the language, which its link must carry
        view = page.main_text()
    else:
        for step in change.setup:
            step(page)
        before = watched(page, change)
        change.act(page)
        view = watched(page, change)
        assert view["table"] != before["table"], "the table follows the filter"
        if change.chart:
            assert view["chart"] != before["chart"], "the chart follows the filter"
        if change.check:
            assert change.check(view["table"]), view["table"][:5]
        assert {k: v for k, v in parse_qsl(urlsplit(page.url).query) if k in change.url} == change.url
        page.screenshot(f"{name}-changed")
    no_errors(page)

    again = contexts.new().goto(page.url)
    assert again.widgets() == page.widgets()
    assert (watched(again, change) if change else again.main_text()) == view
    if download is None:
        assert not again.page.locator('[class*="_panel"]').count(), "no spec, so no download panel"
    else:   # in Dutch: a page without filters was switched to English above, as its only state
        result = downloaded(again if change else contexts.new().open(path(name)), download)
        assert not result.problems, result.problems[:10]
        assert result.rows and result.numbers, "every shown row was found in the file"
        assert result.protected > 0 or not download.protected, "the view shows withheld cells"
    no_errors(again)


def watched(page: Dashboard, change: Change) -> dict:
    table = page.table(page.find_table(f"tab:{change.watch}" if change.chart else change.watch))
    return {"chart": page.chart(change.watch) if change.chart else None, "table": table}


def downloaded(page: Dashboard, download: Download) -> Comparison:
    """The page's 'what you see' CSV held against the table on screen."""
    shown = page.table(page.find_table(download.table))
    if download.panel == "downloads_page":
        return compare_preview(shown, page.download(page.page.locator(".st-key-downloads_page_button")),
                               page.symbols)
    return compare_panel(page, download, shown)


def compare_panel(page: Dashboard, download: Download, shown: list[dict[str, str]]) -> Comparison:
    panel = page.panel(download.panel)
    chosen = panel.locator("[aria-checked=true]").all_inner_texts()
    assert chosen == [i18n.text("downloads.scope_shown", "nl"), "CSV"], "'what you see' as CSV is the default"
    file = page.download(page.page.locator(f".st-key-{download.panel}_button"))
    result = compare(shown, file, keys=download.keys, values=download.values, symbols=page.symbols)
    if len(file) != len(shown):
        result.problems.append(f"the file has {len(file)} rows, the page shows {len(shown)}")
    return result


def compare_preview(shown: list[dict[str, str]], file: list[dict[str, str]], symbols) -> Comparison:
    """The Downloads page previews the first rows of its file with raw values: row by row, column by column
    (the grid exports a date as a timestamp and a number without its trailing '.0')."""
    result = Comparison()
    for index, (row, written) in enumerate(zip(shown, file)):
        result.rows += 1
        withheld_row = written.get("suppression", "") != ""
        for column, text in row.items():
            value = written[column]
            if withheld_row and column in ("totaal", "voldoende", "onvoldoende", "particulier", "tolk"):
                result.protected += 1
                if value != "" or text != "":
                    result.problems.append(f"row {index} {column}: withheld, shown {text!r}, file {value!r}")
            elif text == value or (text[:10] == value and len(value) == 10 and value[4] == "-"):
                result.numbers += text.replace(".", "").isdigit()
            elif not (is_number(text) and is_number(value) and float(text) == float(value)):
                result.problems.append(f"row {index} {column}: shown {text!r}, file {value!r}")
    if len(shown) != min(len(file), 100):
        result.problems.append(f"the preview has {len(shown)} rows of the file's {len(file)}")
    assert not any(withheld(text, symbols) for row in shown for text in row.values()), "raw values, no symbols"
    return result


def is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_a_page_asks_no_other_host_for_anything(contexts):
    contexts.new().open("")
    assert contexts.foreign == []
