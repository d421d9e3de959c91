"""A Plotly figure as plain data: {"data": [...traces], "layout": {...}}, with the few methods of
plotly.graph_objects.Figure that the charts use, and `Checked`: the figure as st.plotly_chart sends it.

Why not go.Figure: building one validates every property as it is set, which cost ~17 ms per chart (most of
a page's render); a dict costs nothing to build. st.plotly_chart validates a dict it is given on every run
(70 ms for the funnel of 7,000 opleiders), so the charts hand it a `Checked` figure, validated once per
content and remembered (charts.Drawing, charts.ShownFigures).

A checked figure is kept as Plotly would send it: its numeric arrays as typed arrays (base64 of the numbers'
bytes, which plotly.js decodes exactly) and everything else as plain JSON values. Streamlit serialises the
figure on every run; a list of 7,000 numbers costs the JSON encoder a call per number, a typed array one
string (the funnel of the opleiders page: 6.9 -> 2.9 ms a run).
"""
from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
import orjson
import plotly.graph_objects as go
import plotly.io as pio


def merge(target: dict, changes: dict) -> dict:
    """Nested update, as Plotly's update_layout does; a None value is left out."""
    for key, value in changes.items():
        if value is None:
            continue
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            merge(target[key], value)
        else:
            target[key] = value
    return target


def trace(kind: str, **properties: Any) -> dict:
    return merge({"type": kind}, properties)


class Figure:
    def __init__(self) -> None:
        self.data: list[dict] = []
        self.layout: dict = {}

    def add_trace(self, item: dict) -> None:
        self.data.append(item)

    def add_scatter(self, **properties: Any) -> None:
        self.add_trace(trace("scatter", **properties))

    def add_bar(self, **properties: Any) -> None:
        self.add_trace(trace("bar", **properties))

    def update_layout(self, **changes: Any) -> None:
        merge(self.layout, changes)

    def update_xaxes(self, **changes: Any) -> None:
        merge(self.layout.setdefault("xaxis", {}), changes)

    def update_yaxes(self, **changes: Any) -> None:
        merge(self.layout.setdefault("yaxis", {}), changes)

    def update_traces(self, **changes: Any) -> None:
        for item in self.data:
            merge(item, changes)

    def add_vline(self, x: float, *, line: dict, annotation_text: str = "") -> None:
        """A vertical line across the plot, labelled at its top."""
        self.layout.setdefault("shapes", []).append(
            {"type": "line", "xref": "x", "yref": "paper", "x0": x, "x1": x, "y0": 0, "y1": 1, "line": line})
        if annotation_text:
            self.layout.setdefault("annotations", []).append(
                {"x": x, "xref": "x", "y": 1, "yref": "paper", "text": annotation_text, "showarrow": False,
                 "yanchor": "bottom"})

    def to_dict(self) -> dict:
        return {"data": self.data, "layout": self.layout}


class Checked(go.Figure):
    """A validated figure that hands out its validated dict without copying it.

    st.plotly_chart validates a dict it is given (plotly's Figure(**dict).to_dict()) and calls to_dict() on a
    go.Figure, which deep-copies every trace; this holds the result of that validation, made once, in its
    JSON form (typed arrays, dates as text), and is itself an empty go.Figure, so it holds the figure's data
    only once. The dict is shared by every session that draws the figure: it is read (serialised to JSON),
    never changed. `size`: the length of its JSON text."""

    def __init__(self, figure: dict) -> None:
        super().__init__()
        # each trace in a new dict (typed_arrays), so `figure` stays as it was
        traces = [typed_arrays(item) for item in figure.get("data", [])]
        text = pio.to_json(go.Figure(data=traces, layout=figure.get("layout")).to_dict(), validate=False)
        self._checked = Written(json.loads(text), text)
        self._size = len(text)   # plotly's Figure takes no attribute without an underscore

    def to_dict(self) -> dict:
        return self._checked

    @property
    def size(self) -> int:
        return self._size


class Written(dict):
    """A figure's dict that also holds the JSON text plotly writes for it. st.plotly_chart writes the
    figure with plotly.io.to_json on every run; plotly's writer asks an object for `to_plotly_json()` first,
    and orjson writes a Fragment as it is, so the text is not made again (a figure of 7,000 points: 0.6 ->
    0.05 ms a run). The text is what plotly writes for the dict, made safe for HTML ('<' as \\u003c and so on),
    which plotly's last step leaves as it is. Without orjson plotly writes the dict itself."""

    def __init__(self, content: dict, text: str) -> None:
        super().__init__(content)
        self._text = orjson.Fragment(text.encode("utf-8"))

    def to_plotly_json(self) -> Any:
        return self._text


def typed_arrays(properties: dict) -> dict:
    """A trace's properties in new dicts (nested ones too; plotly takes "type" out of the dict it is given),
    other values shared, and every list of numbers as a numpy array, which plotly sends as a typed array
    (ints as the smallest of int8/16/32 that holds them; plotly writes wider ones as a plain list). A list with a missing or infinite value (None, NaN, inf) stays a list: plotly
    writes those as null, which every trace type reads as a gap."""
    def convert(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: convert(item) for key, item in value.items()}
        if isinstance(value, list) and value and all(type(v) is int or (type(v) is float and math.isfinite(v))
                                                     for v in value):
            array = np.asarray(value)
            return array if array.dtype.kind in "if" else value   # an int beyond 64 bits stays a list
        return value
    return convert(properties)
