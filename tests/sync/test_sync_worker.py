"""The outbox worker with the real Store and a real server process, through a faulty network."""

from __future__ import annotations

import io
import os
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fault_proxy import FAULTS, FaultPlan, FaultProxy
from sync_helpers import (
    ServerProc,
    device_key,
    enrolled_profile,
    open_store,
    open_sync_store,
    queue_dossier,
    server_dossiers,
    sha,
    start_server,
)

from kiosk.dossier.model import DossierState
from sync.device import load_device
from sync.envelope import PlainFile, b64d, seal_dossier
from sync.transport import Transport
from sync.worker import SyncEvent, SyncWorker

pytestmark = [pytest.mark.server]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> ServerProc:
    srv = start_server(tmp_path_factory.mktemp("wsrv") / "data")
    yield srv
    srv.stop()


def _pending(store) -> int:  # type: ignore[no-untyped-def]
    st = store.outbox_stats()
    return int(st["queued"]) + int(st["uploading"])


@pytest.mark.slow
def test_every_dossier_arrives_exactly_once_through_faults(server: ServerProc, tmp_path: Path) -> None:
    proxy = FaultProxy(("127.0.0.1", server.port), FaultPlan(rate=0.0, seed=11))
    try:
        prof = enrolled_profile(tmp_path / "p", server, url=proxy.url)
        store = open_store(prof)
        rng = random.Random(5)
        payloads = {}
        for _ in range(12):
            data = rng.randbytes(rng.randint(20_000, 400_000))
            payloads[queue_dossier(store, data)] = data
        proxy.plan.rate = 0.3
        worker = SyncWorker(
            lambda: store,
            prof,
            base_delay=0.01,
            max_delay=0.1,
            max_wait=3.0,
            chunk_size=64 * 1024,
            read_timeout=10,
        )
        outcomes = []
        for _ in range(100):
            outcomes.append(worker.run_until_empty(store=store).outcome)
            if _pending(store) == 0:
                break
        assert _pending(store) == 0, outcomes
        assert store.outbox_stats()["quarantined"] == 0
        for fault in FAULTS:
            assert proxy.counts[fault] > 0, proxy.counts
        rows = {r["uuid"]: r for r in server_dossiers(server) if r["uuid"] in payloads}
        assert set(rows) == set(payloads)
        codes = [r["official_code"] for r in rows.values()]
        assert len(set(codes)) == len(codes)
        for uuid, data in payloads.items():
            assert rows[uuid]["files"][1]["decrypted_sha256"] == sha(data)
            d = store.get_dossier(uuid)
            assert d.state == DossierState.synced and d.official_code == rows[uuid]["official_code"]
        # Only sealed bytes were ever cached, and the cache is emptied once sent.
        assert not any((prof.root / "outbox").iterdir())
        store.close()
    finally:
        proxy.close()


def test_retry_after_is_honoured(server: ServerProc, tmp_path: Path) -> None:
    proxy = FaultProxy(
        ("127.0.0.1", server.port),
        FaultPlan(rate=0.0, faults=("http_503",), retry_after="40", spare_paths=("/v1/health",)),
    )
    try:
        prof = enrolled_profile(tmp_path / "p", server, url=proxy.url)
        store = open_store(prof)
        uuid = queue_dossier(store, b"x" * 1000)
        proxy.plan.rate = 1.0
        before = datetime.now(UTC)
        result = SyncWorker(lambda: store, prof, base_delay=0.01, max_delay=600).run_until_empty(
            store=store, max_wait=0
        )
        assert result.outcome == "waiting" and result.deferred == 1 and result.exit_code == 6
        entry = store.outbox_entry(uuid)
        assert entry.status == "queued" and entry.last_error == "Injected fault."
        assert datetime.fromisoformat(entry.next_attempt_at) >= before + timedelta(seconds=40)
        store.close()
    finally:
        proxy.close()


def test_unreachable_server_keeps_the_queue(tmp_path: Path, server: ServerProc) -> None:
    from sync.device import save_device

    prof = enrolled_profile(tmp_path / "p", server)
    dev = load_device(prof)
    assert dev is not None
    dev.server_url = "http://127.0.0.1:9"  # nothing listens there
    save_device(prof, dev)
    store = open_store(prof)
    uuid = queue_dossier(store, b"abc")
    result = SyncWorker(lambda: store, prof).run_until_empty(store=store)
    assert result.outcome == "unreachable" and "unreachable" in result.message and result.exit_code == 5
    assert store.outbox_entry(uuid).status == "queued" and store.outbox_entry(uuid).attempts == 0
    store.close()


