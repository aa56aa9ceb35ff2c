from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta

import pytest

from kiosk.dossier.errors import InvalidTransitionError, NotFoundError
from kiosk.dossier.model import DossierState as S
from tests.dossier.people import citizen


def _queued(store, i=0):
    d = store.create_dossier("CT01", {"applicant": citizen(i)}, {"i": i})
    store.transition(d.uuid, S.received)
    return store.transition(d.uuid, S.queued)


def test_queue_writes_outbox_row_in_same_transaction(store):
    d = _queued(store)
    (e,) = store.outbox_due()
    assert (e.uuid, e.revision, e.status, e.attempts) == (d.uuid, d.revision, "queued", 0)
    assert e.provisional_code == d.provisional_code
    st = store.outbox_stats()
    assert st["queued"] == 1 and st["uploading"] == 0 and st["last_success"] is None
    assert st["oldest_queued_at"] == e.enqueued_at


def test_due_is_oldest_first_and_respects_limit(store):
    ds = [_queued(store, i % 3) for i in range(4)]
    assert [e.uuid for e in store.outbox_due()] == [d.uuid for d in ds]
    assert len(store.outbox_due(limit=2)) == 2


def test_attempt_then_synced(store):
    d = _queued(store)
    e = store.outbox_mark_attempt(d.uuid)
    assert e.status == "uploading" and e.attempts == 1
    assert store.get_dossier(d.uuid).state is S.uploading
    assert store.outbox_due() == []  # leased
    assert len(store.outbox_due(now=datetime.now(UTC) + timedelta(minutes=11))) == 1  # lease ran out
    store.outbox_mark_synced(d.uuid, "OFF-1", e.revision)
    got = store.get_dossier(d.uuid)
    assert got.state is S.synced and got.official_code == "OFF-1"
    st = store.outbox_stats()
    assert st["queued"] == st["uploading"] == 0 and st["last_success"]
    store.outbox_mark_synced(d.uuid, "OFF-1", e.revision)  # idempotent
    assert store.list_dossiers("off-1")[0].uuid == d.uuid


def test_edit_while_uploading_requeues_with_new_revision(store):
    d = _queued(store)
    e = store.outbox_mark_attempt(d.uuid)
    d2 = store.update_dossier(d.uuid, fields={"i": 99})
    assert d2.state is S.queued and d2.revision == e.revision + 1
    store.outbox_mark_synced(d.uuid, "OFF-2", e.revision)  # the server acked the old revision
    d3 = store.get_dossier(d.uuid)
    assert d3.state is S.queued and d3.official_code == "OFF-2"
    (e2,) = store.outbox_due()
    assert e2.revision == d2.revision
    e3 = store.outbox_mark_attempt(d.uuid)
    store.outbox_mark_synced(d.uuid, "OFF-2", e3.revision)
    assert store.get_dossier(d.uuid).state is S.synced


def test_edit_of_queued_and_synced_requeues(store):
    d = _queued(store)
    assert store.update_dossier(d.uuid, fields={"x": 1}).state is S.queued
    assert store.outbox_due()[0].revision == d.revision + 1
    e = store.outbox_mark_attempt(d.uuid)
    store.outbox_mark_synced(d.uuid, "OFF-3", e.revision)
    store.add_attachment(d.uuid, "Bổ sung", io.BytesIO(b"more"), filename="b.pdf", mime="application/pdf")
    got = store.get_dossier(d.uuid)
    assert got.state is S.queued and got.revision == e.revision + 1


def test_defer_quarantine_requeue(store):
    d = _queued(store)
    store.outbox_mark_attempt(d.uuid)
    later = datetime.now(UTC) + timedelta(minutes=5)
    store.outbox_defer(d.uuid, later, "HTTP 503")
    assert store.get_dossier(d.uuid).state is S.queued
    assert store.outbox_due() == []
    (e,) = store.outbox_due(now=later + timedelta(seconds=1))
    assert e.last_error == "HTTP 503" and e.attempts == 1
    store.outbox_mark_attempt(d.uuid)
    store.outbox_quarantine(d.uuid, "server rejected: unknown procedure")
    q = store.get_dossier(d.uuid)
    assert q.state is S.quarantined and q.quarantine_reason == "server rejected: unknown procedure"
    assert store.outbox_stats()["quarantined"] == 1
    assert store.outbox_due(now=later + timedelta(days=1)) == []
    store.outbox_requeue(d.uuid)
    (e,) = store.outbox_due()
    assert e.attempts == 0 and store.get_dossier(d.uuid).quarantine_reason is None


def test_outbox_ops_on_unqueued_dossier_fail_clearly(store):
    d = store.create_dossier("CT01", {}, {})
    with pytest.raises(NotFoundError, match="not in the outbox"):
        store.outbox_mark_attempt(d.uuid)
    with pytest.raises(InvalidTransitionError):
        store.outbox_requeue(d.uuid)


def test_export_for_sync_is_canonical_and_streams_files(store):
    d = _queued(store)
    data = b"%PDF-1.4 " + bytes(range(256)) * 50
    att = store.add_attachment(
        d.uuid,
        "Tờ khai CT01",
        io.BytesIO(data),
        filename="ct01.pdf",
        mime="application/pdf",
        copy_kind="certified_copy",
        count=2,
    )
    p = store.export_for_sync(d.uuid)
    doc = json.loads(p.dossier_json)
    assert (
        p.dossier_json == json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    )
    assert p.revision == doc["revision"] == d.revision + 1
    assert doc["roles"]["applicant"]["full_name"] == "Nguyễn Văn An"
    assert doc["roles"]["applicant"]["provenance"]["id_number"] == "chip_verified"
    assert doc["components"][0]["copy_kind"] == "certified_copy" and doc["components"][0]["count"] == 2
    (f,) = p.files
    assert (f.attachment_id, f.filename, f.size) == (att, "ct01.pdf", len(data))
    with f.open() as fh:
        assert fh.read() == data
