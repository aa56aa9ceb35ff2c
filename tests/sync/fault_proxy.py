"""A real TCP proxy that understands just enough HTTP/1.1 to break it on purpose.

Per request it picks (seeded) one fault: reset the connection in the middle of the request
body, delay, answer 500/503 with Retry-After without forwarding, or forward the request and
then drop the server's answer (the server committed, the client never hears it).
"""

from __future__ import annotations

import contextlib
import random
import socket
import struct
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

FAULTS = ("reset_mid_body", "delay", "http_500", "http_503", "drop_response")


@dataclass
class FaultPlan:
    rate: float = 0.2  # share of requests that get a fault
    faults: tuple[str, ...] = FAULTS
    seed: int = 1
    spare_paths: tuple[str, ...] = ()  # path prefixes never faulted
    retry_after: str = "0"


@dataclass
class FaultProxy:
    upstream: tuple[str, int]
    plan: FaultPlan = field(default_factory=FaultPlan)

    def __post_init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.client_bytes = 0
        self._rng = random.Random(self.plan.seed)
        self._lock = threading.Lock()
        self._sock = socket.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self.port = self._sock.getsockname()[1]
        self._stop = False
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self._stop = True
        self._sock.close()

    def _pick(self, path: str) -> str | None:
        if any(path.startswith(p) for p in self.plan.spare_paths):
            return None
        with self._lock:
            if self._rng.random() < self.plan.rate:
                return self._rng.choice(self.plan.faults)
        return None

    def _accept(self) -> None:
        while not self._stop:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        upstream: socket.socket | None = None
        cbuf = bytearray()
        try:
            while True:
                head = _read_head(client, cbuf)
                if head is None:
                    return
                method, path, length = _parse_request(head)
                fault = self._pick(path)
                if fault:
                    with self._lock:
                        self.counts[fault] += 1
                if fault in ("http_500", "http_503"):
                    _read_exact(client, cbuf, length)
                    code = 500 if fault == "http_500" else 503
                    body = b'{"error":"injected","detail":"Injected fault."}'
                    client.sendall(
                        f"HTTP/1.1 {code} Injected\r\nContent-Type: application/json\r\n"
                        f"Retry-After: {self.plan.retry_after}\r\n"
                        f"Content-Length: {len(body)}\r\n\r\n".encode()
                        + body
                    )
                    continue
                if fault == "delay":
                    time.sleep(self._rng.uniform(0.01, 0.15))
                if upstream is None:
                    upstream = socket.create_connection(self.upstream)
                if fault == "reset_mid_body" and length > 1:
                    upstream.sendall(head)
                    part = _read_exact(client, cbuf, length // 2)
                    upstream.sendall(part)
                    _reset(client)
                    _reset(upstream)
                    return
                body = _read_exact(client, cbuf, length)
                with self._lock:
                    self.client_bytes += len(head) + len(body)
                upstream.sendall(head + body)
                ubuf = bytearray()
                rhead = _read_head(upstream, ubuf)
                if rhead is None:
                    return
                rlen = 0 if method == "HEAD" else _content_length(rhead)
                rbody = _read_exact(upstream, ubuf, rlen)
                if fault == "drop_response":
                    _reset(client)
                    _reset(upstream)
                    return
                client.sendall(rhead + rbody)
        except OSError:
            return
        finally:
            for s in (client, upstream):
                if s is not None:
                    with contextlib.suppress(OSError):
                        s.close()


def _reset(sock: socket.socket) -> None:
    # SO_LINGER 0 makes close() send RST: a hard connection reset, not a clean FIN.
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()
    except OSError:
        pass


def _read_head(sock: socket.socket, buf: bytearray) -> bytes | None:
    while b"\r\n\r\n" not in buf:
        data = sock.recv(65536)
        if not data:
            return None
        buf += data
    end = buf.index(b"\r\n\r\n") + 4
    head = bytes(buf[:end])
    del buf[:end]
    return head


def _read_exact(sock: socket.socket, buf: bytearray, n: int) -> bytes:
    while len(buf) < n:
        data = sock.recv(max(65536, n - len(buf)))
        if not data:
            raise OSError("peer closed")
        buf += data
    out = bytes(buf[:n])
    del buf[:n]
    return out


def _parse_request(head: bytes) -> tuple[str, str, int]:
    line = head.split(b"\r\n", 1)[0].decode("latin-1")
    method, path, _ = line.split(" ", 2)
    return method, path, _content_length(head)


def _content_length(head: bytes) -> int:
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value.strip())
    return 0
