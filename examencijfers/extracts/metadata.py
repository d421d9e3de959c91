"""What makes an extract citable: filters, versions, suppression rules and legend, licence, citation.

Everything is read from the published database itself (publication, sources, suppression_rules,
suppression_reasons), so the description always matches the figures it travels with.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

import duckdb

from examencijfers.extracts.build import Selection

CBR_OPEN_DATA_URL = "https://www.cbr.nl/nl/over-het-cbr/over/cbr-in-cijfers/open-data"
DUO_OPEN_DATA_URL = "https://duo.nl/open_onderwijsdata/"
CC0_URL = "https://creativecommons.org/publicdomain/zero/1.0/"

# Licence and attribution by publisher, as data. CBR's disclaimer is summarised here; its full wording
# is on CBR's open-data page (the url).
LICENCES: dict[str, dict[str, str]] = {
    "CBR": {
        "publisher": "CBR (Centraal Bureau Rijvaardigheidsbewijzen)",
        "licence": "CBR open data, with CBR's disclaimer",
        "url": CBR_OPEN_DATA_URL,
        "attribution": "Bron: CBR open data (bewerking: Examencijfers)",
        "disclaimer_nl": (
            "Samenvatting van de disclaimer van het CBR: de gebruiker is zelf verantwoordelijk voor naleving van "
            "de wet- en regelgeving, waaronder de AVG. Het CBR stelt de open data zorgvuldig samen, maar ze "
            "kunnen onvolkomenheden bevatten en kunnen afwijken van de kwartaalcijfers en het jaarverslag; de "
            "definitieve cijfers staan in het jaarverslag. Aan de open data kunnen geen rechten worden ontleend "
            "en het CBR is niet aansprakelijk voor de inhoud of de gevolgen van het gebruik ervan. "
            "Volledige tekst: " + CBR_OPEN_DATA_URL),
        "disclaimer_en": (
            "Summary of CBR's disclaimer: users are responsible for complying with the law, including the GDPR. "
            "CBR compiles the open data with care, but it may contain imperfections and may differ from the "
            "quarterly figures and the annual report, which holds the definitive figures. No rights can be "
            "derived from the open data and CBR is not liable for its content or for the consequences of its "
            "use. Full text: " + CBR_OPEN_DATA_URL),
    },
    "DUO": {
        "publisher": "DUO (Dienst Uitvoering Onderwijs)",
        "licence": "CC0 1.0 (public domain dedication)",
        "url": CC0_URL,
        "attribution": "Bron: DUO open onderwijsdata, " + DUO_OPEN_DATA_URL + " (bewerking: Examencijfers)",
        "disclaimer_nl": "DUO publiceert deze open onderwijsdata onder CC0: vrij te hergebruiken, "
                         "bronvermelding wordt op prijs gesteld.",
        "disclaimer_en": "DUO publishes this open education data under CC0: free to reuse; "
                         "attribution is appreciated.",
    },
    # The record-level deliveries (Regeling gegevenslevering onderwijsnummer VO): the school boards' own records,
    # aggregated and protected here; no open licence. The bundled ones are synthetic demo files.
    "deliveries": {
        "publisher": "Schoolbesturen VO (leveringen volgens de Regeling gegevenslevering onderwijsnummer VO)",
        "licence": "No open licence: protected aggregates of record-level deliveries (the bundled ones are "
                   "synthetic demo data)",
        "url": "examencijfers/ingest/deliveries/README.md",
        "attribution": "Bron: leveringen op recordniveau (Regeling gegevenslevering onderwijsnummer VO), "
                       "bewerkt en beschermd door Examencijfers",
        "disclaimer_nl": "Afgeleid uit leveringen op recordniveau van schoolbesturen, met dezelfde bescherming als "
                         "de DUO-cijfers. De meegeleverde leveringen zijn synthetisch (demo): trek er geen "
                         "conclusies uit.",
        "disclaimer_en": "Derived from school boards' record-level deliveries, with the same protection as DUO's "
                         "figures. The bundled deliveries are synthetic (demo): draw no conclusions from them.",
    },
}
# A page view that combines both publishers carries both licences.
LICENCES["CBR+DUO"] = {
    key: f"{LICENCES['CBR'][key]} | {LICENCES['DUO'][key]}" for key in LICENCES["CBR"] if key != "url"
} | {"url": f"{CBR_OPEN_DATA_URL} | {CC0_URL}"}

SUPPRESSION_EXPLANATION_NL = (
    "Een lege cel met een reden in de bijbehorende kolom (<kolom>_suppression, of 'suppression' voor de hele rij) "
    "is geheimgehouden: de waarde is niet gepubliceerd. Het is geen nul. Tel lege cellen nooit als 0.")
SUPPRESSION_EXPLANATION_EN = (
    "An empty cell with a reason in its companion column (<column>_suppression, or 'suppression' for the whole "
    "row) is suppressed: the value is not published. It is not zero. Never count empty cells as 0.")


def _jsonable(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _table_rows(connection: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None
                ) -> list[dict[str, Any]]:
    try:
        cursor = connection.execute(sql, params or [])
    except duckdb.CatalogException:
        return []
    names = [d[0] for d in cursor.description]
    return [{name: _jsonable(value) for name, value in zip(names, row)} for row in cursor.fetchall()]


def _sources(connection: duckdb.DuckDBPyConnection, selection: Selection) -> list[dict[str, Any]]:
    """The source files behind the rows: by source_id or by source kind when the table keeps one,
    else every file of the datasets the table is built from."""
    columns = ("source_id, file_name, sha256, dataset, layout, publication, period_start, period_end, "
               "row_count, synthetic")
    dataset = selection.dataset
    if selection.lineage is not None and not dataset.lineage_map:
        ids = [value for value in selection.lineage if value is not None]
        if not ids:
            return []
        marks = ", ".join("?" for _ in ids)
        return _table_rows(connection, f"select {columns} from sources where source_id in ({marks}) "
                                       "order by source_id", ids)
    if selection.lineage is not None:
        by_value = dict(dataset.lineage_map)
        names = sorted({name for value in selection.lineage for name in by_value.get(value, ())})
    else:
        names = list(dataset.source_datasets)
    if not names and dataset.table == "(page view)":
        return _table_rows(connection, f"select {columns} from sources order by source_id")
    if not names:
        return []
    marks = ", ".join("?" for _ in names)
    return _table_rows(connection, f"select {columns} from sources where dataset in ({marks}) order by source_id",
                       names)


def suppressed_cell_counts(selection: Selection) -> dict[str, int]:
    """Per protected column: how many of its cells in this extract are withheld."""
    index = {column.name: i for i, column in enumerate(selection.columns)}
    counts: dict[str, int] = {}
    for column in selection.columns:
        if column.suppression is None or column.suppression not in index:
            continue
        value_at, reason_at = index[column.name], index[column.suppression]
        counts[column.name] = sum(1 for row in selection.rows if row[reason_at] is not None and row[value_at] is None)
    return counts


def citation(selection: Selection, publication: dict[str, str], generated_at: dt.datetime) -> str:
    dataset = selection.dataset
    licence = LICENCES[dataset.publisher]
    built = publication.get("built_at", "")
    filters = "; ".join(f"{key}={'|'.join('' if v is None else str(v) for v in values)}"
                        for key, values in selection.filters.items()) or "geen filters"
    return (f"{licence['publisher']}. {dataset.title_nl}. Bewerkt en beschermd door Examencijfers "
            f"(publicatie {built or 'onbekend'}); extract {dataset.name} ({filters}), "
            f"{len(selection.rows)} rijen, gegenereerd {generated_at.date().isoformat()}.")


def build_metadata(connection: duckdb.DuckDBPyConnection, selection: Selection, generated_at: dt.datetime,
                   fmt: str) -> dict[str, Any]:
    """The full description of one extract, as a JSON-ready dict with a fixed key order."""
    dataset = selection.dataset
    publication = {row["key"]: row["value"] for row in
                   _table_rows(connection, "select key, value from publication order by key")}
    sources = _sources(connection, selection)
    reasons = _table_rows(connection, "select reason, symbol, label_nl, label_en from suppression_reasons "
                                      "order by reason")
    rules = _table_rows(connection, "select rule, value, description_nl, description_en from suppression_rules "
                                    "order by rule")
    licence = LICENCES[dataset.publisher]
    return {
        "dataset": {
            "name": dataset.name,
            "table": dataset.table,
            "title_nl": dataset.title_nl,
            "title_en": dataset.title_en,
            "publisher": licence["publisher"],
        },
        "format": fmt,
        "filters": {key: _jsonable(list(values)) for key, values in selection.filters.items()},
        "columns": [
            {"name": c.name, "type": c.kind, "label_nl": c.label_nl, "label_en": c.label_en,
             "suppression_column": c.suppression}
            for c in selection.columns
        ],
        "row_count": len(selection.rows),
        "suppressed_cells": suppressed_cell_counts(selection),
        "generated_at": generated_at.isoformat(),
        "publication": publication,
        "sources": sources,
        "synthetic": any(bool(source.get("synthetic")) for source in sources),
        "suppression": {
            "explanation_nl": SUPPRESSION_EXPLANATION_NL,
            "explanation_en": SUPPRESSION_EXPLANATION_EN,
            "legend": reasons,
            "rules": rules,
        },
        "licence": dict(licence),
        "citation": citation(selection, publication, generated_at),
    }


def metadata_json(metadata: dict[str, Any]) -> bytes:
    return (json.dumps(metadata, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def readme_text(metadata: dict[str, Any], data_file: str) -> str:
    """The README.txt of a ZIP bundle: the metadata for a person, Dutch and English side by side."""
    lines: list[str] = []
    add = lines.append
    dataset = metadata["dataset"]
    add(f"{dataset['title_nl']} / {dataset['title_en']}")
    add("=" * len(lines[0]))
    add("")
    if metadata["synthetic"]:
        add("LET OP: DEMODATA (synthetisch), geen echte cijfers. / NOTE: DEMO DATA (synthetic), not real figures.")
        add("")
    add(f"Bestand / file:          {data_file} (+ metadata.json)")
    add(f"Dataset:                 {dataset['name']} (tabel/table {dataset['table']})")
    add(f"Uitgever / publisher:    {dataset['publisher']}")
    add(f"Rijen / rows:            {metadata['row_count']}")
    add(f"Gegenereerd / generated: {metadata['generated_at']}")
    add("")
    add("Filters:")
    if metadata["filters"]:
        for key, values in metadata["filters"].items():
            add(f"  {key} = {' | '.join('(leeg/null)' if v is None else str(v) for v in values)}")
    else:
        add("  (geen / none: de volledige beschermde tabel / the full protected table)")
    add("")
    add("Publicatie / publication:")
    for key, value in metadata["publication"].items():
        add(f"  {key}: {value}")
    add("")
    add("Bronbestanden / source files (sha256):")
    for source in metadata["sources"]:
        flag = "  [synthetisch/synthetic]" if source.get("synthetic") else ""
        add(f"  {source['file_name']}  {source['sha256']}  ({source['publication']}, "
            f"{source['row_count']} rijen/rows){flag}")
    if not metadata["sources"]:
        add("  (geen vermeld / none listed)")
    add("")
    add("Kolommen / columns:")
    for column in metadata["columns"]:
        add(f"  {column['name']} ({column['type']}): {column['label_nl']} / {column['label_en']}")
    add("")
    add("Geheimhouding / suppression:")
    add("  " + metadata["suppression"]["explanation_nl"])
    add("  " + metadata["suppression"]["explanation_en"])
    add("  Legenda / legend (reden/reason, symbool/symbol, betekenis/meaning):")
    for reason in metadata["suppression"]["legend"]:
        add(f"    {reason['reason']}  {reason['symbol']}  {reason['label_nl']} / {reason['label_en']}")
    add("  Regels / rules:")
    for rule in metadata["suppression"]["rules"]:
        add(f"    {rule['rule']} = {rule['value']}: {rule['description_nl']} / {rule['description_en']}")
    if metadata["suppressed_cells"]:
        add("  Geheimgehouden cellen in dit bestand / suppressed cells in this file:")
        for column, count in metadata["suppressed_cells"].items():
            add(f"    {column}: {count}")
    add("")
    licence = metadata["licence"]
    add("Licentie / licence:")
    add(f"  {licence['licence']} ({licence['url']})")
    add(f"  {licence['attribution']}")
    add(f"  {licence['disclaimer_nl']}")
    add(f"  {licence['disclaimer_en']}")
    add("")
    add("Citeren als / suggested citation:")
    add(f"  {metadata['citation']}")
    return "\n".join(lines) + "\n"
