"""What never reaches the warehouse (numbers, key, titles, full postcodes), and files that load all or nothing."""
import csv

import duckdb
import pytest

from examencijfers.errors import InputError
from examencijfers.ingest.deliveries import DeliveryRejected, ingest_file
from examencijfers.ingest.deliveries.pseudonym import KEY_ENV, KEY_FILE_ENV, PseudonymKeyError, load_key, pseudonymise
from examencijfers.warehouse import open_warehouse

KEY = b"test-key-0123456789abcdef"


def raw_values(path, column):
    with path.open(encoding="utf-8", newline="") as handle:
        return {row[column] for row in csv.DictReader(handle, delimiter=";") if row[column]}


def test_no_persoonsgebonden_nummer_is_anywhere_in_the_warehouse_file(loaded):
    data = loaded.db.read_bytes()
    numbers = set()
    for path in loaded.generated.files.values():
        numbers |= raw_values(path, "persoonsgebonden_nummer")
    assert len(numbers) > 200
    assert [n for n in numbers if n.encode() in data] == []
    # the scan can see stored strings: the pseudonyms themselves are found in the bytes
    with duckdb.connect(str(loaded.db), read_only=True) as connection:
        pseudonyms = [p for (p,) in connection.execute("select pseudonym from delivery_kandidaten limit 20").fetchall()]
    assert all(p.encode() in data for p in pseudonyms)


def test_the_key_is_not_in_the_warehouse_file(loaded):
    assert KEY not in loaded.db.read_bytes()


def test_werkstuk_titles_and_full_postcodes_are_not_stored(loaded):
    data = loaded.db.read_bytes()
    path = loaded.generated.files["examengegevens"]
    assert [t for t in raw_values(path, "titel_thema_werkstuk") if t.encode() in data] == []
    postcodes = raw_values(path, "postcode") | raw_values(loaded.generated.files["inschrijvingsgegevens"], "postcode")
    assert [p for p in postcodes if len(p) == 6 and p.encode() in data] == []


def test_pseudonyms_are_the_keyed_hash_of_the_number(loaded, warehouse):
    path = loaded.generated.files["inschrijvingsgegevens"]
    with path.open(encoding="utf-8", newline="") as handle:
        first = next(csv.DictReader(handle, delimiter=";"))
    stored = warehouse.execute("select pseudonym, postcode4 from delivery_inschrijvingen where line_no = 2").fetchall()
    assert stored == [(pseudonymise(first["persoonsgebonden_nummer"], KEY), first["postcode"][:4])]


def test_without_a_key_ingest_refuses_and_stores_nothing(tmp_path, loaded, monkeypatch):
    """A delivery that no MANIFEST.json marks synthetic (here: the same bytes, copied elsewhere)."""
    monkeypatch.delenv(KEY_ENV, raising=False)
    monkeypatch.delenv(KEY_FILE_ENV, raising=False)
    real = tmp_path / "examengegevens_20240712.csv"
    real.write_bytes(loaded.generated.files["examengegevens"].read_bytes())
    connection = open_warehouse(tmp_path / "w.duckdb")
    with pytest.raises(PseudonymKeyError, match=KEY_ENV):
        ingest_file(connection, real)
    assert connection.execute("select count(*) from sources").fetchall() == [(0,)]


def test_a_file_marked_synthetic_loads_without_a_key_under_a_random_demo_key(tmp_path, loaded, monkeypatch):
    """The demo key is drawn per process and never written: no pseudonym equals the test key's, and the
    key's bytes appear nowhere in the warehouse file."""
    from examencijfers.ingest.deliveries.pseudonym import demo_key

    monkeypatch.delenv(KEY_ENV, raising=False)
    monkeypatch.delenv(KEY_FILE_ENV, raising=False)
    db = tmp_path / "w.duckdb"
    connection = open_warehouse(db)
    result = ingest_file(connection, loaded.generated.files["inschrijvingsgegevens"])
    assert result.records > 0
    assert connection.execute("select bool_and(synthetic) from sources").fetchall() == [(True,)]
    path = loaded.generated.files["inschrijvingsgegevens"]
    with path.open(encoding="utf-8", newline="") as handle:
        first = next(csv.DictReader(handle, delimiter=";"))["persoonsgebonden_nummer"]
    stored = connection.execute("select pseudonym from delivery_inschrijvingen where line_no = 2").fetchall()
    assert stored == [(pseudonymise(first, demo_key()),)] and stored != [(pseudonymise(first, KEY),)]
    connection.close()
    assert demo_key() not in db.read_bytes() and demo_key().hex().encode() not in db.read_bytes()


def test_a_key_file_inside_the_repository_is_refused(monkeypatch):
    from examencijfers import paths
    monkeypatch.delenv(KEY_ENV, raising=False)
    monkeypatch.setenv(KEY_FILE_ENV, str(paths.ROOT / "pyproject.toml"))
    with pytest.raises(PseudonymKeyError, match="outside the repository"):
        load_key()


