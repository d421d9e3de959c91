"""A Plotly figure as plain data: {"data": [...traces], "layout": {...}}, with the few methods of
plotly.graph_objects.Figure that the charts use, and `Checked`: the figure as st.plotly_chart sends it.

Why not go.Figure: building one validates every property as it is set, which cost ~17 ms per chart (most of
a page's render); a dict costs nothing to build. st.plotly_chart validates a dict it is given on every run
(70 ms for the funnel of 7,000 opleiders), so the charts hand it a `Checked` figure, validated once per
content and remembered (charts.checked, charts.ShownFigures).
"""
from __future__ import annotations

from typing import Any

import plotly.graph_objects as go


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
    go.Figure, which deep-copies every trace; this holds the result of that validation, made once, and is
    itself an empty go.Figure, so it holds the figure's data only once. The dict is shared by every session
    that draws the figure: it is read (serialised to JSON), never changed."""

    def __init__(self, figure: dict) -> None:
        super().__init__()
        # plotly takes each trace's "type" out of the dict it is given: it gets copies, so `figure` stays as it was
        traces = [dict(item) for item in figure.get("data", [])]
        self._checked = go.Figure(data=traces, layout=figure.get("layout")).to_dict()

    def to_dict(self) -> dict:
        return self._checked
