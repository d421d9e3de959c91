"""The synthetic deliveries: seeded, marked synthetic, and faulty exactly where the generator says."""
import hashlib
import json

from examencijfers.ingest.deliveries import synthetic
from examencijfers.ingest.deliveries.elfproef import number_kind


def test_the_terugmelding_finds_exactly_the_deliberate_faults(loaded):
    for kind, result in loaded.results.items():
        path = loaded.generated.files[kind]
        expected = {(f.line_no, f.control, f.severity) for f in loaded.generated.faults if f.file_name == path.name}
        found = {(f.line_no, f.control, f.severity) for f in result.findings}
        assert found == expected, kind


def test_every_fault_of_the_table_is_planted_once(loaded):
    planted = sorted((kind, f.control) for kind, path in loaded.generated.files.items()
                     for f in loaded.generated.faults if f.file_name == path.name)
    assert planted == sorted((kind, control) for kind, control, _ in synthetic.FAULTS)


def test_the_same_seed_gives_the_same_files(tmp_path, refs):
    first = synthetic.generate(tmp_path / "a", refs, seed=3, vestigingen=2, per_opleiding=6, per_leerjaar=4)
    second = synthetic.generate(tmp_path / "b", refs, seed=3, vestigingen=2, per_opleiding=6, per_leerjaar=4)
    for kind in first.files:
        assert first.files[kind].read_bytes() == second.files[kind].read_bytes()


def test_the_manifest_lists_each_file_with_its_sha256(loaded):
    folder = loaded.generated.files["examengegevens"].parent
    manifest = json.loads((folder / "MANIFEST.json").read_text())
    assert manifest["synthetic"] is True and manifest["generator"] == "examencijfers demo-data"
    assert manifest["seed"] == 7
    for path in loaded.generated.files.values():
        assert manifest["files"][path.name] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_loaded_sources_are_marked_synthetic(warehouse):
    assert warehouse.execute("select bool_and(synthetic), count(*) from sources").fetchall() == [(True, 2)]


def test_generated_numbers_pass_their_rule_and_are_unique(loaded):
    text = loaded.generated.files["inschrijvingsgegevens"].read_text().splitlines()[1:]
    numbers = [line.split(";")[0] for line in text]
    bad = {f.line_no for f in loaded.generated.faults if f.control == "elfproef"
           and f.file_name == loaded.generated.files["inschrijvingsgegevens"].name}
    assert len(set(numbers)) == len(numbers)
    assert all((number_kind(n) is None) == (line in bad) for line, n in enumerate(numbers, start=2))


def test_se_lies_a_little_above_ce_on_average(warehouse):
    gap = warehouse.execute("select avg(cijfer_se - cijfer_ce_1) from delivery_vakken where cijfer_ce_1 is not null"
                            ).fetchall()[0][0]
    assert 0.2 < gap < 1.0


def test_the_demo_has_retakes_failures_and_withdrawals(warehouse):
    uitslagen = dict(warehouse.execute("select uitslag, count(*) from delivery_kandidaten group by all").fetchall())
    assert uitslagen["G"] > 4 * uitslagen["A"] > 0
    assert uitslagen["T"] > 0 and uitslagen["D"] > 0
    assert warehouse.execute("select count(*) from delivery_vakken where cijfer_ce_2 is not null").fetchall()[0][0] > 0


def test_the_bundled_demo_deliveries_are_what_demo_data_writes(tmp_path):
    """data/raw/deliveries (loaded by `examencijfers build`) is reproducible byte for byte, and marked
    synthetic in its MANIFEST.json, which is what lets the build load it without a pseudonymisation key."""
    from examencijfers import paths

    bundled = paths.RAW / "deliveries"
    generated = synthetic.demo_deliveries(tmp_path)
    assert sorted(path.name for path in generated.files.values()) == sorted(
        path.name for path in bundled.glob("*.csv"))
    for path in generated.files.values():
        assert path.read_bytes() == (bundled / path.name).read_bytes()
    assert json.loads((bundled / "MANIFEST.json").read_text()) == json.loads((tmp_path / "MANIFEST.json").read_text())
    assert json.loads((bundled / "MANIFEST.json").read_text())["synthetic"] is True
