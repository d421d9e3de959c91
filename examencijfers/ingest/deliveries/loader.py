"""Loading one delivery file into the warehouse: validate, pseudonymise, store records and findings.

`load(connection, path, source_id)` writes the file's rows under an existing sources row and does not
manage the transaction (the main ingest does: atomic per file). The persoonsgebonden nummer is hashed
before anything is kept; the key is read first, so a missing key refuses the file before any write.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from examencijfers import paths
from examencijfers.ingest.deliveries import controls
from examencijfers.ingest.deliveries.controls import Finding
from examencijfers.ingest.deliveries.layout import (EXAMENGEGEVENS, INSCHRIJVING_FIELDS, INSCHRIJVINGSGEGEVENS,
                                                    KANDIDAAT, KANDIDAAT_FIELDS, RECORDSOORT, VAK, VAK_FIELDS)
from examencijfers.ingest.deliveries.pseudonym import load_key, pseudonymise
from examencijfers.ingest.deliveries.reader import Row, delivery_date_from_name, read_rows
from examencijfers.ingest.deliveries.reference import References, load_references


@dataclass
class LoadResult:
    """What one file gave: counts by record and the findings of its terugmelding."""

    kind: str
    source_id: int
    delivered_on: date
    teldatum: date | None
    records: int = 0
    records_with_errors: int = 0
    records_with_warnings: int = 0
    first_date: date | None = None          # earliest datum uitslag / the teldatum
    last_date: date | None = None
    examenjaren: set[int] = field(default_factory=set)
    findings: list[Finding] = field(default_factory=list)


def ensure_schema(connection: duckdb.DuckDBPyConnection) -> None:
    connection.execute((paths.SQL / "warehouse_deliveries.sql").read_text(encoding="utf-8"))


def resolve_delivery_date(path: Path, delivered_on: date | None) -> tuple[date, str]:
    """The delivery date: given, else from the file name (YYYYMMDD), else the file's modification day."""
    if delivered_on is not None:
        return delivered_on, "argument"
    from_name = delivery_date_from_name(path)
    if from_name is not None:
        return from_name, "file name"
    return datetime.fromtimestamp(path.stat().st_mtime).date(), "file modified"


def _has(findings: list[Finding], severity: str) -> bool:
    return any(f.severity == severity for f in findings)


def _tenths(value: int | None) -> float | None:
    return None if value is None else value / 10


def _jn(value: str | None) -> bool | None:
    return None if value is None else value == "J"


FIELD_CONTROLS = {"required", "format", "value_list", "layout"}


class _Pseudonyms:
    """Hashes numbers and remembers which pseudonyms a file already had (for duplicate_person)."""

    def __init__(self, key: bytes) -> None:
        self.key = key
        self.seen: set[str] = set()

    def __call__(self, number: str | None, line_no: int, recordsoort: str, findings: list[Finding]) -> str | None:
        if number is None:
            return None
        pseudonym = pseudonymise(number, self.key)
        if pseudonym in self.seen:
            findings.append(Finding(line_no, recordsoort, "duplicate_person",
                                    "dit persoonsgebonden nummer staat al eerder in dit bestand",
                                    "persoonsgebonden_nummer"))
        self.seen.add(pseudonym)
        return pseudonym


def _layout_findings(row: Row, recordsoort: str, other_columns: tuple[str, ...]) -> list[Finding]:
    out = []
    if row.ragged:
        out.append(Finding(row.line_no, recordsoort, "layout", "aantal velden wijkt af van de kopregel"))
    filled = [c for c in other_columns if row.values.get(c, "").strip()]
    if filled:
        out.append(Finding(row.line_no, recordsoort, "layout",
                           f"velden van het andere recordsoort zijn gevuld: {', '.join(filled)}", filled[0]))
    return out


