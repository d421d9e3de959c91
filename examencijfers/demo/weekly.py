"""National weekly figures: exams per product by result, and diplomas issued, with later revisions.

Every (week, product) figure comes from its own seeded stream, so all publications agree on it;
a later publication revises a few weeks slightly, as CBR's quarterly files do.
"""
from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass

from examencijfers.demo.catalogue import DIPLOMAS, Product


@dataclass(frozen=True)
class ExamWeek:
    jaar: int
    week: int
    monday: dt.date
    product: Product
    totaal: int
    voldoende: int | None  # None for a tussentijdse toets: no result
    onvoldoende: int | None
    particulier: int
    tolk: int


def stream(seed: int, *key: object) -> random.Random:
    return random.Random(":".join(map(str, (seed, *key))))


def weeks_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """Mondays of the ISO weeks that overlap [first, last]."""
    monday = first - dt.timedelta(days=first.weekday())
    mondays = []
    while monday <= last:
        mondays.append(monday)
        monday += dt.timedelta(weeks=1)
    return mondays


def season(monday: dt.date) -> float:
    week = monday.isocalendar().week
    holiday = 0.45 if week in (52, 53, 1) else 0.8 if week in (30, 31, 32) else 1.0
    return holiday * (1 + 0.12 * math.sin(2 * math.pi * (week - 10) / 52))


def binomial(rng: random.Random, n: int, p: float) -> int:
    # A share drawn with noise can fall just outside [0, 1] at large scales; clamping changes no draw
    # that already worked (random() < p answers the same for p <= 0 and p >= 1), so the bytes stay.
    p = min(1.0, max(0.0, p))
    if n < 30:
        return sum(rng.random() < p for _ in range(n))
    return min(n, max(0, round(rng.gauss(n * p, math.sqrt(n * p * (1 - p))))))


def exam_week(seed: int, scale: float, monday: dt.date, product: Product, revision: int) -> ExamWeek | None:
    """The figure for one week and product as publication number `revision` (0 = first) states it."""
    rng = stream(seed, "exams", monday, product.code)
    mean = product.weekly * scale * season(monday)
    totaal = max(0, round(rng.gauss(mean, math.sqrt(mean) + 0.05 * mean)))
    trend = 0.01 * (monday.year - 2024)  # pass rates drift a little over the years
    voldoende = binomial(rng, totaal, min(0.97, product.pass_rate + trend))
    particulier = binomial(rng, totaal, 0.04 if product.code in ("B", "BTH", "A") else 0.01)
    tolk = binomial(rng, totaal, 0.02 if product.code.endswith("TH") else 0.004)
    for later in range(1, revision + 1):  # every later publication may revise; revisions persist
        revise = stream(seed, "revision", later, monday, product.code)
        if totaal > 10 and revise.random() < 0.02:  # a late-registered result, or a corrected one
            extra = revise.randrange(1, 4)
            totaal, voldoende = totaal + extra, voldoende + revise.randrange(0, extra + 1)
    if totaal == 0:
        return None
    iso = monday.isocalendar()
    if product.is_toets:
        return ExamWeek(iso.year, iso.week, monday, product, totaal, None, None, 0, tolk)
    return ExamWeek(iso.year, iso.week, monday, product, totaal, voldoende, totaal - voldoende, particulier, tolk)


def diploma_weeks(exams: list[ExamWeek], seed: int) -> list[tuple[int, int, str, str, int]]:
    """(jaar, week, code, omschrijving, aantal): passes of the matching exam, most turned into a diploma."""
    passes = {(e.jaar, e.week, e.product.code): e.voldoende or 0 for e in exams}
    weeks = sorted({(e.jaar, e.week) for e in exams})
    rows = []
    for jaar, week in weeks:
        for code, name, exam in DIPLOMAS:
            passed = passes.get((jaar, week, exam), 0)
            issued = binomial(stream(seed, "diplomas", jaar, week, code), passed, 0.97)
            if issued:
                rows.append((jaar, week, code, name, issued))
    return rows
