"""The harness: for each scale, make the data, build, publish and measure; write JSON and Markdown.

`examencijfers bench [--quick] [--scales 1x,10x,100x]` calls `main`. How often each thing is repeated
at each scale is the SETTINGS table: enough runs for a median and a p95 at 1x and 10x, fewer at 100x so
it stays inside 30 minutes on 2 cores (a slow peer's run is cut off at `peer_cap` seconds and reported
as "over").
"""
from __future__ import annotations

import datetime as dt
import json
import os
import platform
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from benchmarks import report
from benchmarks.scales import SCALES, WORK, Scale, raw_folder, scale_folder

RESULTS = Path(__file__).resolve().parent / "results"


@dataclass(frozen=True)
class Settings:
    ingest_repeat: int = 3
    ingest_budget: float = 3.0
    publish_repeat: int = 2
    publish_budget: float = 20.0
    query_repeat: int = 15
    query_budget: float = 0.75  # seconds per measurement (ours and the floor together get twice that)
    peer_cap: float = 20.0  # seconds one SQLite run may take before it is cut off and reported as "over"
    page_cold: int = 3
    page_warm: int = 10
    sessions: tuple[int, ...] = (1, 10, 50)
    session_variants: bool = True  # also measure SESSION_VARIANTS (another server run each)


SETTINGS: dict[str, Settings] = {
    "1x": Settings(ingest_repeat=2),
    "10x": Settings(ingest_budget=10.0, publish_budget=60.0, query_repeat=10, query_budget=1.5, peer_cap=30.0),
    "100x": Settings(ingest_repeat=2, ingest_budget=10.0, publish_repeat=1, publish_budget=1.0, query_repeat=5,
                     query_budget=2.0, peer_cap=20.0, page_cold=2, page_warm=5),
}
# --quick: the 1x scale with the fewest runs that still give a median (about 2-3 minutes on 2 cores).
QUICK = Settings(ingest_repeat=1, publish_repeat=1, query_repeat=5, query_budget=0.25, page_cold=1, page_warm=3,
                 sessions=(1, 10), session_variants=False)


# The same sessions again on a server with other Streamlit options: what a finding's fix changed.
# runner.postScriptGC: Streamlit runs gc.collect(2) after every script run by default; the hosted config
# turns it off (benchmarks/README.md, finding 1), and the variant turns it back on to keep the effect visible.
SESSION_VARIANTS: dict[str, tuple[str, ...]] = {
    "runner.postScriptGC=true (Streamlit's default)": ("--runner.postScriptGC", "true"),
}


def machine() -> dict[str, Any]:
    import duckdb
    import pandas
    import polars
    import psutil
    import streamlit

    cpu = "unknown"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor() or cpu
    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "os": platform.platform(), "python": platform.python_version(), "duckdb": duckdb.__version__,
        "polars": polars.__version__, "pandas": pandas.__version__, "streamlit": streamlit.__version__,
        "sqlite": sqlite3.sqlite_version, "commit": _git("rev-parse", "--short", "HEAD"),
        "dirty": bool(_git("status", "--porcelain", "--untracked-files=no")),
    }


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], capture_output=True, text=True, check=True,
                              cwd=Path(__file__).resolve().parent).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def _load() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


def _step(result: dict[str, Any], name: str, say: Callable[[str], None], function: Callable[[], Any]) -> Any:
    """Run one part of the harness, keep its seconds and the load around it; a failure is recorded."""
    say(f"  {name} ...")
    begin, load = time.perf_counter(), _load()
    try:
        value = function()
    except Exception as error:  # noqa: BLE001 - one broken part must not hide the others' numbers
        value = {"error": f"{type(error).__name__}: {error}"}
        say(f"  {name} failed: {value['error']}")
    seconds = round(time.perf_counter() - begin, 1)
    result.setdefault("steps", {})[name] = {"seconds": seconds, "load_before": load, "load_after": _load()}
    say(f"  {name} done in {seconds} s")
    return value


