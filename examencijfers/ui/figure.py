"""A Plotly figure as plain data: {"data": [...traces], "layout": {...}}, with the few methods of
plotly.graph_objects.Figure that the charts use.

Why not go.Figure: building one validates every property as it is set, which cost ~17 ms per chart (most of
a page's render); a dict costs nothing to build, and st.plotly_chart validates the finished figure once.
"""
from __future__ import annotations

from typing import Any


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
