"""The audit of DUO's raw file finds "<5" cells that the rates and gender totals give away."""
from __future__ import annotations

from typer.testing import CliRunner

from examencijfers.cli import app
from examencijfers.publish.duo_audit import audit_duo_file

HEADER = ['"INSTELLINGSCODE"', '"VESTIGINGSCODE"', '"INSTELLINGSNAAM VESTIGING"', '"GEMEENTENAAM"',
          '"ONDERWIJSTYPE VO"', '"INSPECTIECODE"', '"OPLEIDINGSNAAM"']
for gender in ("MAN", "VROUW", "TOTAAL"):
    HEADER += [f'"EXAMENKANDIDATEN SCHOOLJAAR 2020-2021 - {gender}"', f'"GESLAAGDEN SCHOOLJAAR 2020-2021 - {gender}"',
               f'"SLAAGPERC SCHOOLJAAR 2020-2021 - {gender}"']


def duo_file(tmp_path, *rows: list[str]):
    lines = [";".join(HEADER)]
    for number, cells in enumerate(rows):
        lines.append(";".join(f'"{cell}"' for cell in ["00AH", "00AH00", "School", "ENSCHEDE", "HAVO",
                                                          str(50 + number), "HAVO"] + cells))
    path = tmp_path / "examenkandidaten.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def test_rates_and_totals_give_cells_away(tmp_path):
    """Row 1 (line 2): MAN <5 at 50% -> 2 or 4 with half passed; VROUW <5 all passed; TOTAAL 5, 60% -> 3 passed.
    MAN + VROUW = 5 and MAN/2 + VROUW = 3 leave MAN 4 (2 passed), VROUW 1 (1 passed): all four cells, and
    TOTAAL's 3 passes too. Row 2 (line 3): MAN <5 and VROUW <5 both 100%, TOTAAL 6 100%: 2+4, 3+3, 4+2 all
    fit; nothing leaks."""
    path = duo_file(tmp_path,
                    ["<5", "<5", "50", "<5", "<5", "100", "5", "<5", "60"],
                    ["<5", "<5", "100", "<5", "<5", "100", "6", "6", "100"])
    report = audit_duo_file(path)
    assert report.suppressed_cells == 5 + 4
    assert [(leak.line, leak.geslacht, leak.column, leak.value) for leak in report.leaks] == [
        (2, "MAN", "EXAMENKANDIDATEN", 4), (2, "MAN", "GESLAAGDEN", 2),
        (2, "VROUW", "EXAMENKANDIDATEN", 1), (2, "VROUW", "GESLAAGDEN", 1),
        (2, "TOTAAL", "GESLAAGDEN", 3),
    ]
    result = CliRunner().invoke(app, ["audit", "--duo-file", str(path)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines[0] == 'line 2: 00AH00 opleiding 50 2020-2021 MAN EXAMENKANDIDATEN "<5" is exactly 4'
    assert lines[-1] == "audit: 1 table checked (examenkandidaten.csv), 9 suppressed cells, 5 cells leaking"


def test_a_file_without_leaks_passes(tmp_path):
    path = duo_file(tmp_path, ["<5", "<5", "100", "<5", "<5", "100", "6", "6", "100"])
    result = CliRunner().invoke(app, ["audit", "--duo-file", str(path)])
    assert result.exit_code == 0, result.output


def test_the_same_real_rows_leak_in_duos_file_and_not_through_our_publish_step(tmp_path):
    """The first 60 rows of DUO's real 2019-2024 file: the raw file gives "<5" cells away (the audit
    finds them), the same rows loaded and published by us leave no cell narrower than the protection
    level (the publish step's own audit would refuse otherwise; the audit is run again here)."""
    from examencijfers import paths
    from examencijfers.ingest.load import ingest_paths
    from examencijfers.publish.audit import audit_published
    from examencijfers.publish.build import publish
    from examencijfers.publish.rules import Rules
    from examencijfers.warehouse import open_warehouse

    real = paths.RAW / "duo" / "examenkandidaten-en-geslaagden-2019-2024.csv"
    with open(real, "rb") as handle:
        head = b"".join(next(handle) for _ in range(61))
    sample = tmp_path / "examenkandidaten-en-geslaagden-2019-2024.csv"
    sample.write_bytes(head)
    raw = audit_duo_file(sample)
    assert raw.suppressed_cells > 0 and raw.leaks
    connection = open_warehouse(tmp_path / "warehouse.duckdb")
    assert [outcome.status for outcome in ingest_paths(connection, [sample])] == ["loaded"]
    connection.close()
    out = tmp_path / "published.duckdb"
    publish(tmp_path / "warehouse.duckdb", out, Rules())
    report = audit_published(out)
    assert report.problems == [] and report.suppressed_cells > raw.suppressed_cells
