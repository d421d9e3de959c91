"""The server's connections send at once: Nagle's algorithm off on every socket Streamlit's listener accepts
(serving.send_without_delay). Without it each page run's messages after the first wait ~40 ms for the
browser's delayed acknowledgement."""
from __future__ import annotations

import socket

import pytest
from streamlit.web.server.starlette import starlette_server

from examencijfers import serving


def accepted_nodelay(bind) -> int:
    """TCP_NODELAY of a connection accepted by a listener that `bind` made."""
    listening = bind("127.0.0.1", 0, 8)
    try:
        with socket.create_connection(listening.getsockname()) as client:
            listening.setblocking(True)
            accepted, _ = listening.accept()
            with accepted:
                return accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    finally:
        listening.close()


@pytest.fixture
def unpatched(monkeypatch):
    """Streamlit's own bind function, restored after the test (send_without_delay replaces it)."""
    monkeypatch.setattr(starlette_server, "_bind_socket", starlette_server._bind_socket)
    return starlette_server._bind_socket


def test_streamlits_own_listener_still_leaves_nagle_on(unpatched):
    # When this fails, Streamlit sets TCP_NODELAY itself: serving.send_without_delay can go.
    assert accepted_nodelay(unpatched) == 0


def test_every_accepted_connection_sends_without_delay(unpatched):
    serving.send_without_delay()
    assert starlette_server._bind_socket is not unpatched
    assert accepted_nodelay(starlette_server._bind_socket) != 0


def test_wrapping_twice_wraps_once(unpatched):
    serving.send_without_delay()
    once = starlette_server._bind_socket
    serving.send_without_delay()
    assert starlette_server._bind_socket is once
