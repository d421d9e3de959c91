"""Page runs take turns: at most one per core at a time, the others wait in the order they asked.

A page run is Python work under one GIL. Fifty runs at once do not finish sooner than fifty in a row; they
share the interpreter in 5 ms slices, so every run takes about as long as all of them together, and a page
that needs three times the work of another waits three times as long behind the same crowd. In turns, a
run waits for the runs that asked before it and then has the interpreter nearly to itself: the server
renders more pages a second (less switching between threads) and the wait is the same for a light page as
for a heavy one (benchmarks/README.md, finding 1). One turn per core leaves a second run to use a core while
another waits on DuckDB or polars, which let go of the GIL.

A run that waited can find that its visitor has clicked meanwhile: Streamlit stops it at its first element
and runs the page again, which then asks for a turn again. That run goes to the front of the queue, not the
back: the visitor has waited once already. Fragments (a download panel, a chart's own choice) rerun outside
the page run and do not take a turn.
"""
from __future__ import annotations

import os
import threading
from collections import deque
from types import TracebackType

from streamlit.runtime.scriptrunner_utils.exceptions import RerunException


class Turns:
    """A counting semaphore that is first come, first served: a freed turn goes to the longest waiter
    (Python's threading.Semaphore lets a newcomer take it before a woken waiter does). A thread whose run
    ended with one of `again` (it is about to run again) waits at the front next time."""

    def __init__(self, slots: int, *, again: tuple[type[BaseException], ...] = ()) -> None:
        if slots < 1:
            raise ValueError(f"slots must be at least 1, got {slots}")
        self._lock = threading.Lock()
        self._free = slots
        self._waiting: deque[threading.Lock] = deque()
        self._again = again
        self._thread = threading.local()   # .again: this thread's last run ended with one of `again`

    def __enter__(self) -> Turns:
        ahead, self._thread.again = getattr(self._thread, "again", False), False
        with self._lock:
            if self._free and not self._waiting:
                self._free -= 1
                return self
            gate = threading.Lock()
            gate.acquire()
            if ahead:
                self._waiting.appendleft(gate)
            else:
                self._waiting.append(gate)
        gate.acquire()   # released by the run that hands its turn over; the turn is ours then
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        # also on Streamlit's stop and rerun signals (BaseExceptions): a turn is never lost
        self._thread.again = kind is not None and issubclass(kind, self._again)
        with self._lock:
            if self._waiting:
                self._waiting.popleft().release()
            else:
                self._free += 1

    @property
    def waiting(self) -> int:
        return len(self._waiting)


def cores() -> int:
    """The cores this process may run on (not the host's count, which a container's limit can be far below)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


PAGE_RUNS = Turns(cores(), again=(RerunException,))
