"""The shared frame around every page: language, the 'data as of' stamp, the synthetic-data banner, the
notices about URL parameters that were not understood, and the boundary that turns an error into a short
message (the traceback goes to the log, never to a visitor).
"""
from __future__ import annotations

import functools
import logging
import sys
import time
from collections.abc import Callable, Iterable
from typing import Any

import polars as pl
import streamlit as st

from examencijfers.logs import JsonLines
from examencijfers.ui import i18n, numbers, url
from examencijfers.ui.data import per_publication, query
from examencijfers.ui.i18n import t

log = logging.getLogger("examencijfers.ui")

LANG_PARAM = url.choice_param("lang", i18n.LANGUAGES, i18n.DEFAULT)
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}


def choose_language() -> str:
    """The language of this run. The URL's `lang` wins; a page switch (which clears the URL) keeps the
    session's language, so only an explicit choice changes it."""
    st.session_state[url.NOTICES] = []   # notices belong to one run; a stopped page must not pass them on
    seen = url.seen_key(LANG_PARAM.name)
    if not st.query_params.get_all("lang") and st.session_state.get(seen):
        st.session_state[seen] = []   # the URL lost `lang` in a page switch: keep the widget's language
    url.seed(LANG_PARAM)
    lang = st.sidebar.segmented_control("Taal / Language", list(i18n.LANGUAGES), key=LANG_PARAM.widget_key,
                                        format_func=LANGUAGE_NAMES.get, required=True)
    if st.session_state.get(i18n.STATE_KEY, lang) != lang:
        url.relabel()
    st.session_state[i18n.STATE_KEY] = lang
    return url.sync(LANG_PARAM, lang)


def link(page: Any, label: str, *, icon: str | None = None, **params: Any) -> None:
    """A link to another page that carries the language and the given parameters."""
    query_params = {k: v for k, v in params.items() if v is not None}
    if i18n.current() != i18n.DEFAULT:
        query_params["lang"] = i18n.current()
    st.page_link(page, label=label, icon=icon, query_params=query_params or None)


def expander_when_open(label: str, *, key: str, icon: str | None = None) -> Any:
    """An expander whose inside is drawn only while a visitor has it open: the container to draw into, or
    None when closed. Opening or closing it reruns the page (or the fragment it is in); Streamlit keeps its
    state in the session under `key`, by its label (a change of language closes it). A closed one costs a
    run nothing, where an ordinary expander's inside is made and sent on every run."""
    expander = st.expander(label, icon=icon, key=key, on_change="rerun")
    return expander if expander.open else None


def dataset_name(code: str, lang: str | None = None) -> str:
    """A dataset of the lineage in words ('CBR Examens'), in `lang` (the page's language when None); its code
    when texts.toml does not know it yet."""
    key = f"datasets.{code}"
    return i18n.text(key, lang or i18n.current()) if key in i18n.texts() else code


def sources() -> pl.DataFrame:
    return query("sources")


def synthetic(datasets: Iterable[str]) -> bool:
    """Whether any figure of these datasets comes from the synthetic demo files."""
    return _synthetic(tuple(datasets))


@per_publication
def _synthetic(datasets: tuple[str, ...]) -> bool:
    frame = query("sources").filter(pl.col("dataset").is_in(list(datasets)))
    return bool(frame["synthetic"].any()) if frame.height else False


CBR_DATASETS = ("cbr_examens", "cbr_diplomas", "cbr_opleiderresultaten")
DELIVERY_DATASETS = ("vo_examengegevens", "vo_inschrijvingsgegevens")


def synthetic_banner(datasets: Iterable[str] = CBR_DATASETS) -> None:
    """The visible warning on every page that shows figures of synthetic demo files (the CBR files, or the
    demo deliveries)."""
    datasets = tuple(datasets)
    if synthetic(datasets):
        kind = "deliveries" if set(datasets) <= set(DELIVERY_DATASETS) else "cbr"
        st.warning(t(f"frame.synthetic_{kind}_body"), icon=":material/science:",
                   title=t(f"frame.synthetic_{kind}_title"))


def data_stamp() -> None:
    """'Data as of': the newest publication of each dataset, from the published lineage."""
    st.sidebar.caption(_data_stamp(i18n.current()))


@per_publication
def _data_stamp(lang: str) -> str:
    """The stamp's text in `lang`."""
    frame = query("sources")
    latest = (frame.sort("period_end", nulls_last=False).group_by("dataset", maintain_order=True).last()
              .sort("dataset"))
    lines = []
    for row in latest.iter_rows(named=True):
        label = dataset_name(row["dataset"], lang)
        until = numbers.date(row["period_end"], lang) if row["period_end"] else row["publication"]
        demo = f" ({i18n.text('frame.demo', lang)})" if row["synthetic"] else ""
        lines.append(f"- {label}: {until}{demo}")
    return i18n.text("frame.data_as_of", lang) + "\n" + "\n".join(lines)


def show_notices(container: Any) -> None:
    notices = st.session_state.pop(url.NOTICES, [])
    for notice in dict.fromkeys(notices):
        container.info(notice, icon=":material/link_off:")


@st.cache_resource
def configure_logging() -> logging.Logger:
    """The dashboard's own log: JSON lines on stdout, one per page run and one per error (once per process)."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonLines())
    log.handlers[:] = [handler]
    log.setLevel(logging.INFO)
    log.propagate = False
    return log


class EndOfPage(Exception):
    """Raised by `stop`: the page has said all it can (e.g. 'choose a school'); not an error."""


def stop() -> None:
    """End the page here. Unlike st.stop(), whose stop request also swallows everything drawn after it,
    this lets the frame still show the notices about the URL above the page."""
    raise EndOfPage


def guarded(page: Any, notices: Any) -> None:
    """Run a page; an unexpected error becomes a short message for the visitor and a log line with the
    traceback for us. (Streamlit's rerun/stop signals are BaseExceptions and pass through.) The notices
    about URL values are shown above the page however it ends, also when it stops early."""
    started = time.perf_counter()
    fields = {"page": page.url_path or "overview", "params": sorted(st.query_params.keys())}
    try:
        page.run()
    except EndOfPage:
        pass
    except Exception:  # noqa: BLE001 - the boundary of the page: nothing may reach the visitor raw
        log.exception("page failed", extra={"fields": fields})
        st.error(t("frame.error"), icon=":material/error:")
        return
    finally:
        show_notices(notices)
    fields["ms"] = round((time.perf_counter() - started) * 1000, 1)
    log.info("page", extra={"fields": fields})


def fragment(function: Callable[..., None]) -> Callable[..., None]:
    """st.fragment with the page's error boundary: a fragment reruns on its own, outside `guarded`."""
    @functools.wraps(function)
    def body(*args: Any, **kwargs: Any) -> None:
        try:
            function(*args, **kwargs)
        except Exception:  # noqa: BLE001 - same boundary as guarded()
            log.exception("fragment failed", extra={"fields": {"fragment": function.__name__}})
            st.error(t("frame.error"), icon=":material/error:")
    return st.fragment(body)
