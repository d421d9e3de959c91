"""The products the demo data uses: CBR's catalogue attributes (data/reference) plus demo-only volumes.

Volumes and pass rates are plausible national magnitudes per ISO week, not CBR figures. `offered_by`
is the share of opleiders that offer a product; the small CCV products offered by a handful of
opleiders trip CBR's "at most 10 active opleiders" rule on purpose.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from examencijfers import paths


@dataclass(frozen=True)
class Product:
    code: str
    name: str
    categoriecode: str
    categorienaam: str
    divisie: str
    is_toets: bool
    weekly: float  # national exams per week at scale 1
    pass_rate: float
    offered_by: float  # share of opleiders (or, when >= 1, a fixed number of them)
    transmission: bool  # a practical exam in a car: split by automaat / combi / handgeschakeld


# code: (exams per week, pass rate, offered by, split by transmission)
PARAMETERS: dict[str, tuple[float, float, float, bool]] = {
    "BTH": (7600, 0.46, 0.95, False), "BTH-VE": (150, 0.36, 0.30, False), "ATH": (800, 0.55, 0.35, False),
    "AMTH": (1200, 0.40, 0.25, False),
    "B": (8200, 0.52, 0.97, True), "B-T": (1500, 1.0, 0.60, True), "B-NO": (30, 0.40, 0.10, True),
    "B-FA": (80, 0.50, 0.20, True), "BE": (420, 0.70, 0.25, True),
    "A": (520, 0.66, 0.30, False), "A1": (50, 0.68, 0.10, False), "A2": (150, 0.64, 0.20, False),
    "AVB-A": (520, 0.76, 0.30, False), "A-T": (100, 1.0, 0.15, False), "AM2": (300, 0.61, 0.20, False),
    "C1": (50, 0.66, 0.05, False), "C": (310, 0.60, 0.08, False), "CE": (250, 0.66, 0.07, False),
    "D": (60, 0.61, 0.03, False), "T": (100, 0.76, 0.04, False),
    "V2C": (150, 0.61, 0.05, False), "V3C": (120, 0.71, 0.05, False), "V2D": (40, 0.60, 0.03, False),
    "V3D": (35, 0.69, 0.03, False), "ADR1": (300, 0.80, 0.04, False), "ADRT": (80, 0.81, 0.03, False),
    "LZV": (20, 0.75, 0.02, False),
    # CCV products that CBR would not publish, one per criterion (see data/reference/README.md):
    "TAP": (3, 0.70, 4, False),  # rule 1: few opleiders
    "V2C-VE": (5, 0.50, 0.03, False), "V3C-I": (4, 0.60, 0.03, False), "VVW": (10, 0.90, 0.03, False),
    "TVT": (15, 0.70, 0.03, False), "V2D-NO": (2, 0.50, 0.02, False), "RV1P": (3, 0.70, 0.02, False),
}


def _flag(text: str) -> bool:
    return text.strip().lower() == "true"


def load_products(catalogue: Path | None = None) -> list[Product]:
    """The catalogue rows that have demo parameters, in catalogue order."""
    catalogue = catalogue or paths.REFERENCE / "cbr_products.csv"
    with open(catalogue, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [Product(row["productcode"], row["productnaam"], row["categoriecode"], row["categorienaam"],
                    row["divisie"], _flag(row["is_toets"]), *PARAMETERS[row["productcode"]])
            for row in rows if row["productcode"] in PARAMETERS]


# Diplomas issued, with the practical exam whose passes they follow.
DIPLOMAS: tuple[tuple[str, str, str], ...] = (
    ("AM", "Bromfiets", "AM2"), ("A1", "Lichte motor", "A1"), ("A2", "Middelzware motor", "A2"),
    ("A", "Motor", "A"), ("B", "Personenauto", "B"), ("BE", "Personenauto met aanhangwagen", "BE"),
    ("C1", "Lichte vrachtauto", "C1"), ("C", "Vrachtauto", "C"), ("CE", "Vrachtauto met aanhangwagen", "CE"),
    ("D", "Bus", "D"), ("T", "Trekker", "T"),
)