def test_a_key_file_outside_the_repository_is_read(tmp_path, monkeypatch):
    monkeypatch.delenv(KEY_ENV, raising=False)
    (tmp_path / "key").write_bytes(KEY + b"\n")
    monkeypatch.setenv(KEY_FILE_ENV, str(tmp_path / "key"))
    assert load_key() == KEY


def test_a_short_key_is_refused():
    with pytest.raises(PseudonymKeyError, match="at least"):
        load_key({KEY_ENV: "short"})


def _state(connection):
    tables = [t for (t,) in connection.execute(
        "select table_name from duckdb_tables() where table_name like 'delivery%' or table_name = 'sources'"
        " order by 1").fetchall()]
    return {t: connection.execute(f"select count(*) from {t}").fetchall()[0][0] for t in tables}


def test_strict_ingest_rejects_a_file_with_bad_records_with_one_error_each_and_changes_nothing(tmp_path, loaded):
    connection = open_warehouse(tmp_path / "w.duckdb")
    ingest_file(connection, loaded.generated.files["inschrijvingsgegevens"], key=KEY)
    before = _state(connection)
    path = loaded.generated.files["examengegevens"]
    with pytest.raises(DeliveryRejected) as caught:
        ingest_file(connection, path, key=KEY, strict=True)
    assert _state(connection) == before
    bad = sorted(f.line_no for f in loaded.generated.faults if f.file_name == path.name and f.severity == "error")
    errors = caught.value.errors
    assert [e.line for e in errors] == bad
    assert all(isinstance(e, InputError) and e.file == path.name and e.column and e.expected and e.found
               for e in errors)
    assert str(errors[0]).startswith(f"{path.name}, line {bad[0]}, column ")


def test_strict_ingest_loads_a_file_with_only_warnings(tmp_path, refs):
    from examencijfers.ingest.deliveries import synthetic
    generated = synthetic.generate(tmp_path / "f", refs, seed=5, vestigingen=1, per_opleiding=4, per_leerjaar=2,
                                   with_faults=False)
    connection = open_warehouse(tmp_path / "w.duckdb")
    result = ingest_file(connection, generated.files["examengegevens"], key=KEY, strict=True)
    assert result.records_with_errors == 0 and result.records > 0


@pytest.mark.parametrize("content,message", [
    (b"\xff\xfe not utf-8", "UTF-8"),
    (b"", "empty file"),
    (b"a;b;c\r\n1;2;3\r\n", "not a delivery layout"),
])
def test_a_file_that_is_no_delivery_fails_as_a_whole_and_changes_nothing(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    connection = open_warehouse(tmp_path / "w.duckdb")
    before = _state(connection)
    with pytest.raises(InputError, match=message) as caught:
        ingest_file(connection, path, key=KEY)
    assert caught.value.line in (None, 1)
    assert _state(connection) == before


def test_a_failure_midway_rolls_the_whole_file_back(tmp_path, loaded, monkeypatch):
    from examencijfers.ingest.deliveries import ingest as ingest_module
    connection = open_warehouse(tmp_path / "w.duckdb")
    before = _state(connection)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ingest_module, "publication", broken)   # after the records are inserted
    with pytest.raises(RuntimeError):
        ingest_file(connection, loaded.generated.files["examengegevens"], key=KEY)
    assert _state(connection) == before


def test_person_level_tables_and_aggregates_for_publish_hold_no_person_columns(warehouse):
    person_columns = {"pseudonym", "postcode4", "line_no", "kandidaat_line_no", "persoonsgebonden_nummer"}
    for table in ("deliveries_exam_results", "deliveries_subject_details", "deliveries_enrolment",
                  "deliveries_pass_rates", "deliveries_subject_grades"):
        columns = {c for (c,) in warehouse.execute(
            "select column_name from duckdb_columns() where table_name = ?", [table]).fetchall()}
        assert columns and not columns & person_columns, table


def test_source_ids_follow_rows_the_main_ingest_numbered_itself(tmp_path, loaded):
    connection = open_warehouse(tmp_path / "w.duckdb")
    connection.execute("insert into sources (source_id, file_name, sha256, dataset, layout, publication, row_count)"
                       " values (1, 'x.csv', 'abc', 'duo', 'l', 'p', 0), (2, 'y.csv', 'def', 'duo', 'l', 'p', 0)")
    result = ingest_file(connection, loaded.generated.files["inschrijvingsgegevens"], key=KEY)
    assert result.source_id == 3


def test_sniff_names_the_kind_from_the_first_line_and_never_raises(tmp_path, loaded):
    from examencijfers.ingest.deliveries import sniff
    assert sniff(loaded.generated.files["examengegevens"]) == "examengegevens"
    assert sniff(loaded.generated.files["inschrijvingsgegevens"]) == "inschrijvingsgegevens"
    (tmp_path / "other.csv").write_bytes(b"\xff\xfeJaar;Week\r\n")
    assert sniff(tmp_path / "other.csv") is None
    assert sniff(tmp_path / "missing.csv") is None
