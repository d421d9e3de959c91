"""The server's connections send at once: Nagle's algorithm off on every socket Streamlit's listener accepts
(serving.send_without_delay). Without it each page run's messages after the first wait ~40 ms for the
browser's delayed acknowledgement. Checked as the server takes a connection: Streamlit's own function binds
the listener, asyncio serves it (as uvicorn does), and the connection's transport is asked."""
from __future__ import annotations

import asyncio
import socket

import pytest
from streamlit.web.server.starlette import starlette_server

from examencijfers import serving


async def _served_nodelay() -> int:
    listening, _ = starlette_server._bind_server_socket("127.0.0.1", "127.0.0.1", 0, 8)
    accepted: asyncio.Future = asyncio.get_running_loop().create_future()

    class Accepting(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            if not accepted.done():
                accepted.set_result(transport)

    server = await asyncio.get_running_loop().create_server(Accepting, sock=listening)
    try:
        _, writer = await asyncio.open_connection(*listening.getsockname())
        transport = await asyncio.wait_for(accepted, timeout=10)
        nodelay = transport.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        writer.close()
        transport.close()
        return nodelay
    finally:
        server.close()
        await server.wait_closed()


def served_nodelay() -> int:
    """TCP_NODELAY of a connection to a listener bound by Streamlit's server, as asyncio serves it."""
    return asyncio.run(_served_nodelay())


@pytest.fixture
def unpatched(monkeypatch):
    """Streamlit's own bind function, restored after the test (send_without_delay replaces it)."""
    monkeypatch.setattr(starlette_server, "_bind_socket", starlette_server._bind_socket)
    return starlette_server._bind_socket


def test_streamlits_own_server_still_leaves_nagle_on(unpatched):
    # When this fails, Streamlit's connections send at once by themselves: serving.send_without_delay can go.
    assert served_nodelay() == 0


def test_every_connection_the_server_takes_sends_without_delay(unpatched):
    serving.send_without_delay()
    assert starlette_server._bind_socket is not unpatched
    assert served_nodelay() != 0


def test_wrapping_twice_wraps_once(unpatched):
    serving.send_without_delay()
    once = starlette_server._bind_socket
    serving.send_without_delay()
    assert starlette_server._bind_socket is once


def test_a_streamlit_without_the_function_is_served_as_it_is(monkeypatch, caplog):
    monkeypatch.delattr(starlette_server, "_bind_socket")
    serving.send_without_delay()
    assert not hasattr(starlette_server, "_bind_socket")
    assert "Nagle" in caplog.text
