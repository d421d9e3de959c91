"""Repeated timing with a warm-up: median and p95 of wall-clock runs, within a time budget.

p95 is the nearest-rank percentile: never interpolated, so always a time that was really measured
(with twenty runs or fewer it is the slowest run). There is no gc.collect() between measurements: a
full collection costs tens of milliseconds in a process holding pandas, pyarrow and Streamlit, more
than most of what is measured; the harness freezes its long-lived objects instead (gc.freeze).
"""
from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Timing:
    runs: list[float] = field(default_factory=list)  # seconds, in the order measured
    warmup: int = 0

    @property
    def n(self) -> int:
        return len(self.runs)

    def percentile(self, share: float) -> float:
        ordered = sorted(self.runs)
        return ordered[max(0, math.ceil(share * len(ordered)) - 1)]

    @property
    def median(self) -> float:
        ordered = sorted(self.runs)
        middle = len(ordered) // 2
        return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2

    @property
    def p95(self) -> float:
        return self.percentile(0.95)

    def as_dict(self) -> dict[str, Any]:
        return {"median_ms": round(self.median * 1000, 3), "p95_ms": round(self.p95 * 1000, 3),
                "min_ms": round(min(self.runs) * 1000, 3), "n": self.n, "warmup": self.warmup}


def measure(function: Callable[[], Any], *, repeat: int = 10, warmup: int = 1, budget: float | None = None,
            min_repeat: int = 3) -> Timing:
    """Run `function` `warmup` times untimed, then up to `repeat` times timed.

    With a `budget` (seconds) the timed runs stop once it is spent and at least `min_repeat` ran, so a
    slow peer at a large scale costs a few runs instead of the whole budget of the harness.
    """
    for _ in range(warmup):
        function()
    timing = Timing(warmup=warmup)
    started = time.perf_counter()
    while timing.n < repeat:
        begin = time.perf_counter()
        function()
        timing.runs.append(time.perf_counter() - begin)
        if budget is not None and time.perf_counter() - started > budget and timing.n >= min_repeat:
            break
    return timing


def measure_alternating(functions: list[Callable[[], Any]], *, repeat: int = 10, budget: float | None = None,
                        min_repeat: int = 3) -> list[Timing]:
    """Timed runs of several functions in turn (a, b, a, b, ...), after their warm-ups were done elsewhere.

    Compared side by side like this, a and b see the same machine: another process's burst of work
    slows both, not only whichever was measured during it. A function's `before()`, if it has one, runs
    untimed ahead of each timed call (a fresh database to write into, say).
    """
    timings = [Timing(warmup=1) for _ in functions]
    started = time.perf_counter()
    while timings[0].n < repeat:
        for function, timing in zip(functions, timings, strict=True):
            getattr(function, "before", lambda: None)()
            begin = time.perf_counter()
            function()
            timing.runs.append(time.perf_counter() - begin)
        if budget is not None and time.perf_counter() - started > budget and timings[0].n >= min_repeat:
            break
    return timings


def once(function: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds taken by one call, and what it returned."""
    begin = time.perf_counter()
    result = function()
    return time.perf_counter() - begin, result
