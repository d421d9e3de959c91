"""The controls of a delivery, as a table, and the functions that apply them to records.

Every control has a severity and names its source. Errors keep a record out of the aggregates; warnings
are reported and the record is kept. A rule this project could not verify from the text of a source is a
warning (see examencijfers/ingest/deliveries/README.md for the table with each source).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Iterable

from examencijfers.ingest.deliveries import fields as field_rules
from examencijfers.ingest.deliveries.layout import Field
from examencijfers.ingest.deliveries.reference import References

REGELING = "Regeling gegevenslevering onderwijsnummer VO"
EXAMENBESLUIT = "Eindexamenbesluit VO"
DELIVERY_DEADLINE_DAYS = 14


@dataclass(frozen=True)
class Control:
    severity: str         # error | warning
    source: str
    description: str


CONTROLS: dict[str, Control] = {
    "required": Control("error", f"{REGELING}, Bijlage 1/2 (the field's definition)",
                        "a field every record must have is empty"),
    "format": Control("error", f"{REGELING}, Bijlage 1/2 (type and length of the field)",
                      "wrong type, length, date or range for the field"),
    "value_list": Control("error", f"{REGELING}, Bijlage 1/2 (value list of the field; codes: examencijfers/ingest/deliveries/README.md)",
                          "a code that is not in the field's value list"),
    "elfproef": Control("error", f"{REGELING}, Bijlage 1/2 (persoonsgebonden nummer: BSN or onderwijsnummer); "
                        "BSN elfproef; onderwijsnummer rule per python-stdnum",
                        "the persoonsgebonden nummer fails the elfproef and the onderwijsnummer rule"),
    "layout": Control("error", "this project's delivery layout (examencijfers/ingest/deliveries/README.md)",
                      "a record that breaks the K/V layout (unknown recordsoort, fields of the other record type)"),
    "vak_without_kandidaat": Control("error", "this project's delivery layout (examencijfers/ingest/deliveries/README.md)",
                                     "a V record that does not follow a K record"),
    "unknown_vestiging": Control("error", f"{REGELING}, Bijlage 1/2 (registratienummer and vestiging); "
                                 "DUO register alle-vestigingen-vo",
                                 "registratienummer + vestiging is not a vestiging in DUO's register"),
    "unknown_ilt_code": Control("error", f"{REGELING}, Bijlage 1/2 (ILT code); data/reference/ilt_codes.csv",
                                "the ILT code is not in the ILT code list"),
    "unknown_vakcode": Control("warning", f"{REGELING}, Bijlage 2 (examenvak, vakkentabel); "
                               "data/reference/vakcodes.csv holds only the codes DUO's havo file names",
                               "the examenvak is not in the vakcode list (the list is incomplete)"),
    "ilt_not_examenopleiding": Control("warning", "data/reference/ilt_codes.csv (examenopleiding)",
                                       "an exam candidate with an ILT code of a non-exam opleiding"),
    "ce_without_tijdvak": Control("error", f"{REGELING}, Bijlage 2 (cijfer CE-n belongs to the n-th eindcijfer, "
                                  "tijdvak n)",
                                  "a CE grade without the eindcijfer of its tijdvak, or a 2nd/3rd eindcijfer "
                                  "without a CE grade in that tijdvak"),
    "eindcijfer_mismatch": Control("warning", f"{EXAMENBESLUIT}, art. 47 (eindcijfer = rounded mean of SE and CE; "
                                   "article text not verified here)",
                                   "an eindcijfer that is not the rounded mean of SE and CE of its tijdvak"),
    "cijferlijst_mismatch": Control("warning", f"{EXAMENBESLUIT}, art. 51-52 (the highest eindcijfer counts "
                                    "after a herkansing; article text not verified here)",
                                    "the cijferlijst grade is not the highest eindcijfer"),
    "uitslag_inconsistent": Control("warning", f"{EXAMENBESLUIT}, art. 49-50 (uitslag; article text not "
                                    "verified here)",
                                    "grades that do not fit the uitslag"),
    "uitslag_year": Control("warning", f"{REGELING}, Bijlage 2 (examenjaar, datum uitslag)",
                            "the datum uitslag is not in the examenjaar"),
    "no_vakken": Control("warning", f"{REGELING}, Bijlage 2 (per vak fields)",
                         "a geslaagd/afgewezen candidate without vak records"),
    "late_delivery": Control("warning", f"{REGELING} (deadlines: examengegevens within two weeks after the "
                             "uitslag, inschrijvingsgegevens by 15 October; article number not verified here)",
                             "delivered later than the deadline"),
    "duplicate_person": Control("warning", "this project's counting rule: a person is counted once per file "
                                "(the later record wins)",
                                "the same persoonsgebonden nummer twice in one file"),
    "dates_inconsistent": Control("error", f"{REGELING}, Bijlage 1 (datum inschrijving, datum uitschrijving)",
                                  "datum uitschrijving before datum inschrijving"),
    "not_on_teldatum": Control("warning", f"{REGELING}, Bijlage 1 (inschrijving on the teldatum, 1 October)",
                               "the pupil was not enrolled on the teldatum (not counted)"),
    "nieuwkomer_incomplete": Control("warning", f"{REGELING}, Bijlage 1 (Nieuwkomer VO-categorie, verblijfsduur)",
                                     "a nieuwkomer category without verblijfsduur, or the reverse"),
    "praktijkonderwijs_inconsistent": Control("warning", f"{REGELING}, Bijlage 1 (aantal jaren "
                                              "praktijkonderwijs, ILT code)",
                                              "years in praktijkonderwijs that do not fit the ILT code"),
}


@dataclass(frozen=True)
class Finding:
    """One failed control of one record: the row of the terugmelding."""

    line_no: int
    recordsoort: str              # I, K, V or F (the file)
    control: str
    message: str
    field: str | None = None
    kandidaat_line_no: int | None = None
    expected: str | None = None
    found: str | None = None          # never a persoonsgebonden nummer or a title (fields._shown)

    @property
    def severity(self) -> str:
        return CONTROLS[self.control].severity

    @property
    def rule_source(self) -> str:
        return CONTROLS[self.control].source


def parse_fields(spec: Iterable[Field], raw: dict[str, str], line_no: int, recordsoort: str,
                 kandidaat_line_no: int | None = None) -> tuple[dict[str, Any], list[Finding]]:
    """Validate every field of a record; parsed values (None where empty or invalid) and findings."""
    parsed: dict[str, Any] = {}
    findings = []
    for field in spec:
        value, problem = field_rules.check(field, (raw.get(field.column) or "").strip())
        parsed[field.column] = value
        if problem is not None:
            findings.append(Finding(line_no, recordsoort, problem.control, problem.message, field.column,
                                    kandidaat_line_no, problem.expected, problem.found))
    return parsed, findings


def vestigingscode(record: dict[str, Any]) -> str | None:
    if record.get("registratienummer") and record.get("vestiging"):
        return record["registratienummer"] + record["vestiging"]
    return None


def reference_findings(record: dict[str, Any], refs: References, line_no: int, recordsoort: str) -> list[Finding]:
    """Unknown vestiging and unknown ILT code: both kinds of file."""
    out = []
    code = vestigingscode(record)
    if code is not None and code not in refs.vestigingen:
        out.append(Finding(line_no, recordsoort, "unknown_vestiging",
                           f"vestiging {code} staat niet in het register ({refs.vestigingen_source})",
                           "vestiging", expected=f"een vestiging in {refs.vestigingen_source}", found=code))
    ilt = record.get("ilt_code")
    if ilt is not None and ilt not in refs.ilt_codes:
        out.append(Finding(line_no, recordsoort, "unknown_ilt_code", f"ILT code {ilt} is onbekend", "ilt_code",
                           expected="een ILT code uit data/reference/ilt_codes.csv", found=ilt))
    return out


# --- inschrijvingsgegevens ----------------------------------------------------------------------------

def teldatum_for(delivered_on: date) -> date:
    """The 1 October a delivery counts: of the delivery's year from 1 October on, else of the year before."""
    year = delivered_on.year if delivered_on >= date(delivered_on.year, 10, 1) else delivered_on.year - 1
    return date(year, 10, 1)


