"""Concurrent sessions against one `streamlit run` server, and the server's memory.

Each simulated visitor is what a browser tab is to the server: a websocket on /_stcore/stream that
sends Streamlit's own protobuf BackMsg `rerun_script` and reads ForwardMsgs until `script_finished`.
A visitor opens the site and goes through every page once (pages are read from the server's own
`navigation` message, so the list follows app.py); the time of one page is from the request to
`script_finished`. 1, 10 and 50 visitors start together; p50 and p95 are over all their page renders.
An error is a failed connection, a page that does not finish within the timeout, a run that ends
otherwise than successfully, or an exception element on the page.

Memory is the server process's RSS (children included): idle after start-up, idle after a warm-up
visit, and the peak while 10 and 50 visitors are connected (sampled every 50 ms) and at the end of
the level with all of them still connected.
"""
from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable
from typing import Any

from benchmarks.timing import Timing

ROOT = Path(__file__).resolve().parent.parent
PAGE_TIMEOUT = 120.0


@dataclass
class Render:
    seconds: float
    error: str | None = None


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/_stcore/stream"

    def rss(self) -> int:
        import psutil

        try:
            main = psutil.Process(self.process.pid)
            return main.memory_info().rss + sum(child.memory_info().rss for child in main.children(recursive=True))
        except psutil.Error:
            return 0

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(published: Path, log_folder: Path, root: Path = ROOT, flags: tuple[str, ...] = ()) -> Server:
    """The hosted site's server as its image starts it: `examencijfers serve` in public mode (the contract
    check, deploy/public.config.toml as Streamlit options, connections without Nagle's delay), on a free
    local port, plus `flags`; the code is `root`'s."""
    port = _free_port()
    log = Path(tempfile.NamedTemporaryFile(dir=log_folder, prefix="streamlit-", suffix=".log", delete=False).name)
    env = {**os.environ, "EXAMENCIJFERS_MODE": "public", "PYTHONPATH": str(root)}
    command = [sys.executable, "-m", "examencijfers.cli", "serve", "--port", str(port), "--published", str(published),
               "--server.address=127.0.0.1", *flags]
    with open(log, "wb") as handle:
        process = subprocess.Popen(command, cwd=log_folder, env=env, stdout=handle, stderr=subprocess.STDOUT)
    server = Server(process, port, log)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}; see {log}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"streamlit did not answer /_stcore/health within 90 s; see {log}")


# --- one visitor ----------------------------------------------------------------------------------

def _rerun(page_script_hash: str) -> bytes:
    from streamlit.proto.BackMsg_pb2 import BackMsg

    message = BackMsg()
    message.rerun_script.query_string = ""
    message.rerun_script.page_script_hash = page_script_hash
    return message.SerializeToString()


async def _render(socket_, page_script_hash: str, pages: list[str] | None) -> Render:
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    begin = time.perf_counter()
    await socket_.send(_rerun(page_script_hash))
    error = None
    while True:
        data = await asyncio.wait_for(socket_.recv(), timeout=PAGE_TIMEOUT)
        message = ForwardMsg()
        message.ParseFromString(data)
        kind = message.WhichOneof("type")
        if kind == "navigation" and pages is not None:
            # the last one counts: st.navigation's pages, not the lone main script sent at session start
            pages[:] = [page.page_script_hash for page in message.navigation.app_pages]
        elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            if message.delta.new_element.WhichOneof("type") == "exception":
                error = error or f"exception: {message.delta.new_element.exception.message[:150]}"
        elif kind == "script_finished":
            if message.script_finished not in (ForwardMsg.FINISHED_SUCCESSFULLY,):
                error = error or f"script finished with status {message.script_finished}"
            return Render(time.perf_counter() - begin, error)


