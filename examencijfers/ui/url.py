"""A page's whole state lives in its URL, so a copied link reproduces the view.

Every filter is a `Param`: its name in the URL, its default, and how a URL value is parsed (and refused)
and written back. The widget helpers below (`choice`, `choices`, `period`, `text`, `number`) draw a
Streamlit widget seeded from the URL and keep the URL in step with the widget.

Why not Streamlit's own `bind="query-params"`: it writes a widget's *label* into the URL (a Dutch label
stops matching once a visitor switches to English) and drops an invalid value without telling anyone,
where the issue asks for a short notice. Here the URL holds codes, and a value that is not (or no longer)
allowed falls back to the default with a notice that the frame shows above the page.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from examencijfers.ui.i18n import t

NOTICES = "_url_notices"      # session key: the notices of this run, shown by the frame
MAX_TEXT = 80                  # longest search text taken from a URL


@dataclass(frozen=True)
class Param:
    """One URL parameter. `parse` raises ValueError for a value that is not allowed."""

    name: str
    default: Any
    parse: Callable[[list[str]], Any]
    dump: Callable[[Any], list[str]]
    pinned: bool = False       # written even when it is the default: a default that moves with the data
                               # (the latest publication) must not change what an old link shows

    @property
    def widget_key(self) -> str:
        return widget_key(self.name)

    def allows(self, value: Any) -> bool:
        try:
            return self.parse(self.dump(value)) == value
        except (ValueError, TypeError):
            return False


def notice(name: str, raw: Sequence[str]) -> None:
    shown = ", ".join(raw)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    st.session_state.setdefault(NOTICES, []).append(t("url.invalid", name=name, value=shown))


def widget_key(name: str) -> str:
    """The widget's key (also its CSS class, st-key-url_<name>, that browser tests find it by)."""
    return f"url_{name}"


def seen_key(name: str) -> str:
    """Session key of the URL value this session last read or wrote for `name`."""
    return f"_url_seen_{name}"


def _seen_key(param: Param) -> str:
    return seen_key(param.name)


def seed(param: Param) -> None:
    """Put the URL's value into the widget's state when the URL is new to this session (first load, a
    pasted link, a link from another page); otherwise the widget keeps what the visitor chose."""
    raw = st.query_params.get_all(param.name)
    key = param.widget_key
    if key in st.session_state and st.session_state.get(_seen_key(param)) == raw:
        if not param.allows(st.session_state[key]):   # the options changed under a kept choice
            st.session_state[key] = param.default
        return
    value = param.default
    if raw:
        try:
            value = param.parse(raw)
        except (ValueError, TypeError):
            notice(param.name, raw)
    st.session_state[key] = value


def relabel() -> None:
    """After a language switch: hand every URL-bound widget its own value again, so the browser is sent the
    option labels in the new language (a selectbox otherwise keeps showing the label it was last sent)."""
    for key in [key for key in st.session_state if str(key).startswith("url_") and key != widget_key("lang")]:
        st.session_state[key] = st.session_state[key]


def sync(param: Param, value: Any) -> Any:
    """Write the widget's value into the URL (left out when it is the default); returns the value."""
    dumped = [] if value == param.default and not param.pinned else param.dump(value)
    if dumped:
        st.query_params[param.name] = dumped if len(dumped) > 1 else dumped[0]
    elif param.name in st.query_params:
        del st.query_params[param.name]
    st.session_state[_seen_key(param)] = dumped
    return value


def current(name: str) -> str | None:
    """What a parameter holds before its widget is drawn: the URL's value when the URL is new to the session
    (a pasted link, a link from another page), else the widget's. Unvalidated: for building the options
    (so a linked school is among them), never for querying."""
    raw = st.query_params.get_all(name)
    key = widget_key(name)
    if key in st.session_state and st.session_state.get(seen_key(name)) == raw:
        value = st.session_state[key]
        return None if value is None else str(value)
    return raw[0] if len(raw) == 1 and len(raw[0]) <= MAX_TEXT else None


# --- parameter kinds ----------------------------------------------------------------------------------

def _one_of(options: Sequence[Any], to_text: Callable[[Any], str] = str) -> Callable[[list[str]], Any]:
    by_text = {to_text(o): o for o in options}

    def parse(raw: list[str]) -> Any:
        if len(raw) != 1 or raw[0] not in by_text:
            raise ValueError(raw)
        return by_text[raw[0]]
    return parse


def _all_of(options: Sequence[Any], most: int | None = None) -> Callable[[list[str]], list[Any]]:
    by_text = {str(o): o for o in options}

    def parse(raw: list[str]) -> list[Any]:
        values = [v for part in raw for v in part.split(",") if v != ""]
        if not values or any(v not in by_text for v in values) or len(values) != len(set(values)):
            raise ValueError(raw)
        if most is not None and len(values) > most:
            raise ValueError(raw)
        return [by_text[v] for v in values]
    return parse


def choice_param(name: str, options: Sequence[Any], default: Any, pinned: bool = False) -> Param:
    return Param(name, default, _one_of(options), lambda v: [str(v)], pinned)


