"""A bounded memory of things the pages draw, shared by every session of the process.

The expensive part of a warm page is not its queries (their results are cached) but what is made from them
for the screen: formatting a table's cells, checking a Plotly figure, serialising both. Fifty visitors of the
same view would each pay it again. A `Remembered` keeps the last results by a key that names everything
they depend on (the content, the language, the publication), so an equal view finds the same result and any
difference misses. It is bounded twice: in number, and in bytes by the weight given with each value, so a few
large figures cannot fill the memory that many small tables would fit in.

Values are shared between sessions and threads: whoever gets one treats it as read-only.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

import streamlit as st

V = TypeVar("V")


class Remembered(Generic[V]):
    """The most recently used values by key: at most SIZE of them and BUDGET bytes (the weights given)."""

    SIZE = 256
    BUDGET = 64 * 2**20

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._values: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()
        self._weight = 0

    def get(self, key: Hashable) -> V | None:
        with self._lock:
            found = self._values.get(key)
            if found is None:
                return None
            self._values.move_to_end(key)
            return found[0]

    def put(self, key: Hashable, value: V, weight: int = 0) -> None:
        """Remember `value`; the oldest go while there are more than SIZE or they weigh more than BUDGET
        (the newest stays, however heavy: it is what the page is about to show)."""
        with self._lock:
            old = self._values.pop(key, None)
            if old is not None:
                self._weight -= old[1]
            self._values[key] = (value, weight)
            self._weight += weight
            while len(self._values) > 1 and (len(self._values) > self.SIZE or self._weight > self.BUDGET):
                _, (_, dropped) = self._values.popitem(last=False)
                self._weight -= dropped

    def recall(self, key: Hashable, make: Callable[[], V], weigh: Callable[[V], int] = lambda value: 0) -> V:
        """The value remembered by `key`, or `make()` remembered with its weight."""
        found = self.get(key)
        if found is None:
            found = make()
            self.put(key, found, weigh(found))
        return found

    @classmethod
    def shared(cls):
        """The one memory of this kind in the process: a cached resource, so st.cache_resource.clear() (a
        cold start in the benchmarks and tests) empties it too."""
        # by keyword: Streamlit reads the function's signature for every positional argument, on every call
        return _instance(name=f"{cls.__module__}.{cls.__qualname__}", _kind=cls)

    def __len__(self) -> int:
        return len(self._values)

    @property
    def weight(self) -> int:
        return self._weight


@st.cache_resource(show_spinner=False)
def _instance(name: str, _kind: type[Remembered]) -> Remembered:   # _kind: not hashed, `name` names it
    return _kind()