def _load_inschrijvingen(rows, result: LoadResult, refs: References, hasher: _Pseudonyms) -> list[dict]:
    records = []
    teldatum = result.teldatum
    for row in rows:
        parsed, findings = controls.parse_fields(INSCHRIJVING_FIELDS, row.values, row.line_no, "I")
        findings = _layout_findings(row, "I", ()) + findings
        invalid = frozenset(f.field for f in findings if f.field)
        findings += controls.inschrijving_findings(parsed, refs, row.line_no, teldatum, invalid)
        pseudonym = hasher(parsed["persoonsgebonden_nummer"], row.line_no, "I", findings)
        result.findings += findings
        records.append({
            "line_no": row.line_no,
            "pseudonym": pseudonym,
            "postcode4": parsed["postcode"],
            "instellingscode": parsed["registratienummer"],
            "vestigingscode": controls.vestigingscode(parsed),
            "datum_inschrijving": parsed["datum_inschrijving"],
            "datum_uitschrijving": parsed["datum_uitschrijving"],
            "nieuwkomer_categorie": parsed["nieuwkomer_vo_categorie"],
            "verblijfsduur": parsed["verblijfsduur"],
            "ilt_code": parsed["ilt_code"],
            "leerjaar": None if parsed["leerjaar"] is None else int(parsed["leerjaar"]),
            "jaren_praktijkonderwijs": (None if parsed["aantal_jaren_praktijkonderwijs"] is None
                                        else int(parsed["aantal_jaren_praktijkonderwijs"])),
            "has_error": _has(findings, "error"),
            "has_warning": _has(findings, "warning"),
        })
    result.first_date = result.last_date = teldatum
    return records


_KANDIDAAT_COLUMNS = tuple(f.column for f in KANDIDAAT_FIELDS)
_VAK_COLUMNS = tuple(f.column for f in VAK_FIELDS)


