from __future__ import annotations

import itertools

import pytest

from kiosk.dossier import lifecycle
from kiosk.dossier.errors import InvalidTransitionError
from kiosk.dossier.model import DossierState as S
from tests.dossier.people import citizen


def test_table_covers_every_state_and_purged_is_terminal():
    assert set(lifecycle.TRANSITIONS) == set(S)
    assert lifecycle.TRANSITIONS[S.purged] == frozenset()
    for src, dst in itertools.product(S, S):
        if dst in lifecycle.TRANSITIONS[src]:
            lifecycle.check(src, dst)
        else:
            with pytest.raises(InvalidTransitionError, match=f"'{src.value}' cannot move to '{dst.value}'"):
                lifecycle.check(src, dst)


def test_main_path_records_history_in_order(store):
    d = store.create_dossier("CT01", {"applicant": citizen(0)}, {})
    store.transition(d.uuid, S.received, reason="receipt printed")
    store.transition(d.uuid, S.queued)
    e = store.outbox_mark_attempt(d.uuid)
    store.outbox_mark_synced(d.uuid, "000.00.07.H29-261123-0042", e.revision)
    store.set_portal_status(d.uuid, 10)
    store.transition(d.uuid, S.archived)
    store.transition(d.uuid, S.purged)
    h = store.get_dossier(d.uuid).history
    assert [(x.from_state, x.to_state) for x in h] == [
        (None, "draft"),
        ("draft", "received"),
        ("received", "queued"),
        ("queued", "uploading"),
        ("uploading", "synced"),
        ("synced", "synced"),
        ("synced", "archived"),
        ("archived", "purged"),
    ]
    assert h[1].reason == "receipt printed" and h[1].actor == "canbo1"
    d = store.get_dossier(d.uuid)
    assert d.official_code == "000.00.07.H29-261123-0042" and d.received_at and d.synced_at


def test_invalid_transition_changes_nothing(store):
    d = store.create_dossier("CT01", {"applicant": citizen(0)}, {})
    with pytest.raises(InvalidTransitionError):
        store.transition(d.uuid, S.synced, official_code="X")
    after = store.get_dossier(d.uuid)
    assert after.state is S.draft and after.official_code is None and len(after.history) == 1
    assert store.outbox_stats()["queued"] == 0


def test_withdrawn_from_queue_leaves_outbox(store):
    d = store.create_dossier("CT01", {"applicant": citizen(0)}, {})
    store.transition(d.uuid, S.received)
    store.transition(d.uuid, S.queued)
    assert store.outbox_stats()["queued"] == 1
    store.transition(d.uuid, S.withdrawn, reason="citizen withdrew")
    assert store.outbox_stats()["queued"] == 0 and store.outbox_due() == []


def test_editing_purged_or_archived_is_refused(store):
    d = store.create_dossier("CT01", {}, {})
    store.transition(d.uuid, S.withdrawn)
    with pytest.raises(InvalidTransitionError, match="cannot be edited"):
        store.update_dossier(d.uuid, fields={"a": 1})
