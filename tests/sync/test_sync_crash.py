"""Crash test: the sending client is SIGKILLed at random points, then restarted.

Each trial forks a client process (the parent has the imports, so a trial costs
milliseconds), lets it sync for a random moment and kills it with SIGKILL. After all trials a
last run completes the queue; the server must hold every dossier exactly once, byte-identical.
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest
from sync_helpers import (
    enrolled_profile,
    open_store,
    open_sync_store,
    queue_dossier,
    server_dossiers,
    sha,
    start_server,
)

from kiosk.dossier.model import DossierState
from sync.worker import SyncWorker

pytestmark = [pytest.mark.server, pytest.mark.slow]
TRIALS = 60


def _child(profile_root: Path, ready_w: int) -> None:
    from kiosk.profile import Profile

    prof = Profile.open(profile_root)
    store = open_sync_store(prof)
    os.write(ready_w, b"r")
    worker = SyncWorker(
        lambda: store,
        prof,
        base_delay=0.01,
        max_delay=0.05,
        max_wait=1.0,
        chunk_size=32 * 1024,
        bandwidth=3_000_000,
    )
    worker.run_until_empty(store=store)
    store.close()


def test_sigkill_at_random_points_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    server = start_server(tmp_path / "srv")
    try:
        prof = enrolled_profile(tmp_path / "p", server)
        rng = random.Random(2024)
        payloads: dict[str, bytes] = {}
        mid_upload = 0
        for _trial in range(TRIALS):
            store = open_store(prof)
            for _ in range(rng.choice((0, 1, 1, 2))):
                data = rng.randbytes(rng.randint(30_000, 300_000))
                payloads[queue_dossier(store, data)] = data
            store.close()
            ready_r, ready_w = os.pipe()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the child process
                code = 0
                try:
                    os.close(ready_r)
                    _child(prof.root, ready_w)
                except BaseException:
                    code = 1
                finally:
                    os._exit(code)
            os.close(ready_w)
            assert os.read(ready_r, 1) == b"r"
            os.close(ready_r)
            time.sleep(rng.uniform(0.0, 0.2))
            os.kill(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
            assert os.WIFSIGNALED(status) or os.WEXITSTATUS(status) == 0
            store = open_store(prof)
            far = store.outbox_due(now=__import__("datetime").datetime(2100, 1, 1), limit=1000)
            mid_upload += any(e.status == "uploading" for e in far)
            store.close()
        assert mid_upload >= 10  # the kills really landed during uploads

        store = open_store(prof)
        worker = SyncWorker(lambda: store, prof, base_delay=0.01, max_wait=5.0)
        for _ in range(5):
            worker.run_until_empty(store=store)
            st = store.outbox_stats()
            if st["queued"] + st["uploading"] == 0:
                break
        rows = server_dossiers(server)
        uuids = [r["uuid"] for r in rows]
        assert sorted(uuids) == sorted(payloads)  # each exactly once, none missing, none extra
        codes = [r["official_code"] for r in rows]
        assert len(set(codes)) == len(codes)
        by_uuid = {r["uuid"]: r for r in rows}
        for uuid, data in payloads.items():
            assert by_uuid[uuid]["files"][1]["decrypted_sha256"] == sha(data)
            d = store.get_dossier(uuid)
            assert d.state == DossierState.synced and d.official_code == by_uuid[uuid]["official_code"]
        assert store.outbox_stats()["quarantined"] == 0
        store.close()
        # No half-sealed leftovers, and nothing in the outbox cache for sent dossiers.
        assert not any((prof.root / "outbox").iterdir())
    finally:
        server.stop()
