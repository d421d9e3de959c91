"""The hosted site as it runs: `streamlit run app.py` in public mode with deploy/public.config.toml, visited by
websocket clients that speak Streamlit's own protocol (benchmarks/sessions.py).

- Two server processes on one published file at once both serve every page (DuckDB lets any number of
  processes open a file read-only): replicas behind a load balancer need nothing else.
- Five hundred sessions come and go and the server's memory stays flat: the caches are bounded, and a
  disconnected session's state is dropped (after server.disconnectedSessionTTL, short here).
"""
from __future__ import annotations

import asyncio

import pytest

from benchmarks.sessions import start_server, visit
from examencijfers.ui import site

pytestmark = pytest.mark.slow
SETTLED_SESSION_TTL = ("--server.disconnectedSessionTTL", "1")


def pages_of(server) -> list[str]:
    """Every page of the dashboard, as the server's navigation message lists them."""
    found: list[str] = []
    renders = asyncio.run(visit(server.url, [""], found_pages=found))
    assert found and not [r.error for r in renders if r.error]
    return found


def visitors(server, pages: list[str], count: int, offset: int = 0) -> list[str]:
    """`count` visitors at once, each opening one page (in turn over all pages); their errors."""
    async def together():
        return await asyncio.gather(*[visit(server.url, [pages[(offset + k) % len(pages)]]) for k in range(count)])
    return [render.error for renders in asyncio.run(together()) for render in renders if render.error]


def test_two_servers_serve_every_page_from_one_published_file(published, tmp_path):
    first = start_server(published, tmp_path, flags=SETTLED_SESSION_TTL)
    second = start_server(published, tmp_path, flags=SETTLED_SESSION_TTL)
    try:
        pages = pages_of(first)
        assert len(pages) == len(site.PAGES)                          # every page of the site

        async def both():
            return await asyncio.gather(visit(first.url, pages), visit(second.url, pages))
        renders = [render for renders in asyncio.run(both()) for render in renders]
        assert len(renders) == 2 * len(pages)
        assert [r.error for r in renders if r.error] == []
    finally:
        first.stop()
        second.stop()


def test_memory_stays_flat_over_five_hundred_sessions(published, tmp_path):
    server = start_server(published, tmp_path, flags=SETTLED_SESSION_TTL)
    try:
        pages = pages_of(server)
        assert visitors(server, pages, 2 * len(pages)) == []           # warm: every page's queries cached
        baseline = server.rss()
        errors = []
        for batch in range(10):                                           # 250 sessions, 25 at a time
            errors += visitors(server, pages, 25, batch)
        after_250 = server.rss()
        for batch in range(10):                                           # 250 more
            errors += visitors(server, pages, 25, batch)
        after_500 = server.rss()
        assert errors == []
        assert after_500 <= baseline * 1.3, (baseline, after_250, after_500)
        assert after_500 - after_250 <= 0.1 * baseline, (baseline, after_250, after_500)   # no growth per session
    finally:
        server.stop()