def _load_examen(rows, result: LoadResult, refs: References, hasher: _Pseudonyms) -> tuple[list[dict], list[dict]]:
    kandidaten: list[dict] = []
    vakken: list[dict] = []
    current: dict[str, Any] | None = None

    def flush() -> None:
        if current is None:
            return
        k, k_line, k_findings = current["parsed"], current["line_no"], current["findings"]
        vakken_valid = not any(f.control in FIELD_CONTROLS for _, _, fs in current["vakken"] for f in fs)
        k_findings += controls.kandidaat_findings(k, [v for v, _, _ in current["vakken"]], refs, k_line,
                                                  result.delivered_on, vakken_valid)
        vak_findings = [f for _, _, fs in current["vakken"] for f in fs]
        group = k_findings + vak_findings
        result.findings += group
        if k["datum_uitslag_examen"] is not None:
            day = k["datum_uitslag_examen"]
            result.first_date = min(result.first_date or day, day)
            result.last_date = max(result.last_date or day, day)
        if k["examenjaar"] is not None:
            result.examenjaren.add(int(k["examenjaar"]))
        kandidaten.append({
            "line_no": k_line,
            "pseudonym": current["pseudonym"],
            "postcode4": k["postcode"],
            "instellingscode": k["registratienummer"],
            "vestigingscode": controls.vestigingscode(k),
            "ilt_code": k["ilt_code"],
            "examenjaar": None if k["examenjaar"] is None else int(k["examenjaar"]),
            "datum_uitslag": k["datum_uitslag_examen"],
            "uitslag": k["uitslag_examen"],
            "werkstuk_titel_gegeven": k["titel_thema_werkstuk"] is not None,
            "beoordeling_werkstuk": k["beoordeling_werkstuk"],
            "toepassing_beoordeling_werkstuk": k["toepassing_beoordeling_werkstuk"],
            "vakken": len(current["vakken"]),
            "has_error": _has(group, "error"),
            "has_warning": _has(group, "warning"),
        })
        for v, v_line, v_findings in current["vakken"]:
            vakken.append({
                "line_no": v_line,
                "kandidaat_line_no": k_line,
                "vakcode": v["examenvak"],
                "diplomavak": _jn(v["diplomavak"]),
                "toepassing": v["toepassing_resultaat_beoordeling"],
                "indicatie_werkstuk": _jn(v["indicatie_werkstuk"]),
                "programma": v["programma"],
                "beoordeling_se": v["beoordeling_schoolexamen"],
                "cijfer_se": _tenths(v["cijfer_schoolexamen"]),
                "cijfer_ce_1": _tenths(v["cijfer_ce_1"]),
                "cijfer_ce_2": _tenths(v["cijfer_ce_2"]),
                "cijfer_ce_3": _tenths(v["cijfer_ce_3"]),
                "eindcijfer_1": v["eindcijfer_1"],
                "eindcijfer_2": v["eindcijfer_2"],
                "eindcijfer_3": v["eindcijfer_3"],
                "cijfer_cijferlijst": v["cijfer_cijferlijst"],
                "verwezen": _jn(v["verwezen_naar_volgend_tijdvak"]),
                "certificaat": _jn(v["certificaat"]),
                "has_error": _has(v_findings, "error"),
                "has_warning": _has(v_findings, "warning"),
            })

    for row in rows:
        soort = row.values.get(RECORDSOORT, "").strip()
        if soort == KANDIDAAT:
            flush()
            parsed, findings = controls.parse_fields(KANDIDAAT_FIELDS, row.values, row.line_no, "K")
            findings = _layout_findings(row, "K", _VAK_COLUMNS) + findings
            pseudonym = hasher(parsed["persoonsgebonden_nummer"], row.line_no, "K", findings)
            current = {"parsed": parsed, "line_no": row.line_no, "findings": findings, "pseudonym": pseudonym,
                       "vakken": []}
        elif soort == VAK:
            if current is None:
                result.findings.append(Finding(row.line_no, "V", "vak_without_kandidaat",
                                               "vakrecord zonder voorafgaand kandidaatrecord", RECORDSOORT))
                continue
            k_line = current["line_no"]
            parsed, findings = controls.parse_fields(VAK_FIELDS, row.values, row.line_no, "V", k_line)
            findings = [Finding(f.line_no, f.recordsoort, f.control, f.message, f.field, k_line, f.expected, f.found)
                        for f in _layout_findings(row, "V", _KANDIDAAT_COLUMNS)] + findings
            invalid = frozenset(f.field for f in findings if f.field)
            findings += controls.vak_findings(parsed, refs, row.line_no, k_line, invalid)
            current["vakken"].append((parsed, row.line_no, findings))
        else:
            result.findings.append(Finding(row.line_no, "K", "layout",
                                           f"onbekende recordsoort {soort[:1]!r}{'...' if len(soort) > 1 else ''} (verwacht K of V)", RECORDSOORT))
    flush()
    return kandidaten, vakken


_SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "delivery_inschrijvingen": {
        "line_no": pl.Int32, "pseudonym": pl.String, "postcode4": pl.String, "instellingscode": pl.String,
        "vestigingscode": pl.String, "datum_inschrijving": pl.Date, "datum_uitschrijving": pl.Date,
        "nieuwkomer_categorie": pl.String, "verblijfsduur": pl.String, "ilt_code": pl.String,
        "leerjaar": pl.Int16, "jaren_praktijkonderwijs": pl.Int16, "has_error": pl.Boolean,
        "has_warning": pl.Boolean},
    "delivery_kandidaten": {
        "line_no": pl.Int32, "pseudonym": pl.String, "postcode4": pl.String, "instellingscode": pl.String,
        "vestigingscode": pl.String, "ilt_code": pl.String, "examenjaar": pl.Int16, "datum_uitslag": pl.Date,
        "uitslag": pl.String, "werkstuk_titel_gegeven": pl.Boolean, "beoordeling_werkstuk": pl.String,
        "toepassing_beoordeling_werkstuk": pl.String, "vakken": pl.Int32, "has_error": pl.Boolean,
        "has_warning": pl.Boolean},
    "delivery_vakken": {
        "line_no": pl.Int32, "kandidaat_line_no": pl.Int32, "vakcode": pl.String, "diplomavak": pl.Boolean,
        "toepassing": pl.String, "indicatie_werkstuk": pl.Boolean, "programma": pl.String,
        "beoordeling_se": pl.String, "cijfer_se": pl.Float64, "cijfer_ce_1": pl.Float64,
        "cijfer_ce_2": pl.Float64, "cijfer_ce_3": pl.Float64, "eindcijfer_1": pl.Int16, "eindcijfer_2": pl.Int16,
        "eindcijfer_3": pl.Int16, "cijfer_cijferlijst": pl.Int16, "verwezen": pl.Boolean,
        "certificaat": pl.Boolean, "has_error": pl.Boolean, "has_warning": pl.Boolean},
    "delivery_checks": {
        "line_no": pl.Int32, "recordsoort": pl.String, "kandidaat_line_no": pl.Int32, "control": pl.String,
        "severity": pl.String, "field": pl.String, "expected": pl.String, "found": pl.String,
        "message": pl.String, "rule_source": pl.String},
}


