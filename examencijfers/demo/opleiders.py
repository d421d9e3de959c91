"""Fictitious opleiders on real exam locations.

Names are made from neutral words (trees, birds, colours, water), never taken from CBR's register,
so no real driving school is ever paired with invented results. Codes follow CBR's pattern (four
digits, a letter, a digit: 0003F8) and stay strings.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from examencijfers import paths

PREFIXES = ("Autorijschool", "Rijschool", "Verkeersschool", "Rijopleidingen", "Autorijschool", "Rijschool",
            "Opleidingscentrum", "Motorrijschool", "Transportopleidingen")
WORDS = ("De Linde", "Het Anker", "De Eik", "Blauwe Reiger", "De Kievit", "Zilverberk", "De Meerkoet", "Oranjeboom",
         "Het Baken", "De Wilg", "Noorderlicht", "De Vuurtoren", "Kastanje", "Het Kompas", "De Zwaluw", "Roodborst",
         "De Waterlelie", "Groene Weide", "De Esdoorn", "Het Veer", "De Lijster", "Zeeën", "De Populier", "Het Wiel",
         "Stuurvast", "De Spoorzoeker", "Klaproos", "De Rietgors", "Het Stuurhuis", "Goudvink", "De Brug", "Ijsvogel",
         "De Ooievaar", "Het Kruispunt", "Zonnebloem", "De Beuk", "Rode Draad", "Het Rijpad", "De Valk", "Winterkoning")
STREETS = ("Lindelaan", "Kerkstraat", "Molenweg", "Dorpsstraat", "Stationsplein", "Beukenlaan", "Industrieweg",
           "Parallelweg", "Havenkade", "Schoolstraat", "Vlietweg", "Marktplein")
ACTIVE = dt.date(9999, 12, 31)  # CBR's "still active"


@dataclass(frozen=True)
class Location:
    name: str
    street: str
    number: str
    addition: str
    postcode: str
    place: str


@dataclass
class Opleider:
    code: str
    name: str
    start: dt.date
    end: dt.date
    street: str
    number: str
    addition: str
    postcode: str
    place: str
    home: Location
    size: float  # relative number of candidates
    effect: float  # how much better or worse than the national rate its pupils do
    products: list[str] = field(default_factory=list)


def exam_locations() -> list[Location]:
    text = (paths.REFERENCE / "cbr-shape" / "alleExamenlocaties").read_text(encoding="utf-8")
    return [Location(*line.split(";")[:6]) for line in text.splitlines() if line.strip()]


def locations_per_product() -> dict[str, list[str]]:
    """Which real exam locations take each product ('_' in that project's codes is CBR's '-')."""
    text = (paths.REFERENCE / "cbr-shape" / "productToExamenlocaties").read_text(encoding="utf-8")
    return {line.split(";")[0].replace("_", "-"): line.split(";")[1:] for line in text.splitlines() if line.strip()}


def _code(rng: random.Random, taken: set[str]) -> str:
    while True:
        code = f"{rng.randrange(10000):04d}{rng.choice('ABCDEFGHJKLMNPRSTVWXZ')}{rng.randrange(10)}"
        if code not in taken:
            taken.add(code)
            return code


def _name(rng: random.Random, index: int) -> str:
    name = f"{rng.choice(PREFIXES)} {rng.choice(WORDS)}"
    if index % 97 == 5:
        name = f'{rng.choice(PREFIXES)} "{rng.choice(WORDS)}"'  # quoted names occur in the real register
    if index % 89 == 7:
        name += f" {rng.choice(('Noord', 'Zuid', 'Oost', 'West', 'Centrum'))}"
    return name


def make_opleiders(rng: random.Random, count: int, locations: list[Location], first_day: dt.date,
                   last_day: dt.date) -> list[Opleider]:
    taken: set[str] = set()
    opleiders = []
    for index in range(count):
        home = rng.choice(locations)
        started = dt.date(rng.randrange(1975, 2024), rng.randrange(1, 13), rng.randrange(1, 29))
        ended = rng.random() < 0.08
        end = first_day + dt.timedelta(days=rng.randrange((last_day - first_day).days)) if ended else ACTIVE
        street = "" if ended else rng.choice(STREETS)  # ended opleiders have no address in CBR's files
        opleiders.append(Opleider(
            code=_code(rng, taken), name=_name(rng, index), start=min(started, first_day), end=end,
            street=street, number="" if ended else str(rng.randrange(1, 250)),
            addition="" if ended or rng.random() > 0.1 else rng.choice("ABC"),
            postcode="" if ended else f"{home.postcode[:4]}{rng.choice('ABCDEFGH')}{rng.choice('KLMNPRST')}",
            place="" if ended else home.place,
            home=home, size=rng.lognormvariate(0, 1.0), effect=rng.gauss(0, 0.07),
        ))
    return opleiders