def choices_param(name: str, options: Sequence[Any], default: Sequence[Any], most: int | None = None) -> Param:
    return Param(name, list(default), _all_of(options, most), lambda v: [",".join(str(x) for x in v)])


def period_param(name: str, options: Sequence[dt.date], default: tuple[dt.date, dt.date]) -> Param:
    allowed = set(options)

    def parse(raw: list[str]) -> tuple[dt.date, dt.date]:
        parts = raw[0].split("~") if len(raw) == 1 else raw
        if len(parts) != 2:
            raise ValueError(raw)
        start, end = (dt.date.fromisoformat(p) for p in parts)
        if start not in allowed or end not in allowed or start > end:
            raise ValueError(raw)
        return start, end
    return Param(name, tuple(default), parse, lambda v: [f"{v[0].isoformat()}~{v[1].isoformat()}"], pinned=True)


def text_param(name: str, default: str = "") -> Param:
    def parse(raw: list[str]) -> str:
        value = raw[-1]
        if len(value) > MAX_TEXT or any(ord(c) < 32 for c in value):
            raise ValueError(raw)
        return value
    return Param(name, default, parse, lambda v: [v])


# --- widgets bound to a parameter ----------------------------------------------------------------------

def labels(options: Sequence[Any], format_func: Callable[[Any], str]) -> Callable[[Any], str]:
    """`format_func` applied to every option now, handed to the widget as a lookup that refers to nothing
    else. Streamlit keeps a widget's format_func in the session's widget state as long as the session lasts;
    a function written in a page refers to that page's globals, and so would keep every frame the run made
    alive per visitor (2 to 3 MB for the opleiders page at 10x; benchmarks/README.md, finding 1)."""
    if format_func is str:
        return str
    try:
        known = {option: format_func(option) for option in options}
    except TypeError:   # an unhashable option: no lookup can be made of it
        return format_func
    return lambda value: known[value] if value in known else str(value)


def choice(name: str, label: str, options: Sequence[Any], default: Any = None, *,
           format_func: Callable[[Any], str] = str, widget: str = "selectbox", help: str | None = None,
           empty: str | None = None, pinned: bool = False) -> Any:
    """One value from `options` (a selectbox, or a segmented control for a handful of options). With
    `empty` (a placeholder text) a selectbox may hold no value until one is chosen; otherwise the default
    is `default`, or the first option."""
    options = list(options)
    if not options:
        return None
    format_func = labels(options, format_func)
    if empty is not None:
        param = choice_param(name, options, default if default in options else None, pinned)
        seed(param)
        value = st.selectbox(label, options, format_func=format_func, key=param.widget_key, help=help,
                             placeholder=empty, index=None)
        return sync(param, value)
    param = choice_param(name, options, options[0] if default is None or default not in options else default,
                         pinned)
    seed(param)
    if widget == "segmented":
        value = st.segmented_control(label, options, format_func=format_func, key=param.widget_key,
                                     required=True, help=help)
    elif widget == "radio":
        value = st.radio(label, options, format_func=format_func, key=param.widget_key, help=help,
                         horizontal=True)
    else:
        value = st.selectbox(label, options, format_func=format_func, key=param.widget_key, help=help)
    return sync(param, value)


def choices(name: str, label: str, options: Sequence[Any], default: Sequence[Any], *,
            format_func: Callable[[Any], str] = str, help: str | None = None,
            max_selections: int | None = None, placeholder: str | None = None) -> list[Any]:
    """Several values from `options` (a multiselect). An empty choice is returned as [] (the page says
    to choose one) and leaves the default in the URL, since a link to nothing is no view. `placeholder`
    is what an empty field says (by default 'choose one or more values' in the page's language, never
    Streamlit's English 'Choose options')."""
    options = list(options)
    format_func = labels(options, format_func)
    param = choices_param(name, options, [d for d in default if d in options], max_selections)
    seed(param)
    value = st.multiselect(label, options, format_func=format_func, key=param.widget_key, help=help,
                           max_selections=max_selections, placeholder=placeholder or t("filters.choose_values"))
    if not value:
        sync(param, param.default)
        return []
    return sync(param, list(value))


def period(name: str, label: str, weeks: Sequence[dt.date], default: tuple[dt.date, dt.date], *,
           format_func: Callable[[Any], str] = str, help: str | None = None) -> tuple[dt.date, dt.date]:
    """A range of weeks (a range slider over the published week starts)."""
    weeks = sorted(weeks)
    format_func = labels(weeks, format_func)
    param = period_param(name, weeks, default)
    seed(param)
    start, end = st.select_slider(label, options=weeks, format_func=format_func, key=param.widget_key, help=help)
    return sync(param, (start, end))


def text(name: str, label: str, *, placeholder: str | None = None, help: str | None = None) -> str:
    """A search text."""
    param = text_param(name)
    seed(param)
    value = st.text_input(label, key=param.widget_key, placeholder=placeholder, help=help, max_chars=MAX_TEXT)
    return sync(param, value).strip()
