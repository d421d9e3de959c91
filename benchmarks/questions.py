"""Which parameters each query is benchmarked with: one row per query, filled from the data itself.

The values are the ones a page would ask for by default or that cost the most: the newest publication,
product B, the opleider with the most rows, the last 52 weeks, HAVO in the newest schooljaar, the
vestiging with the most subject grades. They are looked up in the published database (untimed), so
the same table serves the 1x, 10x and 100x data and the tests' small fixture database.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from examencijfers.serving import open_read_only


@dataclass(frozen=True)
class Context:
    """Values found in the published database that the parameter rows choose from."""

    publication: str | None
    productcode: str
    opleidercode: str | None
    products: list[str]
    diploma_codes: list[str]
    last_week: dt.date | None
    onderwijstype: str
    pass_rate_schooljaar: str | None
    grades_schooljaar: str | None
    vakcode: str | None
    vestigingscode: str | None
    school_search: str
    opleider_search: str
    enrolment_schooljaar: str | None = None        # the deliveries' newest years (vo_enrolment, vo_subject_details)
    delivery_exam_schooljaar: str | None = None

    @property
    def year_ago(self) -> dt.date | None:
        return None if self.last_week is None else self.last_week - dt.timedelta(weeks=51)


def _one(connection: duckdb.DuckDBPyConnection, sql: str, default: Any = None) -> Any:
    row = connection.execute(sql).fetchone()
    return default if row is None or row[0] is None else row[0]


def _many(connection: duckdb.DuckDBPyConnection, sql: str) -> list[Any]:
    return [row[0] for row in connection.execute(sql).fetchall()]


def discover(published: Path) -> Context:
    connection = open_read_only(published)  # the configuration queries/ uses (one per file)
    try:
        publication = _one(connection, "select publication from cbr_opleider_results"
                                       " group by publication order by max(period_end) desc limit 1")
        codes = _many(connection, "select productcode from cbr_opleider_results group by productcode"
                                  " order by (productcode = 'B') desc, count(*) desc limit 1")
        productcode = codes[0] if codes else "B"
        opleidercode = _one(connection, f"""
            select opleidercode from cbr_opleider_results where publication = {_text(publication)}
            group by opleidercode order by count(*) desc, opleidercode limit 1""")
        exam_products = _many(connection, "select productcode from cbr_exams_weekly group by productcode"
                                          " order by sum(totaal) desc nulls last, productcode")
        preferred = [code for code in ("B", "BTH", "A", "AM2", "C") if code in exam_products]
        products = preferred or exam_products[:3]
        diploma_codes = _many(connection, "select diplomacode from cbr_diplomas_weekly group by diplomacode"
                                          " order by sum(aantal) desc nulls last, diplomacode limit 2")
        last_week = _one(connection, "select max(week_start) from cbr_exams_weekly")
        types = _many(connection, "select distinct onderwijstype from vo_pass_rates order by 1")
        onderwijstype = "HAVO" if "HAVO" in types or not types else types[0]
        pass_year = _one(connection, f"select max(schooljaar) from vo_pass_rates"
                                     f" where onderwijstype = {_text(onderwijstype)}")
        grades_year = _one(connection, "select max(schooljaar) from vo_subject_grades")
        vakcode = _one(connection, f"""
            select vakcode from vo_subject_grades
            where onderwijstype = {_text(onderwijstype)} and schooljaar = {_text(grades_year)}
            group by vakcode order by count(*) desc, vakcode limit 1""")
        vestigingscode = _one(connection, f"""
            select vestigingscode from vo_subject_grades where schooljaar = {_text(grades_year)}
            group by vestigingscode order by count(*) desc, vestigingscode limit 1""")
        enrolment_year = _one(connection, "select max(schooljaar) from vo_enrolment")
        delivery_exam_year = _one(connection, "select max(schooljaar) from vo_subject_details")
    finally:
        connection.close()
    return Context(publication, productcode, opleidercode, products, diploma_codes, last_week, onderwijstype,
                   pass_year, grades_year, vakcode, vestigingscode, school_search="college",
                   opleider_search="rijschool", enrolment_schooljaar=enrolment_year,
                   delivery_exam_schooljaar=delivery_exam_year)


def _text(value: Any) -> str:
    return "null" if value is None else "'" + str(value).replace("'", "''") + "'"


# query name -> parameters, from the context. A query without a row here is reported, never skipped quietly.
PARAMS: dict[str, Callable[[Context], dict[str, Any]]] = {
    "cbr_categories": lambda c: {},
    "cbr_locations": lambda c: {"q": ""},
    "cbr_products": lambda c: {},
    "diploma_codes": lambda c: {},
    "diploma_weeks": lambda c: {},
    "diplomas_by_week": lambda c: {"codes": c.diploma_codes, "date_from": c.year_ago, "date_to": c.last_week},
    "diplomas_by_year": lambda c: {},
    "exam_pass_rate_by_group": lambda c: {"grouping": "categoriecode", "date_from": c.year_ago,
                                          "date_to": c.last_week, "window": 4},
    "exam_pass_rate_by_week": lambda c: {"products": c.products, "date_from": c.year_ago, "date_to": c.last_week,
                                         "window": 4},
    "exam_pass_rate_latest": lambda c: {"weeks": 13},
    "exam_toets_counts": lambda c: {"date_from": c.year_ago, "date_to": c.last_week},
    "exam_weeks": lambda c: {},
    "location_pass_rates": lambda c: {"publication": c.publication, "productcode": c.productcode,
                                      "soort_examen": "eerste"},
    "opleider_funnel_limits": lambda c: {"publication": c.publication, "productcode": c.productcode,
                                         "soort_examen": "eerste", "n_max": 1000},
    "opleider_league": lambda c: {"publication": c.publication, "productcode": c.productcode,
                                  "soort_examen": "eerste"},
    "opleider_profile": lambda c: {"opleidercode": c.opleidercode, "publication": c.publication},
    "opleider_publications": lambda c: {},
    "opleider_search": lambda c: {"q": c.opleider_search},
    "opleider_trend": lambda c: {"opleidercode": c.opleidercode},
    "product_rate_by_publication": lambda c: {},
    "publication_changes": lambda c: {},
    "sources": lambda c: {},
    "suppression_counts": lambda c: {},
    "suppression_reasons": lambda c: {},
    "suppression_rules": lambda c: {},
    "vo_delivery_coverage": lambda c: {},
    "vo_delivery_enrolment": lambda c: {"schooljaar": c.enrolment_schooljaar},
    "vo_delivery_enrolment_by_leerjaar": lambda c: {"schooljaar": c.enrolment_schooljaar},
    "vo_delivery_exam_outcomes": lambda c: {"schooljaar": c.delivery_exam_schooljaar},
    "vo_delivery_subject_details": lambda c: {"schooljaar": c.delivery_exam_schooljaar},
    "vo_gemeenten": lambda c: {},
    "vo_grade_years": lambda c: {},
    "vo_grade_distribution": lambda c: {"onderwijstype": c.onderwijstype, "vakcode": c.vakcode,
                                        "schooljaar": c.grades_schooljaar},
    "vo_onderwijstypen": lambda c: {},
    "vo_pass_rate_national_trend": lambda c: {},
    "vo_pass_rates_by_area": lambda c: {"level": "vestiging", "onderwijstype": c.onderwijstype,
                                        "schooljaar": c.pass_rate_schooljaar},
    "vo_school_grade_averages": lambda c: {"vestigingscode": c.vestigingscode},
    "vo_school_pass_rates": lambda c: {"vestigingscode": c.vestigingscode},
    "vo_school_search": lambda c: {"q": c.school_search},
    "vo_school_subject_grades": lambda c: {"vestigingscode": c.vestigingscode, "schooljaar": c.grades_schooljaar},
    "vo_schooljaren": lambda c: {},
    "vo_vakken": lambda c: {},
    "volumes_latest": lambda c: {"weeks": 13},
}
