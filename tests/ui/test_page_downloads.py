"""A page's downloads: 'what you see' holds exactly the numbers of the table on screen, and the full protected
table is the same bytes as `examencijfers export` with the same filters."""
from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from examencijfers.cli import app as cli
from examencijfers.ui import downloads
from tests.ui.test_page_figures import dutch_int, dutch_percent, rows


@pytest.fixture
def panels(monkeypatch):
    """The arguments of every download panel the page under test draws in its last run, in order (the
    `app` fixture's first run, on the default page that registers the others, is forgotten)."""
    seen = []
    monkeypatch.setattr(downloads, "panel", lambda *args, **kwargs: seen.append(args))
    run = AppTest.run

    def forget_and_run(self, *args, **kwargs):
        seen.clear()
        return run(self, *args, **kwargs)
    monkeypatch.setattr(AppTest, "run", forget_and_run)
    return seen


def csv_rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_what_you_see_on_the_exams_page_is_what_the_file_holds(app, panels, published):
    test = app("pages/cbr/exams.py", product="B,V3C-I")
    key, frame, dataset, filters, full = panels[0]
    data = downloads._shown_file(frame, dataset, filters, "csv")
    table = rows(test)
    written = csv_rows(data)
    assert len(written) == len(table)
    for screen, file_row in zip(table, written):
        assert screen["Code"] == file_row["productcode"]
        if file_row["rate"]:
            assert screen["Slaagpercentage"] == dutch_percent(float(file_row["rate"]))
            assert screen["Aantal (n)"] == dutch_int(int(file_row["n"]))
        else:   # withheld: an empty cell with its reason beside it, never 0
            assert file_row["rate_suppression"] and file_row["n"] == ""
            assert screen["Slaagpercentage"] not in ("", "0", "0,0%")


def test_the_full_table_from_a_page_is_the_commands_bytes(app, panels, published, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    app("pages/cbr/exams.py", product="B,BTH")
    key, frame, dataset, filters, full = panels[0]
    page_bytes = downloads._full_file(dataset, full, "csv")
    arguments = ["export", dataset, "--published", str(published), "--format", "csv", "-o", str(tmp_path / "x.csv")]
    for name, value in full.items():
        for item in value if isinstance(value, list) else [value]:
            arguments += ["--filter", f"{name}={item}"]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "x.csv").read_bytes() == page_bytes
    assert {r["productcode"] for r in csv_rows(page_bytes)} == {"B", "BTH"}


def test_every_data_page_offers_both_downloads(app, panels):
    for page in ("pages/cbr/exams.py", "pages/cbr/diplomas.py", "pages/cbr/opleiders.py", "pages/cbr/locations.py",
                 "pages/vo/vo.py", "pages/vo/deliveries.py"):
        panels.clear()
        app(page)
        assert panels, page
        for key, frame, dataset, filters, full in panels:
            assert frame.height > 0 and dataset
            assert downloads._shown_file(frame, dataset, filters, "csv")


def test_the_deliveries_enrolment_download_holds_the_shown_sums_and_the_full_table_the_cells(app, panels, published,
                                                                                            published_connection):
    test = app("pages/vo/deliveries.py", type="HAVO")
    key, frame, dataset, filters, full = panels[0]
    assert (key, dataset) == ("deliveries_enrolment", "vo_enrolment")
    written = csv_rows(downloads._shown_file(frame, dataset, filters, "csv"))
    table = rows(test)
    assert len(written) == len(table) > 0
    for screen, file_row in zip(table, written):
        assert screen["Leerjaar"] == file_row["leerjaar"]
        assert screen["Leerlingen (bekend deel)"] == dutch_int(int(file_row["leerlingen"]))
        assert screen["Cellen geheim"] == file_row["leerlingen_withheld"]
    assert full == {"schooljaar": filters["schooljaar"], "onderwijstype": "HAVO"}
    cells = csv_rows(downloads._full_file(dataset, full, "csv"))
    expected = published_connection.execute(
        "select count(*) from vo_enrolment where schooljaar = ? and onderwijstype = 'HAVO'",
        [full["schooljaar"]]).fetchone()[0]
    assert len(cells) == expected and {c["onderwijstype"] for c in cells} == {"HAVO"}


def test_the_overview_offers_its_cards_numbers_as_downloads(app, panels, published_connection):
    test = app("pages/site/overview.py")
    assert [args[0] for args in panels] == ["overview_rates", "overview_volumes", "overview_vo"]
    key, frame, dataset, filters, full = panels[0]
    written = csv_rows(downloads._shown_file(frame, dataset, filters, "csv"))
    table = rows(test, 0)                                  # the cards' table, in the 'As a table' expander
    assert [r["Code"] for r in table] == [r["productcode"] for r in written]
    last = published_connection.execute("select max(week_start) from cbr_exams_weekly").fetchone()[0]
    for screen, file_row in zip(table, written):
        passed, total = published_connection.execute(
            "select sum(voldoende), sum(totaal) from cbr_exams_weekly where productcode = ?"
            " and week_start between ? and ?", [file_row["productcode"], last - dt.timedelta(weeks=12), last]).fetchone()
        assert int(file_row["n"]) == total and screen["Aantal (n)"] == dutch_int(total)
        assert screen["Slaagpercentage"] == dutch_percent(passed / total) == dutch_percent(float(file_row["rate"]))
    assert {r["productcode"] for r in csv_rows(downloads._full_file(dataset, full, "csv"))} == set(filters["products"])
    key, frame, dataset, filters, full = panels[1]         # volumes: sums no one table holds, so 'shown' only
    assert dataset not in downloads.datasets() and frame.height == 6
    assert downloads._shown_file(frame, dataset, filters, "csv")
    key, frame, dataset, filters, full = panels[2]
    assert len(csv_rows(downloads._shown_file(frame, dataset, filters, "csv"))) == len(rows(test, 2))
    assert {r["level"] for r in csv_rows(downloads._full_file(dataset, full, "csv"))} == {"land"}


def test_every_table_of_the_exams_page_has_its_download(app, panels):
    test = app("pages/cbr/exams.py", product="B,V3C-I")
    assert [args[0] for args in panels] == ["exams", "exam_volume", "exam_shares", "exam_toets"]
    for index, (key, frame, dataset, filters, full) in enumerate(panels):
        written, table = csv_rows(downloads._shown_file(frame, dataset, filters, "csv")), rows(test, index)
        assert len(written) == len(table), key
        if "Code" in table[0]:                             # the volume table is of one product
            assert [r["Code"] for r in table] == [r["productcode"] for r in written], key
        chosen = full["productcode"]
        assert {r["productcode"] for r in csv_rows(downloads._full_file(dataset, full, "csv"))} <= set(chosen), key