def _insert(connection: duckdb.DuckDBPyConnection, table: str, source_id: int, records: list[dict]) -> None:
    if not records:
        return
    frame = pl.DataFrame(records, schema=_SCHEMAS[table], orient="row").with_columns(
        pl.lit(source_id, dtype=pl.Int32).alias("source_id"))
    connection.register("_delivery_rows", frame.to_arrow())
    try:
        connection.execute(f"insert into {table} by name select * from _delivery_rows")
    finally:
        connection.unregister("_delivery_rows")


def load(connection: duckdb.DuckDBPyConnection, path: Path, source_id: int, *, kind: str | None = None,
         delivered_on: date | None = None, key: bytes | None = None,
         references: References | None = None) -> LoadResult:
    """Validate and store one delivery file under `source_id`; the findings go to delivery_checks."""
    key = load_key() if key is None else key
    path = Path(path)
    found_kind, rows = read_rows(path, kind)
    day, day_from = resolve_delivery_date(path, delivered_on)
    ensure_schema(connection)
    refs = references or load_references(connection)
    teldatum = controls.teldatum_for(day) if found_kind == INSCHRIJVINGSGEGEVENS else None
    result = LoadResult(found_kind, source_id, day, teldatum)
    hasher = _Pseudonyms(key)
    if found_kind == INSCHRIJVINGSGEGEVENS:
        records = _load_inschrijvingen(rows, result, refs, hasher)
        result.findings += controls.inschrijving_file_findings(day, teldatum)
        _insert(connection, "delivery_inschrijvingen", source_id, records)
        counted = records
    else:
        kandidaten, vakken = _load_examen(rows, result, refs, hasher)
        _insert(connection, "delivery_kandidaten", source_id, kandidaten)
        _insert(connection, "delivery_vakken", source_id, vakken)
        counted = kandidaten + vakken
    result.records = len(counted) + sum(1 for f in result.findings if f.control == "vak_without_kandidaat")
    error_lines = {f.line_no for f in result.findings if f.severity == "error" and f.recordsoort != "F"}
    warning_lines = {f.line_no for f in result.findings if f.severity == "warning" and f.recordsoort != "F"}
    result.records_with_errors = len(error_lines)
    result.records_with_warnings = len(warning_lines)
    _insert(connection, "delivery_checks", source_id, [
        {"line_no": f.line_no, "recordsoort": f.recordsoort, "kandidaat_line_no": f.kandidaat_line_no,
         "control": f.control, "severity": f.severity, "field": f.field, "expected": f.expected,
         "found": f.found, "message": f.message,
         "rule_source": f.rule_source} for f in result.findings])
    connection.execute(
        "insert into delivery_files values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [source_id, found_kind, path.name, day, day_from, teldatum, result.records, result.records_with_errors,
         result.records_with_warnings])
    return result


__all__ = ["LoadResult", "load", "ensure_schema", "EXAMENGEGEVENS", "INSCHRIJVINGSGEGEVENS"]
