"""Chart builders: polars in, a Plotly figure (as plain data, see figure.py) out, and `show` to draw one with its table and summary.

Every chart shows uncertainty where it has a rate (the Wilson 95% interval as a band or a bar), uses the
Okabe-Ito palette (safe for the common kinds of colour blindness), and the page language's number format
(Plotly's `separators`). A withheld value is a gap in a line, never a zero.
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl
import streamlit as st

from examencijfers.ui import numbers, tables
from examencijfers.ui.data import frozen, published_file
from examencijfers.ui.figure import Checked, Figure, trace
from examencijfers.ui.i18n import current, t
from examencijfers.ui.remembered import Remembered

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
GREY = "#6E6E6E"
HEIGHT = 380


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def _band(hex_colour: str, alpha: float = 0.18) -> str:
    red, green, blue = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def figure(*, y_title: str = "", x_title: str = "", percent: bool = False, height: int = HEIGHT) -> Figure:
    """An empty figure in the house style and the page's number format."""
    fig = Figure()
    fig.update_layout(
        height=height, margin=dict(l=10, r=10, t=30, b=10), separators=numbers.PLOTLY_SEPARATORS[current()],
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0), hovermode="x unified",
        yaxis=dict(title=y_title, tickformat=".0%" if percent else ",d", rangemode="tozero" if not percent else None),
        xaxis=dict(title=x_title), plot_bgcolor="white",
    )
    fig.update_xaxes(showgrid=False, linecolor="#BBBBBB")
    fig.update_yaxes(gridcolor="#E5E5E5")
    return fig


def date_axis(fig: Figure, values: Sequence[object]) -> None:
    """Month ticks in the page's language (Plotly's own month names are English), and hover dates as
    day-month-year, for an x axis of dates."""
    days = sorted({v for v in values if isinstance(v, dt.date)})
    if not days:
        return
    lang = current()
    span_months = (days[-1].year - days[0].year) * 12 + days[-1].month - days[0].month
    step = 1 if span_months <= 14 else 3 if span_months <= 40 else 6
    ticks, month = [], dt.date(days[0].year, days[0].month, 1)
    while month <= days[-1]:
        if month >= days[0] and (month.month - 1) % step == 0:
            ticks.append(month)
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    fig.update_xaxes(tickvals=ticks, ticktext=[f"{numbers.MONTHS[lang][d.month - 1]} {d.year}" for d in ticks],
                     hoverformat="%d-%m-%Y")


def _runs(xs: list, lows: list, highs: list) -> list[tuple[list, list, list]]:
    """The stretches of consecutive points that have an interval: a band is drawn per stretch, so a withheld
    value leaves a gap instead of a wall from the last interval down to nothing."""
    runs: list[tuple[list, list, list]] = []
    current: tuple[list, list, list] = ([], [], [])
    for x, low, high in zip(xs, lows, highs):
        if low is None or high is None:
            if current[0]:
                runs.append(current)
            current = ([], [], [])
            continue
        current[0].append(x)
        current[1].append(low)
        current[2].append(high)
    if current[0]:
        runs.append(current)
    return runs


def _line_style(index: int) -> str:
    """Past the palette's eight colours a line repeats a colour, so it gets a dash to stay distinct."""
    return "solid" if index < len(PALETTE) else "dash"


