"""The bundled synthetic CBR data: reproducible, in CBR's real layouts, and tripping every CBR rule."""
from __future__ import annotations

import csv
import hashlib
import io
import json
from collections import defaultdict

import pytest

from examencijfers.demo.generate import OPLEIDER_HEADER_FILE, generate
from examencijfers.paths import RAW, REFERENCE

BUNDLED = RAW / "cbr"
MANIFEST = json.loads((BUNDLED / "MANIFEST.json").read_text(encoding="utf-8"))


def records(name):
    text = (BUNDLED / name).read_bytes().decode("cp1252")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def names(kind):
    return sorted(name for name in MANIFEST["files"] if name.startswith(f"DEMO-{kind}"))


def test_the_bundled_files_are_exactly_what_the_seed_makes(tmp_path):
    assert MANIFEST["synthetic"] is True and MANIFEST["generator"] == "examencijfers demo-data"
    regenerated = generate(tmp_path, seed=MANIFEST["seed"])
    assert regenerated == MANIFEST["files"]
    for name, sha256 in MANIFEST["files"].items():
        assert hashlib.sha256((BUNDLED / name).read_bytes()).hexdigest() == sha256


def test_another_seed_gives_other_figures(tmp_path):
    small = generate(tmp_path / "a", seed=1, scale=0.05)
    other = generate(tmp_path / "b", seed=2, scale=0.05)
    assert small.keys() == other.keys() and small != other


def test_eight_quarterly_publications_of_each_dataset_and_a_clear_readme():
    assert [len(names(kind)) for kind in ("examens", "uitgegeven", "opleiderresultaten")] == [8, 8, 8]
    assert (BUNDLED / "README.txt").read_text(encoding="utf-8").startswith("SYNTHETIC DEMO DATA - NOT CBR FIGURES")


def test_opleiderresultaten_header_is_byte_for_byte_the_real_one():
    real = OPLEIDER_HEADER_FILE.read_bytes().strip()
    for name in names("opleiderresultaten"):
        content = (BUNDLED / name).read_bytes()
        assert content.split(b"\r\n", 1)[0] == real
        content.decode("cp1252")  # single-byte, like CBR's files
        assert b"\r\n" in content and b"\n" not in content.replace(b"\r\n", b"")


def test_results_add_up_and_tussentijdse_toetsen_have_no_result():
    for name in names("examens"):
        for row in records(name):
            if row["Productcode"].endswith("-T"):
                assert row["Voldoende"] == row["Onvoldoende"] == ""
            else:
                assert int(row["Voldoende"]) + int(row["Onvoldoende"]) == int(row["Totaal Examens/Toetsen"])
            assert int(row["Particuliere Examens"]) <= int(row["Totaal Examens/Toetsen"])


def test_publications_overlap_and_later_ones_revise_some_weeks():
    by_week, files = defaultdict(set), defaultdict(int)
    for name in names("examens"):
        for row in records(name):
            key = (row["Jaar"], row["Week"], row["Productcode"])
            by_week[key].add(row["Totaal Examens/Toetsen"])
            files[key] += 1
    published_twice = [key for key, count in files.items() if count > 1]
    revised = [key for key, values in by_week.items() if len(values) > 1]
    assert len(published_twice) > 1000 and 0 < len(revised) < len(by_week) * 0.2


def test_pass_rates_are_realistic():
    rows = records(names("examens")[-1])
    def rate(code):
        chosen = [r for r in rows if r["Productcode"] == code]
        return sum(int(r["Voldoende"]) for r in chosen) / sum(int(r["Totaal Examens/Toetsen"]) for r in chosen)
    assert 0.40 <= rate("BTH") <= 0.55 and 0.48 <= rate("B") <= 0.62


def test_every_cbr_suppression_criterion_is_tripped_by_some_ccv_product():
    catalogue = {row["productcode"]: row for row in csv.DictReader(open(REFERENCE / "cbr_products.csv", encoding="utf-8"))}
    opleiders = defaultdict(set)
    for row in records(names("opleiderresultaten")[-1]):
        opleiders[row["Productcode"]].add(row["Opleidercode"])
    ccv = [code for code in opleiders if catalogue[code]["divisie"] == "CCV"]
    criteria = {
        1: lambda c: len(opleiders[c]) <= 10,
        2: lambda c: catalogue[c]["soortproductverlenging"] == "true",
        3: lambda c: catalogue[c]["individueel"] == "true",
        4: lambda c: catalogue[c]["productgroep"] == "vakbekwaamheid nascholing",
        5: lambda c: catalogue[c]["productgroep"] == "toetsen vakbekwaamheid",
        6: lambda c: catalogue[c]["nader_onderzoek"] == "true",
        7: lambda c: catalogue[c]["via_verzoek"] == "true",
    }
    for number, trips in criteria.items():
        assert any(trips(code) for code in ccv), f"no CCV product trips criterion {number}"
    assert any(not any(trips(code) for trips in criteria.values()) for code in ccv), "some CCV products publish"


@pytest.mark.parametrize("name", ["alleOpleiders"])
def test_no_real_opleider_register_is_kept(name):
    assert not (REFERENCE / "cbr-shape" / name).exists()