def bench_scale(scale: Scale, settings: Settings, work: Path = WORK, say: Callable[[str], None] = print,
                parts: tuple[str, ...] = ("ingest", "publish", "queries", "pages", "sessions")) -> dict[str, Any]:
    """Everything measured on one scale, as one JSON-able dict."""
    from benchmarks import ingest, pages, publish, query_bench, sessions

    folder = scale_folder(scale, work)
    began = time.perf_counter()
    result: dict[str, Any] = {"scale": scale.name, "description": scale.description, "settings": asdict(settings),
                              "date": dt.date.today().isoformat(), "machine": machine()}
    say(f"scale {scale.name}: {scale.description}")
    raw = _step(result, "data", say, lambda: raw_folder(scale, work))
    if isinstance(raw, dict):
        return _stopped(result, began, "data", raw)
    warehouse, published = folder / "warehouse.duckdb", folder / "published.duckdb"
    built = _step(result, "build", say, lambda: ingest.build_warehouse(raw, warehouse))
    if isinstance(built, dict):
        return _stopped(result, began, "build", built)
    result["build"], outcomes = built
    result["data"] = {"raw_files": result["build"]["files"], "warehouse_rows": result["build"]["rows"]}
    if "ingest" in parts:
        result["ingest"] = _step(result, "ingest", say, lambda: ingest.ingest_files(
            outcomes, folder, settings.ingest_repeat, settings.ingest_budget))
    result["publish"] = _step(result, "publish", say, lambda: publish.bench_publish(
        warehouse, published, settings.publish_repeat if "publish" in parts else 1, settings.publish_budget))
    if "error" in result["publish"]:
        return _stopped(result, began, "publish", result["publish"])
    result["data"]["published_rows"] = result["publish"]["published_rows"]
    if "queries" in parts:
        def queries_part() -> dict[str, Any]:
            peers = query_bench.Peers(published, folder / "peer.sqlite", cap=settings.peer_cap)
            try:
                rows = query_bench.bench_queries(published, peers, settings.query_repeat, settings.query_budget)
            finally:
                peers.close()
            return {"setup": peers.setup, "queries": rows}

        result["queries"] = _step(result, "queries", say, queries_part)
    if "pages" in parts:
        result["pages"] = _step(result, "pages", say, lambda: pages.bench_pages(
            published, settings.page_cold, settings.page_warm, folder))
    if "sessions" in parts:
        result["sessions"] = _step(result, "sessions", say, lambda: sessions.bench_sessions(
            published, settings.sessions, folder))
        for name, flags in (SESSION_VARIANTS if settings.session_variants else {}).items():
            result.setdefault("session_variants", {})[name] = _step(
                result, f"sessions ({name})", say,
                lambda flags=flags: sessions.bench_sessions(published, settings.sessions, folder, flags=flags))
    result["seconds"] = round(time.perf_counter() - began, 1)
    result["targets"] = report.targets(result)
    return result


def _stopped(result: dict[str, Any], began: float, step: str, error: dict[str, Any]) -> dict[str, Any]:
    """A scale whose data could not be made, built or published: what failed, and nothing measured after."""
    result[step] = error
    result["stopped_at"] = step
    result["seconds"] = round(time.perf_counter() - began, 1)
    result["targets"] = report.targets(result)
    return result


def write(result: dict[str, Any], results: Path = RESULTS) -> tuple[Path, Path]:
    results.mkdir(parents=True, exist_ok=True)
    stem = f"{result['date']}-{result['scale']}"
    json_path, markdown_path = results / f"{stem}.json", results / f"{stem}.md"
    json_path.write_text(json.dumps(result, indent=1, default=str) + "\n", encoding="utf-8")
    markdown_path.write_text(report.markdown(result), encoding="utf-8")
    return json_path, markdown_path


def main(quick: bool = False, scales: list[str] | None = None, readme: bool = True,
         say: Callable[[str], None] = print) -> list[Path]:
    names = scales or (["1x"] if quick else list(SCALES))
    unknown = [name for name in names if name not in SCALES]
    if unknown:
        raise ValueError(f"unknown scale(s) {', '.join(unknown)}; known: {', '.join(SCALES)}")
    written = []
    for name in names:
        result = bench_scale(SCALES[name], QUICK if quick and not scales else SETTINGS.get(name, Settings()), say=say)
        json_path, markdown_path = write(result)
        say(f"scale {name}: {result['seconds']} s; wrote {json_path} and {markdown_path}")
        written += [json_path, markdown_path]
    if readme:
        report.update_readme(RESULTS)
    return written


if __name__ == "__main__":  # pragma: no cover
    main(quick="--quick" in sys.argv)
