"""The card monitor's explicit states, with the real pcscd + vpcd, including service loss."""

from __future__ import annotations

import contextlib
import json
import os
import queue
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from kiosk.card.pcsc.monitor import CardMonitor, MonitorState, ReaderState, ServiceState
from kiosk.card.pcscd import socket_path

pytestmark = pytest.mark.pcsc
ROOT = Path(__file__).resolve().parents[2]
SLOT0 = "Virtual PCD 00 00"


class Recorder:
    def __init__(self) -> None:
        self.q: queue.Queue[MonitorState] = queue.Queue()

    def __call__(self, st: MonitorState) -> None:
        self.q.put(st)

    def wait_for(self, pred, timeout: float = 10.0) -> MonitorState:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + timeout
        seen = []
        while time.monotonic() < deadline:
            try:
                st = self.q.get(timeout=0.2)
            except queue.Empty:
                continue
            seen.append(st)
            if pred(st):
                return st
        raise AssertionError(f"state not reached; saw {seen}")


def slot0(st: MonitorState) -> ReaderState | None:
    r = st.reader(SLOT0)
    return r.state if r else None


def test_card_states_through_a_read(sim_card, pcscd) -> None:
    rec = Recorder()
    mon = CardMonitor(rec, poll_ms=200)
    mon.start()
    try:
        st = rec.wait_for(lambda s: s.service is ServiceState.READY and slot0(s) is ReaderState.NO_CARD)
        assert {r.name for r in st.readers} >= {SLOT0, "Virtual PCD 00 01"}
        card = sim_card("citizen_demo")
        st = rec.wait_for(lambda s: slot0(s) is ReaderState.EMRTD)
        assert st.summary == "emrtd"
        assert (st.reader(SLOT0) or None) is not None and st.reader(SLOT0).atr.startswith(b"\x3b")  # type: ignore[union-attr]
        mon.mark(SLOT0, ReaderState.READING)
        assert rec.wait_for(lambda s: slot0(s) is ReaderState.READING).summary == "reading"
        mon.mark(SLOT0, ReaderState.READ_OK)
        rec.wait_for(lambda s: slot0(s) is ReaderState.READ_OK)
        card.remove()
        assert rec.wait_for(lambda s: slot0(s) is ReaderState.NO_CARD).first_with_card() is None
    finally:
        mon.stop()


def test_non_emrtd_card(sim_card, pcscd) -> None:
    rec = Recorder()
    mon = CardMonitor(rec, poll_ms=200)
    mon.start()
    try:
        rec.wait_for(lambda s: slot0(s) is ReaderState.NO_CARD)
        sim_card("citizen_demo", emrtd=False)
        assert (
            rec.wait_for(lambda s: slot0(s) is not ReaderState.NO_CARD).reader(SLOT0).state
            is ReaderState.NOT_EMRTD
        )  # type: ignore[union-attr]
    finally:
        mon.stop()


class ServiceProxy:
    """A stand-in pcscd socket that forwards to the real one and can be 'stopped'."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.server: socket.socket | None = None
        self.conns: list[socket.socket] = []

    def start(self) -> None:
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(str(self.path))
        self.server.listen(16)
        threading.Thread(target=self._accept, args=(self.server,), daemon=True).start()

    def _accept(self, server: socket.socket) -> None:
        while True:
            try:
                client, _ = server.accept()
            except OSError:
                return
            upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            upstream.connect(str(socket_path()))
            self.conns += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(a: socket.socket, b: socket.socket) -> None:
        try:
            while data := a.recv(65536):
                b.sendall(data)
        except OSError:
            pass
        finally:
            for s in (a, b):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def stop(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        for c in self.conns:
            try:
                c.shutdown(socket.SHUT_RDWR)
                c.close()
            except OSError:
                pass
        self.conns.clear()
        self.path.unlink(missing_ok=True)


@pytest.mark.timeout(90)
def test_monitor_survives_the_service_stopping_and_restarting(pcscd) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="pcsc-proxy-"))
    sock = tmp / "pcscd.comm"
    code = (
        "import json,sys,time\n"
        "from kiosk.card.pcsc.monitor import CardMonitor\n"
        "m=CardMonitor(lambda s: print(json.dumps(s.summary), flush=True), poll_ms=200, probe=False)\n"
        "m.start()\n"
        "sys.stdin.read()\n"
        "m.stop()\n"
    )
    env = {**os.environ, "PCSCLITE_CSOCK_NAME": str(sock)}
    pipe = subprocess.PIPE
    argv = [sys.executable, "-c", code]
    proc = subprocess.Popen(argv, stdin=pipe, stdout=pipe, text=True, cwd=ROOT, env=env)
    proxy = ServiceProxy(sock)
    lines: queue.Queue[str] = queue.Queue()
    out = proc.stdout
    assert out is not None
    threading.Thread(target=lambda: [lines.put(ln) for ln in out], daemon=True).start()

    def next_state(want: str) -> None:
        deadline = time.monotonic() + 15
        got = []
        while time.monotonic() < deadline:
            try:
                got.append(json.loads(lines.get(timeout=0.5)))
            except queue.Empty:
                continue
            if got[-1] == want:
                return
        raise AssertionError(f"wanted {want}, got {got}")

    try:
        next_state("no_service")
        proxy.start()
        next_state("no_card")
        proxy.stop()
        next_state("no_service")
        proxy.start()
        next_state("no_card")
    finally:
        proxy.stop()
        proc.communicate("", timeout=10)


def test_a_quick_swap_of_cards_with_the_same_atr_is_a_new_card() -> None:
    from smartcard import scard

    from kiosk.card.pcsc.monitor import ReaderInfo, is_new_card

    atr = bytes.fromhex("3b8880014f5643434430")
    present = scard.SCARD_STATE_PRESENT
    read = ReaderInfo(SLOT0, ReaderState.READ_OK, atr)
    # Same card, only the in-use flag changed: the insertion count (high 16 bits) is unchanged.
    assert not is_new_card(read, (3 << 16) | present, (3 << 16) | present | scard.SCARD_STATE_INUSE, atr)
    # Lifted and another citizen's card placed within one status round: count moved by two.
    assert is_new_card(read, (3 << 16) | present, (5 << 16) | present, atr)
    # A different ATR, or no card known before, is always a new card.
    assert is_new_card(read, (3 << 16) | present, (3 << 16) | present, b"\x3b\x00")
    assert is_new_card(None, scard.SCARD_STATE_UNAWARE, (1 << 16) | present, atr)
    assert is_new_card(ReaderInfo(SLOT0, ReaderState.NO_CARD), 0, (1 << 16) | present, atr)


def test_a_pace_card_without_the_icao_application_is_not_an_id_card(sim_card, pcscd) -> None:
    from smartcard import scard

    from kiosk.card.errors import NotAnIdCardError
    from kiosk.card.keys import AccessKey
    from kiosk.card.pcsc.monitor import probe_emrtd
    from kiosk.card.reader import read_card

    # EF.CardAccess answers 9000 (as on eID or health cards with PACE), the LDS AID does not.
    card = sim_card("citizen_demo", lds_application=False)
    rc, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    assert rc == scard.SCARD_S_SUCCESS
    try:
        assert probe_emrtd(ctx, card.reader)[0] is False
        card.stop()
        card = sim_card("citizen_demo")
        assert probe_emrtd(ctx, card.reader)[0] is True
    finally:
        scard.SCardReleaseContext(ctx)
    card.stop()
    card = sim_card("citizen_demo", lds_application=False)
    with pytest.raises(NotAnIdCardError):
        read_card(card.reader, AccessKey.from_can("001234"))
