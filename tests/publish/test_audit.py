"""The audit passes a clean publication and catches planted leaks, one kind at a time."""
from __future__ import annotations

import shutil
from datetime import date

import duckdb
import pytest

from examencijfers.publish.audit import audit_published
from examencijfers.publish.build import PublishError, publish
from examencijfers.publish.rules import Rules
from tests.publish.conftest import eleven_opleiders, fetch, vo_candidates


@pytest.fixture
def clean(warehouse, tmp_path):
    opleider_source = warehouse.source("cbr_opleiderresultaten", "2024-06", date(2023, 7, 1), date(2024, 6, 30))
    exams_source = warehouse.source("cbr_examens", "2024-Q2", date(2023, 7, 1), date(2024, 6, 30))
    warehouse.product("P1")
    eleven_opleiders(warehouse, opleider_source, "P1")
    warehouse.product("R2", verlenging=True)
    eleven_opleiders(warehouse, opleider_source, "R2")
    for code in ("P1", "R2"):
        warehouse.exam_week(exams_source, code, 2024, 10, 7, 3)
    duo = warehouse.source("duo_examenkandidaten", "2019-2024")
    vo_candidates(warehouse, duo, "AAAA00", "50", {"MAN": (3, 3), "VROUW": (20, 18), "TOTAAL": (23, 21)})
    vo_candidates(warehouse, duo, "AAAA00", "51", {"MAN": (10, 9), "VROUW": (12, 11), "TOTAAL": (22, 20)})
    out = tmp_path / "published.duckdb"
    publish(warehouse.close(), out, Rules())
    return out


def tampered(clean, tmp_path, *statements: str):
    copy = tmp_path / "tampered.duckdb"
    shutil.copy(clean, copy)
    connection = duckdb.connect(str(copy))
    for statement in statements:
        connection.execute(statement)
    connection.close()
    return copy


def catalogue_csv(tmp_path, rows: list[str]):
    path = tmp_path / "cbr_products.csv"
    path.write_text("productcode,productnaam,categoriecode,categorienaam,divisie,is_toets,soortproductverlenging,"
                    "individueel,productgroep,nader_onderzoek,via_verzoek\n" + "\n".join(rows) + "\n",
                    encoding="utf-8")
    return path


def test_a_clean_publication_passes(clean, tmp_path):
    catalogue = catalogue_csv(tmp_path, ["P1,Product P1,C,Cat,CCV,false,false,false,,false,false",
                                         "R2,Product R2,C,Cat,CCV,false,true,false,,false,false"])
    report = audit_published(clean, catalogue)
    assert report.problems == []
    assert report.tables == 18
    assert report.summary().startswith("audit: 18 tables checked,")


def test_a_margin_beside_a_single_suppressed_cell_is_caught(clean, tmp_path):
    leak = tampered(clean, tmp_path,
                    "update vo_pass_rates set examenkandidaten = 20, examenkandidaten_suppression = null"
                    " where level = 'vestiging' and inspectiecode = '50' and geslacht = 'VROUW'")
    # now alone in three groups: the gender margin of vestiging x 50 (its MAN), the VROUW margin over the
    # vestiging's opleidingen (51 VROUW), and the national margin of opleiding 50 VROUW (the land row).
    # The solver finds more, by hand: VROUW 32 = 20 + 51's VROUW, so that is 12; the rest (TOTAAL - MAN -
    # VROUW) of the vestiging is 45 - 13 - 32 = 0, so 50's rest is 0 and its boys 23 - 20 = 3 exactly.
    # Passes: 51's girls pass at most 12, so 50's girls at least 29 - 12 = 17, its boys at most 21 - 17 = 4;
    # 51's boys pass at most their 10, so 50's boys at least 12 - 10 = 2: [2, 3]. The land rows of
    # opleiding 50 are the same cells.
    problems = audit_published(leak).problems
    assert problems[0].startswith("secondary: vo_pass_rates.examenkandidaten: 3 margin groups")
    assert sorted(problems[1:]) == [
        f"interval: vo_pass_rates:duo|{area}|HAVO|50|2023-2024|MAN:{column} (primary) lies in {interval},"
        " narrower than 5"
        for area in ("land|NL", "vestiging|AAAA00")
        for column, interval in (("examenkandidaten", "[3, 3]"), ("geslaagden", "[2, 3]"))]


def test_a_value_beside_its_marker_and_an_unknown_reason_are_caught(clean, tmp_path):
    leak = tampered(clean, tmp_path,
                    "update vo_pass_rates set geslaagden = 18 where level = 'land' and inspectiecode = '50'"
                    " and geslacht = 'VROUW'",
                    "update cbr_exams_weekly set suppression = 'whatever' where productcode = 'R2'")
    problems = audit_published(leak).problems
    assert "markers: vo_pass_rates.geslaagden published beside its suppression marker (1 cells)" in problems
    assert "markers: cbr_exams_weekly.suppression has unknown reason 'whatever'" in problems


def test_a_small_count_and_an_extra_table_are_caught(clean, tmp_path):
    leak = tampered(clean, tmp_path,
                    "update vo_pass_rates set examenkandidaten = 3, examenkandidaten_suppression = null,"
                    " geslaagden = 3, geslaagden_suppression = null"
                    " where level = 'land' and inspectiecode = '50' and geslacht = 'MAN'",
                    "create table duo_examenkandidaten (vestigingscode varchar)",
                    "alter table sources add column note varchar")
    problems = audit_published(leak).problems
    assert "schema: table main.duo_examenkandidaten is not in the contract" in problems
    assert "schema: main.sources columns differ from the contract (not in it: note)" in problems
    assert "primary: vo_pass_rates.examenkandidaten publishes counts from 1 to 4 (1 cells)" in problems
    assert "primary: vo_pass_rates.geslaagden publishes counts from 1 to 4 (1 cells)" in problems


