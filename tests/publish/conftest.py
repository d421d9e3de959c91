"""Small hand-made warehouses: warehouse.sql in a tmp DuckDB, with rows inserted by the tests."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from examencijfers.warehouse import warehouse_ddl

CATALOGUE_COLUMNS = ("productcode, productnaam, categoriecode, categorienaam, divisie, is_toets,"
                     " soortproductverlenging, individueel, productgroep, nader_onderzoek, via_verzoek")


class Warehouse:
    """A warehouse under construction: helpers insert rows in the warehouse's own shape."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.connection = duckdb.connect(str(path))
        self.connection.execute(warehouse_ddl())
        self._next_line = 2

    def line(self) -> int:
        self._next_line += 1
        return self._next_line

    def source(self, dataset: str, publication: str, period_start: date | None = None,
               period_end: date | None = None) -> int:
        return self.connection.execute(
            "insert into sources (file_name, sha256, dataset, layout, publication, period_start, period_end,"
            " row_count) values (?, ?, ?, ?, ?, ?, ?, 0) returning source_id",
            [f"{dataset}-{publication}.csv", f"sha-{dataset}-{publication}", dataset, dataset, publication,
             period_start, period_end],
        ).fetchone()[0]

    def product(self, code: str, divisie: str = "CCV", *, verlenging: bool = False, individueel: bool = False,
                productgroep: str | None = None, nader_onderzoek: bool = False, via_verzoek: bool = False,
                is_toets: bool = False) -> None:
        self.connection.execute(
            f"insert into ref_cbr_products ({CATALOGUE_COLUMNS}) values (?, ?, 'C', 'Cat', ?, ?, ?, ?, ?, ?, ?)",
            [code, f"Product {code}", divisie, is_toets, verlenging, individueel, productgroep, nader_onderzoek,
             via_verzoek],
        )

    def opleider_row(self, source_id: int, opleider: str, product: str, voldoende: int, onvoldoende: int, *,
                     locatie: str = "Loc A", einddatum: date = date(9999, 12, 31),
                     period: tuple[date, date] = (date(2023, 7, 1), date(2024, 6, 30)),
                     automaat: tuple[int, int] = (0, 0)) -> None:
        zeros = [0] * 12
        self.connection.execute(
            "insert into cbr_opleiderresultaten (source_id, line_no, opleidercode, opleidernaam,"
            " opleider_einddatum, opleider_plaatsnaam, productcode, productnaam, examenlocatienaam,"
            " examenperiode_begindatum, examenperiode_einddatum, eerste_voldoende, eerste_onvoldoende,"
            " eerste_automaat_voldoende, eerste_automaat_onvoldoende,"
            " eerste_combi_voldoende, eerste_combi_onvoldoende,"
            " eerste_handgeschakeld_voldoende, eerste_handgeschakeld_onvoldoende,"
            " her_voldoende, her_onvoldoende, her_automaat_voldoende, her_automaat_onvoldoende,"
            " her_combi_voldoende, her_combi_onvoldoende, her_handgeschakeld_voldoende,"
            " her_handgeschakeld_onvoldoende)"
            " values (?, ?, ?, ?, ?, 'Plaats', ?, ?, ?, ?, ?, ?, ?, ?, ?, " + ", ".join(["?"] * 12) + ")",
            [source_id, self.line(), opleider, f"Rijschool {opleider}", einddatum, product, f"Product {product}",
             locatie, period[0], period[1], voldoende, onvoldoende, automaat[0], automaat[1], *zeros],
        )

    def exam_week(self, source_id: int, product: str, jaar: int, week: int, voldoende: int,
                  onvoldoende: int) -> None:
        week_start = date.fromisocalendar(jaar, week, 1)
        self.connection.execute(
            "insert into cbr_examens (source_id, line_no, jaar, week, week_start, categoriecode, productcode,"
            " productnaam, is_toets, totaal, voldoende, onvoldoende, particulier, tolk)"
            " values (?, ?, ?, ?, ?, 'C', ?, ?, false, ?, ?, ?, 0, 0)",
            [source_id, self.line(), jaar, week, week_start, product, f"Product {product}",
             voldoende + onvoldoende, voldoende, onvoldoende],
        )

    def close(self) -> Path:
        self.connection.close()
        return self.path


