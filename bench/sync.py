"""Sync benchmark over loopback: throughput, wire overhead, client memory, resume cost.

    .venv/bin/python bench/sync.py [--dossiers 200] [--big-mb 500]

1. 200 dossiers of 1-5 MB through the real worker (seal from the encrypted store, upload,
   server verify + decrypt + commit): end-to-end throughput in MB/s of plaintext payload.
2. Bytes on the wire over payload (client-to-server bytes counted by a loopback proxy).
3. Peak RSS of a client process sending one 500 MB attachment.
4. Bytes re-sent after the connection is cut in the middle of a file.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import random
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "sync"))

from sync_helpers import enrolled_profile, open_store, queue_dossier, start_server  # noqa: E402

from sync import protocol as P  # noqa: E402
from sync.worker import SyncWorker  # noqa: E402

MB = 1024 * 1024


class CountingProxy:
    """Relays loopback TCP and counts client-to-server bytes; can cut after N bytes once."""

    def __init__(self, upstream_port: int, cut_after: int | None = None) -> None:
        self.upstream_port = upstream_port
        self.sent = 0
        self.cut_after = cut_after
        self.cut_done = False
        self._lock = threading.Lock()
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                c, _ = self.sock.accept()
            except OSError:
                return
            u = socket.create_connection(("127.0.0.1", self.upstream_port))
            threading.Thread(target=self._pipe, args=(c, u, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(u, c, False), daemon=True).start()

    def _pipe(self, src: socket.socket, dst: socket.socket, upward: bool) -> None:
        try:
            while data := src.recv(256 * 1024):
                if upward:
                    with self._lock:
                        self.sent += len(data)
                        cut = self.cut_after is not None and not self.cut_done and self.sent > self.cut_after
                        if cut:
                            self.cut_done = True
                    if cut:
                        src.close()
                        dst.close()
                        return
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.close()


def bench_throughput(tmp: Path, n: int) -> dict[str, float]:
    server = start_server(tmp / "srv1")
    try:
        prof = enrolled_profile(tmp / "p1", server)
        store = open_store(prof)
        rng = random.Random(1)
        payload = 0
        block = os.urandom(5 * MB)
        for i in range(n):
            size = rng.randint(1 * MB, 5 * MB)
            # Random-looking but cheap to make: a rotated slice of one random block.
            start = rng.randint(0, 5 * MB - 1)
            data = (block[start:] + block[:start])[:size]
            queue_dossier(store, data, note=str(i))
            payload += size
        worker = SyncWorker(lambda: store, prof)
        t0 = time.perf_counter()
        result = worker.run_until_empty(store=store)
        elapsed = time.perf_counter() - t0
        assert result.outcome == "empty" and len(result.sent) == n, result
        store.close()
    finally:
        server.stop()
    return {"dossiers": n, "payload_mb": payload / MB, "seconds": elapsed, "mb_per_s": payload / MB / elapsed}


def bench_wire(tmp: Path, n: int) -> dict[str, float]:
    server = start_server(tmp / "srv2")
    proxy = CountingProxy(server.port)
    try:
        prof = enrolled_profile(tmp / "p2", server, url=f"http://127.0.0.1:{proxy.port}")
        store = open_store(prof)
        rng = random.Random(2)
        payload = 0
        for i in range(n):
            data = rng.randbytes(rng.randint(1 * MB, 5 * MB))
            queue_dossier(store, data, note=str(i))
            payload += len(data)
        proxy.sent = 0  # count the sync only, not the enrolment
        result = SyncWorker(lambda: store, prof).run_until_empty(store=store)
        assert result.outcome == "empty", result
        store.close()
    finally:
        server.stop()
    return {
        "dossiers": n,
        "payload_mb": payload / MB,
        "wire_mb": proxy.sent / MB,
        "ratio": proxy.sent / payload,
    }


def _peak_rss_mb() -> float:
    """This process's own peak RSS: VmHWM belongs to the address space made at exec, whereas
    ru_maxrss survives fork + exec and would report the (bigger) benchmark parent."""
    for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_prepare(profile_root: str, size_mb: int) -> None:
    """Child 1: put a big attachment in the store and queue it (the store's own memory use)."""
    from kiosk.dossier.model import DossierState
    from kiosk.profile import Profile

    prof = Profile.open(profile_root)
    store = open_store(prof)
    big = Path(profile_root) / "big.bin"  # plaintext test input outside the store, removed below
    with open(big, "wb") as fh:
        chunk = os.urandom(MB)
        for _ in range(size_mb):
            fh.write(chunk)
    d = store.create_dossier("bench.procedure", {}, {"note": "big"})
    with open(big, "rb") as fh:
        store.add_attachment(d.uuid, "scan", fh, filename="big.pdf", mime="application/pdf")
    big.unlink()
    store.transition(d.uuid, DossierState.received)
    store.transition(d.uuid, DossierState.queued)
    store.close()
    print(f"RSS {_peak_rss_mb():.1f}", flush=True)


def _rss_send(profile_root: str) -> None:
    """Child 2: a fresh client process that only syncs (seal + upload) the big dossier."""
    from kiosk.profile import Profile

    prof = Profile.open(profile_root)
    store = open_store(prof)
    result = SyncWorker(lambda: store, prof).run_until_empty(store=store)
    store.close()
    print(f"RSS {_peak_rss_mb():.1f} {result.outcome}", flush=True)


def _child(*args: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return [x for x in out.stdout.splitlines() if x.startswith("RSS ")][-1].split()[1:]


def bench_rss(tmp: Path, size_mb: int) -> dict[str, float]:
    server = start_server(tmp / "srv3")
    try:
        prof = enrolled_profile(tmp / "p3", server)
        (prepare,) = _child("--rss-prepare", str(prof.root), str(size_mb))
        peak, outcome = _child("--rss-send", str(prof.root))
        assert outcome == "empty", outcome
        committed = [d for d in server.admin().list_dossiers() if d["files"][1]["size"] == size_mb * MB]
        assert len(committed) == 1
    finally:
        server.stop()
    return {"attachment_mb": size_mb, "peak_rss_mb": float(peak), "store_add_mb": float(prepare)}


def bench_resume(tmp: Path) -> dict[str, float]:
    server = start_server(tmp / "srv4")
    size = 40 * MB
    proxy = CountingProxy(server.port, cut_after=None)
    try:
        prof = enrolled_profile(tmp / "p4", server, url=f"http://127.0.0.1:{proxy.port}")
        store = open_store(prof)
        queue_dossier(store, os.urandom(size))
        proxy.sent = 0
        proxy.cut_after = size // 2 + 2 * MB + 12345  # mid-file, about half-way through a 4 MiB chunk
        worker = SyncWorker(lambda: store, prof, base_delay=0.01, max_wait=10)
        sent_total = 0
        for _ in range(5):
            result = worker.run_until_empty(store=store)
            if result.outcome == "empty" and result.sent:
                break
        assert proxy.cut_done and result.outcome == "empty"
        sent_total = proxy.sent
        store.close()
    finally:
        server.stop()
    sealed = size + (size // (64 * 1024)) * 16
    resent = sent_total - sealed
    return {
        "file_mb": size / MB,
        "client_bytes": sent_total,
        "resent_bytes": resent,
        "chunk_bytes": P.UPLOAD_CHUNK,
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dossiers", type=int, default=200)
    ap.add_argument("--wire-dossiers", type=int, default=200)
    ap.add_argument("--big-mb", type=int, default=500)
    ap.add_argument("--rss-prepare", nargs=2, metavar=("PROFILE", "MB"))
    ap.add_argument("--rss-send", metavar="PROFILE")
    args = ap.parse_args()
    if args.rss_prepare:
        _rss_prepare(args.rss_prepare[0], int(args.rss_prepare[1]))
        return 0
    if args.rss_send:
        _rss_send(args.rss_send)
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="kiosk-bench-sync-"))
    try:
        lines = Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
        cpu = next((ln.split(":", 1)[1].strip() for ln in lines if ln.startswith("model name")), "?")
        print(f"machine: {os.cpu_count()} CPUs, {cpu}, Python {platform.python_version()}")
        t = bench_throughput(tmp, args.dossiers)
        print(
            f"throughput: {t['dossiers']} dossiers, {t['payload_mb']:.0f} MB in {t['seconds']:.1f} s "
            f"= {t['mb_per_s']:.1f} MB/s (target >= 50)"
        )
        w = bench_wire(tmp, args.wire_dossiers)
        print(
            f"wire/payload: {w['wire_mb']:.1f} MB / {w['payload_mb']:.1f} MB = {w['ratio']:.4f}"
            " (target <= 1.02)"
        )
        r = bench_rss(tmp, args.big_mb)
        print(
            f"client peak RSS with a {r['attachment_mb']} MB attachment: {r['peak_rss_mb']:.0f} MB"
            f" (target < 150; the store adding it took {r['store_add_mb']:.0f} MB in its own process)"
        )
        c = bench_resume(tmp)
        print(
            f"cut mid-file ({c['file_mb']:.0f} MB): re-sent {c['resent_bytes'] / MB:.2f} MB "
            f"(one chunk = {c['chunk_bytes'] / MB:.0f} MB; target <= one chunk)"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