def test_permanent_refusal_goes_to_quarantine_with_the_reason(server: ServerProc, tmp_path: Path) -> None:
    prof = enrolled_profile(tmp_path / "p", server)
    store = open_store(prof)
    uuid = queue_dossier(store, b"original scan")
    dev = load_device(prof)
    assert dev is not None
    # Someone already delivered different content under this UUID, at a later revision.
    other = seal_dossier(
        dossier_uuid=uuid,
        revision=99,  # a later revision than the counter has: no amendment possible
        files=[PlainFile("dossier", lambda: io.BytesIO(b"{}"))],
        device_id=dev.device_id,
        device_key=device_key(prof),
        server_public=b64d(dev.server_public_key),
        key_id=dev.key_id,
        out_dir=tmp_path / "other",
    )
    code = Transport(dev, device_key(prof)).send(other)["official_code"]  # type: ignore[index]
    worker = SyncWorker(lambda: store, prof, base_delay=0.01)
    result = worker.run_until_empty(store=store)
    assert result.quarantined == 1 and result.outcome == "empty"
    d = store.get_dossier(uuid)
    assert d.state == DossierState.quarantined
    assert "different content" in (d.quarantine_reason or "") and code in (d.quarantine_reason or "")
    assert not (prof.root / "outbox" / uuid).exists()
    store.outbox_requeue(uuid)
    assert store.outbox_entry(uuid).status == "queued"
    store.close()


def test_edit_during_upload_requeues_and_the_new_revision_wins(server: ServerProc, tmp_path: Path) -> None:
    prof = enrolled_profile(tmp_path / "p", server)
    store = open_store(prof)
    uuid = queue_dossier(store, os.urandom(400_000))
    first = store.get_dossier(uuid).revision
    edited: list[str] = []
    after_edit: list[str] = []  # event kinds from the edit on

    def on_event(ev: SyncEvent) -> None:
        if edited:
            after_edit.append(ev.kind)
        if ev.kind == "progress" and ev.uuid == uuid and not edited:
            store.update_dossier(uuid, fields={"note": "corrected while uploading"})
            edited.append(uuid)

    worker = SyncWorker(lambda: store, prof, base_delay=0.01, chunk_size=64 * 1024, on_event=on_event)
    for _ in range(5):
        worker.run_until_empty(store=store)
        if _pending(store) == 0:
            break
    assert edited
    # The stale seal stopped at the next chunk boundary instead of sending its ~6 other chunks.
    assert "attempt" in after_edit and "progress" not in after_edit[: after_edit.index("attempt")]
    d = store.get_dossier(uuid)
    assert d.state == DossierState.synced and d.revision == first + 1
    rows = [r for r in server_dossiers(server) if r["uuid"] == uuid]
    assert len(rows) == 1 and rows[0]["revision"] == first + 1 and rows[0]["official_code"] == d.official_code
    store.close()


def test_status_pull_records_portal_codes(server: ServerProc, tmp_path: Path) -> None:
    prof = enrolled_profile(tmp_path / "p", server)
    store = open_store(prof)
    uuid = queue_dossier(store, b"scan")
    sync_store = open_sync_store(prof)  # the worker's least-privilege handle
    worker = SyncWorker(lambda: sync_store, prof)
    assert worker.run_until_empty(store=sync_store).outcome == "empty"
    server.admin().set_portal_status(uuid, 4)
    assert worker.pull_statuses(sync_store) == 1
    assert store.get_dossier(uuid).portal_status == 4
    assert worker.pull_statuses(sync_store) == 0
    sync_store.close()
    store.close()


def test_background_thread_sends_and_stops(server: ServerProc, tmp_path: Path) -> None:
    import threading

    prof = enrolled_profile(tmp_path / "p", server)
    store = open_store(prof)
    uuid = queue_dossier(store, b"scan")
    store.close()
    synced = threading.Event()
    names: list[str] = []

    def on_event(ev: SyncEvent) -> None:
        names.append(threading.current_thread().name)
        if ev.kind == "synced" and ev.uuid == uuid:
            synced.set()

    worker = SyncWorker(lambda: open_sync_store(prof), prof, on_event=on_event, poll_interval=0.5)
    worker.start()
    try:
        assert synced.wait(30)
    finally:
        worker.stop()
    assert set(names) == {"kiosk-sync"}
    store = open_store(prof)
    assert store.get_dossier(uuid).state == DossierState.synced
    store.close()