def inschrijving_findings(record: dict[str, Any], refs: References, line_no: int, teldatum: date,
                          invalid: frozenset[str] = frozenset()) -> list[Finding]:
    """Record controls; a field in `invalid` already failed its own rule and is not judged again."""
    out = reference_findings(record, refs, line_no, "I")
    start, end = record.get("datum_inschrijving"), record.get("datum_uitschrijving")
    if start and end and end < start:
        out.append(Finding(line_no, "I", "dates_inconsistent",
                           "datum uitschrijving ligt voor datum inschrijving", "datum_uitschrijving"))
    elif start and (start > teldatum or (end is not None and end <= teldatum)):
        out.append(Finding(line_no, "I", "not_on_teldatum",
                           f"niet ingeschreven op de teldatum {teldatum:%d-%m-%Y}", "datum_inschrijving"))
    if invalid.isdisjoint({"nieuwkomer_vo_categorie", "verblijfsduur"}) and (
            (record.get("nieuwkomer_vo_categorie") is None) != (record.get("verblijfsduur") is None)):
        out.append(Finding(line_no, "I", "nieuwkomer_incomplete",
                           "Nieuwkomer VO-categorie en verblijfsduur horen samen", "verblijfsduur"))
    ilt = refs.ilt_codes.get(record.get("ilt_code") or "")
    years = record.get("aantal_jaren_praktijkonderwijs")
    if ilt is not None and "aantal_jaren_praktijkonderwijs" not in invalid:
        is_pro = ilt["onderwijstype"] == "PRO"
        if years is not None and int(years) > 0 and not is_pro:
            out.append(Finding(line_no, "I", "praktijkonderwijs_inconsistent",
                               f"jaren praktijkonderwijs bij ILT code {record['ilt_code']} (geen praktijkonderwijs)",
                               "aantal_jaren_praktijkonderwijs"))
        elif is_pro and (years is None or int(years) == 0):
            out.append(Finding(line_no, "I", "praktijkonderwijs_inconsistent",
                               "praktijkonderwijs zonder aantal jaren praktijkonderwijs",
                               "aantal_jaren_praktijkonderwijs"))
    return out