def rate_lines(frame: pl.DataFrame, *, x: str, group: str, name: str, rate: str = "rate", low: str = "ci_low",
               high: str = "ci_high", n: str = "n", dotted: str | None = None, dotted_label: str = "",
               y_title: str = "", banded: set[str] | None = None, references: pl.DataFrame | None = None,
               reference_lines: Sequence[tuple[str, str, str]] = ()) -> Figure:
    """One line per group with its 95% band (only for the groups in `banded`, when given: many bands are
    unreadable); `dotted` adds a second rate per group in the same colour, dotted and named
    "<group> (<dotted_label>)": the same weeks a year earlier, or the national rate. `reference_lines`:
    (column, label, dash) of `references` drawn in grey over the same x, each one that has a value."""
    fig = figure(y_title=y_title, percent=True)
    for index, ((code,), part) in enumerate(frame.sort(x).group_by([group], maintain_order=True)):
        label = part[name][0] or code
        hue = colour(index)
        xs = part[x].to_list()
        if banded is None or code in banded:
            for run_x, run_low, run_high in _runs(xs, part[low].to_list(), part[high].to_list()):
                fig.add_trace(trace("scatter", 
                    x=run_x + run_x[::-1], y=run_high + run_low[::-1], fill="toself", fillcolor=_band(hue),
                    line=dict(width=0), hoverinfo="skip", showlegend=False, legendgroup=code, mode="lines"))
        fig.add_trace(trace("scatter", 
            x=xs, y=part[rate].to_list(), name=label, mode="lines+markers" if len(xs) < 12 else "lines",
            line=dict(color=hue, width=2 if banded is None or code in banded else 1.2, dash=_line_style(index)),
            marker=dict(size=5),
            legendgroup=code, connectgaps=False, customdata=part.select(n, low, high).rows(),
            hovertemplate=f"{label}: %{{y:.1%}} (95%: %{{customdata[1]:.1%}}–%{{customdata[2]:.1%}}, "
                          f"n=%{{customdata[0]:,}})<extra></extra>"))
        if dotted:
            fig.add_trace(trace("scatter",
                x=xs, y=part[dotted].to_list(), name=f"{label} ({dotted_label})", mode="lines",
                line=dict(color=hue, width=1.5, dash="dot"), legendgroup=code, connectgaps=False,
                hovertemplate=f"{label}, {dotted_label}: %{{y:.1%}}<extra></extra>"))
    for column, label, dash in reference_lines if references is not None else ():
        if references[column].is_not_null().any():
            fig.add_trace(trace("scatter", x=references[x].to_list(), y=references[column].to_list(), mode="lines",
                                name=label, line=dict(color=GREY, dash=dash, width=1.5),
                                hovertemplate=f"{label}: %{{y:.1%}}<extra></extra>"))
    date_axis(fig, frame[x].to_list())
    return fig


def lines(frame: pl.DataFrame, *, x: str, group: str, name: str, y: str, percent: bool = False,
          y_title: str = "", dotted: str | None = None, dotted_label: str = "") -> Figure:
    """One line per group (counts or shares); `dotted` adds a second series per group in the same colour,
    dotted and named "<group> (<dotted_label>)" (a year earlier)."""
    fig = figure(y_title=y_title, percent=percent)
    fmt = ".1%" if percent else ",d"
    for index, ((code,), part) in enumerate(frame.sort(x).group_by([group], maintain_order=True)):
        label = part[name][0] or code
        fig.add_trace(trace("scatter", x=part[x].to_list(), y=part[y].to_list(), name=label, mode="lines",
                                 line=dict(color=colour(index), width=2, dash=_line_style(index)), connectgaps=False,
                                 hovertemplate=f"{label}: %{{y:{fmt}}}<extra></extra>"))
        if dotted:
            fig.add_trace(trace("scatter", x=part[x].to_list(), y=part[dotted].to_list(), name=f"{label} ({dotted_label})",
                                     mode="lines", line=dict(color=colour(index), width=1.5, dash="dot"),
                                     connectgaps=False, hovertemplate=f"{label}, {dotted_label}: %{{y:{fmt}}}<extra></extra>"))
    date_axis(fig, frame[x].to_list())
    return fig


def stacked_bars(frame: pl.DataFrame, *, x: str, series: Sequence[tuple[str, str]], y_title: str = "",
                 x_title: str = "", x_categories: bool = False) -> Figure:
    """Bars stacked per x from the (column, label) pairs in `series`; `x_categories`: x values are names,
    even where they look like numbers (leerjaar 1, 2...)."""
    fig = figure(y_title=y_title, x_title=x_title)
    if x_categories:
        fig.update_xaxes(type="category")
    for index, (column, label) in enumerate(series):
        fig.add_trace(trace("bar", x=frame[x].to_list(), y=frame[column].to_list(), name=label,
                             marker_color=colour(index), hovertemplate=f"{label}: %{{y:,d}}<extra></extra>"))
    fig.update_layout(barmode="stack", bargap=0.15)
    date_axis(fig, frame[x].to_list())
    return fig


