"""The aggregates equal an independent computation from the delivery files themselves (csv + plain Python).

Counting rules recomputed here: a candidate with an error-level fault in its K or V records is left out;
an enrolment record with an error is left out, and so is a pupil not enrolled on 1 October.
"""
from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date
from statistics import mean

import pytest


def read(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(enumerate(csv.DictReader(handle, delimiter=";"), start=2))


def error_lines(loaded, kind):
    name = loaded.generated.files[kind].name
    return {f.line_no for f in loaded.generated.faults if f.file_name == name and f.severity == "error"}


def candidates(loaded):
    """(K row, [V rows]) of the candidates that count."""
    bad = error_lines(loaded, "examengegevens")
    groups = []
    for line, row in read(loaded.generated.files["examengegevens"]):
        if row["recordsoort"] == "K":
            groups.append([(line, row), []])
        else:
            groups[-1][1].append((line, row))
    return [(k, [v for _, v in vs]) for (k_line, k), vs in groups
            if k_line not in bad and not any(line in bad for line, _ in vs)]


def test_exam_results_per_vestiging_and_ilt_code(loaded, warehouse):
    expected = defaultdict(lambda: defaultdict(int))
    for k, _ in candidates(loaded):
        key = (k["registratienummer"] + k["vestiging"], k["ilt_code"])
        expected[key][k["uitslag_examen"]] += 1
    rows = warehouse.execute(
        "select vestigingscode, ilt_code, kandidaten, examenkandidaten, geslaagd, afgewezen, teruggetrokken,"
        " deelexamen, slaagpercentage from deliveries_exam_results").fetchall()
    assert len(rows) == len(expected)
    for vestiging, ilt, kandidaten, examenkandidaten, geslaagd, afgewezen, terug, deel, rate in rows:
        counts = expected[(vestiging, ilt)]
        assert kandidaten == sum(counts.values())
        assert (geslaagd, afgewezen, terug, deel) == (counts["G"], counts["A"], counts["T"], counts["D"])
        assert examenkandidaten == counts["G"] + counts["A"]
        assert rate == pytest.approx(round(100 * counts["G"] / (counts["G"] + counts["A"]), 1))


def test_subject_averages_per_vestiging_ilt_code_and_vak(loaded, warehouse):
    grades = defaultdict(lambda: defaultdict(list))
    for k, vakken in candidates(loaded):
        for v in vakken:
            key = (k["registratienummer"] + k["vestiging"], k["ilt_code"], v["examenvak"])
            ces = [int(v[f"cijfer_ce_{n}"]) for n in (1, 2, 3) if v[f"cijfer_ce_{n}"]]
            if v["cijfer_schoolexamen"]:
                grades[key]["se"].append(int(v["cijfer_schoolexamen"]) / 10)
            if ces:
                grades[key]["ce_1"].append(int(v["cijfer_ce_1"]) / 10)
                grades[key]["ce"].append(max(ces) / 10)
                grades[key]["gap"].append(int(v["cijfer_schoolexamen"]) / 10 - max(ces) / 10)
                grades[key]["retake"].append(len(ces) > 1)
            if v["cijfer_cijferlijst"]:
                grades[key]["lijst"].append(int(v["cijfer_cijferlijst"]))
            if v["certificaat"] == "J" and k["uitslag_examen"] == "D":
                grades[key]["certificaten"].append(1)
    rows = warehouse.execute(
        "select vestigingscode, ilt_code, vakcode, aantal_se, gem_se, gem_ce_1, aantal_ce, gem_ce, gem_cijferlijst,"
        " gem_se_min_ce, aantal_tijdvak_2_of_3, certificaten_deelexamen from deliveries_subject_details").fetchall()
    assert len(rows) == len(grades)
    for vestiging, ilt, vak, n_se, se, ce_1, n_ce, ce, lijst, gap, retakes, certificaten in rows:
        g = grades[(vestiging, ilt, vak)]
        assert n_se == len(g["se"]) and float(se) == pytest.approx(mean(g["se"]))
        assert n_ce == len(g["ce"])
        if g["ce"]:
            assert float(ce_1) == pytest.approx(mean(g["ce_1"]))
            assert float(ce) == pytest.approx(mean(g["ce"]))
            assert float(gap) == pytest.approx(mean(g["gap"]))
            assert retakes == sum(g["retake"])
        if g["lijst"]:
            assert float(lijst) == pytest.approx(mean(g["lijst"]))
        assert certificaten == len(g["certificaten"])


def test_enrolment_on_the_teldatum(loaded, warehouse):
    bad = error_lines(loaded, "inschrijvingsgegevens")
    teldatum = "20241001"
    expected = defaultdict(lambda: defaultdict(int))
    for line, row in read(loaded.generated.files["inschrijvingsgegevens"]):
        if line in bad or row["datum_inschrijving"] > teldatum:
            continue
        if row["datum_uitschrijving"] and row["datum_uitschrijving"] <= teldatum:
            continue
        counts = expected[(row["registratienummer"] + row["vestiging"], row["ilt_code"], int(row["leerjaar"]))]
        counts["leerlingen"] += 1
        counts[row["verblijfsduur"] or "-"] += 1
        counts["pro"] += bool(row["aantal_jaren_praktijkonderwijs"] and int(row["aantal_jaren_praktijkonderwijs"]))
    rows = warehouse.execute(
        "select teldatum, vestigingscode, ilt_code, leerjaar, leerlingen, nieuwkomers_d1, nieuwkomers_d2,"
        " leerlingen_met_jaren_pro from deliveries_enrolment").fetchall()
    assert len(rows) == len(expected)
    for day, vestiging, ilt, leerjaar, leerlingen, d1, d2, pro in rows:
        counts = expected[(vestiging, ilt, leerjaar)]
        assert day == date(2024, 10, 1)
        assert (leerlingen, d1, d2, pro) == (counts["leerlingen"], counts["d1"], counts["d2"], counts["pro"])


def test_pass_rates_for_publish_add_up_to_the_land_total(loaded, warehouse):
    counted = [k for k, _ in candidates(loaded) if k["uitslag_examen"] in "GA"]
    land = warehouse.execute(
        "select sum(examenkandidaten), sum(geslaagden) from deliveries_pass_rates"
        " where level = 'land' and inspectiecode is null").fetchall()[0]
    assert land == (len(counted), sum(k["uitslag_examen"] == "G" for k in counted))
    assert warehouse.execute("select distinct source from deliveries_pass_rates").fetchall() == [("deliveries",)]


def test_a_person_delivered_twice_counts_once_from_the_newest_delivery(tmp_path, refs):
    from examencijfers.ingest.deliveries import build_aggregates, ingest_file
    from examencijfers.ingest.deliveries.layout import EXAMEN_HEADER
    from examencijfers.warehouse import open_warehouse

    def write(name, uitslag):
        k = {"recordsoort": "K", "persoonsgebonden_nummer": "111222333", "registratienummer": "18BR",
             "vestiging": "00", "ilt_code": "0370", "examenjaar": "2024", "datum_uitslag_examen": "20240612",
             "uitslag_examen": uitslag}
        v = {"recordsoort": "V", "examenvak": "1001", "diplomavak": "J", "cijfer_schoolexamen": "070",
             "cijfer_ce_1": "064", "eindcijfer_1": "07", "cijfer_cijferlijst": "07"}
        path = tmp_path / name
        path.write_text("\n".join([";".join(EXAMEN_HEADER)] + [";".join(r.get(c, "") for c in EXAMEN_HEADER)
                                                              for r in (k, v)]) + "\n")
        return path

    connection = open_warehouse(tmp_path / "w.duckdb")
    ingest_file(connection, write("examengegevens_20240614.csv", "A"), key=b"k" * 16)
    ingest_file(connection, write("examengegevens_20240620.csv", "G"), key=b"k" * 16)
    build_aggregates(connection, refs)
    assert connection.execute("select kandidaten, geslaagd, afgewezen from deliveries_exam_results").fetchall() == [
        (1, 1, 0)]


def test_tables_for_publish_have_exactly_the_columns_of_their_published_table(warehouse):
    import duckdb

    from examencijfers import paths
    from examencijfers.publish.deliveries import PUBLISHED_AS

    published = duckdb.connect()
    published.execute((paths.SQL / "published.sql").read_text(encoding="utf-8"))

    def columns(connection, table):
        return connection.execute("select column_name, data_type from duckdb_columns() where table_name = ?"
                                  " order by column_index", [table]).fetchall()

    for ours, theirs in PUBLISHED_AS.items():
        assert columns(warehouse, ours) == columns(published, theirs), ours
        assert warehouse.execute(f"select count(*) from {ours} where source <> 'deliveries'"
                                 ).fetchall() == [(0,)]


def test_results_by_afdeling_counts_and_grades(loaded, warehouse, refs):
    expected = defaultdict(lambda: defaultdict(list))
    for k, vakken in candidates(loaded):
        ilt = refs.ilt_codes[k["ilt_code"]]
        if k["uitslag_examen"] not in "GA" or ilt["onderwijstype"] not in ("VMBO", "HAVO", "VWO"):
            continue
        key = (k["registratienummer"] + k["vestiging"], ilt["onderwijstype"], ilt["leerweg"] or None,
               ilt["sector"] or None, ilt["afdeling"] or None)
        expected[key]["uitslag"].append(k["uitslag_examen"])
        for v in vakken:
            if v["diplomavak"] == "J" and v["cijfer_schoolexamen"]:
                expected[key]["se"].append(int(v["cijfer_schoolexamen"]) / 10)
            if v["diplomavak"] == "J" and v["cijfer_cijferlijst"]:
                expected[key]["lijst"].append(int(v["cijfer_cijferlijst"]))
    rows = warehouse.execute(
        "select vestigingscode, onderwijstype, leerweg, sector, afdeling, examenkandidaten, geslaagden, gezakten,"
        " gem_cijfer_se, gem_cijfer_cijferlijst from deliveries_results_by_afdeling").fetchall()
    assert len(rows) == len(expected)
    for *key, n, geslaagd, gezakt, se, lijst in rows:
        e = expected[tuple(key)]
        assert (n, geslaagd, gezakt) == (len(e["uitslag"]), e["uitslag"].count("G"), e["uitslag"].count("A"))
        assert se == pytest.approx(mean(e["se"]))
        assert lijst == pytest.approx(mean(e["lijst"]))
