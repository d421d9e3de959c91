"""Build data/reference/ilt_codes.csv and vakcodes.csv from the real DUO files in data/raw/duo.

Run once (`python -m examencijfers.ingest.deliveries.reference_build`); the results are committed.
The lists are derived, never guessed: a code that no DUO file names is not in them.
"""
from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from pathlib import Path

from examencijfers import paths

LEERLINGEN = paths.RAW / "duo" / "leerlingen-vo-per-vestiging-naar-onderwijstype-2019.csv"
EXAMENCIJFERS = paths.RAW / "duo" / "examenkandidaten-havo-en-examencijfers-2018-2019.csv"

ILT_COLUMNS = ["ilt_code", "opleidingsnaam", "duo_onderwijstype", "onderwijstype", "leerweg", "sector",
               "afdeling", "leerjaren", "examenopleiding", "source"]
VAK_COLUMNS = ["vakcode", "afkorting", "vaknaam", "source"]

# DUO's "ONDERWIJSTYPE VO EN LEER- OF VERBLIJFSJAAR" -> (onderwijstype, leerweg, leerjaren, examenopleiding)
_TYPES: dict[str, tuple[str, str | None, str, bool]] = {
    "Brugjaar 1-2": ("BRUGJAAR", None, "1-2", False),
    "HAVO/VWO lj 3": ("", None, "3", False),           # HAVO or VWO: from the opleidingsnaam
    "HAVO lj 4-5": ("HAVO", None, "4-5", True),
    "VWO lj 4-6": ("VWO", None, "4-6", True),
    "VMBO BL lj 3-4": ("VMBO", "BL", "3-4", True),
    "VMBO KL lj 3-4": ("VMBO", "KL", "3-4", True),
    "VMBO GL lj 3-4": ("VMBO", "GL", "3-4", True),
    "VMBO TL lj 3-4": ("VMBO", "TL", "3-4", True),
    "HAVO uitbest. aan VAVO": ("HAVO", None, "4-5", True),
    "VWO uitbest. aan VAVO": ("VWO", None, "4-6", True),
    "VMBO uitbest. aan VAVO": ("VMBO", None, "3-4", True),
    "Praktijkonderwijs alle vj": ("PRO", None, "1-6", False),
    "Engelse Stroom": ("INTERNATIONAAL", None, "", False),
    "Int. Baccelaureaat": ("INTERNATIONAAL", None, "", False),
    "European Secondary School": ("INTERNATIONAAL", None, "", False),
}


def _leerweg_from_name(name: str) -> str | None:
    """VAVO codes name their leerweg in the opleidingsnaam ("VMBO-TL naar VAVO")."""
    match = re.search(r"VMBO-(TL|GL|KL|BL)", name)
    return match.group(1) if match else None


def build_ilt_codes(source: Path = LEERLINGEN) -> list[dict[str, str]]:
    rows_by_code: dict[str, Counter] = defaultdict(Counter)
    with source.open(encoding="latin-1", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            key = (row["OPLEIDINGSNAAM"], row["ONDERWIJSTYPE VO EN LEER- OF VERBLIJFSJAAR"],
                   row["VMBO SECTOR"], row["AFDELING"])
            rows_by_code[row["ELEMENTCODE"]][key] += 1
    out = []
    for code in sorted(rows_by_code):
        combos = rows_by_code[code]
        naam, duo_type, sector, afdeling = combos.most_common(1)[0][0]
        onderwijstype, leerweg, leerjaren, examen = _TYPES[duo_type]
        if len(combos) > 1:          # codes such as 0015 appear in brugjaar 1-2 and in leerjaar 3
            types = sorted({c[1] for c in combos})
            duo_type = " + ".join(types)
            if types == ["Brugjaar 1-2", "HAVO/VWO lj 3"]:
                leerjaren = "1-3"
        if onderwijstype == "":
            onderwijstype = "VWO" if naam.startswith("VWO") else "HAVO"
        leerweg = leerweg or _leerweg_from_name(naam)
        out.append({
            "ilt_code": code,
            "opleidingsnaam": naam,
            "duo_onderwijstype": duo_type,
            "onderwijstype": onderwijstype,
            "leerweg": leerweg or "",
            "sector": "" if sector == "N.v.t." else sector,
            "afdeling": "" if afdeling == "N.v.t." else afdeling,
            "leerjaren": leerjaren,
            "examenopleiding": "J" if examen else "N",
            "source": source.name,
        })
    return out


def build_vakcodes(source: Path = EXAMENCIJFERS) -> list[dict[str, str]]:
    seen: dict[str, dict[str, str]] = {}
    with source.open(encoding="latin-1", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            seen.setdefault(row["VAKCODE"], {"vakcode": row["VAKCODE"], "afkorting": row["AFKORTING VAKNAAM"],
                                             "vaknaam": row["VAKNAAM"], "source": source.name})
    return [seen[code] for code in sorted(seen)]


def write_csv(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:  # pragma: no cover - a build script
    write_csv(paths.REFERENCE / "ilt_codes.csv", ILT_COLUMNS, build_ilt_codes())
    write_csv(paths.REFERENCE / "vakcodes.csv", VAK_COLUMNS, build_vakcodes())


if __name__ == "__main__":  # pragma: no cover
    main()
