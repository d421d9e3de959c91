"""Page runs take turns: one at a time, the others waiting in the order they asked.

A page run is Python work under one GIL. Fifty runs at once do not finish sooner than fifty in a row; they
share the interpreter in slices, so every run takes about as long as all of them together, and a page that
needs three times the work of another waits three times as long behind the same crowd. In turns, a run waits
for the runs that asked before it and then has the interpreter to itself but for the server's event loop,
which sends the pages' messages: the server renders more pages a second and the wait is the same for a light
page as for a heavy one (benchmarks/README.md, finding 1). One turn, not one per core: a second run in turn
only took the GIL from the first and from the event loop (50 visitors at 10x, with the 1 ms switch interval
serving.run_streamlit sets: p95 1.27 -> 0.9 s); a run that waits on the database (a query or an extract not
yet remembered) steps aside meanwhile (`aside`), so the other core is used.

A run that waited can find that its visitor has clicked meanwhile: Streamlit stops it at its first element
and runs the page again, which then asks for a turn again. That run goes to the front of the queue, not the
back: the visitor has waited once already. Fragments (a download panel, a chart's own choice) rerun outside
the page run and do not take a turn.
"""
from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType

from streamlit.runtime.scriptrunner_utils.exceptions import RerunException
from streamlit.runtime.scriptrunner_utils.script_run_context import in_cached_function


class Turns:
    """A counting semaphore that is first come, first served: a freed turn goes to the longest waiter
    (Python's threading.Semaphore lets a newcomer take it before a woken waiter does). A thread whose run
    ended with one of `again` (it is about to run again) waits at the front next time, as does a thread
    coming back from `aside`."""

    def __init__(self, slots: int = 1, *, again: tuple[type[BaseException], ...] = ()) -> None:
        if slots < 1:
            raise ValueError(f"slots must be at least 1, got {slots}")
        self._lock = threading.Lock()
        self._free = slots
        self._waiting: deque[threading.Lock] = deque()
        self._again = again
        self._thread = threading.local()   # .again: its last run ended with one of `again`; .holding: in turn

    def __enter__(self) -> Turns:
        ahead, self._thread.again = getattr(self._thread, "again", False), False
        self._take(front=ahead)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        # also on Streamlit's stop and rerun signals (BaseExceptions): a turn is never lost
        self._thread.again = kind is not None and issubclass(kind, self._again)
        self._give()

    @contextmanager
    def aside(self) -> Iterator[None]:
        """Out of turn while this thread waits on work that needs no interpreter (DuckDB lets go of the GIL):
        the next run has the turn meanwhile, and this one waits at the front for it afterwards. A thread that
        holds no turn (a fragment, a test) just goes on, and so does one inside a function of Streamlit's
        caches: Streamlit holds a lock per cache key while computing it, and the next run, in turn, would wait
        on that lock while this one waited for the turn."""
        if not getattr(self._thread, "holding", False) or in_cached_function.get():
            yield
            return
        self._give()
        try:
            yield
        finally:
            self._take(front=True)

    def _take(self, *, front: bool) -> None:
        with self._lock:
            if self._free and not self._waiting:
                self._free -= 1
                self._thread.holding = True
                return
            gate = threading.Lock()
            gate.acquire()
            if front:
                self._waiting.appendleft(gate)
            else:
                self._waiting.append(gate)
        gate.acquire()   # released by the run that hands its turn over; the turn is ours then
        self._thread.holding = True

    def _give(self) -> None:
        self._thread.holding = False
        with self._lock:
            if self._waiting:
                self._waiting.popleft().release()
            else:
                self._free += 1

    @property
    def waiting(self) -> int:
        return len(self._waiting)


PAGE_RUNS = Turns(1, again=(RerunException,))
