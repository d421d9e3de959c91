"""What the browser tests do on each page of examencijfers/ui/site.py, as data: which filter to change and
what it must redraw, and which table of the changed view the page's 'what you see' download must equal,
column by column.

Headers are the Dutch ones a visitor reads; file columns are the raw names in the downloaded CSV. A page
without filters or without a download panel says so (None), and the tests check that it indeed has none.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tests.browser.dashboard import Dashboard
from tests.browser.reading import Shown

Step = Callable[[Dashboard], None]

# A school branch and a driving school with several types / publications and some withheld cells.
SCHOOL = "03KN00"
OPLEIDER = "1496P9"
OPLEIDER_LABEL = "Transportopleidingen Het Kruispunt · HOOGEVEEN · 1496P9"

RATE = Shown("Slaagpercentage", "rate", "pct")
CI = Shown("95%-interval", ("ci_low", "ci_high"), "ci")
N = Shown("Aantal (n)", "n", "int")


@dataclass(frozen=True)
class Change:
    """Start from `params`, do `setup` (to reach a drawn view), then `act`: the chart and table of `watch`
    (a charts.show key; for a page without charts, a table found as in Dashboard.find_table) must change,
    the URL must then hold the parameters `url`, and `check` (if any) holds for the new table rows."""

    act: Step
    url: dict[str, str]
    watch: str
    chart: bool = True
    params: dict[str, str] = field(default_factory=dict)
    setup: tuple[Step, ...] = ()
    check: Callable[[list[dict[str, str]]], bool] | None = None


@dataclass(frozen=True)
class Download:
    """In the changed view, the table `table` (Dashboard.find_table) must equal the CSV of the download panel
    `panel` ('what you see'), row by row on `keys`, cell by cell on `values`."""

    table: str
    panel: str
    keys: tuple[Shown, ...]
    values: tuple[Shown, ...]
    protected: bool = False      # the view has withheld cells, so the test sees them empty in the file


@dataclass(frozen=True)
class Spec:
    change: Change | None
    download: Download | None


def codes(expected: set[str]) -> Callable[[list[dict[str, str]]], bool]:
    return lambda rows: {row["Code"] for row in rows} == expected


def choose_opleider(page: Dashboard) -> None:
    page.type("q", OPLEIDER)
    page.select("opleider", OPLEIDER_LABEL)


def choose_school(page: Dashboard) -> None:
    page.type("q", SCHOOL)
    page.select("school", SCHOOL, exact=False)


SPECS: dict[str, Spec] = {
    # No filters; the cards' numbers are a table in their 'Als tabel' expander, and its download is that table.
    "overview": Spec(None, Download(
        "expander:overview_cbr_table/Verandering", "overview_rates",
        keys=(Shown("Code", "productcode"),),
        values=(Shown("Naam", "productnaam"), N, Shown("Voldoende", "voldoende", "int"), RATE, CI,
                Shown("Jaar eerder", "rate_year_before", "pct"),
                Shown("Verandering", "change", "points")))),
    "rijexamens": Spec(
        Change(lambda p: p.unselect("product", "BTH · Theorie-examen auto"), {"product": "B,V2D-NO"}, "exam_rate",
               params={"product": "B,BTH,V2D-NO"}, check=codes({"B", "V2D-NO"})),
        Download("tab:exam_rate", "exams", protected=True,
                 keys=(Shown("Week (maandag)", "week_start", "date"), Shown("Code", "productcode")),
                 values=(Shown("Naam", "productnaam"), N, Shown("Voldoende", "voldoende", "int"), RATE, CI,
                         Shown("Jaar eerder", "rate_year_before", "pct")))),
    "diplomas": Spec(
        Change(lambda p: p.unselect("code", "AM · Bromfiets"), {"code": "B"}, "diplomas_weekly", check=codes({"B"})),
        Download("tab:diplomas_weekly", "diplomas",
                 keys=(Shown("Week (maandag)", "week_start", "date"), Shown("Code", "diplomacode")),
                 values=(Shown("Naam", "diplomaomschrijving"), Shown("Rijbewijzen", "aantal", "int"),
                         Shown("Jaar eerder", "aantal_year_before", "int"),
                         Shown("Verandering (%)", "change_pct", "change")))),
    "opleiders": Spec(
        Change(lambda p: p.segment("soort", "Herexamen"), {"soort": "her"}, "opleider_funnel"),
        Download("header:Plaats (bereik)", "opleiders", protected=True, keys=(Shown("Code", "opleidercode"),),
                 values=(Shown("Plaats (bereik)", ("rank_best", "rank_worst"), "range"),
                         Shown("Rijschool", "opleidernaam"), Shown("Plaats", "opleider_plaats"), N, RATE, CI))),
    "opleider": Spec(
        Change(lambda p: p.select("publication", "2025-Q3"), {"publication": "2025-Q3"}, "opleider_products",
               setup=(choose_opleider,)),
        Download("header:Op de locatie", "opleider", protected=True,
                 keys=(Shown("Code", "productcode"), Shown("Examenlocatie", "examenlocatie")),
                 values=(N, RATE, CI, Shown("Op de locatie", "location_rate", "pct"),
                         Shown("Landelijk", "national_rate", "pct")))),
    "examenlocaties": Spec(
        Change(lambda p: p.segment("transmissie", "Automaat"), {"transmissie": "automaat"}, "locations"),
        Download("tab:locations", "locations", keys=(Shown("Examenlocatie", "examenlocatie"),),
                 values=(Shown("Plaats", "plaats"), N, RATE, CI,
                         Shown("Verschil met landelijk", "difference", "points")))),
    "vo": Spec(
        Change(lambda p: p.segment("level", "Gemeente"), {"level": "gemeente"}, "vo_areas",
               check=lambda rows: len(rows) > 12),    # more gemeenten than the twelve provincies
        Download("tab:vo_areas", "vo_areas", protected=True,
                 keys=(Shown("Code", "area_code"),),
                 values=(Shown("Naam", "area_name"), Shown("Kandidaten", "examenkandidaten", "int"),
                         Shown("Geslaagd", "geslaagden", "int"), RATE, CI,
                         Shown("Percentiel", "percentile", "pct")))),
    "school": Spec(
        Change(lambda p: p.segment("type", "VWO"), {"type": "VWO"}, "school_rates", setup=(choose_school,)),
        Download("tab:school_rates", "school_rates", protected=True,
                 keys=(Shown("Schooljaar", "schooljaar"), Shown("Opleiding", "opleidingsnaam")),
                 values=(Shown("Kandidaten", "examenkandidaten", "int"), Shown("Geslaagd", "geslaagden", "int"),
                         RATE, CI, Shown("Mediaan scholen zelfde type", "same_type_rate", "pct"),
                         Shown("Percentiel", "percentile", "pct")))),
    "leveringen": Spec(
        Change(lambda p: p.segment("type", "HAVO"), {"type": "HAVO"}, "deliveries_enrolment",
               check=lambda rows: {row["Onderwijstype"] for row in rows} == {"HAVO"}),
        Download("tab:deliveries_enrolment", "deliveries_enrolment",
                 keys=(Shown("Onderwijstype", "onderwijstype"), Shown("Leerjaar", "leerjaar")),
                 values=(Shown("Vestigingen", "vestigingen", "int"),
                         Shown("Leerlingen (bekend deel)", "leerlingen", "int"),
                         Shown("Cellen geheim", "leerlingen_withheld", "int")))),
    "over-de-data": Spec(None, None),
    # The Downloads page is itself a download panel: its preview (raw values, first 100 rows) against its file.
    "downloads": Spec(
        Change(lambda p: p.select("f_jaar_from", "2025"), {"f_jaar_from": "2025"}, "only", chart=False,
               params={"f_productcode": "B,V2D-NO"}),
        Download("only", "downloads_page", protected=True, keys=(), values=())),
}
