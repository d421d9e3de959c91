"""The dashboard in a real browser: Debian's Chromium, driven by Playwright, against `examencijfers serve`.

Per run of the browser tests (this package): the published database of the bundled data (tests/conftest.py's
session fixture, shared with tests/ui), one server on a free port, one headless Chromium. Every test gets
new browser contexts: each is an isolated profile (own cookies, storage, Streamlit session) inside the
browser, whose own profile Playwright puts in a fresh temporary --user-data-dir at launch; Chromium refuses
a second --user-data-dir, and a persistent profile per context would mean a browser per test.

Without Chromium or Playwright the tests are skipped with the reason; with CI=true that is a failure.
Nothing is downloaded: the browser is the system's, and every request to anything but the test server is
refused (and kept in `Contexts.foreign`).
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pytest

from examencijfers import paths
from tests.browser.dashboard import INIT_SCRIPT, TIMEOUT, Dashboard

CHROMIUM = Path(os.environ.get("EXAMENCIJFERS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]
VIEWPORT = {"width": 1400, "height": 1000}    # Dashboard.screenshot stretches it to the whole page
SERVER_START = 90                               # seconds for `serve` to check the database and answer


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def unavailable(reason: str) -> None:
    """Skip locally, fail in CI: a CI run without a browser must not pass as if it had tested one."""
    if in_ci():
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="package")
def browser():
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        unavailable("Playwright for Python is not installed (it is a dev dependency: make env)")
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set EXAMENCIJFERS_CHROMIUM)")
    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        except Error as error:
            pytest.fail(f"{CHROMIUM} is there but does not start: {error}", pytrace=False)
        yield launched
        launched.close()


@pytest.fixture(scope="package")
def symbols(published) -> tuple[str, ...]:
    """The suppression symbols of the publication ('<5', '•', '§1' ...), read from the database itself."""
    connection = duckdb.connect(str(published), read_only=True)
    try:
        return tuple(row[0] for row in connection.execute("select symbol from suppression_reasons").fetchall())
    finally:
        connection.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    url: str
    log: Path
    process: subprocess.Popen

    def log_size(self) -> int:
        return self.log.stat().st_size

    def errors_since(self, offset: int) -> list[str]:
        """Lines the dashboard logged as errors (its JSON log, or a raw traceback) after `offset`."""
        with self.log.open("rb") as file:
            file.seek(offset)
            text = file.read().decode("utf-8", "replace")
        return [line for line in text.splitlines() if '"level": "ERROR"' in line or line.startswith("Traceback")]

    def tail(self, lines: int = 30) -> str:
        return "\n".join(self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def wait_healthy(server: Server) -> None:
    health = f"{server.url}/_stcore/health"
    deadline = time.monotonic() + SERVER_START
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"`examencijfers serve` exited with {server.process.returncode}:\n{server.tail()}",
                        pytrace=False)
        try:
            with urllib.request.urlopen(health, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)   # polling a port that is not open yet; no page is waited on with a sleep
    pytest.fail(f"{health} did not answer within {SERVER_START}s:\n{server.tail()}", pytrace=False)


@pytest.fixture(scope="package")
def server(browser, published, tmp_path_factory) -> Iterator[Server]:
    port = free_port()
    log = tmp_path_factory.mktemp("browser-server") / "serve.log"
    command = [str(Path(sys.executable).with_name("examencijfers")), "serve", "--port", str(port),
               "--published", str(published), "--server.headless=true", "--server.address=127.0.0.1",
               "--server.fileWatcherType=none", "--browser.gatherUsageStats=false"]
    environment = {k: v for k, v in os.environ.items() if k not in ("EXAMENCIJFERS_PUBLISHED", "EXAMENCIJFERS_MODE")}
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=paths.ROOT, stdout=output, stderr=subprocess.STDOUT, env=environment)
    running = Server(f"http://127.0.0.1:{port}", log, process)
    try:
        wait_healthy(running)
        yield running
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


@dataclass
class Contexts:
    """New browser contexts for one test; `foreign` holds every refused request to another host."""

    browser: object
    server: Server
    symbols: tuple[str, ...]
    opened: list = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    def new(self) -> Dashboard:
        context = self.browser.new_context(viewport=VIEWPORT, accept_downloads=True, locale="nl-NL",
                                           timezone_id="Europe/Amsterdam")
        context.set_default_timeout(TIMEOUT)
        context.add_init_script(INIT_SCRIPT)
        context.route(lambda url: not url.startswith(self.server.url + "/"), self._refuse)
        self.opened.append(context)
        return Dashboard(context.new_page(), self.server, self.symbols)

    def _refuse(self, route) -> None:
        self.foreign.append(route.request.url)
        route.abort()

    def close(self) -> None:
        for context in self.opened:
            context.close()


@pytest.fixture
def contexts(browser, server, symbols) -> Iterator[Contexts]:
    opened = Contexts(browser, server, symbols)
    yield opened
    opened.close()


@pytest.fixture
def dashboard(contexts) -> Dashboard:
    """A page in a new browser context: a first-time visitor."""
    return contexts.new()

