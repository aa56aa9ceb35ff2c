"""The kiosk role reaches only the current citizen session's dossiers, through every
public Store API; the sync role never sees contents; community accounts see their own."""

from __future__ import annotations

import inspect
import io
from datetime import UTC, datetime

import pytest

from kiosk.dossier.errors import AccessDeniedError
from kiosk.dossier.model import DossierState as S
from kiosk.dossier.store import Store
from kiosk.security.keys import add_officer, unlock_with_passphrase
from tests.dossier.people import FAST_KDF, PASSPHRASE, citizen


def _other_dossier(profile, data_key):
    with Store.open(profile, data_key) as s:
        d = s.create_dossier("CT01", {"applicant": citizen(1)}, {"phone": "0912"})
        att = s.add_attachment(
            d.uuid, "CCCD", io.BytesIO(b"scan of someone else"), filename="a.jpg", mime="image/jpeg"
        )
        s.transition(d.uuid, S.received)
        s.transition(d.uuid, S.queued)
        return d.uuid, att


# Every public method of Store, with arguments aimed at someone else's dossier.
def _calls(other: str, att: str):
    return {
        "get_dossier": lambda s: s.get_dossier(other),
        # A second handle keeps the restrictions of the first.
        "reopen": lambda s: s.reopen().get_dossier(other),
        "list_dossiers": lambda s: s.list_dossiers(),
        "count_dossiers": lambda s: s.count_dossiers(),
        "update_dossier": lambda s: s.update_dossier(other, fields={"x": 1}),
        "transition": lambda s: s.transition(other, S.withdrawn),
        "set_portal_status": lambda s: s.set_portal_status(other, 4),
        "add_component": lambda s: s.add_component(other, "x"),
        "add_attachment": lambda s: s.add_attachment(other, "x", io.BytesIO(b"x"), filename="x", mime="x/x"),
        "open_attachment": lambda s: s.open_attachment(att),
        "purge_dossier": lambda s: s.purge_dossier(other),
        "purge_expired": lambda s: s.purge_expired(0),
        "export_for_sync": lambda s: s.export_for_sync(other),
        "export_dossier": lambda s: s.export_dossier(other),
        "dossiers_of_subject": lambda s: s.dossiers_of_subject("079185004321"),
        "log_entries": lambda s: s.log_entries(),
        "outbox_due": lambda s: s.outbox_due(),
        "outbox_entry": lambda s: s.outbox_entry(other),
        "outbox_mark_attempt": lambda s: s.outbox_mark_attempt(other),
        "outbox_mark_synced": lambda s: s.outbox_mark_synced(other, "X", 1),
        "outbox_defer": lambda s: s.outbox_defer(other, datetime.now(UTC), "e"),
        "outbox_quarantine": lambda s: s.outbox_quarantine(other, "e"),
        "outbox_requeue": lambda s: s.outbox_requeue(other),
        "outbox_stats": lambda s: s.outbox_stats(),
        "_key_for_wrapping": lambda s: s._key_for_wrapping(),
        # The kiosk role never signs or seals (the device signing key is sealed under it).
        "subkey": lambda s: s.subkey("device-signing-key"),
        "set_meta": lambda s: s.set_meta("unit", "x"),
        "update_settings": lambda s: s.update_settings(unit_code="X"),
    }


# Methods that touch no other dossier (own session, settings, the log's integrity).
HARMLESS = {
    "open",
    "close",
    "create_dossier",
    "create_many",
    "check_integrity",
    "log_event",
    "verify_log",
    "restrict_to_kiosk",
    "restrict_to_owner",
    "restrict_to_sync",
    "begin_citizen_session",
    "end_citizen_session",
    "get_meta",
    "settings",
    "collect_garbage",
    "dossier_document",
    "kiosk_restricted",
    "closed",
    "store_uid",  # a random name of the store, no secret and no personal data
}


def test_kiosk_role_cannot_reach_other_dossiers_through_any_public_api(profile, data_key):
    other, att = _other_dossier(profile, data_key)
    kiosk = Store.open(profile, data_key)
    kiosk.restrict_to_kiosk()
    calls = _calls(other, att)
    public = {n for n, _ in inspect.getmembers(Store) if not n.startswith("_")}
    assert public - HARMLESS - set(calls) == set(), "a new public method needs an isolation check"
    for name, call in calls.items():
        with pytest.raises(AccessDeniedError):
            call(kiosk)
    # Its own citizen's dossier works, until the session ends.
    kiosk.begin_citizen_session()
    mine = kiosk.create_dossier("CT01", {"applicant": citizen(0)}, {})
    assert kiosk.get_dossier(mine.uuid).roles["applicant"].get("full_name") == "Nguyễn Văn An"
    kiosk.transition(mine.uuid, S.received)
    kiosk.end_citizen_session()
    with pytest.raises(AccessDeniedError, match="citizen it is serving"):
        kiosk.get_dossier(mine.uuid)
    with pytest.raises(AccessDeniedError, match="internal"):
        kiosk.get_meta("log_key")
    kiosk.close()
    with Store.open(profile, data_key) as s:  # nothing was changed by the refused calls
        d = s.get_dossier(other)
        assert d.state is S.queued and d.fields == {"phone": "0912"} and d.portal_status is None


def test_sync_role_sees_queue_but_no_contents(profile, data_key):
    other, att = _other_dossier(profile, data_key)
    with Store.open(profile, data_key) as s:
        draft = s.create_dossier("CT01", {"applicant": citizen(0)}, {}).uuid
    sync = Store.open(profile, data_key)
    sync.restrict_to_sync()
    (e,) = sync.outbox_due()
    assert e.uuid == other
    payload = sync.export_for_sync(other)
    assert b"Tr\xe1\xba\xa7n" in payload.dossier_json  # the envelope carries the data to the server
    with pytest.raises(AccessDeniedError):
        sync.export_for_sync(draft)
    rows = sync.list_dossiers(state=S.queued)
    assert [(r.uuid, r.applicant_name, r.applicant_id_masked) for r in rows] == [(other, "", "")]
    for name in (
        "get_dossier",
        "update_dossier",
        "open_attachment",
        "export_dossier",
        "purge_dossier",
        "add_attachment",
        "transition",
    ):
        with pytest.raises(AccessDeniedError):
            _calls(other, att)[name](sync)
    with pytest.raises(AccessDeniedError):
        sync.list_dossiers("tran")
    with pytest.raises(AccessDeniedError):
        sync.create_dossier("CT01", {}, {})
    sync.outbox_mark_attempt(other)
    sync.outbox_mark_synced(other, "OFF-9", e.revision)
    sync.set_portal_status(other, 4)
    sync.close()


def test_community_account_sees_only_its_own(profile):
    from kiosk.security.keys import init_profile

    init_profile(
        profile,
        unit_name="x",
        unit_code="H29",
        admin_username="admin",
        admin_passphrase=PASSPHRASE,
        kdf=FAST_KDF,
    )
    store, _ = unlock_with_passphrase(profile, "admin", PASSPHRASE)
    with store:
        add_officer(profile, store, "toCongDong1", "community pass 1", "community")
        theirs = store.create_dossier("CT01", {"applicant": citizen(1)}, {}).uuid
    store, session = unlock_with_passphrase(profile, "toCongDong1", "community pass 1")
    with store:
        mine = store.create_dossier("CT01", {"applicant": citizen(0)}, {}).uuid
        assert [r.uuid for r in store.list_dossiers()] == [mine]
        store.get_dossier(mine)
        with pytest.raises(AccessDeniedError, match="it created"):
            store.get_dossier(theirs)
        assert not session.can("purge")
