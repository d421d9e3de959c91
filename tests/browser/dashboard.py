"""A page of the dashboard as a person uses it: open a link, wait until it is drawn, use a filter, switch the
language, read a table, download a file, take a screenshot.

Waiting, never with a fixed sleep:
- An init script counts the runs that finish, from the server's own messages (a ForwardMsg with
  script_finished, read off the websocket), so after a click `rerun` waits for the *next* finished run
  instead of a 'notRunning' that may be the one from before the click. (Streamlit's data-test-script-state
  attribute is no such signal: a run quick enough starts and ends within one render of the app.)
- A finished run is not yet a drawn page: widgets and charts are loaded and drawn lazily. `settle` waits
  until the status widget is gone, no element still waits for its code (Streamlit's skeletons), nothing is
  stale, every filter widget shows its label, every chart (the `<key>_chart` elements of ui/charts.show and
  every Plotly element) has drawn its SVG and every visible table has its grid.
- Clicks are a person's: the pointer rests on the target first (see `press`).

Reading a table: st.dataframe draws its cells on a canvas (glide data grid), so the DOM has no full table.
Its toolbar's 'Download as CSV' writes every cell as displayed (the page's own text: '1.234', '64,3%', a
suppression symbol), which is the whole table; the grid also keeps an accessible <table role=grid> of the
rows in view, and `table` checks those rows equal the file's, so what is read is what a person sees.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

try:
    from playwright.sync_api import Locator, Page, expect
except ImportError:  # the browser fixture then skips the tests with the reason (or fails them in CI)
    Locator = Page = expect = None

TIMEOUT = 60_000      # ms for any one wait; a cold first run of a page computes its queries
SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"
MAX_SCREENSHOT_HEIGHT = 16_000

INIT_SCRIPT = """
(() => {
  // Finished script runs, as the server says them: a ForwardMsg with its script_finished field (number 6, a
  // varint) at the top level. (The app's run-state attribute is no signal: a quick run can start and end
  // within one render, and the attribute never shows 'running'.)
  window.__finishedRuns = 0;
  const varint = (bytes, at) => {
    let value = 0, shift = 0, byte;
    do { byte = bytes[at++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
    return [value, at];
  };
  const finishes = bytes => {
    for (let at = 0; at < bytes.length;) {
      let key, size;
      [key, at] = varint(bytes, at);
      const field = Math.floor(key / 8), wire = key % 8;
      if (wire === 0) { if (field === 6) return true; [, at] = varint(bytes, at); }
      else if (wire === 2) { [size, at] = varint(bytes, at); at += size; }
      else if (wire === 1) at += 8;
      else if (wire === 5) at += 4;
      else return false;
    }
    return false;
  };
  const count = data => { if (finishes(new Uint8Array(data))) window.__finishedRuns += 1; };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', event => {
        if (event.data instanceof ArrayBuffer) count(event.data);
        else if (event.data instanceof Blob) event.data.arrayBuffer().then(count);
      });
    }
  };
  // The grid's 'Download as CSV' first tries the File System Access API, a save dialog no headless browser
  // answers; without it Streamlit falls back to an ordinary download, which Playwright receives.
  delete window.showSaveFilePicker;
})();
"""

IDLE = "[data-testid=stApp][data-test-script-state=notRunning][data-test-connection-state=CONNECTED]"

DRAWN = """() => {
  if (!document.querySelector('[data-testid=stMain]')) return false;
  // running, stale elements of a run before, or elements whose code is still loading (Suspense skeletons)
  if (document.querySelector('[data-testid=stStatusWidget], [data-stale=true], [data-testid=stSkeleton], '
                             + '[data-testid=stSkeletonElement]')) return false;
  const key = e => [...e.classList].find(c => c.startsWith('st-key-'));
  const keyed = [...document.querySelectorAll('[class*="st-key-"]')];
  if (keyed.some(e => key(e).startsWith('st-key-url_') && !e.querySelector('[data-testid=stWidgetLabel]')))
    return false;
  if (keyed.some(e => key(e).endsWith('_chart') && !e.querySelector('[data-testid=stPlotlyChart] .main-svg')))
    return false;
  if ([...document.querySelectorAll('[data-testid=stPlotlyChart]')].some(c => !c.querySelector('.main-svg')))
    return false;
  return [...document.querySelectorAll('[data-testid=stDataFrame]')]
    .filter(d => d.checkVisibility({visibilityProperty: true}) && !d.closest('[inert]'))
    .every(d => d.querySelector('table[role=grid]'));
}"""

WIDGETS = """() => Object.fromEntries([...document.querySelectorAll('[class*="st-key-url_"]')].map(c => {
  const name = [...c.classList].find(k => k.startsWith('st-key-url_')).slice('st-key-url_'.length);
  return [name, {
    label: (c.querySelector('[data-testid=stWidgetLabel]') || {}).innerText || '',
    checked: [...c.querySelectorAll('[aria-checked=true]')].map(e => e.innerText),
    tags: [...c.querySelectorAll('[data-tag]')].map(e => e.getAttribute('aria-label')),
    inputs: [...c.querySelectorAll('input')].map(e => e.getAttribute('aria-valuetext') || e.value),
  }];
}))"""

ROWS_IN_VIEW = """grid => {
  const table = grid.querySelector('table[role=grid]');
  const header = [...table.querySelectorAll('thead th')].map(th => [+th.getAttribute('aria-colindex'), th.innerText]);
  const rows = [...table.querySelectorAll('tbody tr[aria-rowindex]')].map(tr => [
    +tr.getAttribute('aria-rowindex'),
    [...tr.querySelectorAll('td[aria-colindex]')].map(td => [+td.getAttribute('aria-colindex'), td.innerText])]);
  return {header, rows, count: +table.getAttribute('aria-rowcount')};
}"""

CHART_DATA = """plot => plot.data.map(trace => ({name: trace.name ?? null, type: trace.type,
                                                  x: trace.x ?? null, y: trace.y ?? null}))"""

ERRORS = "[data-testid=stException], [data-testid=stAlertContentError]"


def as_displayed(exported: str) -> str:
    """The grid exports a timestamp as ISO text and shows it with a space: the same value."""
    return re.sub(r"^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)\.000$", r"\1 \2", exported)


def press(target: Locator) -> None:
    """Click as a person does: the pointer rests on the target, then clicks. Streamlit's buttons redraw on
    hover, and an instant click that lands in that redraw is lost (about one in ten on a download button,
    now and then on a segmented control after a layout change; never after a hover)."""
    target.hover()
    target.click()


def read_csv(path: str | Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(Path(path).read_text(encoding="utf-8-sig"))))


class Dashboard:
    """One browser page on the test server, with the symbols of the publication (to recognise a withheld cell)."""

    def __init__(self, page: Page, server: Any, symbols: tuple[str, ...]):
        self.page = page
        self.server = server
        self.symbols = symbols
        self.log_offset = server.log_size()

    # --- navigation and waiting ---------------------------------------------------------------------------

    def open(self, path: str = "", **params: str) -> Dashboard:
        query = f"?{urlencode(params)}" if params else ""
        return self.goto(f"{self.server.url}/{path}{query}")

    def goto(self, url: str) -> Dashboard:
        self.page.goto(url)
        self.settle()
        return self

    def settle(self) -> None:
        """Wait until no script runs and everything of the last run is drawn."""
        self.page.locator(IDLE).wait_for(timeout=TIMEOUT)
        self.page.wait_for_function(DRAWN, timeout=TIMEOUT)

    def rerun(self, action: Callable[[], Any]) -> None:
        """Do something that makes Streamlit run the page (or a fragment) again, and wait for that run."""
        finished = self.page.evaluate("window.__finishedRuns")
        action()
        self.page.wait_for_function("n => window.__finishedRuns > n", arg=finished, timeout=TIMEOUT)
        self.settle()

    @property
    def url(self) -> str:
        return self.page.url

    # --- what is on the page --------------------------------------------------------------------------------

    def errors(self) -> list[str]:
        """Error elements on the page and errors the server logged since this page was opened."""
        shown = [f"on the page: {text}" for text in self.page.locator(ERRORS).all_inner_texts()]
        return shown + [f"in the server log: {line}" for line in self.server.errors_since(self.log_offset)]

    def title(self) -> str:
        return self.page.locator("[data-testid=stMain] h1").first.inner_text().strip()

    def navigation(self) -> list[str]:
        """The page titles in the sidebar (each link's text without its icon's ligature name)."""
        return [text.strip().split("\n")[-1] for text in
                self.page.locator("[data-testid=stSidebarNavLink]").all_inner_texts()]

    def main_text(self) -> str:
        return self.page.locator("[data-testid=stMain]").inner_text()

    def placeholders(self) -> list[str]:
        """The placeholder texts a person sees in empty input fields."""
        return self.page.evaluate("""() => [...document.querySelectorAll('input[placeholder]')]
            .filter(i => !i.value && i.checkVisibility()).map(i => i.placeholder)""")

    def widgets(self) -> dict[str, dict]:
        """Every URL-bound filter (key url_<param>): label, chosen segment, chosen tags, input values."""
        return self.page.evaluate(WIDGETS)

    def chart(self, key: str) -> list[dict] | None:
        """The data of the Plotly chart drawn by charts.show(key=...), trace by trace (its chart tab opened
        first); None if not drawn."""
        tabs = self.open_tab(key, 0)
        expect(tabs.locator(".js-plotly-plot, [data-testid=stAlert]").first).to_be_attached(timeout=TIMEOUT)
        plot = self.page.locator(f".st-key-{key}_chart .js-plotly-plot")
        return plot.evaluate(CHART_DATA) if plot.count() else None

    def open_tab(self, key: str, index: int) -> Locator:
        """Open tab `index` of charts.show(key=...), which draws the open tab only: choosing another reruns.
        Its content is waited for by the caller (a quick rerun can end without the app's run state ever
        showing 'running', so a count of finished runs is no signal here)."""
        tabs = self.page.locator(f".st-key-{key}_tabs")
        tab = tabs.get_by_role("tab").nth(index)
        if tab.get_attribute("aria-selected") != "true":
            press(tab)
            expect(tab).to_have_attribute("aria-selected", "true", timeout=TIMEOUT)
        self.settle()
        return tabs

    # --- filters (url.py widgets, found by their key) -------------------------------------------------------

    def widget(self, name: str) -> Locator:
        return self.page.locator(f".st-key-url_{name}")

    def segment(self, name: str, label: str) -> None:
        self.rerun(lambda: press(self.widget(name).get_by_role("radio", name=label, exact=True)))

    def select(self, name: str, label: str, *, exact: bool = True) -> None:
        """Choose the option `label` (or the one option whose label holds it) in a selectbox; typing
        narrows a long list to it first."""
        box = self.widget(name).get_by_role("combobox")

        def choose() -> None:
            press(box)
            box.fill(label)
            option = self.page.get_by_role("option", name=label, exact=exact)
            expect(option).to_have_count(1)
            press(option)
        self.rerun(choose)

    def unselect(self, name: str, label: str) -> None:
        """Remove one chosen value of a multiselect."""
        self.rerun(lambda: press(self.widget(name).get_by_role("button", name=f"Remove {label}", exact=True)))

    def type(self, name: str, text: str) -> None:
        field = self.widget(name).get_by_role("textbox")

        def enter() -> None:
            field.fill(text)
            field.press("Enter")
        self.rerun(enter)

    def language(self, label: str) -> None:
        self.segment("lang", label)

    # --- tables ---------------------------------------------------------------------------------------------------

    def tab_table(self, key: str) -> Locator:
        """The table of charts.show(key=...): its second tab ('Tabel' / 'Table') opened."""
        grid = self.open_tab(key, 1).locator("[data-testid=stDataFrame]")
        expect(grid.locator("table[role=grid]")).to_be_attached(timeout=TIMEOUT)
        return grid

    def find_table(self, where: str) -> Locator:
        """'tab:<key>': the table tab of charts.show(key=...); 'header:<text>': the table with that column;
        'expander:<key>/<text>': the table with that column in the expander st.expander(key=...), opened
        first; 'only': the page's one table."""
        kind, _, value = where.partition(":")
        if kind == "tab":
            return self.tab_table(value)
        if kind == "expander":
            key, _, header = value.partition("/")
            self.open_expander(f".st-key-{key}")
            grid = self.table_with(header)
            expect(grid).to_be_visible(timeout=TIMEOUT)
            return grid
        if kind == "header":
            return self.table_with(value)
        grid = self.page.locator("[data-testid=stDataFrame]")
        expect(grid).to_have_count(1)
        return grid

    def table_with(self, header: str) -> Locator:
        """The table that has a column headed `header`."""
        grid = self.page.locator("[data-testid=stDataFrame]").filter(
            has=self.page.locator(f"table[role=grid] th:text-is({header!r})"))
        expect(grid).to_have_count(1, timeout=TIMEOUT)
        return grid

    def table(self, grid: Locator) -> list[dict[str, str]]:
        """Every row of a shown table as its text, by column (see the module docstring). The file names a
        column by its data name, the grid by its label; both list the columns in the same order."""
        grid.scroll_into_view_if_needed()
        grid.hover()                  # the grid's toolbar shows while the pointer is on the grid
        with self.page.expect_download(timeout=TIMEOUT) as download:
            grid.get_by_role("button", name="Download as CSV").click()
        rows = read_csv(download.value.path())
        in_view = grid.evaluate(ROWS_IN_VIEW)
        assert in_view["count"] == len(rows) + 1, "the grid's row count equals the exported rows (+ header)"
        assert in_view["rows"], "the grid shows rows"
        for index, cells in in_view["rows"]:
            exported = list(rows[index - 2].values())          # aria-rowindex 1 is the header row
            assert [text for _, text in cells] == [as_displayed(exported[column - 1]) for column, _ in cells], \
                f"row {index - 1} in view equals the exported row"
        return rows

    # --- downloads ---------------------------------------------------------------------------------------------

    def download(self, container: Locator) -> list[dict[str, str]]:
        """Press the download button in `container` (a .st-key-<key>_button); the rows of its CSV."""
        with self.page.expect_download(timeout=TIMEOUT) as download:
            press(container.get_by_role("button"))
        return read_csv(download.value.path())

    def panel(self, key: str) -> Locator:
        """Open the download panel `key` (ui/downloads.panel, whose inside is drawn when it opens); returns
        its container."""
        expander = self.open_expander(f".st-key-{key}_panel")
        expect(expander.locator(f".st-key-{key}_button")).to_be_visible(timeout=TIMEOUT)
        return expander

    def open_expander(self, selector: str) -> Locator:
        """Open the expander `selector` unless it is open. One drawn only when open (on_change="rerun") runs
        its page or fragment again; its content is waited for by the caller (see open_tab)."""
        expander = self.page.locator(selector)
        details = expander.locator("details")
        if details.get_attribute("open") is None:
            press(details.locator("summary"))
            expect(details).to_have_attribute("open", "", timeout=TIMEOUT)
        self.settle()
        return expander

    # --- screenshots -------------------------------------------------------------------------------------------

    def screenshot(self, name: str) -> Path:
        """The whole page: the viewport is stretched to the content for the shot (Streamlit scrolls inside)."""
        size = self.page.viewport_size
        height = self.page.evaluate("""() => Math.max(...['stMain', 'stAppViewContainer', 'stMainBlockContainer',
            'stSidebarContent'].map(id => document.querySelector(`[data-testid=${id}]`)?.scrollHeight || 0))""")
        path = SCREENSHOTS / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        if height + 80 > size["height"]:
            self.page.set_viewport_size({"width": size["width"], "height": min(height + 80, MAX_SCREENSHOT_HEIGHT)})
            self.page.wait_for_function(DRAWN, timeout=TIMEOUT)
        try:
            self.page.screenshot(path=str(path), full_page=True)
        finally:
            self.page.set_viewport_size(size)
            self.page.wait_for_function(DRAWN, timeout=TIMEOUT)
        return path
