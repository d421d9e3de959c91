"""From one scale's measurements to targets met or missed, a Markdown report, and the README's section.

The targets are the issue's (#8), as data: a target is a row with how to read its value from the result.
They are stated for the 10x scale (publish for 100x); every scale's report shows them all the same, so a
trend is visible.
"""
from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


@dataclass(frozen=True)
class Target:
    key: str
    text: str
    scale: str  # the scale the issue states it for
    value: Callable[[dict[str, Any]], tuple[float | None, str]]  # (value, detail)
    met: Callable[[float], bool]
    unit: str = ""


def _pages(result: dict[str, Any], which: str, stat: str) -> tuple[float | None, str]:
    pages = [page for page in result.get("pages") or [] if isinstance(page, dict) and which in page]
    if not pages:
        return None, "no page rendered"
    worst = max(pages, key=lambda page: page[which][stat])
    errors = sum(len(page.get("errors", [])) for page in result.get("pages") or [] if isinstance(page, dict))
    detail = f"slowest: {worst['page']}" + (f"; {errors} page error(s)" if errors else "")
    return worst[which][stat], detail


def _query_ratios(result: dict[str, Any], key: str) -> list[tuple[str, float]]:
    rows = (result.get("queries") or {}).get("queries", []) if isinstance(result.get("queries"), dict) else []
    return [(row["query"], row["ratios"][key]) for row in rows if key in row.get("ratios", {})]


def _worst_floor(result: dict[str, Any]) -> tuple[float | None, str]:
    ratios = _query_ratios(result, "ours_vs_floor")
    if not ratios:
        return None, "no query timed"
    name, worst = max(ratios, key=lambda item: item[1])
    over = sum(ratio > 1.5 for _, ratio in ratios)
    return worst, f"worst: {name}; {over} of {len(ratios)} over 1.5x; geometric mean {_geomean(r for _, r in ratios)}"


def _least_pandas(result: dict[str, Any]) -> tuple[float | None, str]:
    ratios = _query_ratios(result, "pandas_vs_ours")
    if not ratios:
        return None, "no pandas peer timed"
    name, least = min(ratios, key=lambda item: item[1])
    under = sum(ratio < 10 for _, ratio in ratios)
    return least, (f"least: {name}; {under} of {len(ratios)} under 10x; geometric mean "
                   f"{_geomean(r for _, r in ratios)}")


def _query_errors(result: dict[str, Any]) -> tuple[float | None, str]:
    rows = (result.get("queries") or {}).get("queries", []) if isinstance(result.get("queries"), dict) else []
    if not rows:
        return None, "queries not run"
    broken = [row["query"] for row in rows if "error" in row]
    disagree = [f"{row['query']} ({peer})" for row in rows for peer in ("pandas", "sqlite")
                if row.get(peer, {}).get("agrees") is False or "error" in row.get(peer, {})]
    return float(len(broken) + len(disagree)), "; ".join(
        part for part in (f"failing: {', '.join(broken)}" if broken else "",
                          f"peer disagrees or fails: {', '.join(disagree)}" if disagree else "") if part) or "none"


def _ingest(result: dict[str, Any]) -> tuple[float | None, str]:
    rows = result.get("ingest") if isinstance(result.get("ingest"), list) else []
    if not rows:
        return None, "ingest not measured"
    worst = max(rows, key=lambda row: row["ratio"])
    over = sum(row["ratio"] > 2 for row in rows)
    return worst["ratio"], f"worst: {worst['dataset']}; {over} of {len(rows)} datasets over 2x"


def _publish(result: dict[str, Any]) -> tuple[float | None, str]:
    publish = result.get("publish") or {}
    if "publish" not in publish:
        return None, "not published"
    return publish["publish"]["median_ms"] / 1000, (f"audit alone {publish['audit_alone']['median_ms'] / 1000:.1f} s,"
                                                    f" Parquet copies {publish['parquet']['median_ms'] / 1000:.1f} s")


def _level(result: dict[str, Any], sessions: int) -> dict[str, Any] | None:
    levels = (result.get("sessions") or {}).get("levels", []) if isinstance(result.get("sessions"), dict) else []
    return next((level for level in levels if level["sessions"] == sessions), None)


def _sessions_p95(result: dict[str, Any]) -> tuple[float | None, str]:
    level = _level(result, 50)
    if level is None:
        return None, "not measured"
    return level.get("p95_ms"), f"p50 {level.get('p50_ms')} ms, {level['renders']} renders"


def _sessions_errors(result: dict[str, Any]) -> tuple[float | None, str]:
    level = _level(result, 50)
    if level is None:
        return None, "not measured"
    return float(level["errors"]), "; ".join(level.get("error_examples", [])) or "none"