def inschrijving_file_findings(delivered_on: date, teldatum: date) -> list[Finding]:
    deadline = date(teldatum.year, 10, 15)
    if delivered_on > deadline:
        return [Finding(1, "F", "late_delivery",
                        f"geleverd op {delivered_on:%d-%m-%Y}, na de uiterste datum {deadline:%d-%m-%Y}")]
    return []


# --- examengegevens -------------------------------------------------------------------------------------

def round_half_up_tenths(tenths: int) -> int:
    """A grade in tenths rounded to a whole number, .5 upwards (6,5 -> 7)."""
    return (tenths + 5) // 10


def allowed_eindcijfers(se: int, ce: int | None) -> set[int]:
    """The eindcijfers the rounding rule allows: the mean of SE and CE rounded once, or first to one decimal."""
    if ce is None:
        return {round_half_up_tenths(se)}
    once = (se + ce + 10) // 20
    twice = round_half_up_tenths((se + ce + 1) // 2)
    return {once, twice}


def vak_findings(vak: dict[str, Any], refs: References, line_no: int, k_line: int,
                 invalid: frozenset[str] = frozenset()) -> list[Finding]:
    """Grade controls of one vak; a tijdvak or grade whose field already failed its rule is not judged."""
    out = []
    code = vak.get("examenvak")
    if code is not None and code not in refs.vakcodes:
        out.append(Finding(line_no, "V", "unknown_vakcode", f"examenvak {code} staat niet in de vakcodelijst",
                           "examenvak", k_line, "een vakcode uit data/reference/vakcodes.csv", code))
    ce = {n: vak.get(f"cijfer_ce_{n}") for n in (1, 2, 3)}
    eind = {n: vak.get(f"eindcijfer_{n}") for n in (1, 2, 3)}
    judged = [n for n in (1, 2, 3) if invalid.isdisjoint({f"cijfer_ce_{n}", f"eindcijfer_{n}"})]
    bad_tijdvak = [n for n in judged if ce[n] is not None and eind[n] is None]
    bad_tijdvak += [n for n in judged if n > 1 and eind[n] is not None and ce[n] is None]
    for n in sorted(set(bad_tijdvak)):
        out.append(Finding(line_no, "V", "ce_without_tijdvak",
                           f"tijdvak {n}: cijfer CE en {n}e eindcijfer horen samen", f"cijfer_ce_{n}", k_line,
                           f"cijfer CE-{n} en {n}e eindcijfer allebei of geen van beide",
                           f"CE-{n} {'leeg' if ce[n] is None else ce[n]}, {n}e eindcijfer "
                           f"{'leeg' if eind[n] is None else eind[n]}"))
    se = vak.get("cijfer_schoolexamen")
    if se is not None and not bad_tijdvak:
        for n in judged:
            if eind[n] is not None and (n == 1 or ce[n] is not None):
                allowed = allowed_eindcijfers(se, ce[n])
                if eind[n] not in allowed:
                    out.append(Finding(line_no, "V", "eindcijfer_mismatch",
                                       f"{n}e eindcijfer {eind[n]} past niet bij SE {se / 10:.1f}"
                                       + (f" en CE {ce[n] / 10:.1f}" if ce[n] is not None else "")
                                       + f" (verwacht {' of '.join(map(str, sorted(allowed)))})",
                                       f"eindcijfer_{n}", k_line, " of ".join(map(str, sorted(allowed))),
                                       str(eind[n])))
    given = [e for e in eind.values() if e is not None]
    lijst = vak.get("cijfer_cijferlijst")
    grades_valid = invalid.isdisjoint({"eindcijfer_1", "eindcijfer_2", "eindcijfer_3", "cijfer_cijferlijst"})
    if grades_valid and given and lijst is not None and lijst != max(given):
        out.append(Finding(line_no, "V", "cijferlijst_mismatch",
                           f"cijferlijst {lijst} is niet het hoogste eindcijfer ({max(given)})",
                           "cijfer_cijferlijst", k_line, str(max(given)), str(lijst)))
    return out


def ce_final(vak: dict[str, Any]) -> int | None:
    """The CE grade that counts: the highest of the tijdvakken."""
    grades = [vak.get(f"cijfer_ce_{n}") for n in (1, 2, 3)]
    grades = [g for g in grades if g is not None]
    return max(grades) if grades else None


def uitslag_findings(k: dict[str, Any], vakken: list[dict[str, Any]], line_no: int,
                     vakken_valid: bool = True) -> list[Finding]:
    """Grades against the uitslag; not judged when a vak field already failed its own rule."""
    uitslag = k.get("uitslag_examen")
    if uitslag is None or not vakken_valid:
        return []
    if uitslag in ("G", "A") and not vakken:
        return [Finding(line_no, "K", "no_vakken", "geslaagd of afgewezen zonder vakken", "uitslag_examen")]
    diploma = [v for v in vakken if v.get("diplomavak") == "J"]
    lijst = [v["cijfer_cijferlijst"] for v in diploma if v.get("cijfer_cijferlijst") is not None]
    ces = [c for c in (ce_final(v) for v in diploma) if c is not None]
    ce_mean_ok = not ces or sum(ces) / len(ces) >= 55
    problem = None
    if uitslag == "G":
        if any(g <= 3 for g in lijst):
            problem = "geslaagd met een eindcijfer van 3 of lager"
        elif not ce_mean_ok:
            problem = "geslaagd met een gemiddeld CE-cijfer onder 5,5"
    elif uitslag == "A":
        if lijst and all(g >= 6 for g in lijst) and ce_mean_ok:
            problem = "afgewezen met alleen voldoendes en een gemiddeld CE-cijfer van 5,5 of hoger"
    elif uitslag == "T":
        if any(v.get("cijfer_cijferlijst") is not None for v in vakken):
            problem = "teruggetrokken met cijfers op de cijferlijst"
    elif uitslag == "D":
        if not any(v.get("certificaat") == "J" for v in vakken):
            problem = "deelexamen zonder certificaat"
    return [Finding(line_no, "K", "uitslag_inconsistent", problem, "uitslag_examen")] if problem else []


def kandidaat_findings(k: dict[str, Any], vakken: list[dict[str, Any]], refs: References, line_no: int,
                       delivered_on: date, vakken_valid: bool = True) -> list[Finding]:
    out = reference_findings(k, refs, line_no, "K")
    ilt = refs.ilt_codes.get(k.get("ilt_code") or "")
    if ilt is not None and ilt["examenopleiding"] != "J":
        out.append(Finding(line_no, "K", "ilt_not_examenopleiding",
                           f"ILT code {k['ilt_code']} ({ilt['opleidingsnaam']}) is geen examenopleiding", "ilt_code"))
    uitslag_date = k.get("datum_uitslag_examen")
    if uitslag_date is not None:
        if k.get("examenjaar") is not None and uitslag_date.year != int(k["examenjaar"]):
            out.append(Finding(line_no, "K", "uitslag_year",
                               f"datum uitslag {uitslag_date:%d-%m-%Y} valt niet in examenjaar {k['examenjaar']}",
                               "datum_uitslag_examen"))
        if delivered_on - uitslag_date > timedelta(days=DELIVERY_DEADLINE_DAYS):
            out.append(Finding(line_no, "K", "late_delivery",
                               f"geleverd op {delivered_on:%d-%m-%Y}, meer dan twee weken na de uitslag "
                               f"van {uitslag_date:%d-%m-%Y}", "datum_uitslag_examen",
                               expected=f"geleverd uiterlijk {uitslag_date + timedelta(days=DELIVERY_DEADLINE_DAYS):%d-%m-%Y}",
                               found=f"geleverd {delivered_on:%d-%m-%Y}"))
    out += uitslag_findings(k, vakken, line_no, vakken_valid)
    return out