@pytest.fixture
def warehouse(tmp_path: Path) -> Warehouse:
    built = Warehouse(tmp_path / "warehouse.duckdb")
    yield built
    try:
        built.connection.close()
    except duckdb.Error:
        pass


def fetch(path: Path, sql: str, parameters: list | None = None) -> list[tuple]:
    connection = duckdb.connect(str(path), read_only=True)
    try:
        return connection.execute(sql, parameters or []).fetchall()
    finally:
        connection.close()


def eleven_opleiders(warehouse: Warehouse, source_id: int, product: str) -> None:
    """Eleven active opleiders with exams: just enough to pass CBR's rule 1 (at most 10)."""
    for number in range(11):
        warehouse.opleider_row(source_id, f"OPL{number:03d}", product, 10, 5)


_ = timedelta


def vo_candidates(warehouse: Warehouse, source_id: int, vestiging: str, inspectiecode: str,
                  counts: dict[str, tuple[int | None, int | None]], *, gemeente: str = "GEMEENTE",
                  onderwijstype: str = "HAVO", schooljaar: str = "2023-2024") -> None:
    """DUO examenkandidaten rows for one vestiging x opleiding; None stands for DUO's "<5"."""
    for geslacht, (kandidaten, geslaagden) in counts.items():
        warehouse.connection.execute(
            "insert into duo_examenkandidaten values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null)",
            [source_id, warehouse.line(), vestiging[:4], vestiging, f"School {vestiging}", gemeente,
             onderwijstype, inspectiecode, f"{onderwijstype} - {inspectiecode}", schooljaar, geslacht,
             kandidaten, kandidaten is None, geslaagden, geslaagden is None],
        )


def vo_afdeling(warehouse: Warehouse, source_id: int, afdeling: str, kandidaten: int | None,
                geslaagden: int | None, gezakten: int | None, grades: tuple = (6.5, 6.4, 6.6)) -> None:
    """A DUO "geslaagden, gezakten en cijfers" row for vestiging AAAA00 (HAVO 2023-2024); None = "<5"."""
    warehouse.connection.execute(
        "insert into duo_geslaagden_cijfers (source_id, line_no, schooljaar, instellingscode, vestigingscode,"
        " vestigingsnaam, gemeentenaam, provincie, onderwijstype, afdeling, examenkandidaten,"
        " examenkandidaten_source_suppressed, geslaagden, geslaagden_source_suppressed, gezakten,"
        " gezakten_source_suppressed, gem_cijfer_se, gem_cijfer_ce, gem_cijfer_cijferlijst)"
        " values (?, ?, '2023-2024', 'AAAA', 'AAAA00', 'School', 'GEMEENTE', 'Utrecht', 'HAVO', ?,"
        " ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [source_id, warehouse.line(), afdeling, kandidaten, kandidaten is None, geslaagden, geslaagden is None,
         gezakten, gezakten is None, *grades],
    )


def vo_vak(warehouse: Warehouse, source_id: int, vakcode: str, beoordeling: str, aantal_se: int,
           gem_se: float | None, aantal_ce: int, gem_ce: float | None, cijferlijst: float | None) -> None:
    """A DUO examencijfers row for vestiging AAAA00 (HAVO 2018-2019)."""
    warehouse.connection.execute(
        "insert into duo_examencijfers (source_id, line_no, schooljaar, instellingscode, vestigingscode,"
        " vestigingsnaam, onderwijstype, vakcode, vaknaam, se_beoordeling, aantal_se_cijfer, gem_se_cijfer,"
        " aantal_ce, gem_ce_cijfer, gem_cijfer_cijferlijst)"
        " values (?, ?, '2018-2019', 'AAAA', 'AAAA00', 'School', 'HAVO', ?, ?, ?, ?, ?, ?, ?, ?)",
        [source_id, warehouse.line(), vakcode, f"Vak {vakcode}", beoordeling, aantal_se, gem_se, aantal_ce,
         gem_ce, cijferlijst],
    )
