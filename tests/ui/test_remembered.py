"""What the pages remember for every session (figures, tables, query results) is found again only for the same
content, language and publication: another language or a newly published file gives a fresh one, and the
memory stays within its bounds. Expected values are written out here (Plotly's separators, the rows of the
published file read directly), not taken from the code under test."""
from __future__ import annotations

import contextlib
import datetime as dt
import gc
import json
import os
import shutil
import types
import weakref

import duckdb
import orjson
import plotly.graph_objects as go
import plotly.io as pio
import polars as pl
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from examencijfers.ui import charts, data, downloads, i18n, tables, url
from examencijfers.ui.figure import Checked
from examencijfers.ui.remembered import Remembered
from examencijfers.ui.tables import Col
from tests.ui.conftest import APP, plain


# --- the memory itself ---------------------------------------------------------------------------------

def test_the_memory_drops_the_least_recently_used_past_its_number_or_its_bytes():
    memory: Remembered[str] = Remembered()
    memory.SIZE, memory.BUDGET = 3, 100
    for key in "abc":
        memory.put(key, key.upper(), weight=10)
    assert memory.get("a") == "A"                       # used: now the newest
    memory.put("d", "D", weight=10)                     # a fourth: 'b' is the least recently used
    assert memory.get("b") is None and [memory.get(k) for k in "acd"] == ["A", "C", "D"]
    memory.put("e", "E", weight=85)                     # 10 + 10 + 10 + 85 > 100: the oldest go until it fits
    assert memory.get("a") is None and memory.get("c") is None
    assert memory.get("d") == "D" and memory.get("e") == "E" and memory.weight == 95


def test_the_newest_value_stays_however_heavy_and_a_key_put_again_counts_once():
    memory: Remembered[str] = Remembered()
    memory.BUDGET = 100
    memory.put("big", "x", weight=500)
    assert memory.get("big") == "x" and len(memory) == 1
    memory.put("small", "y", weight=10)                 # the heavy one goes, the new one stays
    assert memory.get("big") is None and memory.weight == 10
    memory.put("small", "z", weight=20)
    assert memory.get("small") == "z" and memory.weight == 20 and len(memory) == 1


# --- what a page derives from its results ----------------------------------------------------------------

@pytest.fixture
def publications(tmp_path, monkeypatch):
    """A published file whose modification time the test moves on, as `examencijfers publish` would."""
    path = tmp_path / "published.duckdb"
    path.write_bytes(b"")
    monkeypatch.setattr(data.serving, "published_path", lambda: path)
    st.cache_resource.clear()
    yield path
    st.cache_resource.clear()


def republish(path) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_a_derived_view_is_made_once_per_publication_and_arguments_and_shared(publications):
    made = []

    @data.per_publication
    def view(level: str, years: list[int]) -> dict:
        made.append((level, years))
        return {"level": level, "years": years}

    first = view("provincie", [2023, 2024])
    assert view("provincie", [2023, 2024]) is first and made == [("provincie", [2023, 2024])]
    assert view("gemeente", [2023, 2024]) is not first and view("provincie", [2024]) is not first
    assert view(True, [1]) is not view(1, [1])                   # 1 and True are different arguments
    republish(publications)
    again = view("provincie", [2023, 2024])
    assert again is not first and again == first and len(made) == 6


def test_a_derived_view_reads_the_file_its_key_names_while_a_new_one_is_swapped_in(publications):
    seen = []

    @data.per_publication
    def view() -> tuple:
        before = data.published_file()
        republish(publications)                                  # a publish lands while the view is made
        seen.append(data.published_file())
        return before

    made_for = view()
    assert seen == [made_for]                                    # every read inside it: the same file
    assert data.published_file() != made_for                     # outside it, the new one
    assert view() is not made_for                                # and the new one gets a view of its own


# --- figures -------------------------------------------------------------------------------------------

@pytest.fixture
def bare(published, monkeypatch):
    """charts/tables outside a page: a fresh memory, the publication's stamp as the test sets it, Dutch."""
    monkeypatch.setenv("EXAMENCIJFERS_PUBLISHED", str(published))   # the suppression reasons come from it
    st.cache_resource.clear()
    file = {"value": ("published.duckdb", 1)}
    monkeypatch.setattr(charts, "published_file", lambda: file["value"])
    monkeypatch.setattr(tables, "published_file", lambda: file["value"])
    st.session_state[i18n.STATE_KEY] = "nl"
    yield file
    st.cache_resource.clear()


WEEKS = [dt.date(2026, 1, 5), dt.date(2026, 1, 12), dt.date(2026, 1, 19)]