def _rss(result: dict[str, Any]) -> tuple[float | None, str]:
    level = _level(result, 50)
    if level is None:
        return None, "not measured"
    idle = (result.get("sessions") or {}).get("rss_idle_mb")
    return level["rss_peak_mb"], f"idle {idle} MB, 50 connected {level['rss_connected_mb']} MB"


TARGETS: tuple[Target, ...] = (
    Target("page_warm_p95", "warm page render p95 <= 300 ms", "10x", lambda r: _pages(r, "warm", "p95_ms"),
           lambda v: v <= 300, "ms"),
    Target("page_cold", "cold page render <= 2 s (p95)", "10x", lambda r: _pages(r, "cold", "p95_ms"),
           lambda v: v <= 2000, "ms"),
    Target("query_vs_floor", "query path <= 1.5x raw DuckDB (worst query)", "10x", _worst_floor,
           lambda v: v <= 1.5, "x"),
    Target("query_vs_pandas", "query path >= 10x faster than pandas (least query)", "10x", _least_pandas,
           lambda v: v >= 10, "x"),
    Target("query_answers", "every query answers, and both peers agree with it", "10x", _query_errors,
           lambda v: v == 0, ""),
    Target("ingest_vs_read_csv", "ingest within 2x of DuckDB read_csv (worst dataset)", "10x", _ingest,
           lambda v: v <= 2, "x"),
    Target("publish", "publish, audit included, <= 60 s", "100x", _publish, lambda v: v <= 60, "s"),
    Target("sessions_p95", "50 concurrent sessions: p95 <= 1 s", "10x", _sessions_p95, lambda v: v <= 1000, "ms"),
    Target("sessions_errors", "50 concurrent sessions: no errors", "10x", _sessions_errors, lambda v: v == 0, ""),
    Target("rss_50", "server RSS <= 500 MB with 50 sessions (peak)", "10x", _rss, lambda v: v <= 500, "MB"),
)