def grouped_bars(frame: pl.DataFrame, *, x: str, group: str, y: str, labels: Mapping[str, str],
                 y_title: str = "", value_format: str = ",d", tick_format: str = ",d", x_sorted: bool = False,
                 hovermode: str = "closest") -> Figure:
    """Bars side by side per x, one colour per group, named by `labels` (the code where it has none); the
    hover names the group. `x_sorted`: the x categories in alphabetical order rather than as they come."""
    fig = figure(y_title=y_title)
    for index, ((code,), part) in enumerate(frame.group_by([group], maintain_order=True)):
        label = labels.get(code, code)
        fig.add_trace(trace("bar", x=part[x].to_list(), y=part[y].to_list(), name=label, marker_color=colour(index),
                            hovertemplate=f"%{{x}}: %{{y:{value_format}}}<extra>{label}</extra>"))
    fig.update_layout(barmode="group", hovermode=hovermode)
    fig.update_yaxes(tickformat=tick_format)
    if x_sorted:
        fig.update_xaxes(categoryorder="category ascending")
    return fig


def funnel(points: pl.DataFrame, limits: pl.DataFrame, *, labels: dict[str, str]) -> Figure:
    """A funnel plot: each opleider's rate against its number of exams, inside the 95% and 99.8% control
    limits around the national rate. Points outside the funnel differ more than chance explains."""
    fig = figure(y_title=labels["y"], x_title=labels["x"], percent=True, height=460)
    fig.update_layout(hovermode="closest")
    for low, high, label, dash in (("limit998_low", "limit998_high", labels["limit998"], "dash"),
                                   ("limit95_low", "limit95_high", labels["limit95"], "dot")):
        for column, show in ((low, True), (high, False)):
            fig.add_trace(trace("scatter", x=limits["n"].to_list(), y=limits[column].to_list(), mode="lines",
                                     line=dict(color=GREY, width=1, dash=dash), name=label, showlegend=show,
                                     legendgroup=label, hoverinfo="skip"))
    fig.add_trace(trace("scatter", x=limits["n"].to_list(), y=limits["national_rate"].to_list(), mode="lines",
                             line=dict(color="#000000", width=1), name=labels["national"], hoverinfo="skip"))
    positions = (("below_998", PALETTE[5]), ("below_95", PALETTE[1]), ("within", PALETTE[4]),
                 ("above_95", PALETTE[2]), ("above_998", PALETTE[0]))
    for position, hue in positions:
        part = points.filter(pl.col("funnel_position") == position)
        if part.is_empty():
            continue
        fig.add_trace(trace("scatter", 
            x=part["n"].to_list(), y=part["rate"].to_list(), mode="markers", name=labels[position],
            marker=dict(color=hue, size=7, line=dict(width=0.5, color="white")),
            customdata=part.select("opleidernaam", "opleider_plaats").rows(),
            hovertemplate="%{customdata[0]} (%{customdata[1]}): %{y:.1%}, n=%{x:,d}<extra></extra>"))
    fig.update_xaxes(type="log", title=labels["x"])
    return fig


def dot_intervals(frame: pl.DataFrame, *, label: str, rate: str = "rate", low: str = "ci_low",
                  high: str = "ci_high", n: str = "n", reference: float | None = None, reference_label: str = "",
                  highlight: str | None = None) -> Figure:
    """Horizontal dots with 95% interval bars, one row per label, and a reference line (the national rate)."""
    rows = frame.filter(pl.col(rate).is_not_null())
    fig = figure(percent=True, height=max(260, 22 * rows.height + 80))
    fig.update_layout(hovermode="closest", yaxis=dict(tickformat=None, autorange="reversed", title=""),
                      xaxis=dict(tickformat=".0%"))
    hues = [PALETTE[5] if highlight is not None and v == highlight else PALETTE[0] for v in rows[label].to_list()]
    fig.add_trace(trace("scatter", 
        x=rows[rate].to_list(), y=rows[label].to_list(), mode="markers", marker=dict(color=hues, size=8),
        error_x=dict(type="data", symmetric=False, array=(rows[high] - rows[rate]).to_list(),
                     arrayminus=(rows[rate] - rows[low]).to_list(), color=GREY, thickness=1),
        customdata=rows.select(n, low, high).rows(), showlegend=False,
        hovertemplate="%{y}: %{x:.1%} (95%: %{customdata[1]:.1%}–%{customdata[2]:.1%}, n=%{customdata[0]:,})"
                      "<extra></extra>"))
    if reference is not None:
        fig.add_vline(x=reference, line=dict(color="#000000", width=1, dash="dash"),
                      annotation_text=reference_label)
    return fig