def bars_of(values: list[int]) -> charts.Drawing:
    return charts.draw(charts.stacked_bars, pl.DataFrame({"week": WEEKS, "n": values}), x="week",
                       series=[("n", "Examens")], y_title="n")


@pytest.fixture
def builds(monkeypatch):
    """How often charts.stacked_bars really builds its figure."""
    calls = []
    builder = charts.stacked_bars

    def counted(*args, **kwargs):
        calls.append(args)
        return builder(*args, **kwargs)
    counted.__module__, counted.__qualname__ = builder.__module__, builder.__qualname__
    monkeypatch.setattr(charts, "stacked_bars", counted)
    return calls


def test_an_equal_drawing_is_built_and_validated_once_and_is_what_plotly_would_make_of_it(bare, builds):
    first = bars_of([3, 70_000, 12]).checked()
    assert bars_of([3, 70_000, 12]).checked() is first and len(builds) == 1
    plotly_own = json.loads(pio.to_json(go.Figure(**bars_of([3, 70_000, 12]).figure().to_dict())))
    assert plain(first.to_dict()) == plain(plotly_own)
    assert plain(first.to_dict()["data"][0]["y"]) == [3, 70_000, 12]


def test_numbers_travel_as_typed_arrays_and_a_list_with_a_gap_as_json():
    fig = charts.figure(y_title="n")
    fig.add_scatter(x=WEEKS, y=[0.1, None, 0.3], customdata=[3, 70_000, 12],
                    error_y=dict(array=[0.25, 0.5, 0.125]), name="B")
    spec = json.loads(pio.to_json(Checked(fig.to_dict()).to_dict(), validate=False))["data"][0]
    assert spec["x"] == ["2026-01-05", "2026-01-12", "2026-01-19"]
    assert spec["y"] == [0.1, None, 0.3]                     # a gap: plain JSON, null where it is missing
    assert spec["customdata"]["dtype"] == "i4" and plain(spec["customdata"]) == [3, 70_000, 12]
    assert spec["error_y"]["array"]["dtype"] == "f8" and plain(spec["error_y"]["array"]) == [0.25, 0.5, 0.125]


def test_a_checked_figure_is_written_as_plotly_writes_its_dict_without_writing_it_again(monkeypatch):
    """st.plotly_chart writes a figure with plotly.io.to_json on every run; a checked figure hands over the
    text it made once, which is the text plotly writes for its dict (made safe for HTML: '<', '>', '/')."""
    fig = charts.figure(y_title="n </b> & a/b")
    fig.add_bar(x=WEEKS, y=[3, 70_000, 12], hovertemplate="<b>%{x}</b><br>%{y}<extra></extra>", name="B")
    written = Checked(fig.to_dict()).to_dict()
    afresh = pio.to_json(dict(written), validate=False)          # a plain dict: plotly writes it anew
    assert "\\u003cb\\u003e" in afresh and "<" not in afresh
    dumped, dumps = [], orjson.dumps
    monkeypatch.setattr(orjson, "dumps", lambda value, **options: dumped.append(value) or dumps(value, **options))
    assert pio.to_json(written, validate=False) == afresh
    assert [type(value) for value in dumped] == [orjson.Fragment]    # the text made once, not the dict again


def test_a_changed_value_another_language_or_a_new_publication_gives_a_fresh_figure(bare, builds):
    dutch = bars_of([1, 2, 3]).checked()
    changed = bars_of([1, 2, 4]).checked()
    assert changed is not dutch and plain(changed.to_dict()["data"][0]["y"]) == [1, 2, 4]
    retitled = charts.draw(charts.stacked_bars, pl.DataFrame({"week": WEEKS, "n": [1, 2, 3]}), x="week",
                           series=[("n", "Examens")], y_title="aantal").checked()
    assert retitled is not dutch and retitled.to_dict()["layout"]["yaxis"]["title"]["text"] == "aantal"

    st.session_state[i18n.STATE_KEY] = "en"
    english = bars_of([1, 2, 3]).checked()
    assert english is not dutch
    assert dutch.to_dict()["layout"]["separators"] == ",." and english.to_dict()["layout"]["separators"] == ".,"

    st.session_state[i18n.STATE_KEY] = "nl"
    bare["value"] = ("published.duckdb", 2)             # `examencijfers publish` swapped a new file in
    republished = bars_of([1, 2, 3]).checked()
    assert republished is not dutch and republished.to_dict() == dutch.to_dict()
    assert len(builds) == 5