def targets(result: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for target in TARGETS:
        try:
            value, detail = target.value(result)
        except (KeyError, TypeError, ValueError) as error:
            value, detail = None, f"cannot read: {error}"
        rows.append({"key": target.key, "target": target.text, "stated_for": target.scale, "value": value,
                     "unit": target.unit, "met": None if value is None else bool(target.met(value)),
                     "detail": detail})
    return rows


def _geomean(values) -> float | None:
    values = [value for value in values if value and value > 0]
    return round(math.exp(sum(math.log(v) for v in values) / len(values)), 2) if values else None


# --- Markdown -------------------------------------------------------------------------------------

def _mark(met: bool | None) -> str:
    return "-" if met is None else ("met" if met else "**missed**")


def _ms(timing: dict[str, Any] | None) -> str:
    if not timing:
        return ""
    if "timeout_s" in timing:
        return f"> {timing['timeout_s']:g} s"
    if "median_ms" not in timing:
        return "error" if "error" in timing else ("differs" if timing.get("agrees") is False else "")
    return f"{timing['median_ms']:.1f} / {timing['p95_ms']:.1f}"


def _ratio(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _value(row: dict[str, Any]) -> str:
    if row["value"] is None:
        return "n/a"
    value = row["value"]
    text = f"{value:.0f}" if row["unit"] in ("ms", "MB") else f"{value:.2f}" if row["unit"] in ("x", "s") else f"{value:g}"
    return f"{text} {row['unit']}".strip()


def markdown(result: dict[str, Any]) -> str:
    m = result["machine"]
    lines = [f"# Benchmark {result['date']}, scale {result['scale']}", "",
             f"{result['description']}. Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, "
             f"{m['os']}; Python {m['python']}, DuckDB {m['duckdb']}, polars {m['polars']}, pandas {m['pandas']}, "
             f"Streamlit {m['streamlit']}, SQLite {m['sqlite']}; commit {m['commit']}{' (dirty)' if m['dirty'] else ''}. "
             f"Whole run {result['seconds']} s.", ""]
    steps = result.get("steps", {})
    if steps:
        lines += ["Load average (1, 5, 15 min) before / after each step, since other work on the machine slows "
                  "every number: " + "; ".join(f"{name} {step['seconds']} s ({step['load_before'][0]} / "
                                                 f"{step['load_after'][0]})" for name, step in steps.items()), ""]
    if result.get("stopped_at"):
        lines += [f"**Stopped at {result['stopped_at']}:** {result[result['stopped_at']].get('error')}", ""]
    lines += ["## Targets", "", "| target | stated for | value | | detail |", "|---|---|---|---|---|"]
    lines += [f"| {row['target']} | {row['stated_for']} | {_value(row)} | {_mark(row['met'])} | {row['detail']} |"
              for row in result["targets"]]
    build = result.get("build") or {}
    if "rows" in build:
        lines += ["", "## Ingest", "", f"`build`: {build['files']} files, {build['rows']:,} warehouse rows in "
                  f"{build['seconds']} s ({build['rows_per_s']:,} rows/s).", ""]
    if isinstance(result.get("ingest"), list):
        lines += ["Per dataset, its largest file: ours (`ingest_file`) against DuckDB `read_csv` into a table "
                  "(median / p95 ms).", "",
                  "| dataset | file | csv rows | ours ms | read_csv ms | ours rows/s | read_csv rows/s | ratio |",
                  "|---|---|---:|---:|---:|---:|---:|---:|"]
        lines += [f"| {row['dataset']} | {row['file']} | {row['csv_rows']:,} | {_ms(row['ours'])} | {_ms(row['floor'])} "
                  f"| {row['ours_rows_per_s']:,} | {row['floor_rows_per_s']:,} | {row['ratio']} |"
                  for row in result["ingest"]]
    publish = result.get("publish") or {}
    if "publish" in publish:
        lines += ["", "## Publish", "",
                  f"publish (rules, suppression, audit, swap): {_ms(publish['publish'])} ms (median / p95, "
                  f"n={publish['publish']['n']}); the audit alone {_ms(publish['audit_alone'])} ms; Parquet copies "
                  f"{_ms(publish['parquet'])} ms. {publish['published_rows']:,} published rows, "
                  f"{publish['suppressed_cells']:,} suppressed cells, {publish['published_bytes'] / 2**20:.0f} MB."]
    queries = result.get("queries") or {}
    if "queries" in queries:
        setup = queries.get("setup", {})
        lines += ["", "## Queries", "",
                  "Median / p95 ms. ours = `queries.run` (polars out); floor = the same SQL on DuckDB, Arrow out; "
                  "pandas = the same question on the tables in memory (`pandas+load` reads the tables it needs "
                  "from Parquet first); sqlite = our SQL translated, on a SQLite copy. Ratios: ours/floor, and how "
                  f"many times the peer takes ours. Peer set-up: pandas load {setup.get('pandas_load_s')} s, "
                  f"SQLite copy {setup.get('sqlite_build_s')} s.", "",
                  "| query | rows | ours | floor | ours/floor | pandas | pandas/ours | pandas+load/ours | sqlite "
                  "| sqlite/ours |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for row in queries["queries"]:
            if "error" in row:
                lines.append(f"| {row['query']} | | **error**: {row['error'][:120]} | | | | | | | |")
                continue
            r = row.get("ratios", {})
            sqlite_ratio = _ratio(r.get("sqlite_vs_ours")) or (f">= {r['sqlite_vs_ours_at_least']:g}"
                                                               if "sqlite_vs_ours_at_least" in r else "")
            lines.append(f"| {row['query']} | {row['rows']} | {_ms(row['ours'])} | {_ms(row.get('floor'))} "
                         f"| {_ratio(r.get('ours_vs_floor'))} | {_ms(row.get('pandas'))} "
                         f"| {_ratio(r.get('pandas_vs_ours'))} | {_ratio(r.get('pandas_with_load_vs_ours'))} "
                         f"| {_ms(row.get('sqlite'))} | {sqlite_ratio} |")
        disagreements = [f"- {row['query']} ({peer}): {row[peer].get('difference') or row[peer].get('error')}"
                         for row in queries["queries"] for peer in ("pandas", "sqlite")
                         if row.get(peer, {}).get("agrees") is False or "error" in row.get(peer, {})]
        if disagreements:
            lines += ["", "Peers that disagree or fail (their times are left out):", "", *disagreements]
        lines += ["", "Geometric means: ours/floor "
                  f"{_geomean(v for _, v in _query_ratios(result, 'ours_vs_floor'))}, pandas/ours "
                  f"{_geomean(v for _, v in _query_ratios(result, 'pandas_vs_ours'))}, pandas+load/ours "
                  f"{_geomean(v for _, v in _query_ratios(result, 'pandas_with_load_vs_ours'))}, sqlite/ours "
                  f"{_geomean(v for _, v in _query_ratios(result, 'sqlite_vs_ours'))} (timed-out runs left out)."]
    if isinstance(result.get("pages"), list):
        lines += ["", "## Pages (AppTest)", "", "| page | cold median / p95 ms | warm median / p95 ms | errors |",
                  "|---|---:|---:|---|"]
        lines += [f"| {page['page']} | {_ms(page.get('cold'))} | {_ms(page.get('warm'))} | "
                  f"{'; '.join(page.get('errors', []))[:200]} |" for page in result["pages"]]
    sessions = result.get("sessions") or {}
    if "levels" in sessions:
        lines += ["", "## Concurrent sessions (one `streamlit run` server)", "",
                  f"{sessions['pages']} page(s) per visitor. RSS idle after start {sessions['rss_idle_start_mb']} MB, "
                  f"after a warm-up visit {sessions['rss_idle_mb']} MB.", "",
                  "| sessions | renders | p50 ms | p95 ms | max ms | errors | wall s | RSS connected MB | RSS peak MB |",
                  "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        lines += [f"| {lv['sessions']} | {lv['renders']} | {lv.get('p50_ms', '')} | {lv.get('p95_ms', '')} | "
                  f"{lv.get('max_ms', '')} | {lv['errors']} | {lv['wall_s']} | {lv['rss_connected_mb']} | "
                  f"{lv['rss_peak_mb']} |" for lv in sessions["levels"]]
    for name, variant in (result.get("session_variants") or {}).items():
        if "levels" in variant:
            lines += ["", f"Variant: the same server with `{' '.join(variant['flags'])}` ({name}); RSS idle "
                      f"{variant['rss_idle_mb']} MB.", "",
                      "| sessions | renders | p50 ms | p95 ms | max ms | errors | wall s | RSS connected MB "
                      "| RSS peak MB |", "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
            lines += [f"| {lv['sessions']} | {lv['renders']} | {lv.get('p50_ms', '')} | {lv.get('p95_ms', '')} | "
                      f"{lv.get('max_ms', '')} | {lv['errors']} | {lv['wall_s']} | {lv['rss_connected_mb']} | "
                      f"{lv['rss_peak_mb']} |" for lv in variant["levels"]]
    for part in ("ingest", "queries", "pages", "sessions"):
        if isinstance(result.get(part), dict) and "error" in result[part]:
            lines += ["", f"**{part} failed:** {result[part]['error']}"]
    return "\n".join(lines) + "\n"


# --- README -------------------------------------------------------------------------------------

def latest(results: Path) -> dict[str, dict[str, Any]]:
    """The newest result of each scale in the results folder."""
    found: dict[str, tuple[str, dict[str, Any]]] = {}
    for path in sorted(results.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["scale"] not in found or path.name > found[data["scale"]][0]:
            found[data["scale"]] = (path.name, data)
    return {scale: data for scale, (_, data) in found.items()}


def readme_section(results: Path) -> str:
    runs = latest(results)
    order = [scale for scale in ("1x", "10x", "100x") if scale in runs] + sorted(set(runs) - {"1x", "10x", "100x"})
    if not order:
        return "No benchmark results yet: run `make bench`."
    machine = runs[order[-1]]["machine"]
    dates = ", ".join(f"{scale}: {runs[scale]['date']}" for scale in order)
    lines = [f"Latest runs ({dates}) on {machine['cpu']}, "
             f"{machine['cores']} cores, {machine['memory_gb']} GB ({machine['os']}), shared with other work, so "
             "absolute times carry noise; ratios are measured side by side. Every file is in "
             "[`benchmarks/results/`](benchmarks/results/).", "",
             "| target (scale it is set for) | " + " | ".join(order) + " |", "|---|" + "---|" * len(order)]
    for index, target in enumerate(TARGETS):
        cells = []
        for scale in order:
            row = runs[scale]["targets"][index] if index < len(runs[scale]["targets"]) else None
            cells.append("n/a" if row is None or row["value"] is None else f"{_value(row)} {_mark(row['met'])}")
        lines.append(f"| {target.text} ({target.scale}) | " + " | ".join(cells) + " |")
    focus = "10x" if "10x" in runs else order[-1]
    queries = (runs[focus].get("queries") or {}).get("queries", []) if isinstance(runs[focus].get("queries"),
                                                                                    dict) else []
    if queries:
        lines += ["", f"Queries at {focus} (median ms of ours; ratios: ours against the floor, and how many times "
                  "longer the peers take):", "",
                  "| query | ours ms | ours / DuckDB | pandas / ours | pandas+load / ours | SQLite / ours |",
                  "|---|---:|---:|---:|---:|---:|"]
        for row in queries:
            if "error" in row:
                lines.append(f"| {row['query']} | **error** | | | | |")
                continue
            r = row["ratios"]
            sqlite_ratio = _ratio(r.get("sqlite_vs_ours")) or (f">= {r['sqlite_vs_ours_at_least']:g}"
                                                               if "sqlite_vs_ours_at_least" in r else "")
            lines.append(f"| {row['query']} | {row['ours']['median_ms']:.1f} | {_ratio(r.get('ours_vs_floor'))} | "
                         f"{_ratio(r.get('pandas_vs_ours'))} | {_ratio(r.get('pandas_with_load_vs_ours'))} | "
                         f"{sqlite_ratio} |")
    return "\n".join(lines)


def update_readme(results: Path, readme: Path = README) -> None:
    text = readme.read_text(encoding="utf-8")
    if START not in text or END not in text:
        return
    section = f"{START}\n{readme_section(results)}\n{END}"
    readme.write_text(re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: section, text, flags=re.DOTALL),
                      encoding="utf-8")
