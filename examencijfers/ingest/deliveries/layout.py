"""The delivery CSV layouts: one row per field of Bijlage 1 and Bijlage 2, as data.

Each field names its column, its kind (how it is validated), its length in the Bijlage, whether it must
be present, and its value list. A new field or a changed length is a row here, not a branch in a reader.

Files are UTF-8 (a BOM is tolerated), ';'-separated, one header line with exactly the column names below,
optional double quotes, LF or CRLF. Empty = not delivered.
"""
from __future__ import annotations

from dataclasses import dataclass, field

INSCHRIJVINGSGEGEVENS = "inschrijvingsgegevens"
EXAMENGEGEVENS = "examengegevens"
KINDS = (INSCHRIJVINGSGEGEVENS, EXAMENGEGEVENS)

# Value lists. The Bijlage names the lists but their code values could not be verified from the text
# of the regulation here; the codes below are this project's documented choice (examencijfers/ingest/deliveries/README.md).
UITSLAG = {
    "G": "geslaagd",
    "A": "afgewezen",
    "T": "teruggetrokken",
    "S": "gespreid examen (uitslag volgt in een later jaar)",
    "D": "deelexamen (certificaten)",
}
BEOORDELING = {"O": "onvoldoende", "V": "voldoende", "G": "goed"}
TOEPASSING = {
    "E": "behaald in dit examen",
    "H": "behaald in een eerder examen (gespreid of doublure)",
    "V": "vrijstelling",
    "O": "ontheffing",
}
NIEUWKOMER = {"01": "asielzoeker of vluchteling", "02": "overige nieuwkomer"}
VERBLIJFSDUUR = {"d1": "korter dan één jaar in Nederland", "d2": "één tot twee jaar in Nederland"}
JN = {"J": "ja", "N": "nee"}


@dataclass(frozen=True)
class Field:
    """One field of a Bijlage: column name, kind, length, presence and value list."""

    column: str
    kind: str                 # pgn | postcode | alnum | numeric | date | grade3 | grade2 | list | text
    length: int
    required: bool = False
    values: dict[str, str] = field(default_factory=dict)
    minimum: int | None = None   # numeric range, where the Bijlage's meaning bounds it
    maximum: int | None = None
    label: str = ""


# Bijlage 1, inschrijvingsgegevens (per pupil on the teldatum, 1 October).
INSCHRIJVING_FIELDS: tuple[Field, ...] = (
    Field("persoonsgebonden_nummer", "pgn", 9, required=True, label="persoonsgebonden nummer"),
    Field("postcode", "postcode", 6, label="postcode"),
    Field("registratienummer", "alnum", 4, required=True, label="registratienummer (BRIN)"),
    Field("vestiging", "numeric", 2, required=True, label="vestiging"),
    Field("datum_inschrijving", "date", 8, required=True, label="datum inschrijving"),
    Field("datum_uitschrijving", "date", 8, label="datum uitschrijving"),
    Field("nieuwkomer_vo_categorie", "list", 2, values=NIEUWKOMER, label="Nieuwkomer VO-categorie"),
    Field("verblijfsduur", "list", 2, values=VERBLIJFSDUUR, label="verblijfsduur"),
    Field("ilt_code", "numeric", 4, required=True, label="ILT code"),
    Field("leerjaar", "numeric", 1, required=True, minimum=1, maximum=6, label="leerjaar"),
    Field("aantal_jaren_praktijkonderwijs", "numeric", 1, label="aantal jaren praktijkonderwijs"),
)

