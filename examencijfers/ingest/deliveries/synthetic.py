"""Seeded synthetic deliveries of both kinds, for tests and the demo: no real pupils.

Schools and vestigingen are real ones from DUO's public register (so that the controls' register check
passes); every pupil is invented: persoonsgebonden nummers are random numbers that pass the elfproef or
the onderwijsnummer rule, postcodes are random, grades are drawn so that SE lies a little above CE.
Besides the clean records each file holds a known set of deliberately faulty records (FAULTS): each
breaks exactly one control, and `generate` returns where they are, so tests can check that the
terugmelding finds exactly those and nothing else.

The files are written with a MANIFEST.json beside them (the shared synthetic-data convention), merged
into an existing manifest when the folder already has one.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from examencijfers.ingest.deliveries.elfproef import WEIGHTS, number_kind
from examencijfers.ingest.deliveries.layout import EXAMEN_HEADER, INSCHRIJVING_HEADER
from examencijfers.ingest.deliveries.reference import References

GENERATOR = "examencijfers demo-data"

# Subject packages by profile (afdeling in ilt_codes.csv): (vakcode, has a central exam).
_COMMON_HAVO_VWO = [("1001", True), ("1002", True), ("1019", False)]
_PROFILE_VAKKEN = {
    "Natuur en Techniek": [("1025", True), ("1023", True), ("1028", True)],
    "Natuur en Gezondheid": [("1024", True), ("1018", True), ("1028", True)],
    "Economie en Maatschappij": [("1024", True), ("1022", True), ("1021", True)],
    "Cultuur en Maatschappij": [("1024", True), ("1021", True), ("1004", True)],
}
_ELECTIVES = [("1003", True), ("1004", True), ("0131", True), ("1022", True), ("1018", True)]
_VMBO_VAKKEN = [("1001", True), ("1002", True), ("1019", False), ("1024", True), ("1022", True),
                ("1018", True)]

# The ILT codes the generator draws from, by onderwijstype (all examenopleidingen in ilt_codes.csv).
_EXAM_ILT = {"HAVO": ["0370", "0371", "0372", "0373"], "VWO": ["0170", "0171", "0172", "0173"],
             "VMBO": ["0470", "0472", "6411", "6421"]}
_PRO_ILT = "0090"

# The deliberately faulty records: (file kind, control it must fail, severity). One record each.
FAULTS: tuple[tuple[str, str, str], ...] = (
    ("examengegevens", "elfproef", "error"),
    ("examengegevens", "unknown_vestiging", "error"),
    ("examengegevens", "unknown_ilt_code", "error"),
    ("examengegevens", "format", "error"),
    ("examengegevens", "value_list", "error"),
    ("examengegevens", "ce_without_tijdvak", "error"),
    ("examengegevens", "eindcijfer_mismatch", "warning"),
    ("examengegevens", "cijferlijst_mismatch", "warning"),
    ("examengegevens", "uitslag_inconsistent", "warning"),
    ("examengegevens", "late_delivery", "warning"),
    ("examengegevens", "unknown_vakcode", "warning"),
    ("inschrijvingsgegevens", "elfproef", "error"),
    ("inschrijvingsgegevens", "format", "error"),
    ("inschrijvingsgegevens", "value_list", "error"),
    ("inschrijvingsgegevens", "dates_inconsistent", "error"),
    ("inschrijvingsgegevens", "unknown_ilt_code", "error"),
    ("inschrijvingsgegevens", "not_on_teldatum", "warning"),
    ("inschrijvingsgegevens", "nieuwkomer_incomplete", "warning"),
    ("inschrijvingsgegevens", "praktijkonderwijs_inconsistent", "warning"),
)


def _severity(kind: str, control: str) -> str:
    return next(severity for k, c, severity in FAULTS if (k, c) == (kind, control))


@dataclass
class Fault:
    file_name: str
    line_no: int
    control: str
    severity: str


@dataclass
class Generated:
    """What `generate` wrote: the files, and where the deliberate faults are."""

    files: dict[str, Path] = field(default_factory=dict)        # kind -> path
    faults: list[Fault] = field(default_factory=list)
    delivered_on: dict[str, date] = field(default_factory=dict)


# --- numbers --------------------------------------------------------------------------------------

def _check_digit(first8: str, remainder: int) -> int | None:
    """The 9th digit that makes the weighted sum leave `remainder` mod 11, or None when none does."""
    total = sum(int(d) * w for d, w in zip(first8, WEIGHTS))
    digit = (total - remainder) % 11
    return digit if digit <= 9 else None


_USED: set[str] = set()


def _unique(number: str | None) -> str | None:
    if number is None or number in _USED:
        return None
    _USED.add(number)
    return number


def fake_bsn(rng: random.Random) -> str:
    """A random number passing the elfproef, never handed out twice in this process."""
    while True:
        first8 = f"{rng.randrange(10_000_000, 100_000_000):08d}"
        digit = _check_digit(first8, 0)
        if digit is not None and _unique(first8 + str(digit)):
            return first8 + str(digit)


def fake_onderwijsnummer(rng: random.Random) -> str:
    """A random number passing the onderwijsnummer rule, never handed out twice in this process."""
    while True:
        first8 = "10" + f"{rng.randrange(0, 1_000_000):06d}"
        digit = _check_digit(first8, 5)
        if digit is not None and _unique(first8 + str(digit)):
            return first8 + str(digit)


def bad_number(rng: random.Random) -> str:
    """Nine digits that pass neither rule."""
    while True:
        number = f"{rng.randrange(200_000_000, 1_000_000_000)}"
        if number_kind(number) is None:
            return number


def _postcode(rng: random.Random) -> str:
    return f"{rng.randrange(1000, 10000)}{rng.choice('ABCDEGHJKLMNPRTVWXZ')}{rng.choice('ABCDEGHJKLMNPRTVWXZ')}"


# --- grades --------------------------------------------------------------------------------------

def _eind(se: int, ce: int | None) -> int:
    """The eindcijfer: mean of SE and CE (tenths) rounded half up to a whole number; SE alone without CE."""
    if ce is None:
        return (se + 5) // 10
    return (se + ce + 10) // 20


def _clip(tenths: float) -> int:
    return max(10, min(100, round(tenths)))


@dataclass
class _Vak:
    vakcode: str
    se: int
    ce: list[int | None]          # tijdvak 1, 2, 3
    eind: list[int | None]

    @property
    def lijst(self) -> int:
        return max(e for e in self.eind if e is not None)


def _draw_vakken(rng: random.Random, package: list[tuple[str, bool]], ability: float) -> list[_Vak]:
    out = []
    for vakcode, has_ce in package:
        se = _clip(rng.gauss(ability + 3, 7))
        if has_ce:
            ce1 = _clip(rng.gauss(ability - 2, 9))
            out.append(_Vak(vakcode, se, [ce1, None, None], [_eind(se, ce1), None, None]))
        else:
            out.append(_Vak(vakcode, se, [None, None, None], [_eind(se, None), None, None]))
    return out


def _passes(vakken: list[_Vak]) -> bool:
    """A simplified uitslag rule (Eindexamenbesluit art. 49/50 in spirit): CE mean >= 5,5, no grade below
    4, at most two points short, and with more than one short point an average of at least 6."""
    ces = [max(c for c in v.ce if c is not None) for v in vakken if v.ce[0] is not None]
    grades = [v.lijst for v in vakken]
    short = sum(6 - g for g in grades if g < 6)
    return (not ces or sum(ces) / len(ces) >= 55) and min(grades) >= 4 and short <= 2 and (
        short <= 1 or sum(grades) / len(grades) >= 6)


def _retake(rng: random.Random, vakken: list[_Vak]) -> None:
    """A herkansing in the 2nd tijdvak: the weakest CE vak, second grade drawn near the first."""
    with_ce = [v for v in vakken if v.ce[0] is not None]
    if not with_ce:
        return
    vak = min(with_ce, key=lambda v: v.eind[0])
    ce2 = _clip(vak.ce[0] + rng.gauss(6, 8))
    vak.ce[1], vak.eind[1] = ce2, _eind(vak.se, ce2)


# --- rows ----------------------------------------------------------------------------------------

def _k_row(**values: str) -> dict[str, str]:
    row = dict.fromkeys(EXAMEN_HEADER, "")
    row.update(values, recordsoort="K")
    return row


def _v_row(vak: _Vak, *, certificaat: bool = False, diplomavak: bool = True) -> dict[str, str]:
    row = dict.fromkeys(EXAMEN_HEADER, "")
    row.update(recordsoort="V", examenvak=vak.vakcode, diplomavak="J" if diplomavak else "N",
               toepassing_resultaat_beoordeling="E", cijfer_schoolexamen=f"{vak.se:03d}",
               verwezen_naar_volgend_tijdvak="N", certificaat="J" if certificaat else "N")
    for n in range(3):
        if vak.ce[n] is not None:
            row[f"cijfer_ce_{n + 1}"] = f"{vak.ce[n]:03d}"
        if vak.eind[n] is not None:
            row[f"eindcijfer_{n + 1}"] = f"{vak.eind[n]:02d}"
    if any(e is not None for e in vak.eind):
        row["cijfer_cijferlijst"] = f"{vak.lijst:02d}"
    return row


def _pick_vestigingen(refs: References, rng: random.Random, count: int) -> list[dict[str, str]]:
    """Real vestigingen that offer HAVO/VWO or VMBO, in a seeded order."""
    fitting = sorted((v for v in refs.vestigingen.values()
                      if any(t in v.get("onderwijsstructuur", "") for t in ("HAVO", "VWO", "VBO", "MAVO"))),
                     key=lambda v: v["vestigingscode"])
    rng.shuffle(fitting)
    return fitting[:count]


def _types_of(vestiging: dict[str, str]) -> list[str]:
    structure = vestiging.get("onderwijsstructuur", "")
    types = [t for t in ("HAVO", "VWO") if t in structure]
    if "VBO" in structure or "MAVO" in structure:
        types.append("VMBO")
    return types or ["HAVO"]


def _package(rng: random.Random, onderwijstype: str, afdeling: str | None) -> list[tuple[str, bool]]:
    if onderwijstype == "VMBO":
        return list(_VMBO_VAKKEN)
    profile = _PROFILE_VAKKEN.get(afdeling or "", _PROFILE_VAKKEN["Economie en Maatschappij"])
    taken = {code for code, _ in _COMMON_HAVO_VWO + profile}
    elective = rng.choice([e for e in _ELECTIVES if e[0] not in taken])
    return _COMMON_HAVO_VWO + profile + [elective]


def _examen_rows(rng: random.Random, refs: References, vestigingen: list[dict[str, str]], examenjaar: int,
                 per_opleiding: int) -> list[list[dict[str, str]]]:
    """Clean candidates: each a list of rows (K then its V rows)."""
    candidates = []
    for vestiging in vestigingen:
        for onderwijstype in _types_of(vestiging):
            for ilt_code in _EXAM_ILT[onderwijstype][:2]:
                afdeling = refs.ilt_codes.get(ilt_code, {}).get("afdeling") or None
                level = {"VWO": 68, "HAVO": 66, "VMBO": 67}[onderwijstype] + rng.gauss(0, 2)
                for _ in range(rng.randint(per_opleiding // 2, per_opleiding)):
                    candidates.append(_candidate(rng, vestiging, ilt_code, onderwijstype, afdeling, level,
                                                 examenjaar))
    return candidates


def _candidate(rng, vestiging, ilt_code, onderwijstype, afdeling, level, examenjaar) -> list[dict[str, str]]:
    number = fake_bsn(rng) if rng.random() < 0.9 else fake_onderwijsnummer(rng)
    vakken = _draw_vakken(rng, _package(rng, onderwijstype, afdeling), rng.gauss(level, 6))
    roll = rng.random()
    uitslag_day = date(examenjaar, 7, 1) if roll < 0.7 else date(examenjaar, 7, 5)
    if roll >= 0.7:
        _retake(rng, vakken)
    if roll > 0.975:
        uitslag, rows_v = "T", [_withdrawn(v) for v in vakken]
    elif roll > 0.96:
        uitslag = "D"
        rows_v = [_v_row(v, certificaat=v.lijst >= 6, diplomavak=False) for v in vakken[:2]]
        if not any(r["certificaat"] == "J" for r in rows_v):
            rows_v[0]["certificaat"] = "J"
            vak = vakken[0]
            vak.se, vak.ce, vak.eind = 70, [68, None, None], [_eind(70, 68), None, None]
            rows_v[0] = _v_row(vak, certificaat=True, diplomavak=False)
    else:
        uitslag = "G" if _passes(vakken) else "A"
        rows_v = [_v_row(v) for v in vakken]
    k = _k_row(persoonsgebonden_nummer=number, postcode=_postcode(rng),
               registratienummer=vestiging["instellingscode"], vestiging=vestiging["vestigingscode"][4:],
               ilt_code=ilt_code, examenjaar=str(examenjaar), datum_uitslag_examen=f"{uitslag_day:%Y%m%d}",
               uitslag_examen=uitslag, titel_thema_werkstuk="Profielwerkstuk over een verzonnen onderwerp",
               beoordeling_werkstuk=rng.choice("VG"), toepassing_beoordeling_werkstuk="E")
    if uitslag == "T":
        k["beoordeling_werkstuk"] = k["toepassing_beoordeling_werkstuk"] = k["titel_thema_werkstuk"] = ""
    return [k, *rows_v]


def _withdrawn(vak: _Vak) -> dict[str, str]:
    row = _v_row(vak)
    for column in ("cijfer_ce_1", "cijfer_ce_2", "cijfer_ce_3", "eindcijfer_1", "eindcijfer_2", "eindcijfer_3",
                   "cijfer_cijferlijst"):
        row[column] = ""
    return row


def _faulty_examen(rng: random.Random, clean: list[list[dict[str, str]]], examenjaar: int) -> list[tuple[str, list[dict[str, str]], int]]:
    """(control, rows of a candidate, index of the faulty row within them), built from copies of clean ones."""
    def copy_of(i: int) -> list[dict[str, str]]:
        return [dict(r) for r in clean[i % len(clean)]]

    def graded_g(i: int) -> list[dict[str, str]]:
        """A geslaagd candidate (copy), searched from index i."""
        for j in range(i, i + len(clean)):
            rows = clean[j % len(clean)]
            if rows[0]["uitslag_examen"] == "G" and all(r["cijfer_ce_2"] == "" for r in rows[1:]):
                return [dict(r) for r in rows]
        raise ValueError("no geslaagd candidate to copy")

    out = []
    rows = copy_of(1); rows[0]["persoonsgebonden_nummer"] = bad_number(rng)
    out.append(("elfproef", rows, 0))
    rows = copy_of(2); rows[0]["vestiging"] = "97"; rows[0]["registratienummer"] = "00ZZ"
    out.append(("unknown_vestiging", rows, 0))
    rows = copy_of(3); rows[0]["ilt_code"] = "9999"
    out.append(("unknown_ilt_code", rows, 0))
    rows = copy_of(4); rows[1]["cijfer_schoolexamen"] = "6,8"
    out.append(("format", rows, 1))
    rows = copy_of(5); rows[0]["uitslag_examen"] = "X"
    out.append(("value_list", rows, 0))
    rows = graded_g(6); rows[1]["cijfer_ce_2"] = rows[1]["cijfer_ce_1"]
    out.append(("ce_without_tijdvak", rows, 1))
    rows = graded_g(7)
    vak = rows[1]
    se, ce = int(vak["cijfer_schoolexamen"]), int(vak["cijfer_ce_1"])
    good = {(se + ce + 10) // 20, ((se + ce + 1) // 2 + 5) // 10}
    wrong = max(good) + 1 if max(good) < 10 else min(good) - 1
    vak["eindcijfer_1"] = f"{wrong:02d}"
    vak["cijfer_cijferlijst"] = f"{wrong:02d}"
    out.append(("eindcijfer_mismatch", rows, 1))
    rows = graded_g(8)
    lijst = int(rows[1]["cijfer_cijferlijst"])
    rows[1]["cijfer_cijferlijst"] = f"{lijst + 1 if lijst < 10 else lijst - 1:02d}"
    out.append(("cijferlijst_mismatch", rows, 1))
    rows = copy_of(9)
    k = rows[0]
    k["uitslag_examen"] = "G"
    for r in rows[1:]:                          # a 3 on the list, consistent in itself
        r["cijfer_schoolexamen"], r["cijfer_ce_1"] = "030", "030"
        r["cijfer_ce_2"] = r["cijfer_ce_3"] = r["eindcijfer_2"] = r["eindcijfer_3"] = ""
        r["eindcijfer_1"] = r["cijfer_cijferlijst"] = "03"
        r["certificaat"], r["diplomavak"] = "N", "J"
        if r["examenvak"] == "1019":            # no CE for maatschappijleer
            r["cijfer_ce_1"] = ""
    out.append(("uitslag_inconsistent", rows, 0))
    rows = copy_of(10); rows[0]["datum_uitslag_examen"] = f"{examenjaar}0520"
    out.append(("late_delivery", rows, 0))
    rows = copy_of(11); rows[-1]["examenvak"] = "9998"
    out.append(("unknown_vakcode", rows, len(rows) - 1))
    for control, rows, _ in out:                 # copies get their own person
        if control != "elfproef":
            rows[0]["persoonsgebonden_nummer"] = fake_bsn(rng)
    return out


def _inschrijving_rows(rng: random.Random, vestigingen: list[dict[str, str]], pro: dict[str, str] | None,
                       teldatum: date, per_leerjaar: int) -> list[dict[str, str]]:
    rows = []

    def pupil(vestiging: dict[str, str], ilt_code: str, leerjaar: int, jaren_pro: str = "") -> dict[str, str]:
        start = date(teldatum.year - leerjaar + 1, 8, rng.randint(15, 31))
        nieuwkomer = rng.random() < 0.04
        return {"persoonsgebonden_nummer": fake_bsn(rng) if rng.random() < 0.9 else fake_onderwijsnummer(rng),
                "postcode": _postcode(rng), "registratienummer": vestiging["instellingscode"],
                "vestiging": vestiging["vestigingscode"][4:], "datum_inschrijving": f"{start:%Y%m%d}",
                "datum_uitschrijving": "", "nieuwkomer_vo_categorie": rng.choice(["01", "02"]) if nieuwkomer else "",
                "verblijfsduur": rng.choice(["d1", "d2"]) if nieuwkomer else "", "ilt_code": ilt_code,
                "leerjaar": str(leerjaar), "aantal_jaren_praktijkonderwijs": jaren_pro}

    for vestiging in vestigingen:
        types = _types_of(vestiging)
        for leerjaar in (1, 2):
            for _ in range(rng.randint(per_leerjaar // 2, per_leerjaar)):
                rows.append(pupil(vestiging, "0016" if "VMBO" in types else "0015", leerjaar))
        for onderwijstype in types:
            top = {"HAVO": 5, "VWO": 6, "VMBO": 4}[onderwijstype]
            for leerjaar in range(3, top + 1):
                ilt = _EXAM_ILT[onderwijstype][0] if leerjaar >= (3 if onderwijstype == "VMBO" else 4) else (
                    "0300" if onderwijstype == "HAVO" else "0100")
                for _ in range(rng.randint(per_leerjaar // 2, per_leerjaar)):
                    rows.append(pupil(vestiging, ilt, leerjaar))
    if pro is not None:
        for leerjaar in range(1, 5):
            for _ in range(rng.randint(3, 8)):
                rows.append(pupil(pro, _PRO_ILT, leerjaar, str(leerjaar)))
    return rows


def _faulty_inschrijvingen(rng: random.Random, clean: list[dict[str, str]], teldatum: date) -> list[tuple[str, dict[str, str]]]:
    non_pro = [r for r in clean if r["ilt_code"] != _PRO_ILT and not r["nieuwkomer_vo_categorie"]]
    pro = [r for r in clean if r["ilt_code"] == _PRO_ILT]

    def copy_of(i: int, pool=non_pro) -> dict[str, str]:
        row = dict(pool[i % len(pool)])
        row["persoonsgebonden_nummer"] = fake_bsn(rng)
        return row

    out = []
    row = copy_of(1); row["persoonsgebonden_nummer"] = bad_number(rng); out.append(("elfproef", row))
    row = copy_of(2); row["postcode"] = "123AB"; out.append(("format", row))
    row = copy_of(3); row["nieuwkomer_vo_categorie"], row["verblijfsduur"] = "01", "d3"
    out.append(("value_list", row))
    row = copy_of(4)
    start = date(int(row["datum_inschrijving"][:4]), int(row["datum_inschrijving"][4:6]), int(row["datum_inschrijving"][6:]))
    row["datum_uitschrijving"] = f"{start - timedelta(days=1):%Y%m%d}"
    out.append(("dates_inconsistent", row))
    row = copy_of(5); row["ilt_code"] = "9990"; out.append(("unknown_ilt_code", row))
    row = copy_of(6); row["datum_uitschrijving"] = f"{teldatum - timedelta(days=20):%Y%m%d}"
    out.append(("not_on_teldatum", row))
    row = copy_of(7); row["nieuwkomer_vo_categorie"] = "02"; out.append(("nieuwkomer_incomplete", row))
    if pro:
        row = copy_of(0, pro); row["aantal_jaren_praktijkonderwijs"] = ""
        out.append(("praktijkonderwijs_inconsistent", row))
    return out


def _write_csv(path: Path, header: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8"))


def _interleave(rng: random.Random, clean: list, faulty: list) -> list:
    """Faulty items placed among the clean ones at seeded positions; returns (item, is_fault) pairs."""
    items = [(item, None) for item in clean]
    for fault in faulty:
        items.insert(rng.randrange(0, len(items) + 1), (fault, True))
    return items


def write_manifest(out_dir: Path, seed: int, files: list[Path]) -> Path:
    """Add the files to MANIFEST.json in out_dir (created when missing)."""
    manifest_path = out_dir / "MANIFEST.json"
    manifest = {"synthetic": True, "generator": GENERATOR, "seed": seed, "files": {}}
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for path in files:
        manifest["files"][path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return manifest_path


def generate(out_dir: Path, refs: References, *, seed: int = 2024, examenjaar: int = 2024,
             vestigingen: int = 4, per_opleiding: int = 24, per_leerjaar: int = 20,
             with_faults: bool = True) -> Generated:
    """Write examengegevens_<date>.csv and inschrijvingsgegevens_<date>.csv (+ MANIFEST.json) into out_dir."""
    rng = random.Random(seed)
    _USED.clear()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    chosen = _pick_vestigingen(refs, rng, vestigingen)
    pro = next((v for v in sorted(refs.vestigingen.values(), key=lambda v: v["vestigingscode"])
                if v.get("onderwijsstructuur") == "PRO"), None)
    result = Generated()

    # Examengegevens, delivered a week after the 2nd tijdvak uitslag.
    exam_day = date(examenjaar, 7, 12)
    exam_path = out_dir / f"examengegevens_synthetic_{exam_day:%Y%m%d}.csv"
    clean = _examen_rows(rng, refs, chosen, examenjaar, per_opleiding)
    faulty = _faulty_examen(rng, clean, examenjaar) if with_faults else []
    rows, line = [], 2
    for item, is_fault in _interleave(rng, clean, faulty):
        if is_fault:
            control, candidate, index = item
            result.faults.append(Fault(exam_path.name, line + index, control, _severity("examengegevens", control)))
        else:
            candidate = item
        rows += candidate
        line += len(candidate)
    _write_csv(exam_path, EXAMEN_HEADER, rows)
    result.files["examengegevens"], result.delivered_on["examengegevens"] = exam_path, exam_day

    # Inschrijvingsgegevens on the teldatum after that exam year, delivered before 15 October.
    teldatum, ins_day = date(examenjaar, 10, 1), date(examenjaar, 10, 10)
    ins_path = out_dir / f"inschrijvingsgegevens_synthetic_{ins_day:%Y%m%d}.csv"
    clean_i = _inschrijving_rows(rng, chosen, pro, teldatum, per_leerjaar)
    faulty_i = _faulty_inschrijvingen(rng, clean_i, teldatum) if with_faults else []
    rows_i = []
    for line, (item, is_fault) in enumerate(_interleave(rng, clean_i, faulty_i), start=2):
        if is_fault:
            control, item = item
            result.faults.append(Fault(ins_path.name, line, control, _severity("inschrijvingsgegevens", control)))
        rows_i.append(item)
    _write_csv(ins_path, INSCHRIJVING_HEADER, rows_i)
    result.files["inschrijvingsgegevens"], result.delivered_on["inschrijvingsgegevens"] = ins_path, ins_day

    write_manifest(out_dir, seed, [exam_path, ins_path])
    return result


DEMO_SEED = 2024


def demo_deliveries(out_dir: Path) -> Generated:
    """The bundled demo deliveries (data/raw/deliveries, loaded by `examencijfers build`): the default
    generate() with DUO's bundled register; the same bytes every time."""
    import duckdb

    from examencijfers.ingest.deliveries.reference import load_references

    refs = load_references(duckdb.connect())    # an empty database: DUO's bundled register file
    for stale in Path(out_dir).glob("*_synthetic_*.csv"):
        stale.unlink()
    (Path(out_dir) / "MANIFEST.json").unlink(missing_ok=True)
    return generate(out_dir, refs, seed=DEMO_SEED)