def test_a_drawing_with_an_argument_no_key_can_hold_is_drawn_but_never_remembered(bare):
    frame = pl.DataFrame({"year": ["2025", "2026"], "code": ["B", "B"], "n": [7, 9]})
    labels = types.MappingProxyType({"B": "B · personenauto"})          # a mapping that is not hashable
    drawing = charts.draw(charts.grouped_bars, frame, x="year", group="code", y="n", labels=labels)
    assert drawing.key() is None
    assert drawing.checked() is not drawing.checked()
    assert drawing.checked().to_dict()["data"][0]["name"] == "B · personenauto"


def test_only_the_chart_builders_can_be_drawn():
    with pytest.raises(ValueError, match="not a chart builder"):
        charts.draw(lambda: charts.figure())
    with pytest.raises(ValueError, match="not a chart builder"):
        charts.draw(charts.Figure)


# --- tables --------------------------------------------------------------------------------------------

def test_a_frames_fingerprint_is_worked_out_once_while_it_lives_and_equal_content_gives_an_equal_one():
    frame = pl.DataFrame({"code": ["A", "B"], "n": [1, 2]})
    first = tables.fingerprint(frame)
    assert tables.fingerprint(frame) is first                               # the same frame: not hashed again
    assert tables.fingerprint(pl.DataFrame({"code": ["A", "B"], "n": [1, 2]})) == first
    assert tables.fingerprint(pl.DataFrame({"code": ["A", "B"], "n": [1, 3]})) != first
    assert tables.fingerprint(frame.cast({"n": pl.Int32})) != first          # same numbers, another type
    gc.collect()
    held = len(tables._FINGERPRINTS)
    del frame
    gc.collect()
    assert len(tables._FINGERPRINTS) == held - 1                            # it went with its frame


def test_a_shown_table_is_sent_as_the_arrow_table_streamlit_makes_of_its_text(bare):
    frame = pl.DataFrame({"code": ["A", "B"], "n": [1234, 5]})
    columns = [Col("code", "columns.code"), Col("n", "columns.n", "int")]
    drawn = tables._shown(frame, columns)
    assert drawn.table.to_dicts() == [{"Code": "A", "Aantal (n)": "1.234"}, {"Code": "B", "Aantal (n)": "5"}]
    # the index travels as a column, marked as the index (hidden, and kept by a lazily sent table's chunks)
    assert drawn.arrow.schema.pandas_metadata["index_columns"] == ["__index_level_0__"]
    assert drawn.arrow.column("__index_level_0__").to_pylist() == [0, 1]
    assert drawn.arrow.drop_columns(["__index_level_0__"]).to_pylist() == drawn.table.to_dicts()
    assert tables._shown(frame, columns) is drawn
    st.session_state[i18n.STATE_KEY] = "en"
    english = tables._shown(frame, columns)
    assert english.table.to_dicts() == [{"Code": "A", "Number (n)": "1,234"}, {"Code": "B", "Number (n)": "5"}]
    bare["value"] = ("published.duckdb", 2)
    assert tables._shown(frame, columns) is not english


# --- query results and pages ---------------------------------------------------------------------------

def test_a_query_result_is_shared_until_the_file_is_replaced(published, tmp_path, monkeypatch):
    served = tmp_path / "published.duckdb"
    shutil.copy(published, served)
    monkeypatch.setenv("EXAMENCIJFERS_PUBLISHED", str(served))
    st.cache_resource.clear()
    first = data.query("sources")
    assert data.query("sources") is first

    newer = tmp_path / ".published.duckdb.tmp"
    shutil.copy(published, newer)
    connection = duckdb.connect(str(newer))
    connection.execute("delete from sources where source_id = (select max(source_id) from sources)")
    expected = connection.execute("select count(*) from sources").fetchone()[0]
    connection.close()
    os.replace(newer, served)
    os.utime(served, ns=(os.stat(served).st_atime_ns, os.stat(served).st_mtime_ns + 1_000_000))

    again = data.query("sources")
    assert again is not first and again.height == expected == first.height - 1
    data.handles().get(str(served), data.published_file()[1]).close()
    st.cache_resource.clear()


def test_a_long_table_is_served_lazily_from_the_shared_arrow_table(bare):
    """Streamlit serves a table of more than 1,000 rows in chunks from the very Arrow table the memory holds
    (no copy per visitor), and each chunk carries its rows' index, so scrolling and sorting keep row order."""
    from streamlit.dataframe.lazy_df_source import resolve_lazy_source

    frame = pl.DataFrame({"code": [f"C{i:04d}" for i in range(2500)], "n": list(range(2500))})
    drawn = tables._shown(frame, [Col("code", "columns.code"), Col("n", "columns.n", "int")])
    source = resolve_lazy_source(drawn.arrow, True, is_selection_activated=False)
    assert source.row_count == 2500
    assert source._table is drawn.arrow       # Streamlit's own attribute: the table its chunks come from
    chunk = source.load_rows(1000, 3)
    assert chunk.column("__index_level_0__").to_pylist() == [1000, 1001, 1002]
    assert chunk.column("Code").to_pylist() == ["C1000", "C1001", "C1002"]
    short = tables._shown(frame.head(1000), [Col("code", "columns.code")])
    assert resolve_lazy_source(short.arrow, True, is_selection_activated=False) is None   # sent whole



