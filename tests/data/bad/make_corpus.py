"""Writes the bad-input corpus in this folder from real bytes, and EXPECTED.csv: what each must report.

Run once (`python tests/data/bad/make_corpus.py`); the files are committed so a reader can open each.
Each case starts from a few real lines (DUO's files in data/raw/duo, CBR's real Opleiderresultaten header)
or a CBR row in the documented layout, and breaks exactly one thing.
"""
from __future__ import annotations

import csv
import gzip
import io
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
DUO = ROOT / "data" / "raw" / "duo"


def lines_of(name: str, count: int, encoding: str) -> list[str]:
    return (DUO / name).read_bytes().decode(encoding).splitlines()[:count]


GESLAAGDEN = lines_of("geslaagden-gezakten-en-cijfers-2018-2019.csv", 6, "latin-1")
KANDIDATEN = lines_of("examenkandidaten-en-geslaagden-2019-2024.csv", 4, "utf-8")
CIJFERS = lines_of("examenkandidaten-havo-en-examencijfers-2018-2019.csv", 4, "latin-1")
OPLEIDER_HEADER = (ROOT / "data/reference/cbr-shape/opleiderresultaten-01072017-tm-30062018.HEADER-ONLY.csv"
                   ).read_bytes().decode("cp1252").strip()
EXAMENS_HEADER = ("Examenperiode Begindatum;Examenperiode Einddatum;Jaar;Week;Categoriecode;Categorienaam;Productcode;"
                  "Productnaam;Totaal Examens/Toetsen;Voldoende;Onvoldoende;Particuliere Examens;Examens Met Tolk")
DIPLOMAS_HEADER = "Examenperiode Begindatum;Examenperiode Einddatum;Jaar;Week;Diplomacode;Diplomaomschrijving;Aantal Uitgegeven"
PERIOD = "01-01-2025;31-12-2025"
EXAMENS = [EXAMENS_HEADER, f"{PERIOD};2025;10;B;Personenauto;B;Praktijkexamen B;120;66;54;7;3",
           f"{PERIOD};2025;10;A;Motor;A;Praktijkexamen A;30;21;9;1;0"]
OPLEIDER_ROW = ("0003F8;Rijschool De Linde;01-01-2010;31-12-9999;Dorpsstraat;12;;1234AB;ERGENS;B;Personenauto;B;"
                "Praktijkexamen B;Utrecht (Mississippidreef 151);Mississippidreef;151;;3565CE;UTRECHT;"
                "01-01-2025;31-12-2025;3;2;1;0;0;1;2;1;1;1;1;1;0;0;0;0")


def field(line: str, index: int, value: str, sep: str = ";") -> str:
    parts = line.split(sep)
    parts[index] = value
    return sep.join(parts)


def latin1(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode("latin-1")


def cp1252(lines: list[str]) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def utf8(lines: list[str]) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def zipped(name: str, content: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0)), content)
    return buffer.getvalue()


