"""Two languages, Dutch first. Every visible text is a key in texts.toml with an `nl` and an `en` value.

The language of a run is chosen by the frame (URL parameter `lang`, then the session) and read here by `t`.
Keys are dotted: the section of texts.toml, then the name (`exams.title`).
"""
from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

import streamlit as st

LANGUAGES = ("nl", "en")
DEFAULT = "nl"
STATE_KEY = "lang"
TEXTS = Path(__file__).with_name("texts.toml")


@cache
def texts() -> dict[str, dict[str, str]]:
    """Every key with its translations; texts.toml is read once per process."""
    with TEXTS.open("rb") as file:
        tree = tomllib.load(file)
    flat: dict[str, dict[str, str]] = {}

    def walk(prefix: str, node: dict) -> None:
        for name, value in node.items():
            key = f"{prefix}.{name}" if prefix else name
            if isinstance(value, dict) and set(value) == set(LANGUAGES):
                flat[key] = value
            elif isinstance(value, dict):
                walk(key, value)
            else:
                raise ValueError(f"texts.toml: {key} needs both an nl and an en text")
    walk("", tree)
    return flat


def text(key: str, lang: str, **values: object) -> str:
    """The text of `key` in `lang`, with {placeholders} filled from `values`."""
    template = texts()[key][lang]
    return template.format(**values) if values else template


def current() -> str:
    lang = st.session_state.get(STATE_KEY, DEFAULT)
    return lang if lang in LANGUAGES else DEFAULT


def t(key: str, **values: object) -> str:
    """The text of `key` in the language of this run."""
    return text(key, current(), **values)
