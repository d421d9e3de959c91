"""Every page's server-side render with streamlit.testing's AppTest, cold and warm.

The pages are found, not listed: the dashboard's page table (examencijfers/ui/site.py, which app.py turns
into st.navigation), any file app.py hands to st.Page(...) itself, and scripts directly in pages/. With no
page at all (app.py as a placeholder) app.py itself is the one page. A page is reached as a visitor
reaches it: the app runs once (st.navigation registers the pages), then `switch_page` and a run.

- cold: a fresh AppTest with st.cache_data and st.cache_resource cleared before the page's run, so
  its queries run and its connection is opened (imports are already done: that is server start-up);
- warm: the same AppTest run again, caches filled, as a visitor changing nothing would rerun it.
An exception shown on the page (at.exception) counts as an error, not as a time.

The renders run in a fresh Python process with the hosted Streamlit configuration, like a server: in
the harness's own process, which has held the peers' tables, Streamlit's after-run gc.collect would
walk millions of objects that a server never has.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.timing import Timing

ROOT = Path(__file__).resolve().parent.parent
APP = "app.py"
TIMEOUT = 120  # seconds one AppTest run may take


def discover_pages(root: Path = ROOT) -> list[str]:
    """Page scripts relative to root: app.py itself when it routes nowhere, else every routed page."""
    from examencijfers.ui.site import PAGES

    app = (root / APP).read_text(encoding="utf-8")
    found = [page.path for page in PAGES]
    found += re.findall(r"""st\.Page\(\s*(?:page\s*=\s*)?["']([^"']+\.py)["']""", app)
    found += sorted(str(path.relative_to(root)) for path in (root / "pages").glob("*.py")
                    if not path.name.startswith("_")) if (root / "pages").is_dir() else []
    pages = [page for page in dict.fromkeys(found) if (root / page).is_file()]
    return pages or [APP]


def _clear_caches() -> None:
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()


def _errors(at) -> list[str]:
    """Exceptions, and error boxes: a page that fails shows the frame's error box (ui/frame.guarded) instead."""
    return ([str(getattr(item, "message", item))[:200] for item in at.exception]
            + [f"error box: {item.value}"[:200] for item in at.error])


def _render(at, page: str) -> float:
    begin = time.perf_counter()
    if page != APP:
        at.switch_page(page)
    at.run(timeout=TIMEOUT)
    return time.perf_counter() - begin


def render_pages(published: Path, cold_runs: int, warm_runs: int, root: Path = ROOT) -> list[dict[str, Any]]:
    """Cold and warm renders of every page, in this process."""
    from streamlit import logger
    from streamlit.testing.v1 import AppTest

    logger.set_log_level("error")  # AppTest outside a server warns about its bare mode on every cache clear
    os.environ["EXAMENCIJFERS_PUBLISHED"] = str(published)
    results = []
    for page in discover_pages(root):
        cold, warm, errors = Timing(), Timing(warmup=1), []
        for _ in range(cold_runs):
            at = AppTest.from_file(str(root / APP), default_timeout=TIMEOUT)
            try:
                at.run()  # registers the pages (st.navigation); untimed
                _clear_caches()
                cold.runs.append(_render(at, page))
                errors += _errors(at)
            except Exception as error:  # noqa: BLE001 - a page that cannot render is a finding
                errors.append(f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}")
                break
        if not errors:
            at = AppTest.from_file(str(root / APP), default_timeout=TIMEOUT)
            at.run()
            _render(at, page)  # the warm-up
            for _ in range(warm_runs):
                warm.runs.append(_render(at, page))
            errors += _errors(at)
        result: dict[str, Any] = {"page": page, "errors": sorted(set(errors))}
        if cold.runs:
            result["cold"] = cold.as_dict()
        if warm.runs:
            result["warm"] = warm.as_dict()
        results.append(result)
    return results


HOSTED_CONFIG = ROOT / "deploy" / "public.config.toml"


def hosted_folder(folder: Path) -> Path:
    """A working folder whose .streamlit/config.toml is the hosted one (Streamlit reads it from the cwd)."""
    cwd = Path(folder) / "hosted"
    (cwd / ".streamlit").mkdir(parents=True, exist_ok=True)
    if HOSTED_CONFIG.is_file():
        (cwd / ".streamlit" / "config.toml").write_text(HOSTED_CONFIG.read_text(encoding="utf-8"), encoding="utf-8")
    return cwd


def bench_pages(published: Path, cold_runs: int, warm_runs: int, folder: Path, root: Path = ROOT
                ) -> list[dict[str, Any]]:
    """render_pages in a new process whose working folder holds the hosted config: the Streamlit settings
    `examencijfers serve` gives the hosted server as options."""
    env = {**os.environ, "EXAMENCIJFERS_PUBLISHED": str(published), "EXAMENCIJFERS_MODE": "public"}
    command = [sys.executable, "-m", "benchmarks.pages", str(published), str(cold_runs), str(warm_runs), str(root)]
    done = subprocess.run(command, cwd=hosted_folder(folder), env={**env, "PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True, timeout=3600)
    if done.returncode != 0:
        raise RuntimeError(f"page renders failed: {done.stderr.strip().splitlines()[-1] if done.stderr else ''}")
    return json.loads(done.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    published_arg, cold_arg, warm_arg, root_arg = sys.argv[1:5]
    print(json.dumps(render_pages(Path(published_arg), int(cold_arg), int(warm_arg), Path(root_arg))))