G = GESLAAGDEN
# name -> (bytes, line, column, a fragment of the message)
CASES: dict[str, tuple[bytes, int | str, str, str]] = {
    "truncated-mid-line.csv": (latin1(G[:5] + [G[5][:40]]), 6, "", "too few fields"),
    "wrong-separator-comma.csv": (latin1([line.replace(";", ",") for line in G]), 2, "", "too many fields"),
    "utf16.csv": ("\n".join(G).encode("utf-16"), 1, "", "UTF-16"),
    "mixed-encoding.csv": (latin1(G[:3] + [field(G[3], 2, "SGM Mariëndael")])
                           + (field(G[4], 2, "Collège Noordwijk") + "\n").encode("utf-8"), 4, "", "mixed encodings"),
    "missing-column.csv": (latin1([";".join(line.split(";")[:11] + line.split(";")[12:]) for line in G]), 1, "",
                           "missing 'GEZAKTEN'"),
    "extra-column.csv": (latin1([G[0] + ";OPMERKING"] + [line + ";" for line in G[1:]]), 1, "",
                         "unexpected 'OPMERKING'"),
    "renamed-column.csv": (latin1([G[0].replace("GESLAAGDEN", "GESLAAGD")] + G[1:]), 1, "", "unexpected 'GESLAAGD'"),
    "duplicated-column.csv": (latin1([G[0] + ";GESLAAGDEN"] + [line + ";6" for line in G[1:]]), 1, "",
                              "unexpected 'GESLAAGDEN'"),
    "non-numeric-count.csv": (latin1(G[:3] + [field(G[3], 9, "zeven")] + G[4:]), 4, "EXAMENKANDIDATEN", "not valid"),
    "negative-count.csv": (latin1(G[:2] + [field(G[2], 11, "-1")] + G[3:]), 3, "GEZAKTEN", "not valid"),
    "geslaagden-2018-2019-above-kandidaten.csv": (
        latin1(G[:1] + [field(field(field(G[1], 9, "7"), 10, "9"), 11, "0")] + G[2:]), 2, "GESLAAGDEN",
        "geslaagden <= examenkandidaten"),
    "geslaagden-2018-2019-plus-gezakten-not-kandidaten.csv": (latin1(G[:4] + [field(G[4], 11, "3")] + G[5:]), 5,
                                                    "EXAMENKANDIDATEN", "geslaagden + gezakten = examenkandidaten"),
    "geslaagden-2018-2019-duplicate-key-geslaagden.csv": (latin1(G + [G[2]]), 7, "VESTIGINGSNUMMER", "repeats the key"),
    "geslaagden-2018-2019-grade-above-ten.csv": (latin1(G[:2] + [field(G[2], 12, "11,2")] + G[3:]), 3, "GEMIDDELD CIJFER SCHOOLEXAMEN",
                            "between 1 and 10"),
    "grade-with-letters.csv": (latin1(G[:2] + [field(G[2], 13, "6,x")] + G[3:]), 3, "GEMIDDELD CIJFER CENTRAAL EXAMEN",
                               "not valid"),
    "empty.csv": (b"", 1, "", "the file is empty"),
    "only-blank-lines.csv": (b"\r\n\r\n  \r\n", 1, "", "the file is empty"),
    "header-only.csv": (latin1(G[:1]), 2, "", "header but no data rows"),
    "binary-junk.csv": (bytes(range(256)) * 8, 1, "", "binary data"),
    "excel-workbook.csv": (zipped("xl/workbook.xml", b"<workbook/>"), 1, "", "ZIP archive"),
    "zip-of-csv.csv": (zipped("geslaagden.csv", latin1(G)), 1, "", "ZIP archive"),
    "gzip-of-csv.csv": (gzip.compress(latin1(G), mtime=0), 1, "", "gzip"),
    "pdf.csv": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", 1, "", "PDF"),
    "very-long-line.csv": (latin1(G[:2] + [field(G[2], 2, "x" * 300_000)] + G[3:]), 3, "INSTELLINGSNAAM VESTIGING",
                           "a field is too long"),
    "unterminated-quote.csv": (utf8(KANDIDATEN[:2] + [KANDIDATEN[2].replace('"HAVO";', '"HAVO;', 1)]), 3, "",
                               "malformed CSV"),
    "slaagperc-above-100.csv": (utf8(KANDIDATEN[:2] + [field(KANDIDATEN[2], 9, '"130"')] + KANDIDATEN[3:]), 3,
                                "SLAAGPERC SCHOOLJAAR 2019-2020 - MAN", "between 0 and 100"),
    "kandidaten-total-below-its-genders.csv": (
        utf8(KANDIDATEN[:2] + [field(field(KANDIDATEN[2], 13, '"29"'), 14, '"29"')] + KANDIDATEN[3:]), 3,
        "EXAMENKANDIDATEN SCHOOLJAAR 2019-2020 - TOTAAL", "TOTAAL >= the sum of the genders"),
    "kandidaten-empty-count.csv": (utf8(KANDIDATEN[:2] + [field(KANDIDATEN[2], 7, '""')] + KANDIDATEN[3:]), 3,
                                   "EXAMENKANDIDATEN SCHOOLJAAR 2019-2020 - MAN", "value is missing"),
    "kandidaten-missing-wide-column.csv": (utf8([";".join(line.split(";")[:8] + line.split(";")[9:]) for line in KANDIDATEN]),
                                           1, "", "missing 'GESLAAGDEN SCHOOLJAAR 2019-2020 - MAN'"),
    "utf16-without-bom.csv": ("\n".join(G).encode("utf-16-le"), 1, "", "UTF-16"),
    "examencijfers-diploma-above-total.csv": (latin1(CIJFERS[:2] + [field(CIJFERS[2], 17, "25")] + CIJFERS[3:]), 3,
                                              "AANTAL SCHOOLEXAMENS MET CIJFER MEETELLEND VOOR DIPLOMA",
                                              "aantal_se_cijfer_diploma <= aantal_se_cijfer"),
    "cbr-examens-year-zero.csv": (cp1252(EXAMENS[:2] + [field(EXAMENS[2], 2, "0")]), 3, "Jaar", "not valid"),
    "examencijfers-vestiging-of-other-brin.csv": (latin1(CIJFERS[:2] + [field(CIJFERS[2], 2, "99ZZ00")]), 3,
                                                  "VESTIGINGSCODE", "belong to its BRIN"),
    "examencijfers-schooljaar-missing.csv": (latin1(CIJFERS[:3] + [field(CIJFERS[3], 0, "")]), 4, "SCHOOLJAAR",
                                             "missing"),
    "cbr-examens-total-mismatch.csv": (cp1252(EXAMENS[:2] + [field(EXAMENS[2], 10, "10")]), 3,
                                       "Totaal Examens/Toetsen", "voldoende + onvoldoende = totaal"),
    "cbr-examens-duplicate-week.csv": (cp1252(EXAMENS + [EXAMENS[1]]), 4, "Jaar", "repeats the key"),
    "cbr-examens-week-54.csv": (cp1252(EXAMENS[:2] + [field(EXAMENS[2], 3, "54")]), 3, "Week", "no such ISO week"),
    "cbr-examens-bad-date.csv": (cp1252(EXAMENS[:2] + [field(EXAMENS[2], 1, "31-02-2025")]), 3,
                                 "Examenperiode Einddatum", "not valid"),
    "cbr-examens-no-result-for-exam.csv": (cp1252(EXAMENS[:2] + [field(field(EXAMENS[2], 9, ""), 10, "")]), 3,
                                           "Voldoende", "result counts are missing"),
    "cbr-examens-two-periods.csv": (cp1252(EXAMENS[:2] + [field(EXAMENS[2], 1, "30-09-2025")]), "", "",
                                    "different publication periods"),
    "cbr-diplomas-negative.csv": (cp1252([DIPLOMAS_HEADER, f"{PERIOD};2025;10;B;Rijbewijs B;-4"]), 2,
                                  "Aantal Uitgegeven", "not valid"),
    "cbr-opleider-transmissions.csv": (cp1252([OPLEIDER_HEADER, field(OPLEIDER_ROW, 21, "4")]), 2,
                                       "Totaal Eerste Examens/Toetsen Voldoende", "automaat + combi + handgeschakeld"),
    "cbr-opleider-missing-code.csv": (cp1252([OPLEIDER_HEADER, field(OPLEIDER_ROW, 0, "")]), 2, "Opleidercode",
                                      "missing"),
    # the warehouse declares no primary keys: a repeated key is ingest's to find (checks.py)
    "cbr-opleider-duplicate-row.csv": (cp1252([OPLEIDER_HEADER, OPLEIDER_ROW, OPLEIDER_ROW]), 3, "Opleidercode",
                                       "repeats the key"),
    "kandidaten-duplicate-row.csv": (utf8(KANDIDATEN + [KANDIDATEN[2]]), 5, "VESTIGINGSCODE", "repeats the key"),
}


def main() -> None:
    for path in HERE.glob("*.csv"):
        if path.name != "EXPECTED.csv":
            path.unlink()
    with open(HERE / "EXPECTED.csv", "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["file", "line", "column", "message"])
        for name, (content, line, column, message) in CASES.items():
            (HERE / name).write_bytes(content)
            writer.writerow([name, line, column, message])


if __name__ == "__main__":
    main()
