"""The "vicc" side of vsmartcard's vpcd: connect to the virtual reader and answer it.

vpcd (the pcscd driver) listens on TCP 35963 + reader index. Every message is a 2-byte
big-endian length then the payload; a 1-byte payload is a control code (0 power off, 1 power
on, 2 reset, 4 get ATR), anything longer is a C-APDU to answer with an R-APDU. While we are
connected the reader reports a card present; closing the socket "lifts" the card.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)

VPCD_HOST = "127.0.0.1"
VPCD_PORT = 35963
CTRL_OFF, CTRL_ON, CTRL_RESET, CTRL_ATR = 0, 1, 2, 4


_QUICKACK = getattr(socket, "TCP_QUICKACK", None)


def _recv_exact(sock: socket.socket, n: int) -> bytes | None:
    buf = bytearray()
    while len(buf) < n:
        if _QUICKACK is not None:
            # vpcd writes the length and the payload separately without TCP_NODELAY, so Nagle
            # holds the payload until our ACK; quick ACKs (re-armed per read) avoid a ~40 ms
            # delayed-ACK stall on every APDU.
            sock.setsockopt(socket.IPPROTO_TCP, _QUICKACK, 1)
        chunk = sock.recv(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return bytes(buf)


class VpcdLink:
    """A background thread holding one virtual card in one vpcd reader slot."""

    def __init__(
        self,
        reader_index: int,
        get_atr: Callable[[], bytes],
        on_apdu: Callable[[bytes], bytes | None],
        on_reset: Callable[[], None],
        host: str = VPCD_HOST,
    ) -> None:
        self.port = VPCD_PORT + reader_index
        self.host = host
        self._get_atr, self._on_apdu, self._on_reset = get_atr, on_apdu, on_reset
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self.connected = threading.Event()
        self.served = threading.Event()  # vpcd has spoken to us (it serves one card per slot)

    def start(self, timeout: float = 10.0) -> None:
        self._stop.clear()
        self.connected.clear()
        self.served.clear()
        sock = socket.create_connection((self.host, self.port), timeout=timeout)
        # Without TCP_NODELAY each small R-APDU waits for the peer's delayed ACK (~40 ms).
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.settimeout(None)
        self._sock = sock
        self.connected.set()
        self._thread = threading.Thread(target=self._run, name=f"vpcd-{self.port}", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        sock = self._sock
        assert sock is not None
        try:
            while not self._stop.is_set():
                hdr = _recv_exact(sock, 2)
                if hdr is None:
                    break
                payload = _recv_exact(sock, int.from_bytes(hdr, "big"))
                if payload is None:
                    break
                self.served.set()
                if len(payload) == 1:
                    code = payload[0]
                    if code == CTRL_ATR:
                        self._send(self._get_atr())
                    elif code in (CTRL_OFF, CTRL_ON, CTRL_RESET):
                        self._on_reset()
                    continue
                answer = self._on_apdu(payload)
                if answer is None:  # the card was lifted mid-command
                    break
                self._send(answer)
        except OSError:
            pass
        finally:
            self.connected.clear()
            with contextlib.suppress(OSError):
                sock.close()

    def _send(self, data: bytes) -> None:
        assert self._sock is not None
        self._sock.sendall(len(data).to_bytes(2, "big") + data)

    def stop(self) -> None:
        self._stop.set()
        if self._sock is not None:
            with contextlib.suppress(OSError):
                self._sock.shutdown(socket.SHUT_RDWR)
            self._sock.close()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)
        self._thread = None
        self.connected.clear()