def histogram(values: Sequence[float] | pl.Series, *, marker: float | None = None, marker_label: str = "",
              x_title: str = "", y_title: str = "", bin_size: float = 0.1, percent: bool = False) -> Figure:
    """The distribution of schools' averages (or rates: `percent`), with one school marked."""
    fig = figure(x_title=x_title, y_title=y_title)
    fig.update_layout(hovermode="closest", bargap=0.05)
    if percent:
        fig.update_xaxes(tickformat=".0%")
    fig.add_trace(trace("histogram", x=list(values), marker_color=PALETTE[4], xbins=dict(size=bin_size),
                               hovertemplate=f"{x_title} %{{x}}: %{{y}}<extra></extra>", showlegend=False))
    if marker is not None:
        fig.add_vline(x=marker, line=dict(color=PALETTE[5], width=2), annotation_text=marker_label)
    return fig


def bars(frame: pl.DataFrame, *, x: str, y: str, y_title: str = "", signed: bool = False,
         percent: bool = False) -> Figure:
    """Plain bars (e.g. the SE-CE gap per vak); negative bars in the second colour when `signed`."""
    fig = figure(y_title=y_title, percent=percent)
    values = frame[y].to_list()
    hues = [PALETTE[1] if signed and v is not None and v < 0 else PALETTE[0] for v in values]
    fig.add_trace(trace("bar", x=frame[x].to_list(), y=values, marker_color=hues, showlegend=False,
                         hovertemplate="%{x}: %{y:.2f}<extra></extra>" if not percent else
                         "%{x}: %{y:.1%}<extra></extra>"))
    fig.update_yaxes(tickformat=".1f" if not percent else ".0%", rangemode="normal")
    return fig


class ShownFigures(Remembered):
    """The last drawn figures, validated, by what they show: the drawing (its builder and every argument by
    content), the language and the publication. Building and validating a figure is most of drawing it;
    every visitor of the same view would pay it again."""

    SIZE = 256
    BUDGET = 64 * 2**20


@dataclass(frozen=True, eq=False)
class Drawing:
    """A chart to draw: one of this module's builders with its arguments (made by `draw`). The figure is
    built and validated only when the same drawing is not remembered: building one is Python work per
    point (the funnel of 7,000 opleiders: a list of tuples for its hover texts), on every run of every
    visitor, before the figure's own key could even be worked out."""

    build: Callable[..., Figure]
    args: tuple[Any, ...]
    kwargs: Mapping[str, Any]

    def key(self) -> tuple | None:
        """The builder, every argument by content, the language and the publication: what the figure depends
        on (None: an argument that cannot be part of a key, so the figure is not remembered)."""
        try:
            key = (self.build.__qualname__, tuple(_content(value) for value in self.args),
                   tuple((name, _content(value)) for name, value in sorted(self.kwargs.items())),
                   current(), published_file())
            hash(key)
        except TypeError:
            return None
        return key

    def figure(self) -> Figure:
        return self.build(*self.args, **self.kwargs)

    def checked(self) -> Checked:
        key = self.key()
        if key is None:
            return Checked(self.figure().to_dict())
        # weighed as three times its text: the dict (about twice the text) and the text itself
        return ShownFigures.shared().recall(key, lambda: Checked(self.figure().to_dict()),
                                            lambda checked: 3 * checked.size)