def test_cbr_products_that_the_rules_keep_private_are_caught(clean, tmp_path):
    leak = tampered(clean, tmp_path,
                    "update cbr_exams_weekly set totaal = 10, voldoende = 7, onvoldoende = 3, suppression = null"
                    " where productcode = 'R2'",
                    "delete from cbr_opleider_results where productcode = 'P1' and opleidercode > 'OPL001'")
    catalogue = catalogue_csv(tmp_path, ["P1,Product P1,C,Cat,CCV,false,false,false,,false,false",
                                         "R2,Product R2,C,Cat,CCV,false,true,false,,false,false"])
    problems = audit_published(leak, catalogue).problems
    assert ("cbr: cbr_opleider_results publishes CCV product P1 (2024-06) taken by only 2 active opleiders"
            " (rule 1)") in problems
    assert "cbr: cbr_exams_weekly.totaal publishes product R2, which cbr_rule_2 keeps private (1 cells)" in problems


def test_a_product_missing_from_the_catalogue_is_caught(clean, tmp_path):
    leak = tampered(clean, tmp_path, "delete from cbr_products where productcode = 'P1'")
    problems = audit_published(leak).problems
    assert "cbr: cbr_exams_weekly.totaal publishes product P1, which is not in the catalogue" in problems
    assert "cbr: cbr_opleider_results.n publishes product P1, which is not in the catalogue" in problems


def test_a_duplicate_key_in_the_opleider_results_is_caught(clean, tmp_path):
    """The table declares no primary key (its index cost more than the rest of publish); the audit checks it."""
    twice = tampered(clean, tmp_path,
                     "insert into cbr_opleider_results select * from cbr_opleider_results"
                     " where opleidercode = 'OPL003' and examenlocatie = '*' and soort_examen = 'her'")
    problems = audit_published(twice).problems
    assert problems == ["unique: cbr_opleider_results: 1 keys (publication, opleidercode, productcode, examenlocatie,"
                        " soort_examen, transmissie) held by more than one row (e.g. 2024-06|OPL003|P1|*|her|totaal)"]


def test_publish_keeps_the_old_file_when_the_audit_fails(clean, tmp_path, monkeypatch):
    before = fetch(clean, "select value from publication where key = 'built_at'")
    from examencijfers.publish import audit

    def failing(path, catalogue=None, solver=None):
        return audit.AuditReport(problems=["planted"])

    monkeypatch.setattr(audit, "audit_published", failing)
    warehouse_path = tmp_path / "warehouse.duckdb"
    with pytest.raises(PublishError, match="fails its audit"):
        publish(warehouse_path, clean, Rules())
    assert fetch(clean, "select value from publication where key = 'built_at'") == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".published")) == []


def test_a_single_hidden_count_in_an_afdeling_row_is_caught(clean, tmp_path):
    leak = tampered(clean, tmp_path,
                    "insert into vo_results_by_afdeling (source, schooljaar, instellingscode, vestigingscode,"
                    " onderwijstype, examenkandidaten, geslaagden, geslaagden_suppression, gezakten)"
                    " values ('duo', '2023-2024', 'AAAA', 'AAAA00', 'HAVO', 30, null, 'primary', 27)")
    assert audit_published(leak).problems == [
        "secondary: vo_results_by_afdeling: 1 rows hold a single suppressed count, recoverable as"
        " examenkandidaten = geslaagden + gezakten",
        "interval: vo_results_by_afdeling:duo|AAAA00|HAVO||||2023-2024:geslaagden (primary) lies in [3, 3],"
        " narrower than 5"]


def test_a_delivery_table_a_pseudonym_column_and_a_total_over_years_are_caught(clean, tmp_path):
    leak = tampered(clean, tmp_path,
                    "create table delivery_kandidaten (pseudonym varchar, ilt_code varchar)",
                    "alter table vo_pass_rates add column pseudonym varchar",
                    "insert into vo_pass_rates (source, level, area_code, onderwijstype, schooljaar, geslacht,"
                    " examenkandidaten) values ('duo', 'land', 'NL', 'HAVO', '2019-2024', 'TOTAAL', 1000)")
    problems = audit_published(leak).problems
    assert "schema: table main.delivery_kandidaten is not in the contract" in problems
    assert "schema: main.vo_pass_rates columns differ from the contract (not in it: pseudonym)" in problems
    assert ("years: vo_pass_rates has 1 rows over more than one school year (e.g. '2019-2024'), a margin over"
            " years") in problems


def test_a_rate_published_beside_its_hidden_count_gives_it_away(clean, tmp_path):
    """Opleiding 51 MAN: publish its 10 candidates and its rate 90.0 beside its hidden passes: the solver
    finds 89.95 <= 100 g / 10 <= 90.05, so g = 9, and the vestiging's 12 passing boys leave 3 for
    opleiding 50 (and 13 - 10 = 3 candidates, from the count alone)."""
    leak = tampered(clean, tmp_path,
                    "update vo_pass_rates set slaagpercentage = 90.0, slaagpercentage_suppression = null,"
                    " examenkandidaten = 10, examenkandidaten_suppression = null"
                    " where level = 'vestiging' and inspectiecode = '51' and geslacht = 'MAN'")
    problems = audit_published(leak).problems
    assert "primary: vo_pass_rates: slaagpercentage published beside a suppressed count (1 cells)" in problems
    assert ("interval: vo_pass_rates:duo|vestiging|AAAA00|HAVO|50|2023-2024|MAN:geslaagden (primary) lies in"
            " [3, 3], narrower than 5") in problems
