"""Every published file layout we load, as data: which header names map to which warehouse column.

A layout is recognised from its header alone (never from the file name). Header names are compared
after `normalise` (trimmed, upper case, dots and runs of spaces folded), so "Opleider Straatnaam "
and "GEM  CIJFER" need no special code; a publisher renaming a column is one more alias here.

Wide DUO files (one column per school year x gender x measure) declare a `Wide` pattern instead of
listing their columns; `frames.py` melts them into long rows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field


def normalise(header_name: str) -> str:
    return " ".join(header_name.replace("\ufeff", "").replace(".", " ").split()).upper()


@dataclass(frozen=True)
class Column:
    target: str  # warehouse column
    headers: tuple[str, ...]  # accepted header names (any spelling that normalises the same)
    kind: str = "text"  # a key of parsers.PARSERS
    required: bool = False  # every row must have a value
    optional: bool = False  # the header itself may be absent (e.g. LEERWEG only in vmbo files)
    names: frozenset[str] = field(init=False, repr=False, compare=False)  # the headers, normalised

    def __post_init__(self) -> None:
        # Once here, not on every lookup: detection asks every column of every layout for every header name.
        object.__setattr__(self, "names", frozenset(normalise(name) for name in self.headers))


def col(target: str, *headers: str, kind: str = "text", required: bool = False, optional: bool = False) -> Column:
    return Column(target, headers, kind, required, optional)


@dataclass(frozen=True)
class Wide:
    """Measure columns named like 'GESLAAGDEN SCHOOLJAAR 2019-2020 - MAN'."""

    pattern: str  # groups: measure, schooljaar, geslacht
    measures: dict[str, Column]  # header measure -> its warehouse column (headers unused)
    genders: tuple[str, ...]

    def match(self, name: str) -> re.Match | None:
        found = re.fullmatch(self.pattern, name)
        if found and found["measure"] in self.measures and found["geslacht"] in self.genders:
            return found
        return None


@dataclass(frozen=True)
class Layout:
    id: str
    dataset: str
    table: str | None  # None: recognised, but reference material that is not loaded
    columns: tuple[Column, ...]
    period: str  # how the publication period is found: a key of periods.PERIODS
    derive: tuple[str, ...] = ()  # named steps in frames.DERIVATIONS, applied in order
    key: tuple[str, ...] = ()  # unique within one file
    ignored: tuple[str, ...] = ()  # header names present in the file but not loaded
    wide: Wide | None = None
    description: str = ""
    ignored_names: set[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "ignored_names", {normalise(name) for name in self.ignored})


# --- CBR ---------------------------------------------------------------------------------------

_CBR_PERIOD = (
    col("examenperiode_begindatum", "Examenperiode Begindatum", kind="date", required=True),
    col("examenperiode_einddatum", "Examenperiode Einddatum", kind="date", required=True),
)
_CBR_WEEK = (
    col("jaar", "Jaar", kind="year", required=True),
    col("week", "Week", kind="integer", required=True),
)


def _opleider_counts() -> tuple[Column, ...]:
    columns = []
    for soort, header in (("eerste", "Eerste Examens/Toetsen"), ("her", "Herexamens/Toetsen")):
        for uitslag in ("Voldoende", "Onvoldoende"):
            columns.append(col(f"{soort}_{uitslag.lower()}", f"Totaal {header} {uitslag}", kind="count", required=True))
        for transmissie in ("Automaat", "Combi", "Handgeschakeld"):
            for uitslag in ("Voldoende", "Onvoldoende"):
                columns.append(col(f"{soort}_{transmissie.lower()}_{uitslag.lower()}",
                                   f"{header} {transmissie} {uitslag}", kind="count", required=True))
    return tuple(columns)


CBR_OPLEIDERRESULTATEN = Layout(
    id="cbr-opleiderresultaten-37",
    dataset="cbr_opleiderresultaten",
    table="cbr_opleiderresultaten",
    description="CBR Opleiderresultaten: per opleider x product x examenlocatie, 37 columns",
    columns=(
        col("opleidercode", "Opleidercode", required=True),
        col("opleidernaam", "Opleidernaam", required=True),
        col("opleider_startdatum", "Opleider Startdatum", kind="date"),
        col("opleider_einddatum", "Opleider Einddatum", kind="date"),
        col("opleider_straatnaam", "Opleider Straatnaam"),
        col("opleider_huisnummer", "Opleider Huisnummer"),
        col("opleider_huisnummer_toevoeging", "Opleider Huisnummer toevoeging"),
        col("opleider_postcode", "Opleider Postcode"),
        col("opleider_plaatsnaam", "Opleider Plaatsnaam"),
        col("categoriecode", "Categoriecode"),
        col("categorienaam", "Categorienaam"),
        col("productcode", "Productcode", required=True),
        col("productnaam", "Productnaam"),
        col("examenlocatienaam", "Examenlocatienaam", required=True),
        col("examenlocatie_straatnaam", "Examenlocatie Straatnaam"),
        col("examenlocatie_huisnummer", "Examenlocatie Huisnummer"),
        col("examenlocatie_huisnummer_toevoeging", "Examenlocatie Huisnummer toevoeging"),
        col("examenlocatie_postcode", "Examenlocatie Postcode"),
        col("examenlocatie_plaatsnaam", "Examenlocatie Plaatsnaam"),
        *_CBR_PERIOD,
        *_opleider_counts(),
    ),
    period="examenperiode",
    key=("opleidercode", "productcode", "examenlocatienaam"),
)

CBR_EXAMENS = Layout(
    id="cbr-examens-per-week",
    dataset="cbr_examens",
    table="cbr_examens",
    description="CBR Examens: per ISO week x product, by result",
    columns=(
        *_CBR_PERIOD,
        *_CBR_WEEK,
        col("categoriecode", "Categoriecode"),
        col("categorienaam", "Categorienaam"),
        col("productcode", "Productcode", required=True),
        col("productnaam", "Productnaam"),
        col("totaal", "Totaal Examens/Toetsen", "Totaal Examens", kind="count", required=True),
        col("voldoende", "Voldoende", kind="count"),  # empty for a tussentijdse toets
        col("onvoldoende", "Onvoldoende", kind="count"),
        col("particulier", "Particuliere Examens", kind="count", required=True),
        col("tolk", "Examens Met Tolk", kind="count", required=True),
    ),
    period="examenperiode",
    derive=("iso_week_start", "toets_has_no_result"),
    key=("jaar", "week", "productcode"),
)

CBR_DIPLOMAS = Layout(
    id="cbr-diplomas-per-week",
    dataset="cbr_diplomas",
    table="cbr_diplomas",
    description="CBR Uitgegeven diploma's: per ISO week x diplomacode",
    columns=(
        *_CBR_PERIOD,
        *_CBR_WEEK,
        col("diplomacode", "Diplomacode", required=True),
        col("diplomaomschrijving", "Diplomaomschrijving"),
        col("aantal", "Aantal Uitgegeven", "Aantal", kind="count", required=True),
    ),
    period="examenperiode",
    derive=("iso_week_start",),
    key=("jaar", "week", "diplomacode"),
)

# --- DUO ---------------------------------------------------------------------------------------

_BRIN = ("INSTELLINGSCODE", "BRIN NUMMER")
_VESTIGING = ("VESTIGINGSCODE", "VESTIGINGSNUMMER")

_KANDIDATEN_MEASURES = {
    "EXAMENKANDIDATEN": col("examenkandidaten", kind="count_lt5", required=True),
    "GESLAAGDEN": col("geslaagden", kind="count_lt5", required=True),
    "SLAAGPERC": col("slaagpercentage", kind="percent"),
}
_KANDIDATEN_PATTERN = r"(?P<measure>[A-Z]+) SCHOOLJAAR (?P<schooljaar>\d{4}-\d{4}) - (?P<geslacht>[A-Z]+)"


def _examenkandidaten(layout_id: str, brin: str, vestiging: str, genders: tuple[str, ...], description: str) -> Layout:
    return Layout(
        id=layout_id,
        dataset="duo_examenkandidaten",
        table="duo_examenkandidaten",
        description=description,
        columns=(
            col("instellingscode", brin, required=True),
            col("vestigingscode", vestiging, required=True),
            col("vestigingsnaam", "INSTELLINGSNAAM VESTIGING"),
            col("gemeentenaam", "GEMEENTENAAM"),
            col("onderwijstype", "ONDERWIJSTYPE VO", required=True),
            col("inspectiecode", "INSPECTIECODE", required=True),
            col("opleidingsnaam", "OPLEIDINGSNAAM"),
        ),
        wide=Wide(_KANDIDATEN_PATTERN, _KANDIDATEN_MEASURES, genders),
        period="schooljaren_in_header",
        derive=("vestiging_brin_plus_two",),
        key=("vestigingscode", "inspectiecode"),
    )


DUO_EXAMENKANDIDATEN = _examenkandidaten(
    "duo-examenkandidaten-2019", "INSTELLINGSCODE", "VESTIGINGSCODE", ("MAN", "VROUW", "TOTAAL"),
    "DUO Examenkandidaten en geslaagden (2019 onwards): quoted UTF-8, '<5'")
DUO_EXAMENKANDIDATEN_OLD = _examenkandidaten(
    "duo-examenkandidaten-2014", "BRIN NUMMER", "VESTIGINGSNUMMER", ("MAN", "VROUW", "ONBEKEND", "TOTAAL"),
    "DUO Examenkandidaten en geslaagden (up to 2018-2019): latin-1, ONBEKEND, '66,7%'")

DUO_GESLAAGDEN_CIJFERS = Layout(
    id="duo-geslaagden-gezakten-cijfers",
    dataset="duo_geslaagden_cijfers",
    table="duo_geslaagden_cijfers",
    description="DUO Geslaagden, gezakten en cijfers: per vestiging x afdeling (2018-2019 and 2024-2025 layouts)",
    columns=(
        col("instellingscode", *_BRIN, required=True),
        col("vestigingscode", *_VESTIGING, required=True),
        col("vestigingsnaam", "INSTELLINGSNAAM VESTIGING"),
        col("gemeentenaam", "GEMEENTENAAM VESTIGING"),
        col("provincie", "PROVINCIE VESTIGING"),
        col("onderwijstype", "ONDERWIJSTYPE VO", required=True),
        col("leerweg", "LEERWEG VMBO"),
        col("sector", "VMBO SECTOR"),
        col("afdeling", "AFDELING"),
        col("examenkandidaten", "EXAMENKANDIDATEN", kind="count_lt5", required=True),
        col("geslaagden", "GESLAAGDEN", kind="count_lt5", required=True),
        col("gezakten", "GEZAKTEN", kind="count_lt5", required=True),
        col("gem_cijfer_se", "GEMIDDELD CIJFER SCHOOLEXAMEN", kind="grade"),
        col("gem_cijfer_ce", "GEMIDDELD CIJFER CENTRAAL EXAMEN", kind="grade"),
        col("gem_cijfer_cijferlijst", "GEMIDDELD CIJFER CIJFERLIJST", kind="grade"),
    ),
    period="schooljaar_in_file_name",
    derive=("vestiging_brin_plus_two", "schooljaar_from_file_name"),
    key=("vestigingscode", "onderwijstype", "leerweg", "sector", "afdeling"),
)

DUO_EXAMENCIJFERS = Layout(
    id="duo-examencijfers",
    dataset="duo_examencijfers",
    table="duo_examencijfers",
    description="DUO Examenkandidaten {havo,vwo,vmbo} en examencijfers: per vestiging x vak",
    columns=(
        col("schooljaar", "SCHOOLJAAR", kind="year", required=True),
        col("instellingscode", *_BRIN, required=True),
        col("vestigingscode", *_VESTIGING, required=True),
        col("vestigingsnaam", "INSTELLINGSNAAM VESTIGING"),
        col("gemeentenummer", "GEMEENTENUMMER"),
        col("gemeentenaam", "GEMEENTENAAM"),
        col("plaatsnaam", "PLAATSNAAM"),
        col("provincie", "PROVINCIE"),
        col("onderwijstype", "ONDERWIJSTYPE VO", required=True),
        col("leerweg", "LEERWEG", "LEERWEG VMBO", optional=True),
        col("vakcode", "VAKCODE", required=True),
        col("vakafkorting", "AFKORTING VAKNAAM"),
        col("vaknaam", "VAKNAAM"),
        col("se_beoordeling", "SCHOOLEXAMEN BEOORDELING"),
        col("aantal_se_beoordeling", "TOTAAL AANTAL SCHOOLEXAMENS MET BEOORDELING", kind="count"),
        col("aantal_se_beoordeling_diploma", "AANTAL SCHOOLEXAMENS MET BEOORDELING MEETELLEND VOOR DIPLOMA", kind="count"),
        col("aantal_se_cijfer", "TOTAAL AANTAL SCHOOLEXAMENS MET CIJFER", kind="count"),
        col("gem_se_cijfer", "GEM. CIJFER TOTAAL AANTAL SCHOOLEXAMENS", kind="grade"),
        col("aantal_se_cijfer_diploma", "AANTAL SCHOOLEXAMENS MET CIJFER MEETELLEND VOOR DIPLOMA", kind="count"),
        col("gem_se_cijfer_diploma", "GEM. CIJFER SCHOOLEXAMENS MET CIJFER MEETELLEND VOOR DIPLOMA", kind="grade"),
        col("aantal_ce", "TOTAAL AANTAL CENTRALE EXAMENS", kind="count"),
        col("gem_ce_cijfer", "GEM. CIJFER TOTAAL AANTAL CENTRALE EXAMENS", kind="grade"),
        col("aantal_ce_diploma", "AANTAL CENTRALE EXAMENS MEETELLEND VOOR DIPLOMA", kind="count"),
        col("gem_ce_cijfer_diploma", "GEM. CIJFER CENTRALE EXAMENS MET CIJFER MEETELLEND VOOR DIPLOMA", kind="grade"),
        col("gem_cijfer_cijferlijst", "GEM. CIJFER CIJFERLIJST", kind="grade"),
        col("gem_cijfer_rekentoets", "GEM. CIJFER REKENTOETS", kind="grade", optional=True),
    ),
    period="schooljaar_column",
    derive=("vestiging_brin_plus_two", "schooljaar_from_first_year"),
    key=("vestigingscode", "onderwijstype", "leerweg", "vakcode", "se_beoordeling"),
)

DUO_VESTIGINGEN = Layout(
    id="duo-alle-vestigingen-vo",
    dataset="duo_vestigingen",
    table="duo_vestigingen",
    description="DUO register of VO vestigingen",
    columns=(
        col("provincie", "PROVINCIE"),
        col("bevoegd_gezag_nummer", "BEVOEGD GEZAG NUMMER"),
        col("instellingscode", *_BRIN, required=True),
        col("vestigingscode", *_VESTIGING, required=True),
        col("vestigingsnaam", "VESTIGINGSNAAM"),
        col("straatnaam", "STRAATNAAM"),
        col("huisnummer_toevoeging", "HUISNUMMER-TOEVOEGING"),
        col("postcode", "POSTCODE"),
        col("plaatsnaam", "PLAATSNAAM"),
        col("gemeentenummer", "GEMEENTENUMMER"),
        col("gemeentenaam", "GEMEENTENAAM"),
        col("denominatie", "DENOMINATIE"),
        col("onderwijsstructuur", "ONDERWIJSSTRUCTUUR"),
    ),
    ignored=(
        "TELEFOONNUMMER", "INTERNETADRES", "STRAATNAAM CORRESPONDENTIEADRES",
        "HUISNUMMER-TOEVOEGING CORRESPONDENTIEADRES", "POSTCODE CORRESPONDENTIEADRES",
        "PLAATSNAAM CORRESPONDENTIEADRES", "NODAAL GEBIED CODE", "NODAAL GEBIED NAAM", "RPA-GEBIED CODE",
        "RPA-GEBIED NAAM", "WGR-GEBIED CODE", "WGR-GEBIED NAAM", "COROPGEBIED CODE", "COROPGEBIED NAAM",
        "ONDERWIJSGEBIED CODE", "ONDERWIJSGEBIED NAAM", "RMC-REGIO CODE", "RMC-REGIO NAAM",
    ),
    period="register",
    derive=("vestiging_brin_plus_two",),
    key=("vestigingscode",),
)

# Pupils per vestiging x ILT code: the source of the ILT code list (data/reference), not exam data.
DUO_LEERLINGEN = Layout(
    id="duo-leerlingen-per-vestiging",
    dataset="duo_leerlingen",
    table=None,
    description="DUO leerlingen per vestiging naar onderwijstype (reference material, not loaded)",
    columns=(
        col("instellingscode", "BRIN NUMMER", "INSTELLINGSCODE"),
        col("vestigingscode", "VESTIGINGSNUMMER", "VESTIGINGSCODE"),
        col("elementcode", "ELEMENTCODE"),
        col("opleidingsnaam", "OPLEIDINGSNAAM"),
    ),
    ignored=(
        "INSTELLINGSNAAM VESTIGING", "PLAATSNAAM VESTIGING", "PROVINCIE VESTIGING",
        "ONDERWIJSTYPE VO EN LEER- OF VERBLIJFSJAAR", "VMBO SECTOR", "AFDELING",
        *(f"LEER- OF VERBLIJFSJAAR {year} - {gender}" for year in range(1, 7) for gender in ("MAN", "VROUW")),
    ),
    period="register",
)

LAYOUTS: tuple[Layout, ...] = (
    CBR_OPLEIDERRESULTATEN, CBR_EXAMENS, CBR_DIPLOMAS,
    DUO_EXAMENKANDIDATEN, DUO_EXAMENKANDIDATEN_OLD, DUO_GESLAAGDEN_CIJFERS, DUO_EXAMENCIJFERS,
    DUO_VESTIGINGEN, DUO_LEERLINGEN,
)
