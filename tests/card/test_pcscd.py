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