async def visit(url: str, pages: list[str], hold: asyncio.Event | None = None,
                done: Callable[[], None] | None = None, found_pages: list[str] | None = None) -> list[Render]:
    """One visitor: connect, render every page once, call `done`, keep the socket open until `hold` is set."""
    import websockets

    renders: list[Render] = []
    signalled = False
    try:
        async with websockets.connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=60,
                                      ping_interval=None) as socket_:
            for page in pages:
                try:
                    renders.append(await _render(socket_, page, found_pages))
                except asyncio.TimeoutError:
                    renders.append(Render(PAGE_TIMEOUT, f"no script_finished within {PAGE_TIMEOUT:g} s"))
            if done is not None:
                done()
                signalled = True
            if hold is not None:
                await hold.wait()
    except Exception as error:  # noqa: BLE001 - a refused or dropped connection is what we count
        renders.append(Render(0.0, f"connection: {type(error).__name__}: {error}"))
    finally:
        if done is not None and not signalled:
            done()
    return renders


def _logged_errors(log: Path, offset: int) -> list[str]:
    """Exceptions the server logged since `offset`: with showErrorDetails = "none" (the hosted config) a
    visitor sees no exception text, so the log is where a failing page shows."""
    with open(log, "rb") as handle:
        handle.seek(offset)
        text = handle.read().decode("utf-8", errors="replace")
    return [f"logged: {line.strip()[:150]}" for line in text.splitlines()
            if "Traceback (most recent call last)" in line or '"level": "ERROR"' in line]


# --- levels ---------------------------------------------------------------------------------------

@dataclass
class Sampler:
    """RSS of the server every 50 ms in a thread; the peak since start()."""

    server: Server
    peak: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> None:
        self._stop.clear()
        self.peak = self.server.rss()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, self.server.rss())

    def stop(self) -> int:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        return self.peak


async def _level(server: Server, pages: list[str], visitors: int) -> tuple[list[Render], int, float]:
    """All visitors start together; RSS is read when every one has rendered its pages, all still connected."""
    hold, everyone_done = asyncio.Event(), asyncio.Event()
    finished = 0

    def done() -> None:
        nonlocal finished
        finished += 1
        if finished == visitors:
            everyone_done.set()

    begin = time.perf_counter()
    tasks = [asyncio.create_task(visit(server.url, pages, hold, done)) for _ in range(visitors)]
    await everyone_done.wait()
    wall = time.perf_counter() - begin
    connected_rss = server.rss()
    hold.set()
    results = await asyncio.gather(*tasks)
    return [render for renders in results for render in renders], connected_rss, wall


def bench_sessions(published: Path, levels: tuple[int, ...], log_folder: Path, root: Path = ROOT,
                   flags: tuple[str, ...] = ()) -> dict[str, Any]:
    server = start_server(published, log_folder, root, flags)
    try:
        result: dict[str, Any] = {"flags": list(flags), "rss_idle_start_mb": round(server.rss() / 2**20, 1)}
        found: list[str] = []
        warm = asyncio.run(visit(server.url, [""], found_pages=found))  # the default page; learns the pages
        pages = found or [""]  # st.navigation's pages, or the one script
        if found:
            warm += asyncio.run(visit(server.url, pages))  # every page once: caches warm, as in service
        result["pages"] = len(pages)
        result["warmup_errors"] = sorted({render.error for render in warm if render.error})
        result["rss_idle_mb"] = round(server.rss() / 2**20, 1)
        result["levels"] = []
        for visitors in levels:
            logged = server.log.stat().st_size
            sampler = Sampler(server)
            sampler.start()
            renders, connected_rss, wall = asyncio.run(_level(server, pages, visitors))
            peak = sampler.stop()
            times = Timing([render.seconds for render in renders if render.error is None])
            errors = [render.error for render in renders if render.error] + _logged_errors(server.log, logged)
            level: dict[str, Any] = {
                "sessions": visitors, "renders": len(renders), "errors": len(errors),
                "error_examples": sorted(set(errors))[:3], "wall_s": round(wall, 3),
                "rss_connected_mb": round(connected_rss / 2**20, 1), "rss_peak_mb": round(peak / 2**20, 1),
            }
            if times.runs:
                level |= {"p50_ms": round(times.median * 1000, 1), "p95_ms": round(times.p95 * 1000, 1),
                          "max_ms": round(max(times.runs) * 1000, 1)}
            result["levels"].append(level)
        return result
    finally:
        server.stop()