def test_parameters_of_another_type_are_another_result():
    assert data.frozen(1) != data.frozen(1.0) != data.frozen(True)
    assert data.frozen(["B", "A"]) != data.frozen(["A", "B"])
    assert data.frozen({"a": [1], "b": None}) == data.frozen({"b": None, "a": [1]})
    hash(data.frozen({"products": ["B"], "window": 4, "dates": ("2024-01-01",)}))


def test_a_page_in_another_language_and_after_a_new_publication_draws_fresh_figures(published, tmp_path,
                                                                                    monkeypatch):
    served = tmp_path / "published.duckdb"
    shutil.copy(published, served)
    monkeypatch.setenv("EXAMENCIJFERS_PUBLISHED", str(served))
    test = AppTest.from_file(APP, default_timeout=60).run()
    test.switch_page("pages/cbr/exams.py").run()
    dutch = [json.loads(chart.proto.spec) for chart in test.get("plotly_chart")]
    assert dutch and {spec["layout"]["separators"] for spec in dutch} == {",."}
    test.segmented_control(key="url_lang").set_value("en").run()
    english = [json.loads(chart.proto.spec) for chart in test.get("plotly_chart")]
    assert {spec["layout"]["separators"] for spec in english} == {".,"}
    assert [spec["data"][0]["x"] for spec in english] == [spec["data"][0]["x"] for spec in dutch]

    # the newest week's counts of every product are removed from a new publication: the rate chart ends earlier
    last = max(x for spec in english[:1] for item in spec["data"] for x in item["x"])
    newer = tmp_path / ".published.duckdb.tmp"
    shutil.copy(published, newer)
    connection = duckdb.connect(str(newer))
    connection.execute("delete from cbr_exams_weekly where week_start = (select max(week_start) from cbr_exams_weekly)")
    connection.close()
    os.replace(newer, served)
    os.utime(served, ns=(os.stat(served).st_atime_ns, os.stat(served).st_mtime_ns + 1_000_000))
    test.run()
    assert not test.exception
    republished = [json.loads(chart.proto.spec) for chart in test.get("plotly_chart")]
    assert max(x for item in republished[0]["data"] for x in item["x"]) < last


# --- what a session keeps ------------------------------------------------------------------------------

class PageFrame:
    """Stands for a frame a page made in its run (weakly referable, so the test can see it go)."""


def test_a_widgets_labels_keep_nothing_of_the_page_that_wrote_them():
    # Streamlit keeps a widget's format_func for the session's life; a page's function would keep its globals
    page_globals = {"frame": PageFrame()}
    exec("def describe(v):\n    return f'{v} ({type(frame).__name__})'", page_globals)
    gone = weakref.ref(page_globals["frame"])
    lookup = url.labels(["a", "b"], page_globals["describe"])
    page_globals.clear()
    gc.collect()
    assert gone() is None                                   # the run's frame is freed, the labels stay
    assert [lookup("a"), lookup("b"), lookup("stale")] == ["a (PageFrame)", "b (PageFrame)", "stale"]


def test_open_download_panels_of_equal_rows_share_one_frame_and_a_closed_one_holds_none(bare, monkeypatch):
    kept, panel_open = [], {"value": True}
    monkeypatch.setattr(downloads, "_choices", lambda key, frame, *args: kept.append(frame))
    monkeypatch.setattr(downloads, "expander_when_open",
                        lambda *args, **kwargs: contextlib.nullcontext() if panel_open["value"] else None)
    for _ in range(2):                                      # two visitors' runs make equal frames of their own
        downloads.panel("p", pl.DataFrame({"code": ["A", "B"], "n": [1, 2]}), "cbr_exams_weekly", {}, None)
    downloads.panel("p", pl.DataFrame({"code": ["A", "B"], "n": [1, 3]}), "cbr_exams_weekly", {}, None)
    assert kept[0] is kept[1] and kept[2] is not kept[0]
    assert kept[2]["n"].to_list() == [1, 3]

    panel_open["value"] = False                             # closed: no fragment, nothing of the rows kept
    held = len(downloads.PanelFrames.shared())
    downloads.panel("p", pl.DataFrame({"code": ["C"], "n": [4]}), "cbr_exams_weekly", {}, None)
    assert len(kept) == 3 and len(downloads.PanelFrames.shared()) == held == 2
