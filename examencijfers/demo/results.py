"""Opleiderresultaten for one publication period: the year's exams of each product shared out over
the opleiders that offer it, per exam location, first exams and re-exams, by transmission.

The national totals of a period follow the weekly figures of the same weeks (minus particuliere
examens, which no opleider requested), so the demo's pages agree with each other.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from examencijfers.demo.catalogue import Product
from examencijfers.demo.opleiders import Location, Opleider
from examencijfers.demo.weekly import binomial, stream

RE_EXAM_SHARE = 0.35


@dataclass(frozen=True)
class Result:
    opleider: Opleider
    product: Product
    location: Location
    eerste: tuple[int, ...]  # voldoende, onvoldoende, then (v, o) for automaat, combi, handgeschakeld
    her: tuple[int, ...]


def offer(rng: random.Random, opleiders: list[Opleider], products: list[Product]) -> None:
    """Decide once which opleiders offer which products (bigger schools offer more)."""
    for product in products:
        if product.offered_by >= 1:
            chosen = rng.sample(opleiders, int(product.offered_by))
        else:
            chosen = [o for o in opleiders if rng.random() < product.offered_by * min(2.0, 0.6 + o.size / 2)]
        for opleider in chosen:
            opleider.products.append(product.code)


def _split(rng: random.Random, n: int, p: float, product: Product, automaat_share: float) -> tuple[int, ...]:
    voldoende = binomial(rng, n, p)
    onvoldoende = n - voldoende
    if product.is_toets:
        voldoende, onvoldoende = n, 0  # a toets has no result: counted as voldoende
    if not product.transmission:
        return (voldoende, onvoldoende, 0, 0, 0, 0, 0, 0)  # transmission does not apply
    parts = []
    for count in (voldoende, onvoldoende):
        automaat = binomial(rng, count, automaat_share)
        combi = binomial(rng, count - automaat, 0.03)
        parts.append((automaat, combi, count - automaat - combi))
    (va, vc, vh), (oa, oc, oh) = parts
    return (voldoende, onvoldoende, va, oa, vc, oc, vh, oh)


def period_results(seed: int, period: tuple[dt.date, dt.date], opleiders: list[Opleider], products: list[Product],
                   national: dict[str, int], where: dict[str, list[Location]]) -> list[Result]:
    """national: exams per product in the period (particuliere excluded); where: locations per product."""
    begin, end = period
    active = [o for o in opleiders if o.end >= begin]
    results = []
    for product in products:
        offering = [o for o in active if product.code in o.products]
        weight = sum(o.size for o in offering)
        for opleider in offering:
            rng = stream(seed, "results", begin, opleider.code, product.code)
            share = national.get(product.code, 0) * opleider.size / weight if weight else 0
            if opleider.end < end:  # ended during the period: only its months before the end
                share *= (opleider.end - begin).days / (end - begin).days
            total = binomial(rng, round(share * 1.6), 0.625) if share > 0 else 0
            if total == 0:
                continue
            options = where.get(product.code) or [opleider.home]
            homes = [opleider.home] if opleider.home in options else [rng.choice(options)]
            if total > 80 and len(options) > 1:
                homes.append(rng.choice(options))  # bigger schools also test elsewhere
            automaat_share = min(0.8, 0.42 + 0.06 * (end.year - 2024) + rng.gauss(0, 0.1))
            p = min(0.97, max(0.05, product.pass_rate + opleider.effect))
            for index, location in enumerate(dict.fromkeys(homes)):
                n = total if len(homes) == 1 else (round(total * 0.75) if index == 0 else total - round(total * 0.75))
                her = binomial(rng, n, RE_EXAM_SHARE)
                results.append(Result(opleider, product, location,
                                      _split(rng, n - her, p, product, automaat_share),
                                      _split(rng, her, max(0.05, p - 0.06), product, automaat_share)))
    return results
