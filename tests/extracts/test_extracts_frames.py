"""'Download what you see': a page's shown table, written with the same safety and metadata."""
import datetime as dt
import io

import openpyxl
import polars as pl
import pyarrow.parquet as pq

from extracts_fixtures import GENERATED_AT
from examencijfers.extracts import FORMATS, make_frame_extract

SHOWN = pl.DataFrame({
    "week_start": [dt.date(2024, 1, 1), dt.date(2024, 1, 8)],
    "productcode": ["B", "=CODE95"],
    "n": [1000, None],
    "rate": [0.52, None],
    "rate_suppression": [None, "cbr_rule_1"],
    "change": [-0.5, 1.25],
})


def _make(fmt, published_db, dataset="cbr_exams_weekly", filters=None):
    return make_frame_extract(SHOWN, dataset, filters or {"products": ["B", "CODE95"]}, fmt, published_db,
                              generated_at=GENERATED_AT)


def test_the_shown_rows_come_out_as_shown_with_their_own_safety(published_db):
    result = _make("csv", published_db)
    assert result.filename == "cbr_exams_weekly_view_products-B_CODE95.csv"
    assert result.data[3:].decode("utf-8").split("\r\n") == [
        "week_start,productcode,n,rate,rate_suppression,change",
        "2024-01-01,B,1000,0.52,,-0.5",
        "2024-01-08,'=CODE95,,,cbr_rule_1,1.25",
        "",
    ]
    assert result.metadata["filters"] == {"products": ["B", "CODE95"]}
    assert result.metadata["row_count"] == 2
    assert result.metadata["suppressed_cells"] == {"rate": 1}
    assert result.metadata["licence"]["url"].startswith("https://www.cbr.nl")


def test_every_format_of_a_shown_table_keeps_suppressed_cells_empty(published_db):
    sheet = openpyxl.load_workbook(io.BytesIO(_make("xlsx", published_db).data))["data"]
    assert sheet["D3"].value is None and sheet["E3"].value == "cbr_rule_1"
    assert sheet["B3"].data_type == "s" and sheet["B3"].quotePrefix
    assert sheet["F2"].value == -0.5
    table = pq.read_table(io.BytesIO(_make("parquet", published_db).data))
    assert table.column("rate").to_pylist() == [0.52, None]
    assert table.column("n").to_pylist() == [1000, None]
    for fmt in FORMATS:
        assert _make(fmt, published_db).data == _make(fmt, published_db).data


def test_a_page_view_over_both_publishers_carries_both_licences_and_all_sources(published_db):
    metadata = _make("zip", published_db, dataset="overview", filters={"weeks": 13}).metadata
    assert "CC0" in metadata["licence"]["licence"] and "CBR" in metadata["licence"]["licence"]
    assert [s["source_id"] for s in metadata["sources"]] == [1, 2, 3, 4, 5]
