"""pcscd management: detection by socket (not by file), idempotent handles."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from kiosk.card import pcscd as pcscd_mod
from kiosk.card.pcscd import ensure_pcscd, pcscd_alive

pytestmark = pytest.mark.pcsc


def test_running_daemon_is_detected_and_handle_is_reused(pcscd) -> None:
    assert pcscd_alive()
    assert ensure_pcscd() is ensure_pcscd()


def test_stale_socket_file_is_not_a_running_daemon(tmp_path: Path, monkeypatch) -> None:
    stale = tmp_path / "pcscd.comm"
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(str(stale))  # bound but never listening: what a crashed daemon leaves behind
    s.close()
    monkeypatch.setenv("PCSCLITE_CSOCK_NAME", str(stale))
    assert pcscd_mod.socket_path() == stale
    assert not pcscd_alive()
    monkeypatch.setenv("PCSCLITE_CSOCK_NAME", str(tmp_path / "absent.comm"))
    assert not pcscd_alive()


def test_daemon_with_a_full_accept_queue_is_still_running(tmp_path: Path, monkeypatch) -> None:
    # pcscd accepts slowly under load; a full queue answers EAGAIN, and that must not be taken
    # for a dead daemon (doing so started a second pcscd that fought the first over vpcd).
    path = tmp_path / "pcscd.comm"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(0)
    queued = []
    try:
        for _ in range(8):  # fill the queue; the listener never accepts
            c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            c.setblocking(False)
            try:
                c.connect(str(path))
            except BlockingIOError:
                c.close()
                break
            queued.append(c)
        else:
            raise AssertionError("the accept queue never filled")
        monkeypatch.setenv("PCSCLITE_CSOCK_NAME", str(path))
        assert pcscd_alive()
    finally:
        for c in queued:
            c.close()
        server.close()
