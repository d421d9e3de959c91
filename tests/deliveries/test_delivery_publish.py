"""The deliveries' aggregates through the real publish step: their own source in the published tables, the
same suppression and audit as DUO's, and nothing person-level in the published file."""
from __future__ import annotations

import csv
from collections import defaultdict
from statistics import mean

import duckdb
import pytest

from examencijfers.publish.audit import audit_published
from examencijfers.publish.build import publish
from examencijfers.publish.rules import Rules
from tests.deliveries.test_delivery_aggregates import candidates

K = 5


@pytest.fixture(scope="module")
def published(loaded, tmp_path_factory):
    out = tmp_path_factory.mktemp("published") / "published.duckdb"
    publish(loaded.db, out, Rules())            # raises when its own audit finds anything
    return out


@pytest.fixture
def public(published):
    connection = duckdb.connect(str(published), read_only=True)
    yield connection
    connection.close()


def test_the_deliveries_are_a_source_of_their_own_in_every_vo_table(public):
    for table in ("vo_pass_rates", "vo_results_by_afdeling", "vo_subject_grades", "vo_subject_details",
                  "vo_exam_outcomes", "vo_enrolment"):
        assert public.execute(f"select distinct source from {table}").fetchall() == [("deliveries",)], table
    assert public.execute("select count(*) from vo_ilt_codes").fetchall()[0][0] > 100


def test_published_pass_rates_equal_the_warehouse_where_not_suppressed(public, warehouse):
    """publish computes the levels itself from the vestiging x ILT rows; they must equal the deliveries'
    own aggregate at every level, and a suppressed cell must be NULL with its marker."""
    ours = {row[:5]: row[5:] for row in warehouse.execute(
        "select level, area_code, onderwijstype, coalesce(inspectiecode, '*'), schooljaar, examenkandidaten,"
        " geslaagden from deliveries_pass_rates").fetchall()}
    rows = public.execute(
        "select level, area_code, onderwijstype, coalesce(inspectiecode, '*'), schooljaar, examenkandidaten,"
        " examenkandidaten_suppression, geslaagden, geslaagden_suppression, slaagpercentage, geslacht"
        " from vo_pass_rates").fetchall()
    assert len(rows) == len(ours) and {row[-1] for row in rows} == {"TOTAAL"}
    for *key, k, k_reason, g, g_reason, rate, _ in rows:
        true_k, true_g = ours[tuple(key)]
        assert (k is None) == (k_reason is not None) and (g is None) == (g_reason is not None)
        assert k is None or k == true_k
        assert g is None or g == true_g
        assert not (k_reason is None and 1 <= true_k < K and k_reason != "primary")
        if rate is not None:
            assert rate == pytest.approx(round(100 * true_g / true_k, 1))


def test_published_afdeling_rows_equal_the_warehouse_where_not_suppressed(public, warehouse):
    columns = "schooljaar, vestigingscode, onderwijstype, leerweg, sector, afdeling"
    ours = {row[:6]: row[6:] for row in warehouse.execute(
        f"select {columns}, examenkandidaten, geslaagden, gezakten from deliveries_results_by_afdeling").fetchall()}
    rows = public.execute(f"select {columns}, examenkandidaten, geslaagden, gezakten, gezakten_suppression"
                          " from vo_results_by_afdeling").fetchall()
    assert len(rows) == len(ours)
    for *key, k, g, z, z_reason in rows:
        true = ours[tuple(key)]
        assert [value for value in (k, g, z) if value is not None] == [
            t for t, value in zip(true, (k, g, z)) if value is not None]
        if 1 <= true[2] < K:
            assert z is None and z_reason == "primary"


def test_no_count_from_1_to_k_minus_1_is_published_anywhere(public):
    for table, columns in {
        "vo_pass_rates": ("examenkandidaten", "geslaagden"),
        "vo_results_by_afdeling": ("examenkandidaten", "geslaagden", "gezakten"),
        "vo_subject_grades": ("aantal_se", "aantal_ce"),
        "vo_subject_details": ("tijdvak_2_of_3", "certificaten_deelexamen"),
        "vo_exam_outcomes": ("teruggetrokken", "gespreid", "deelexamen"),
        "vo_enrolment": ("leerlingen", "nieuwkomers_d1", "nieuwkomers_d2", "leerlingen_praktijkonderwijs"),
    }.items():
        for column in columns:
            assert public.execute(f"select count(*) from {table} where {column} between 1 and {K - 1}"
                                  ).fetchall() == [(0,)], (table, column)


