"""Independent computations of the statistics the queries return (plain Python, not SQL)."""
from __future__ import annotations

import math

Z95 = 1.959963984540054
Z998 = 3.090232306167813


def wilson(passed: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for passed / n (Wilson 1927), written from the textbook formula."""
    p = passed / n
    denominator = 1 + z**2 / n
    centre = p + z**2 / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    return (centre - spread) / denominator, (centre + spread) / denominator


def funnel(p0: float, n: int, z: float) -> tuple[float, float]:
    """Normal-approximation control limits around p0 for a unit with n exams, clipped to [0, 1]."""
    half = z * math.sqrt(p0 * (1 - p0) / n)
    return max(0.0, p0 - half), min(1.0, p0 + half)
