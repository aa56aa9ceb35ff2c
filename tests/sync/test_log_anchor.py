"""The processing log's checkpoint anchored at the intake server (a real server process)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sync_helpers import (
    ADMIN_PASSPHRASE,
    admin_profile,
    enrolled_profile,
    kiosk_cli,
    open_store,
    open_sync_store,
    queue_dossier,
    start_server,
)

from kiosk.dossier.model import DossierState
from kiosk.profile import Profile
from kiosk.security.keys import unlock_with_passphrase
from sync import protocol as P
from sync.device import load_device
from sync.transport import SyncHttpError, Transport
from sync.worker import SyncEvent, SyncWorker
from tests.dossier.people import PEOPLE, citizen
from tests.security.log_rewrite import rewrite_chain

pytestmark = [pytest.mark.server]
CHECKPOINT_KEYS = {"entries", "head", "since_entries", "since_hash"}


def test_every_run_anchors_the_log_and_a_rewrite_is_caught_by_server_and_verify_log(tmp_path: Path) -> None:
    server = start_server(tmp_path / "srv")
    try:
        root = tmp_path / "p"
        prof = admin_profile(root)
        code = kiosk_cli(root, "server", "enrol-code", "--data", str(server.data_dir), "--unit", "H01")
        assert kiosk_cli(root, "enrol", server.url, code.stdout.strip()).returncode == 0
        store, _session = unlock_with_passphrase(prof, "admin", ADMIN_PASSPHRASE)
        d = store.create_dossier("CT01", {"applicant": citizen(0)}, {})
        store.transition(d.uuid, DossierState.received)
        store.transition(d.uuid, DossierState.queued)
        store.close()

        run = kiosk_cli(root, "sync", "run", "--json")
        assert run.returncode == 0, run.stderr
        store, _session = unlock_with_passphrase(prof, "admin", ADMIN_PASSPHRASE)
        accepted = store.log_anchor()
        here = store.verify_log()
        store.close()
        assert accepted is not None and accepted["state"] == "accepted"
        n, head = accepted["entries"], accepted["head"]
        assert 0 < n < here.entries  # unlocking again logged a login since
        rows = json.loads(
            kiosk_cli(root, "server", "log-checkpoints", "--data", str(server.data_dir), "--json").stdout
        )
        dev = load_device(prof)
        assert dev is not None
        assert len(rows) == 1
        assert set(rows[0]) == {"device_id", "entries", "head", "received_at"}
        assert (rows[0]["device_id"], rows[0]["entries"], rows[0]["head"]) == (dev.device_id, n, head)
        st = json.loads(kiosk_cli(root, "sync", "status", "--json").stdout)
        assert (st["log_anchor"], st["log_anchor_entries"]) == ("accepted", n)
        verified = json.loads(kiosk_cli(root, "admin", "verify-log", "--json").stdout)
        assert verified["intact"] is True

        # Whoever holds the data key rewrites the chain consistently, then the log grows on.
        store, _session = unlock_with_passphrase(prof, "admin", ADMIN_PASSPHRASE)
        rewrite_chain(store, seq=2)
        assert store.verify_log(None).problems == [
            f"entry {n} differs from the server's checkpoint: the log was rewritten"
        ]
        store.log_event("admin", detail="after the rewrite")
        store.close()

        r = kiosk_cli(root, "admin", "verify-log", "--json")
        assert r.returncode == 9
        assert json.loads(r.stdout)["problems"] == [
            f"entry {n} differs from the server's checkpoint: the log was rewritten"
        ]
        run = kiosk_cli(root, "sync", "run", "--json")
        assert run.returncode == 0, run.stderr  # the dossier queue is unaffected
        st = json.loads(kiosk_cli(root, "sync", "status", "--json").stdout)
        assert st["log_anchor"] == "contradicted"
        assert st["log_anchor_entries"] == n
        assert st["log_anchor_detail"] == (
            f"The processing log's entry {n} differs from the one this device "
            "reported before: the log was rewritten."
        )
        # The server stored nothing new and raised an alert in its audit trail.
        admin = server.admin()
        assert [(c["entries"], c["head"]) for c in admin.log_checkpoints()] == [(n, head)]
        alerts = [a for a in admin.audit_trail() if a["action"] == "log_contradiction"]
        assert len(alerts) == 1 and alerts[0]["device_id"] == dev.device_id
        assert alerts[0]["detail"].startswith("ALERT entries=") and alerts[0]["detail"].endswith(
            f"stored={n}"
        )
    finally:
        server.stop()


def _transport(profile: Profile) -> Transport:
    from sync.device import load_key

    dev = load_device(profile)
    assert dev is not None
    with open_store(profile) as store:
        return Transport(dev, load_key(profile, store))


def test_the_server_refuses_a_shorter_log_or_another_head_at_the_same_count(tmp_path: Path) -> None:
    server = start_server(tmp_path / "srv")
    try:
        prof = enrolled_profile(tmp_path / "p", server)
        t = _transport(prof)
        a, b = "a" * 64, "b" * 64
        assert t.log_checkpoint({"entries": 5, "head": a})["entries"] == 5
        assert t.log_checkpoint({"entries": 5, "head": a})["head"] == a  # the same again is fine
        assert (
            t.log_checkpoint({"entries": 9, "head": b, "since_entries": 5, "since_hash": a})["entries"] == 9
        )
        with pytest.raises(SyncHttpError) as shorter:
            t.log_checkpoint({"entries": 7, "head": b})
        assert (shorter.value.status, shorter.value.code) == (409, P.E_LOG_CONTRADICTION)
        assert shorter.value.detail == (
            "The processing log has 7 entries but this device reported 9 before: "
            "entries were removed or an older copy was restored."
        )
        assert (shorter.value.body["stored_entries"], shorter.value.body["stored_head"]) == (9, b)
        with pytest.raises(SyncHttpError) as forked:
            t.log_checkpoint({"entries": 5, "head": b})
        assert forked.value.status == 409
        with pytest.raises(SyncHttpError) as moved_on:
            t.log_checkpoint({"entries": 12, "head": a, "since_entries": 9, "since_hash": a})
        assert moved_on.value.detail.startswith("The processing log's entry 9 differs")
        with pytest.raises(SyncHttpError) as bad:
            t.log_checkpoint({"entries": 0, "head": a})
        assert (bad.value.status, bad.value.code) == (400, P.E_BAD_ENVELOPE)
        t.close()
        import requests

        op = requests.get(server.url + "/openapi.json", timeout=10).json()["paths"]["/v1/log-checkpoints"][
            "post"
        ]
        assert op["security"] == [{"deviceSignature": []}]
        assert op["responses"]["409"]["content"]["application/json"]["schema"]["$ref"].endswith(
            "/LogContradiction"
        )
        admin = server.admin()
        assert [(c["entries"], c["head"]) for c in admin.log_checkpoints()] == [(9, b), (5, a), (5, a)]
        assert len([a for a in admin.audit_trail() if a["action"] == "log_contradiction"]) == 3
    finally:
        server.stop()


def test_the_checkpoint_carries_no_personal_data_and_an_idle_worker_does_not_repeat_it(
    tmp_path: Path,
) -> None:
    server = start_server(tmp_path / "srv")
    try:
        prof = enrolled_profile(tmp_path / "p", server)
        with open_store(prof) as store:
            name, id_number = PEOPLE[0]["full_name"], PEOPLE[0]["id_number"]
            d = store.create_dossier("CT01", {"applicant": citizen(0)}, {"note": name})
            store.transition(d.uuid, DossierState.received)
            store.transition(d.uuid, DossierState.queued)
            queue_dossier(store, b"scan")
        sent: list[bytes] = []
        events: list[SyncEvent] = []
        original = Transport.log_checkpoint

        def spy(self: Transport, checkpoint: dict[str, Any]) -> dict[str, Any]:
            sent.append(json.dumps(checkpoint, ensure_ascii=False).encode())
            return original(self, checkpoint)

        Transport.log_checkpoint = spy  # type: ignore[method-assign]
        try:
            worker = SyncWorker(lambda: open_sync_store(prof), prof, on_event=events.append, max_wait=0.0)
            assert worker.run_until_empty().outcome == "empty"
            assert worker.run_until_empty().outcome == "empty"  # unchanged: not sent again
        finally:
            Transport.log_checkpoint = original  # type: ignore[method-assign]
        assert len(sent) == 1
        body = json.loads(sent[0])
        assert set(body) <= CHECKPOINT_KEYS and {"entries", "head"} <= set(body)
        assert isinstance(body["entries"], int) and len(body["head"]) == 64
        for needle in (name, id_number, d.uuid):
            assert needle.encode() not in sent[0]
        assert not [e for e in events if e.kind == "log_contradicted"]
        with open_store(prof) as store:
            assert store.log_anchor()["head"] == body["head"]  # type: ignore[index]
        rows = server.admin().log_checkpoints()
        assert len(rows) == 1 and set(rows[0]) == {"device_id", "entries", "head", "received_at"}
    finally:
        server.stop()
