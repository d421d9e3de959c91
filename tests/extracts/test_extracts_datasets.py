"""The registry names only what the published contract has, and every filter points at a real column."""
import duckdb
import pytest

from examencijfers.extracts import DATASETS, ExtractError, get_dataset


def test_every_registered_column_exists_in_the_published_table(published_db):
    con = duckdb.connect(str(published_db), read_only=True)
    for dataset in DATASETS.values():
        table_columns = {row[0] for row in con.execute(f"describe {dataset.table}").fetchall()}
        missing = {column.name for column in dataset.columns} - table_columns
        assert not missing, (dataset.name, missing)
    con.close()


def test_every_protected_value_column_has_its_suppression_column_registered():
    for dataset in DATASETS.values():
        names = {column.name for column in dataset.columns}
        for column in dataset.columns:
            if column.suppression:
                assert column.suppression in names, (dataset.name, column.name)


def test_filters_defaults_and_order_use_registered_columns():
    for dataset in DATASETS.values():
        for item in dataset.filters:
            dataset.column(item.column)
            assert item.op in ("eq", "ge", "le")
        for name in dataset.default_columns + dataset.order_by:
            dataset.column(name)


def test_unknown_dataset_is_one_clear_error_naming_the_known_ones():
    with pytest.raises(ExtractError) as caught:
        get_dataset("cbr_everything")
    message = str(caught.value)
    assert "unknown dataset 'cbr_everything'" in message
    assert "cbr_exams_weekly" in message and "\n" not in message