def draw(build: Callable[..., Figure], *args: Any, **kwargs: Any) -> Drawing:
    """`build(*args, **kwargs)` as a Drawing, for `show`. Only this module's builders: each is a function of
    its arguments and the page's language alone, so equal arguments draw an equal figure."""
    if getattr(build, "__module__", None) != __name__:
        raise ValueError(f"draw: {getattr(build, '__qualname__', build)!r} is not a chart builder of {__name__}")
    return Drawing(build, args, kwargs)


def _content(value: Any) -> Any:
    """A builder's argument as part of a key: a frame or series by its fingerprint, anything else as itself."""
    if isinstance(value, pl.DataFrame):
        return ("frame", tables.fingerprint(value))
    if isinstance(value, pl.Series):
        return ("series", tables.fingerprint(value))
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")   # NaN equals nothing, itself included: the key would never be found again
    return frozen(value)


def show(drawing: Drawing, frame: pl.DataFrame, columns: Sequence[tables.Col], *, summary: str,
         key: str, drawn: bool = True) -> None:
    """A chart (built only when not remembered, see Drawing) with a tab holding exactly its numbers as a
    table, and a one-line summary under both (read by screen readers as the chart's name, and by anyone who
    prefers reading). `drawn` False: every
    value is withheld, so the chart tab says so instead of drawing empty axes.

    Only the open tab is drawn (choosing the other reruns the page, or the fragment the chart is in): a
    table a visitor does not look at would otherwise be serialised and sent on every run. The open tab is
    remembered per session under `<key>_tabs`, by its label: after a change of language the chart is open."""
    chart_tab, table_tab = st.tabs([t("chart.tab_chart"), t("chart.tab_table")], key=f"{key}_tabs",
                                   on_change="rerun")
    if chart_tab.open:
        with chart_tab:
            if drawn:
                st.plotly_chart(drawing.checked(), key=f"{key}_chart", alt=summary, config={"displaylogo": False})
            else:
                st.info(t("chart.nothing_to_draw"), icon=":material/visibility_off:")
    if table_tab.open:
        with table_tab:
            tables.show(frame, columns, key=f"{key}_table")
    st.caption(summary)


def grouped_intervals(frame: pl.DataFrame, *, label: str, series: str, series_names: dict[str, str],
                      rate: str = "rate", low: str = "ci_low", high: str = "ci_high",
                      reference: str | None = None, reference_label: str = "") -> Figure:
    """Dots with 95% interval bars per label, one colour per series (e.g. first exam and re-exam), and
    each label's reference rate (e.g. the national rate) as an open diamond."""
    labels = frame[label].unique(maintain_order=True).to_list()
    fig = figure(percent=True, height=max(260, 34 * len(labels) + 100))
    fig.update_layout(hovermode="closest", yaxis=dict(tickformat=None, autorange="reversed", title="",
                                                      categoryorder="array", categoryarray=labels),
                      xaxis=dict(tickformat=".0%"))
    for index, (code, name) in enumerate(series_names.items()):
        part = frame.filter((pl.col(series) == code) & pl.col(rate).is_not_null())
        if part.is_empty():
            continue
        fig.add_trace(trace("scatter", 
            x=part[rate].to_list(), y=part[label].to_list(), mode="markers", name=name,
            marker=dict(color=colour(index), size=9), offsetgroup=code, orientation="h",
            error_x=dict(type="data", symmetric=False, array=(part[high] - part[rate]).to_list(),
                         arrayminus=(part[rate] - part[low]).to_list(), color=colour(index), thickness=1.2),
            hovertemplate=f"{name}, %{{y}}: %{{x:.1%}}<extra></extra>"))
        if reference:
            ref = frame.filter((pl.col(series) == code) & pl.col(reference).is_not_null())
            fig.add_trace(trace("scatter", 
                x=ref[reference].to_list(), y=ref[label].to_list(), mode="markers",
                name=f"{reference_label} ({name.lower()})", offsetgroup=code, orientation="h",
                marker=dict(symbol="diamond-open", color=colour(index), size=10),
                hovertemplate=f"{reference_label}, {name}: %{{x:.1%}}<extra></extra>"))
    fig.update_layout(scattermode="group")
    return fig