# Bijlage 2, examengegevens: the candidate fields (recordsoort K) ...
KANDIDAAT_FIELDS: tuple[Field, ...] = (
    Field("persoonsgebonden_nummer", "pgn", 9, required=True, label="persoonsgebonden nummer"),
    Field("postcode", "postcode", 6, label="postcode"),
    Field("registratienummer", "alnum", 4, required=True, label="registratienummer (BRIN)"),
    Field("vestiging", "numeric", 2, required=True, label="vestiging (bepalend voor de uitslag)"),
    Field("ilt_code", "numeric", 4, required=True, label="ILT code"),
    Field("examenjaar", "numeric", 4, required=True, minimum=1990, maximum=2100, label="examenjaar"),
    Field("datum_uitslag_examen", "date", 8, required=True, label="datum uitslag examen"),
    Field("uitslag_examen", "list", 1, required=True, values=UITSLAG, label="uitslag examen"),
    Field("titel_thema_werkstuk", "text", 150, label="titel/thema werkstuk"),
    Field("beoordeling_werkstuk", "list", 1, values=BEOORDELING, label="beoordeling werkstuk"),
    Field("toepassing_beoordeling_werkstuk", "list", 1, values=TOEPASSING,
          label="toepassing beoordeling werkstuk"),
)

# ... and the per-vak fields (recordsoort V), each V record following its candidate's K record.
VAK_FIELDS: tuple[Field, ...] = (
    Field("examenvak", "numeric", 4, required=True, label="examenvak (vakcode)"),
    Field("diplomavak", "list", 1, required=True, values=JN, label="diplomavak"),
    Field("toepassing_resultaat_beoordeling", "list", 1, values=TOEPASSING,
          label="toepassing resultaat/beoordeling"),
    Field("indicatie_werkstuk", "list", 1, values=JN, label="indicatie werkstuk"),
    Field("programma", "alnum", 3, label="programma"),
    Field("beoordeling_schoolexamen", "list", 1, values=BEOORDELING, label="beoordeling schoolexamen"),
    Field("cijfer_schoolexamen", "grade3", 3, label="cijfer schoolexamen"),
    Field("cijfer_ce_1", "grade3", 3, label="cijfer centraal examen 1e tijdvak"),
    Field("cijfer_ce_2", "grade3", 3, label="cijfer centraal examen 2e tijdvak"),
    Field("cijfer_ce_3", "grade3", 3, label="cijfer centraal examen 3e tijdvak"),
    Field("eindcijfer_1", "grade2", 2, label="1e eindcijfer"),
    Field("eindcijfer_2", "grade2", 2, label="2e eindcijfer"),
    Field("eindcijfer_3", "grade2", 2, label="3e eindcijfer"),
    Field("cijfer_cijferlijst", "grade2", 2, label="cijfer cijferlijst"),
    Field("verwezen_naar_volgend_tijdvak", "list", 1, values=JN, label="verwezen naar volgend tijdvak"),
    Field("certificaat", "list", 1, values=JN, label="certificaat"),
)

RECORDSOORT = "recordsoort"
KANDIDAAT, VAK = "K", "V"

INSCHRIJVING_HEADER: tuple[str, ...] = tuple(f.column for f in INSCHRIJVING_FIELDS)
EXAMEN_HEADER: tuple[str, ...] = (RECORDSOORT, *(f.column for f in KANDIDAAT_FIELDS),
                                  *(f.column for f in VAK_FIELDS))
HEADERS: dict[str, tuple[str, ...]] = {INSCHRIJVINGSGEGEVENS: INSCHRIJVING_HEADER, EXAMENGEGEVENS: EXAMEN_HEADER}

# What the main ingest writes into sources.dataset / sources.layout for each kind.
DATASETS = {INSCHRIJVINGSGEGEVENS: "vo_inschrijvingsgegevens", EXAMENGEGEVENS: "vo_examengegevens"}
LAYOUTS = {INSCHRIJVINGSGEGEVENS: "deliveries_bijlage1_v1", EXAMENGEGEVENS: "deliveries_bijlage2_kv_v1"}


def detect(header: list[str]) -> str | None:
    """The delivery kind whose header this is exactly (names trimmed, case-insensitive), else None."""
    names = tuple(name.strip().lstrip("\ufeff").lower() for name in header)
    for kind, expected in HEADERS.items():
        if names == expected:
            return kind
    return None