def test_damaged_local_attachment_is_quarantined_not_sent(server: ServerProc, tmp_path: Path) -> None:
    prof = enrolled_profile(tmp_path / "p", server)
    store = open_store(prof)
    uuid = queue_dossier(store, os.urandom(300_000))
    files = [p for p in prof.attachments_dir.rglob("*") if p.is_file() and p.stat().st_size > 200_000]
    assert len(files) == 1
    raw = bytearray(files[0].read_bytes())
    raw[150_000] ^= 0xFF
    files[0].write_bytes(bytes(raw))
    result = SyncWorker(lambda: store, prof).run_until_empty(store=store)
    assert result.quarantined == 1 and not result.sent
    d = store.get_dossier(uuid)
    assert d.state == DossierState.quarantined and "damaged" in (d.quarantine_reason or "")
    assert not [r for r in server_dossiers(server) if r["uuid"] == uuid]
    assert not (prof.root / "outbox" / uuid).exists()  # no half-sealed leftovers
    store.close()


def test_supplement_after_sync_keeps_the_official_code(server: ServerProc, tmp_path: Path) -> None:
    """An edit after sync (a supplement) is sent as a newer revision under the same code."""
    prof = enrolled_profile(tmp_path / "p", server)
    store = open_store(prof)
    uuid = queue_dossier(store, os.urandom(100_000))
    worker = SyncWorker(lambda: store, prof, base_delay=0.01)
    assert worker.run_until_empty(store=store).outcome == "empty"
    first = store.get_dossier(uuid)
    before = next(r for r in server_dossiers(server) if r["uuid"] == uuid)
    store.update_dossier(uuid, fields={"note": "supplement: proof of residence added"})
    assert store.get_dossier(uuid).state == DossierState.queued
    result = worker.run_until_empty(store=store)
    assert result.outcome == "empty" and result.sent == [(uuid, first.official_code)]
    d = store.get_dossier(uuid)
    assert d.state == DossierState.synced and d.official_code == first.official_code
    rows = [r for r in server_dossiers(server) if r["uuid"] == uuid]
    assert len(rows) == 1 and rows[0]["official_code"] == first.official_code
    assert rows[0]["revision"] == d.revision > before["revision"] and rows[0]["state"] == "committed"
    assert rows[0]["files"][0]["decrypted_sha256"] != before["files"][0]["decrypted_sha256"]
    assert rows[0]["files"][1]["decrypted_sha256"] == before["files"][1]["decrypted_sha256"]
    actions = [a["action"] for a in server.admin().audit_trail() if a["dossier_uuid"] == uuid]
    assert actions.count("committed") == 1 and actions.count("amended") == 1
    # The previous revision's parts are gone once the amendment is in.
    parts = list((server.data_dir / "blobs" / uuid).rglob("*.part"))
    assert len(parts) == 2
    store.close()


def test_disconnected_hint_still_probes_on_a_slow_timer(server: ServerProc, tmp_path: Path) -> None:
    """Qt saying "disconnected" slows probing; it never stops sending for good."""
    import threading

    prof = enrolled_profile(tmp_path / "p", server)
    store = open_store(prof)
    first = queue_dossier(store, b"one")
    store.close()
    synced: list[str] = []
    got = threading.Event()

    def on_event(ev: SyncEvent) -> None:
        if ev.kind == "synced" and ev.uuid:
            synced.append(ev.uuid)
            got.set()

    worker = SyncWorker(
        lambda: open_sync_store(prof), prof, on_event=on_event, poll_interval=30, offline_probe_interval=1.0
    )
    worker.set_online_hint(False)
    worker.start()
    try:
        assert got.wait(20) and synced == [first]
        got.clear()
        store = open_store(prof)
        second = queue_dossier(store, b"two")  # nobody calls wake(): the slow probe finds it
        store.close()
        assert got.wait(20) and synced == [first, second]
    finally:
        worker.stop()


def test_unreachable_server_is_probed_with_backoff_not_in_a_loop(server: ServerProc, tmp_path: Path) -> None:
    import time

    from sync.device import save_device

    prof = enrolled_profile(tmp_path / "p", server)
    dev = load_device(prof)
    assert dev is not None
    dev.server_url = "http://127.0.0.1:9"  # nothing listens there
    save_device(prof, dev)
    store = open_store(prof)
    queue_dossier(store, b"one")
    store.close()
    offline: list[float] = []
    worker = SyncWorker(
        lambda: open_sync_store(prof),
        prof,
        on_event=lambda ev: offline.append(time.monotonic()) if ev.kind == "offline" else None,
        poll_interval=30,
        base_delay=1.0,
        offline_probe_interval=60.0,
        rng=random.Random(3),
    )
    worker.start()
    time.sleep(4.0)
    worker.stop()
    # A due dossier on an unreachable server used to cost a probe every 0.5 s.
    assert 1 <= len(offline) <= 5
