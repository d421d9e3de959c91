"""The registry of downloadable datasets, as data.

Each dataset is one published table with the columns a person may take away, the filter keys they may
set and the order rows come out in. Column names used in SQL come only from here (the whitelist), so a
new dataset or filter is a row in this file, not a branch in the builder.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from examencijfers.errors import ExamencijfersError

# Kinds of cell: how a value is parsed from a filter and written into each format.
TEXT, INT, FLOAT, DATE, BOOL, TIMESTAMP = "text", "int", "float", "date", "bool", "timestamp"


class ExtractError(ExamencijfersError):
    """An extract that cannot be made as asked: unknown dataset, column or filter, or a bad value."""


@dataclass(frozen=True)
class Column:
    """One column of a dataset. `suppression` names the column holding the reason when the value is withheld."""

    name: str
    kind: str
    label_nl: str
    label_en: str
    suppression: str | None = None


@dataclass(frozen=True)
class Filter:
    """A filter key: `eq` matches one or more values; `ge` / `le` bound a range (inclusive)."""

    key: str
    column: str
    op: str = "eq"


@dataclass(frozen=True)
class Dataset:
    name: str
    table: str
    publisher: str                      # 'CBR', 'DUO' or 'deliveries' (licence and attribution follow from it)
    title_nl: str
    title_en: str
    columns: tuple[Column, ...]
    filters: tuple[Filter, ...]
    default_columns: tuple[str, ...]
    order_by: tuple[str, ...]           # the natural key; the other columns break any remaining tie
    source_datasets: tuple[str, ...] = ()   # values of sources.dataset the table is built from
    lineage_column: str | None = None   # a column that traces each row to its source, if any:
    # without lineage_map it holds sources.source_id; with it, a value that names source datasets
    lineage_map: tuple[tuple[str, tuple[str, ...]], ...] = ()
    notes: tuple[str, ...] = field(default=())

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise ExtractError(
            f"dataset {self.name!r} has no column {name!r}; columns: {', '.join(c.name for c in self.columns)}")

    def filter(self, key: str) -> Filter:
        for item in self.filters:
            if item.key == key:
                return item
        raise ExtractError(
            f"dataset {self.name!r} has no filter {key!r}; filters: {', '.join(f.key for f in self.filters)}")


def _c(name: str, kind: str, nl: str, en: str, suppression: str | None = None) -> Column:
    return Column(name, kind, nl, en, suppression)


def _eq(*keys: str) -> tuple[Filter, ...]:
    return tuple(Filter(key, key) for key in keys)


def _range(key: str, column: str) -> tuple[Filter, ...]:
    return (Filter(f"{key}_from", column, "ge"), Filter(f"{key}_to", column, "le"))


def _own(name: str, kind: str, nl: str, en: str) -> tuple[Column, Column]:
    """A value column with its own companion `<name>_suppression` column (the VO tables)."""
    return (
        Column(name, kind, nl, en, f"{name}_suppression"),
        Column(f"{name}_suppression", TEXT, f"{nl}: reden geheimhouding", f"{en}: suppression reason"),
    )


_ROW_SUPPRESSION = _c("suppression", TEXT, "Reden geheimhouding (hele rij)", "Suppression reason (whole row)")

CBR_EXAMS_WEEKLY = Dataset(
    name="cbr_exams_weekly",
    table="cbr_exams_weekly",
    publisher="CBR",
    title_nl="CBR examens per week en product",
    title_en="CBR exams per week and product",
    columns=(
        _c("source_id", INT, "Bron-id", "Source id"),
        _c("jaar", INT, "Jaar (ISO)", "Year (ISO)"),
        _c("week", INT, "Week (ISO)", "Week (ISO)"),
        _c("week_start", DATE, "Begin van de week", "Week start"),
        _c("categoriecode", TEXT, "Categoriecode", "Category code"),
        _c("categorienaam", TEXT, "Categorie", "Category"),
        _c("productcode", TEXT, "Productcode", "Product code"),
        _c("productnaam", TEXT, "Product", "Product"),
        _c("is_toets", BOOL, "Toets (zonder uitslag)", "Test (no result)"),
        _c("totaal", INT, "Totaal examens/toetsen", "Total exams/tests", "suppression"),
        _c("voldoende", INT, "Voldoende", "Pass", "suppression"),
        _c("onvoldoende", INT, "Onvoldoende", "Fail", "suppression"),
        _c("particulier", INT, "Particuliere examens", "Private exams", "suppression"),
        _c("tolk", INT, "Examens met tolk", "Exams with interpreter", "suppression"),
        _ROW_SUPPRESSION,
    ),
    filters=_eq("jaar", "week", "productcode", "categoriecode", "is_toets") + _range("week_start", "week_start")
    + _range("jaar", "jaar"),
    default_columns=("jaar", "week", "week_start", "categoriecode", "productcode", "productnaam", "is_toets",
                     "totaal", "voldoende", "onvoldoende", "particulier", "tolk", "suppression"),
    order_by=("jaar", "week", "productcode"),
    source_datasets=("cbr_examens",),
    lineage_column="source_id",
)

CBR_DIPLOMAS_WEEKLY = Dataset(
    name="cbr_diplomas_weekly",
    table="cbr_diplomas_weekly",
    publisher="CBR",
    title_nl="CBR uitgegeven diploma's per week",
    title_en="CBR diplomas issued per week",
    columns=(
        _c("source_id", INT, "Bron-id", "Source id"),
        _c("jaar", INT, "Jaar (ISO)", "Year (ISO)"),
        _c("week", INT, "Week (ISO)", "Week (ISO)"),
        _c("week_start", DATE, "Begin van de week", "Week start"),
        _c("diplomacode", TEXT, "Diplomacode", "Diploma code"),
        _c("diplomaomschrijving", TEXT, "Diploma", "Diploma"),
        _c("aantal", INT, "Aantal uitgegeven", "Number issued", "suppression"),
        _ROW_SUPPRESSION,
    ),
    filters=_eq("jaar", "week", "diplomacode") + _range("week_start", "week_start") + _range("jaar", "jaar"),
    default_columns=("jaar", "week", "week_start", "diplomacode", "diplomaomschrijving", "aantal", "suppression"),
    order_by=("jaar", "week", "diplomacode"),
    source_datasets=("cbr_diplomas",),
    lineage_column="source_id",
)

CBR_OPLEIDER_RESULTS = Dataset(
    name="cbr_opleider_results",
    table="cbr_opleider_results",
    publisher="CBR",
    title_nl="CBR opleiderresultaten",
    title_en="CBR results per driving school",
    columns=(
        _c("source_id", INT, "Bron-id", "Source id"),
        _c("publication", TEXT, "Publicatie", "Publication"),
        _c("period_start", DATE, "Periode begin", "Period start"),
        _c("period_end", DATE, "Periode eind", "Period end"),
        _c("opleidercode", TEXT, "Opleidercode", "Driving school code"),
        _c("opleidernaam", TEXT, "Opleider", "Driving school"),
        _c("opleider_plaats", TEXT, "Plaats opleider", "Driving school town"),
        _c("opleider_actief", BOOL, "Opleider actief", "Driving school active"),
        _c("categoriecode", TEXT, "Categoriecode", "Category code"),
        _c("productcode", TEXT, "Productcode", "Product code"),
        _c("productnaam", TEXT, "Product", "Product"),
        _c("examenlocatie", TEXT, "Examenlocatie ('*' = alle)", "Exam centre ('*' = all)"),
        _c("examenlocatie_plaats", TEXT, "Plaats examenlocatie", "Exam centre town"),
        _c("soort_examen", TEXT, "Soort examen (eerste/her)", "Exam kind (first/retake)"),
        _c("transmissie", TEXT, "Transmissie", "Transmission"),
        _c("voldoende", INT, "Voldoende", "Pass", "suppression"),
        _c("onvoldoende", INT, "Onvoldoende", "Fail", "suppression"),
        _c("n", INT, "Aantal examens", "Number of exams", "suppression"),
        _c("n_band", TEXT, "Aantal examens (klasse)", "Number of exams (band)"),
        _ROW_SUPPRESSION,
    ),
    filters=_eq("publication", "opleidercode", "opleider_plaats", "categoriecode", "productcode", "examenlocatie",
                "soort_examen", "transmissie"),
    default_columns=("publication", "period_start", "period_end", "opleidercode", "opleidernaam", "opleider_plaats",
                     "productcode", "examenlocatie", "soort_examen", "transmissie", "voldoende", "onvoldoende", "n",
                     "n_band", "suppression"),
    order_by=("publication", "opleidercode", "productcode", "examenlocatie", "soort_examen", "transmissie"),
    source_datasets=("cbr_opleiderresultaten",),
    lineage_column="source_id",
)

CBR_PRODUCT_RATES = Dataset(
    name="cbr_product_rates",
    table="cbr_product_rates",
    publisher="CBR",
    title_nl="CBR slagingscijfers per product en examenlocatie",
    title_en="CBR pass figures per product and exam centre",
    columns=(
        _c("publication", TEXT, "Publicatie", "Publication"),
        _c("period_start", DATE, "Periode begin", "Period start"),
        _c("period_end", DATE, "Periode eind", "Period end"),
        _c("productcode", TEXT, "Productcode", "Product code"),
        _c("examenlocatie", TEXT, "Examenlocatie ('*' = alle)", "Exam centre ('*' = all)"),
        _c("soort_examen", TEXT, "Soort examen (eerste/her)", "Exam kind (first/retake)"),
        _c("transmissie", TEXT, "Transmissie", "Transmission"),
        _c("voldoende", INT, "Voldoende", "Pass", "suppression"),
        _c("onvoldoende", INT, "Onvoldoende", "Fail", "suppression"),
        _c("n", INT, "Aantal examens", "Number of exams", "suppression"),
        _c("opleiders", INT, "Aantal opleiders", "Number of driving schools", "suppression"),
        _ROW_SUPPRESSION,
    ),
    filters=_eq("publication", "productcode", "examenlocatie", "soort_examen", "transmissie"),
    default_columns=("publication", "period_start", "period_end", "productcode", "examenlocatie", "soort_examen",
                     "transmissie", "voldoende", "onvoldoende", "n", "opleiders", "suppression"),
    order_by=("publication", "productcode", "examenlocatie", "soort_examen", "transmissie"),
    source_datasets=("cbr_opleiderresultaten",),
)

VO_PASS_RATES = Dataset(
    name="vo_pass_rates",
    table="vo_pass_rates",
    publisher="DUO",
    title_nl="VO examenkandidaten, geslaagden en slaagpercentage",
    title_en="Secondary-school exam candidates, passes and pass rate",
    columns=(
        _c("source", TEXT, "Bron", "Source"),
        _c("level", TEXT, "Niveau", "Level"),
        _c("area_code", TEXT, "Gebiedscode", "Area code"),
        _c("area_name", TEXT, "Gebied", "Area"),
        _c("instellingscode", TEXT, "Instellingscode (BRIN)", "Institution code (BRIN)"),
        _c("gemeentenaam", TEXT, "Gemeente", "Municipality"),
        _c("provincie", TEXT, "Provincie", "Province"),
        _c("onderwijstype", TEXT, "Onderwijstype", "School type"),
        _c("inspectiecode", TEXT, "Inspectiecode", "Inspectorate code"),
        _c("opleidingsnaam", TEXT, "Opleiding", "Programme"),
        _c("schooljaar", TEXT, "Schooljaar", "School year"),
        _c("geslacht", TEXT, "Geslacht", "Sex"),
        *_own("examenkandidaten", INT, "Examenkandidaten", "Exam candidates"),
        *_own("geslaagden", INT, "Geslaagden", "Passed"),
        *_own("slaagpercentage", FLOAT, "Slaagpercentage", "Pass rate (%)"),
    ),
    filters=_eq("source", "level", "area_code", "instellingscode", "gemeentenaam", "provincie", "onderwijstype",
                "inspectiecode", "schooljaar", "geslacht"),
    default_columns=("level", "area_code", "area_name", "onderwijstype", "inspectiecode", "opleidingsnaam",
                     "schooljaar", "geslacht", "examenkandidaten", "geslaagden", "slaagpercentage"),
    order_by=("source", "level", "area_code", "onderwijstype", "inspectiecode", "schooljaar", "geslacht"),
    source_datasets=("duo_examenkandidaten",),
    lineage_column="source",
    lineage_map=(("duo", ("duo_examenkandidaten",)), ("deliveries", ("vo_examengegevens",))),
)

_VO_PLACE = (
    _c("source", TEXT, "Bron", "Source"),
    _c("schooljaar", TEXT, "Schooljaar", "School year"),
    _c("instellingscode", TEXT, "Instellingscode (BRIN)", "Institution code (BRIN)"),
    _c("vestigingscode", TEXT, "Vestigingscode", "Branch code"),
    _c("vestigingsnaam", TEXT, "Vestiging", "Branch"),
    _c("gemeentenaam", TEXT, "Gemeente", "Municipality"),
    _c("provincie", TEXT, "Provincie", "Province"),
    _c("onderwijstype", TEXT, "Onderwijstype", "School type"),
    _c("leerweg", TEXT, "Leerweg", "Track"),
)
_VO_PLACE_FILTERS = _eq("source", "schooljaar", "instellingscode", "vestigingscode", "gemeentenaam", "provincie",
                        "onderwijstype", "leerweg")

VO_RESULTS_BY_AFDELING = Dataset(
    name="vo_results_by_afdeling",
    table="vo_results_by_afdeling",
    publisher="DUO",
    title_nl="VO geslaagden, gezakten en gemiddelde cijfers per afdeling",
    title_en="Secondary-school passes, fails and average grades per department",
    columns=_VO_PLACE + (
        _c("sector", TEXT, "Sector", "Sector"),
        _c("afdeling", TEXT, "Afdeling", "Department"),
        *_own("examenkandidaten", INT, "Examenkandidaten", "Exam candidates"),
        *_own("geslaagden", INT, "Geslaagden", "Passed"),
        *_own("gezakten", INT, "Gezakten", "Failed"),
        *_own("gem_cijfer_se", FLOAT, "Gemiddeld cijfer SE", "Average school-exam grade"),
        *_own("gem_cijfer_ce", FLOAT, "Gemiddeld cijfer CE", "Average central-exam grade"),
        *_own("gem_cijfer_cijferlijst", FLOAT, "Gemiddeld cijfer cijferlijst", "Average final grade"),
    ),
    filters=_VO_PLACE_FILTERS + _eq("sector", "afdeling"),
    default_columns=("schooljaar", "instellingscode", "vestigingscode", "vestigingsnaam", "gemeentenaam",
                     "onderwijstype", "leerweg", "sector", "afdeling", "examenkandidaten", "geslaagden", "gezakten",
                     "gem_cijfer_se", "gem_cijfer_ce", "gem_cijfer_cijferlijst"),
    order_by=("source", "schooljaar", "vestigingscode", "onderwijstype", "leerweg", "sector", "afdeling"),
    source_datasets=("duo_geslaagden_cijfers",),
    lineage_column="source",
    lineage_map=(("duo", ("duo_geslaagden_cijfers",)), ("deliveries", ("vo_examengegevens",))),
)

VO_SUBJECT_GRADES = Dataset(
    name="vo_subject_grades",
    table="vo_subject_grades",
    publisher="DUO",
    title_nl="VO examencijfers per vak",
    title_en="Secondary-school exam grades per subject",
    columns=_VO_PLACE + (
        _c("vakcode", TEXT, "Vakcode", "Subject code"),
        _c("vakafkorting", TEXT, "Vakafkorting", "Subject abbreviation"),
        _c("vaknaam", TEXT, "Vak", "Subject"),
        *_own("aantal_se", INT, "Aantal SE", "Number with school-exam grade"),
        *_own("gem_se", FLOAT, "Gemiddeld cijfer SE", "Average school-exam grade"),
        *_own("aantal_ce", INT, "Aantal CE", "Number with central-exam grade"),
        *_own("gem_ce", FLOAT, "Gemiddeld cijfer CE", "Average central-exam grade"),
        *_own("gem_cijferlijst", FLOAT, "Gemiddeld cijfer cijferlijst", "Average final grade"),
    ),
    filters=_VO_PLACE_FILTERS + _eq("vakcode"),
    default_columns=("schooljaar", "instellingscode", "vestigingscode", "vestigingsnaam", "gemeentenaam",
                     "onderwijstype", "leerweg", "vakcode", "vaknaam", "aantal_se", "gem_se", "aantal_ce", "gem_ce",
                     "gem_cijferlijst"),
    order_by=("source", "schooljaar", "vestigingscode", "onderwijstype", "leerweg", "vakcode"),
    source_datasets=("duo_examencijfers",),
    lineage_column="source",
    lineage_map=(("duo", ("duo_examencijfers",)), ("deliveries", ("vo_examengegevens",))),
)

_DELIVERIES_FILTERS = _eq("schooljaar", "instellingscode", "vestigingscode", "gemeentenaam", "provincie", "onderwijstype",
                          "leerweg")

VO_SUBJECT_DETAILS = Dataset(
    name="vo_subject_details",
    table="vo_subject_details",
    publisher="deliveries",
    title_nl="VO details per vak uit leveringen (CE 1e tijdvak, eindcijfer, herkansing, certificaten)",
    title_en="Secondary-school subject details from deliveries (first-sitting exam, final grade, resits, certificates)",
    columns=_VO_PLACE + (
        _c("vakcode", TEXT, "Vakcode", "Subject code"),
        _c("vakafkorting", TEXT, "Vakafkorting", "Subject abbreviation"),
        _c("vaknaam", TEXT, "Vak", "Subject"),
        *_own("gem_ce_1", FLOAT, "Gemiddeld cijfer CE 1e tijdvak", "Average central-exam grade, first sitting"),
        *_own("gem_eindcijfer", FLOAT, "Gemiddeld eindcijfer", "Average final grade"),
        *_own("gem_se_min_ce", FLOAT, "Gemiddeld SE min CE", "Average school exam minus central exam"),
        *_own("tijdvak_2_of_3", INT, "Kandidaten in 2e of 3e tijdvak", "Candidates in 2nd or 3rd sitting"),
        *_own("aandeel_tijdvak_2_of_3", FLOAT, "Aandeel 2e of 3e tijdvak (% van CE-kandidaten)",
              "Share in 2nd or 3rd sitting (% of central-exam candidates)"),
        *_own("certificaten_deelexamen", INT, "Certificaten deelexamen", "Partial-exam certificates"),
    ),
    filters=_DELIVERIES_FILTERS + _eq("vakcode"),
    default_columns=("schooljaar", "instellingscode", "vestigingscode", "vestigingsnaam", "onderwijstype", "leerweg",
                     "vakcode", "vaknaam", "gem_ce_1", "gem_eindcijfer", "gem_se_min_ce", "tijdvak_2_of_3",
                     "aandeel_tijdvak_2_of_3", "certificaten_deelexamen"),
    order_by=("source", "schooljaar", "vestigingscode", "onderwijstype", "leerweg", "vakcode"),
    source_datasets=("vo_examengegevens",),
    lineage_column="source",
    lineage_map=(("deliveries", ("vo_examengegevens",)),),
)

VO_EXAM_OUTCOMES = Dataset(
    name="vo_exam_outcomes",
    table="vo_exam_outcomes",
    publisher="deliveries",
    title_nl="VO teruggetrokken, gespreide examens en deelexamens uit leveringen",
    title_en="Secondary-school withdrawals, spread exams and partial exams from deliveries",
    columns=_VO_PLACE[:7] + (
        _c("ilt_code", TEXT, "ILT-code", "ILT code"),
        _c("opleidingsnaam", TEXT, "Opleiding", "Programme"),
        _c("onderwijstype", TEXT, "Onderwijstype", "School type"),
        _c("leerweg", TEXT, "Leerweg", "Track"),
        _c("sector", TEXT, "Sector", "Sector"),
        _c("afdeling", TEXT, "Afdeling", "Department"),
        *_own("teruggetrokken", INT, "Teruggetrokken", "Withdrawn"),
        *_own("gespreid", INT, "Gespreid examen", "Spread exam"),
        *_own("deelexamen", INT, "Deelexamen", "Partial exam"),
    ),
    filters=_DELIVERIES_FILTERS + _eq("ilt_code", "sector", "afdeling"),
    default_columns=("schooljaar", "instellingscode", "vestigingscode", "vestigingsnaam", "ilt_code", "opleidingsnaam",
                     "onderwijstype", "leerweg", "teruggetrokken", "gespreid", "deelexamen"),
    order_by=("source", "schooljaar", "vestigingscode", "ilt_code"),
    source_datasets=("vo_examengegevens",),
    lineage_column="source",
    lineage_map=(("deliveries", ("vo_examengegevens",)),),
)

VO_ENROLMENT = Dataset(
    name="vo_enrolment",
    table="vo_enrolment",
    publisher="deliveries",
    title_nl="VO leerlingen op de teldatum uit leveringen (leerjaar, nieuwkomers, praktijkonderwijs)",
    title_en="Secondary-school pupils on the count date from deliveries (year group, newcomers, practical education)",
    columns=(_VO_PLACE[0], _c("teldatum", DATE, "Teldatum", "Count date")) + _VO_PLACE[1:7] + (
        _c("ilt_code", TEXT, "ILT-code", "ILT code"),
        _c("opleidingsnaam", TEXT, "Opleiding", "Programme"),
        _c("onderwijstype", TEXT, "Onderwijstype", "School type"),
        _c("leerweg", TEXT, "Leerweg", "Track"),
        _c("leerjaar", INT, "Leerjaar", "Year group"),
        *_own("leerlingen", INT, "Leerlingen", "Pupils"),
        *_own("nieuwkomers_d1", INT, "Nieuwkomers verblijfsduur < 1 jaar", "Newcomers resident < 1 year"),
        *_own("nieuwkomers_d2", INT, "Nieuwkomers verblijfsduur 1-2 jaar", "Newcomers resident 1-2 years"),
        *_own("leerlingen_praktijkonderwijs", INT, "Leerlingen met jaren praktijkonderwijs",
              "Pupils with years of practical education"),
        *_own("gem_jaren_praktijkonderwijs", FLOAT, "Gemiddeld aantal jaren praktijkonderwijs",
              "Average years of practical education"),
    ),
    filters=_DELIVERIES_FILTERS + _eq("ilt_code", "leerjaar"),
    default_columns=("teldatum", "schooljaar", "instellingscode", "vestigingscode", "vestigingsnaam", "ilt_code",
                     "opleidingsnaam", "onderwijstype", "leerweg", "leerjaar", "leerlingen", "nieuwkomers_d1",
                     "nieuwkomers_d2", "leerlingen_praktijkonderwijs", "gem_jaren_praktijkonderwijs"),
    order_by=("source", "schooljaar", "vestigingscode", "ilt_code", "leerjaar"),
    source_datasets=("vo_inschrijvingsgegevens",),
    lineage_column="source",
    lineage_map=(("deliveries", ("vo_inschrijvingsgegevens",)),),
)

DATASETS: dict[str, Dataset] = {
    dataset.name: dataset
    for dataset in (CBR_EXAMS_WEEKLY, CBR_DIPLOMAS_WEEKLY, CBR_OPLEIDER_RESULTS, CBR_PRODUCT_RATES, VO_PASS_RATES,
                    VO_RESULTS_BY_AFDELING, VO_SUBJECT_GRADES, VO_SUBJECT_DETAILS, VO_EXAM_OUTCOMES, VO_ENROLMENT)
}


def get_dataset(name: str) -> Dataset:
    """The registry entry, or one clear error naming the datasets there are."""
    try:
        return DATASETS[name]
    except KeyError:
        raise ExtractError(f"unknown dataset {name!r}; datasets: {', '.join(DATASETS)}") from None


def list_datasets() -> list[Dataset]:
    return list(DATASETS.values())
