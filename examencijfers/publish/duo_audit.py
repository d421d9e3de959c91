"""Audit of DUO's own "examenkandidaten en geslaagden" file as published: which "<5" cells can be recovered.

DUO prints counts 1-4 as "<5" but publishes SLAAGPERC for every cell and the TOTAAL beside MAN and VROUW.
For each vestiging x opleiding x school year, every assignment of the "<5" cells (1..4) is tried against
what is published: geslaagden <= examenkandidaten, SLAAGPERC = 100 * geslaagden / examenkandidaten
(rounded to one decimal), and TOTAAL = MAN + VROUW (the attacker takes the hidden group for empty; where
no assignment fits that, only TOTAAL >= MAN + VROUW). A "<5" cell that has one value in every assignment
that fits is recovered exactly: a leak.
"""
from __future__ import annotations

import csv
import itertools
from dataclasses import dataclass
from pathlib import Path

from examencijfers.errors import InputError

GENDERS = ("MAN", "VROUW", "TOTAAL")
SUPPRESSED = "<5"
HIDDEN_VALUES = range(1, 5)


@dataclass(frozen=True)
class Leak:
    line: int
    vestigingscode: str
    inspectiecode: str
    schooljaar: str
    geslacht: str
    column: str
    value: int

    def __str__(self) -> str:
        return (f"line {self.line}: {self.vestigingscode} opleiding {self.inspectiecode} {self.schooljaar}"
                f" {self.geslacht} {self.column} \"<5\" is exactly {self.value}")


@dataclass
class DuoAuditReport:
    suppressed_cells: int
    leaks: list[Leak]

    def summary(self, file: Path) -> str:
        return (f"audit: 1 table checked ({file.name}), {self.suppressed_cells} suppressed cells, "
                f"{len(self.leaks)} cells leaking")


def parse_count(text: str) -> int | None:
    text = text.strip()
    return None if text == SUPPRESSED else int(text)


def parse_rate(text: str) -> float | None:
    text = text.strip().replace(",", ".").rstrip("%")
    return float(text) if text else None


def gender_options(kandidaten: int | None, geslaagden: int | None, rate: float | None) -> list[tuple[int, int]]:
    """(examenkandidaten, geslaagden) pairs that fit one gender's published cells."""
    options = []
    for k in ([kandidaten] if kandidaten is not None else HIDDEN_VALUES):
        for g in ([geslaagden] if geslaagden is not None else HIDDEN_VALUES):
            if g > k:
                continue
            if rate is not None and k > 0 and abs(100 * g / k - rate) > 0.05 + 1e-9:
                continue
            options.append((k, g))
    return options


def fitting(options: dict[str, list[tuple[int, int]]], exact: bool) -> list[dict[str, tuple[int, int]]]:
    found = []
    for man, vrouw, totaal in itertools.product(options["MAN"], options["VROUW"], options["TOTAAL"]):
        sums = (man[0] + vrouw[0], man[1] + vrouw[1])
        if (exact and (totaal[0], totaal[1]) == sums) or (
                not exact and totaal[0] >= sums[0] and totaal[1] >= sums[1]):
            found.append({"MAN": man, "VROUW": vrouw, "TOTAAL": totaal})
    return found


def audit_duo_file(path: Path) -> DuoAuditReport:
    path = Path(path)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=";")
        header = reader.fieldnames or []
        if "VESTIGINGSCODE" not in header or "INSPECTIECODE" not in header:
            raise InputError(path, "not DUO's examenkandidaten en geslaagden file (2019+ layout)", line=1,
                             expected="columns VESTIGINGSCODE, INSPECTIECODE, EXAMENKANDIDATEN SCHOOLJAAR ...")
        years = sorted({name.split(" SCHOOLJAAR ")[1].split(" - ")[0]
                        for name in header if name.startswith("EXAMENKANDIDATEN SCHOOLJAAR ")})
        suppressed, leaks = 0, []
        for line, row in enumerate(reader, start=2):
            for year in years:
                cells, options = {}, {}
                try:
                    for gender in GENDERS:
                        suffix = f"SCHOOLJAAR {year} - {gender}"
                        raw = (row[f"EXAMENKANDIDATEN {suffix}"], row[f"GESLAAGDEN {suffix}"],
                               row[f"SLAAGPERC {suffix}"])
                        if not raw[0].strip():
                            break
                        kandidaten, geslaagden = parse_count(raw[0]), parse_count(raw[1])
                        cells[gender] = (kandidaten, geslaagden)
                        options[gender] = gender_options(kandidaten, geslaagden, parse_rate(raw[2]))
                except (KeyError, ValueError) as error:
                    raise InputError(path, f"unreadable cell: {error}", line=line) from error
                if len(cells) < len(GENDERS):
                    continue
                hidden = [(gender, index) for gender, pair in cells.items() for index in (0, 1)
                          if pair[index] is None]
                suppressed += len(hidden)
                if not hidden:
                    continue
                assignments = fitting(options, exact=True) or fitting(options, exact=False)
                for gender, index in hidden:
                    values = {assignment[gender][index] for assignment in assignments}
                    if len(values) == 1:
                        leaks.append(Leak(line, row["VESTIGINGSCODE"], row["INSPECTIECODE"], year, gender,
                                          ("EXAMENKANDIDATEN", "GESLAAGDEN")[index], values.pop()))
    return DuoAuditReport(suppressed, leaks)
