"""Page runs take turns: at most one per core at a time, the others wait in the order they asked.

A page run is Python work under one GIL. Fifty runs at once do not finish sooner than fifty in a row; they
share the interpreter in 5 ms slices, so every run takes about as long as all of them together, and a page
that needs three times the work of another waits three times as long behind the same crowd. In turns, a
run waits for the runs that asked before it and then has the interpreter nearly to itself: the server
renders more pages a second (less switching between threads) and the wait is the same for a light page as
for a heavy one (benchmarks/README.md, finding 1). One turn per core leaves a second run to use a core while
another waits on DuckDB or polars, which let go of the GIL.

Fragments (a download panel, a chart's own choice) rerun outside the page run and do not take a turn.
"""
from __future__ import annotations

import os
import threading
from collections import deque
from types import TracebackType


class Turns:
    """A counting semaphore that is first come, first served: a freed turn goes to the longest waiter
    (Python's threading.Semaphore lets a newcomer take it before a woken waiter does)."""

    def __init__(self, slots: int) -> None:
        if slots < 1:
            raise ValueError(f"slots must be at least 1, got {slots}")
        self._lock = threading.Lock()
        self._free = slots
        self._waiting: deque[threading.Lock] = deque()

    def __enter__(self) -> Turns:
        with self._lock:
            if self._free and not self._waiting:
                self._free -= 1
                return self
            gate = threading.Lock()
            gate.acquire()
            self._waiting.append(gate)
        gate.acquire()   # released by the run that hands its turn over; the turn is ours then
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        # also on Streamlit's stop and rerun signals (BaseExceptions): a turn is never lost
        with self._lock:
            if self._waiting:
                self._waiting.popleft().release()
            else:
                self._free += 1

    @property
    def waiting(self) -> int:
        return len(self._waiting)


PAGE_RUNS = Turns(os.cpu_count() or 1)