def test_exam_outcomes_and_enrolment_equal_the_warehouse_or_are_suppressed_as_small(public, warehouse):
    ours = {row[:2]: row[2:] for row in warehouse.execute(
        "select vestigingscode, ilt_code, teruggetrokken, gespreid, deelexamen from deliveries_exam_results"
    ).fetchall()}
    for vestiging, ilt, *published_cells in public.execute(
            "select vestigingscode, ilt_code, teruggetrokken, teruggetrokken_suppression, gespreid,"
            " gespreid_suppression, deelexamen, deelexamen_suppression from vo_exam_outcomes").fetchall():
        for true, (value, reason) in zip(ours[(vestiging, ilt)], zip(published_cells[::2], published_cells[1::2])):
            assert (value, reason) == ((None, "primary") if 1 <= true < K else (true, None))
    ours = {row[:3]: row[3:] for row in warehouse.execute(
        "select vestigingscode, ilt_code, leerjaar, leerlingen, nieuwkomers_d1 from deliveries_enrolment").fetchall()}
    rows = public.execute("select vestigingscode, ilt_code, leerjaar, leerlingen, leerlingen_suppression,"
                          " nieuwkomers_d1, nieuwkomers_d1_suppression from vo_enrolment").fetchall()
    assert len(rows) == len(ours)
    for vestiging, ilt, leerjaar, leerlingen, l_reason, d1, d1_reason in rows:
        true_l, true_d1 = ours[(vestiging, ilt, leerjaar)]
        assert (leerlingen, l_reason) == ((None, "primary") if 1 <= true_l < K else (true_l, None))
        small = 1 <= true_l < K or 1 <= true_d1 < K
        assert (d1, d1_reason) == ((None, "primary") if small else (true_d1, None))


def test_subject_details_equal_an_independent_computation_from_the_files(public, loaded, refs):
    """Per vestiging x onderwijstype x leerweg x vak: the first-tijdvak CE mean and the number of pupils
    in a second or third tijdvak, from the delivery file itself (csv + plain Python)."""
    grades = defaultdict(lambda: defaultdict(list))
    for k, vakken in candidates(loaded):
        ilt = refs.ilt_codes[k["ilt_code"]]
        if ilt["onderwijstype"] not in ("VMBO", "HAVO", "VWO"):
            continue
        for v in vakken:
            key = (k["registratienummer"] + k["vestiging"], ilt["onderwijstype"], ilt["leerweg"] or None,
                   v["examenvak"])
            ces = [int(v[f"cijfer_ce_{n}"]) for n in (1, 2, 3) if v[f"cijfer_ce_{n}"]]
            grades[key]["vak"].append(v["examenvak"])       # every vak has a row, with a CE or not
            if v["cijfer_ce_1"]:
                grades[key]["ce_1"].append(int(v["cijfer_ce_1"]) / 10)
            if ces:
                grades[key]["ce"].append(len(ces) > 1)
    rows = public.execute("select vestigingscode, onderwijstype, leerweg, vakcode, gem_ce_1, gem_ce_1_suppression,"
                          " tijdvak_2_of_3, tijdvak_2_of_3_suppression, aandeel_tijdvak_2_of_3"
                          " from vo_subject_details").fetchall()
    assert len(rows) == len(grades)
    for *key, ce_1, ce_1_reason, retakes, retakes_reason, share in rows:
        g = grades[tuple(key)]
        if len(g["ce_1"]) >= K:
            assert abs(ce_1 - mean(g["ce_1"])) <= 0.05 + 1e-9 and ce_1_reason is None     # one decimal
        elif g["ce_1"]:
            assert ce_1 is None and ce_1_reason == "primary"
        n, used = len(g["ce"]), sum(g["ce"])
        if retakes_reason is None and n:
            assert retakes == used and n >= K and not 1 <= used < K
            assert abs(share - 100 * used / n) <= 0.05 + 1e-9
        if 1 <= used < K or 1 <= n < K:
            assert retakes is None and retakes_reason == "primary"


def test_the_published_file_holds_no_person_level_data(published, loaded):
    report = audit_published(published)
    assert report.problems == []
    connection = duckdb.connect(str(published), read_only=True)
    tables = {name for (name,) in connection.execute("select table_name from duckdb_tables()").fetchall()}
    columns = {name for (name,) in connection.execute("select column_name from duckdb_columns()").fetchall()}
    connection.close()
    assert not {name for name in tables if name.startswith(("delivery_", "deliveries_"))}
    assert not columns & {"pseudonym", "persoonsgebonden_nummer", "postcode", "postcode4", "line_no",
                          "titel_thema_werkstuk"}
    warehouse = duckdb.connect(str(loaded.db), read_only=True)
    pseudonyms = [p for (p,) in warehouse.execute("select pseudonym from delivery_kandidaten"
                                                  " union select pseudonym from delivery_inschrijvingen"
                                                  ).fetchall() if p]
    warehouse.close()
    data = published.read_bytes()
    numbers = set()
    for path in loaded.generated.files.values():
        with path.open(encoding="utf-8", newline="") as handle:
            numbers |= {row["persoonsgebonden_nummer"] for row in csv.DictReader(handle, delimiter=";")}
    assert pseudonyms and [p for p in pseudonyms if p.encode() in data] == []
    assert [n for n in numbers if n and n.encode() in data] == []
    assert b"Profielwerkstuk" not in data


def test_the_deliveries_sources_are_marked_synthetic(public):
    assert public.execute("select dataset, synthetic from sources order by dataset").fetchall() == [
        ("vo_examengegevens", True), ("vo_inschrijvingsgegevens", True)]


def test_a_page_can_tell_the_deliveries_are_synthetic(published, monkeypatch):
    import queries

    monkeypatch.setenv("EXAMENCIJFERS_PUBLISHED", str(published))
    lineage = queries.run("sources").select("dataset", "synthetic").rows()
    assert sorted(lineage) == [("vo_examengegevens", True), ("vo_inschrijvingsgegevens", True)]
