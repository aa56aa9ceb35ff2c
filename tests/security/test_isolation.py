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
from tests.dossier.people import PASSPHRASE, citizen, init_admin

OTHER_ID = "079185004321"  # citizen(1): someone the restricted handle does not serve


def _other_dossier(profile, data_key):
    """Someone else's queued dossier with an attachment and a consent, plus an old withdrawn
    one (what purge_expired would take)."""
    from kiosk.security import consent

    with Store.open(profile, data_key) as s:
        s.actor = "admin"
        d = s.create_dossier("CT01", {"applicant": citizen(1)}, {"phone": "0912"})
        att = s.add_attachment(
            d.uuid, "CCCD", io.BytesIO(b"scan of someone else"), filename="a.jpg", mime="image/jpeg"
        )
        s.transition(d.uuid, S.received)
        s.transition(d.uuid, S.queued)
        rec = consent.record_consent(
            s, purpose="chip_read", text_version="v1", method="touch", id_number=OTHER_ID, dossier_uuid=d.uuid
        )
        done = s.create_dossier("CT01", {"applicant": citizen(1)}, {})
        s.transition(done.uuid, S.withdrawn)
        return d.uuid, att, rec.id


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
        "dossiers_of_subject": lambda s: s.dossiers_of_subject(OTHER_ID),
        "log_entries": lambda s: s.log_entries(),
        "outbox_due": lambda s: s.outbox_due(),
        "outbox_entry": lambda s: s.outbox_entry(other),
        "outbox_mark_attempt": lambda s: s.outbox_mark_attempt(other),
        "outbox_mark_synced": lambda s: s.outbox_mark_synced(other, "X", 1),
        "outbox_defer": lambda s: s.outbox_defer(other, datetime.now(UTC), "e"),
        "outbox_quarantine": lambda s: s.outbox_quarantine(other, "e"),
        "outbox_requeue": lambda s: s.outbox_requeue(other),
        "outbox_stats": lambda s: s.outbox_stats(),
        "digitisation_stats": lambda s: s.digitisation_stats(),
        "_key_for_wrapping": lambda s: s._key_for_wrapping(),
        # The kiosk role never signs or seals (the device signing key is sealed under it).
        "subkey": lambda s: s.subkey("device-signing-key"),
        "set_meta": lambda s: s.set_meta("unit", "x"),
        # Faking or hiding the server's verdict on the processing log.
        "record_log_anchor": lambda s: s.record_log_anchor(0, "0" * 64, contradicted="x"),
        "update_settings": lambda s: s.update_settings(unit_code="X"),
        # Recording under another officer's name.
        "log_event": lambda s: s.log_event("print", dossier_uuid=None, actor="canbo.khac"),
    }


# Every public function of kiosk.security.consent, aimed at the other citizen.
def _consent_calls(other: str, consent_id: str):
    from kiosk.security import consent as c

    return {
        "consents_for": lambda s: c.consents_for(s, id_number=OTHER_ID, dossier_uuid=other),
        "has_consent": lambda s: c.has_consent(s, "chip_read", id_number=OTHER_ID, dossier_uuid=other),
        "get_consent": lambda s: c.get_consent(s, consent_id),
        "withdraw_consent": lambda s: c.withdraw_consent(s, consent_id, method="touch"),
        "record_consent": lambda s: c.record_consent(
            s, purpose="contact", text_version="v1", method="touch", id_number=OTHER_ID
        ),
        "link_consents": lambda s: c.link_consents(s, "another-session", id_number=OTHER_ID),
        "subject_ref": lambda s: c.subject_ref(s, OTHER_ID),
        "subject_export": lambda s: c.subject_export(s, OTHER_ID),
        "require_consent_for_chip_read": lambda s: c.require_consent_for_chip_read(
            s, "kiosk", "another-session"
        ),
    }


# Methods that touch no other dossier (own session, settings, the log's integrity).
HARMLESS = {
    "open",
    "close",
    "create_dossier",
    "create_many",
    "check_integrity",
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
    "restricted",
    "closed",
    "unwritten_log_entries",  # a count of this handle's own entries waiting for disk space
    "flush_log",  # writes this handle's own waiting entries
    "store_uid",  # a random name of the store, no secret and no personal data
    "log_checkpoint",  # entry count and head hashes of the processing log (what the server gets)
    "log_anchor",  # the same, as the intake server last accepted it
}


HARMLESS_CONSENT = {"consent_required"}  # reads the unit's setting only

# Lists and counts a restricted handle may call: they answer about its own dossiers only.
FILTERED = {
    "list_dossiers",
    "count_dossiers",
    "purge_expired",
    "dossiers_of_subject",
    "log_entries",
    "outbox_due",
    "outbox_stats",
    "digitisation_stats",
    "consents_for",
    "has_consent",
    "subject_export",
}


# What a community account may do although it reaches no dossier of anyone else: derive the
# device's sealing key, to sign its own uploads.
COMMUNITY_ALLOWED = {"subkey"}


def _public_consent_functions() -> set[str]:
    from kiosk.security import consent

    return {
        n
        for n, f in inspect.getmembers(consent, inspect.isfunction)
        if f.__module__ == consent.__name__ and not n.startswith("_")
    }


def test_every_public_function_has_an_isolation_check():
    public = {n for n, _ in inspect.getmembers(Store) if not n.startswith("_")}
    assert public - HARMLESS - set(_calls("u", "a")) == set(), "a new Store method needs an isolation check"
    assert _public_consent_functions() - HARMLESS_CONSENT == set(_consent_calls("u", "c")), (
        "a new consent function needs an isolation check"
    )


def _refused_or_blind(name, call, handle, secrets_of_other):
    """The call is refused, or (a list/count) answers without anything of the other citizen."""
    from kiosk.security.consent import ConsentRequiredError

    try:
        result = call(handle)
    except (AccessDeniedError, ConsentRequiredError):
        return None
    assert name in FILTERED, f"{name} was not refused"
    text = repr(result)
    assert not any(x in text for x in secrets_of_other), f"{name} leaked another citizen's data"
    return result


def test_kiosk_role_cannot_reach_other_dossiers_through_any_public_api(profile, data_key):
    from kiosk.security import consent

    other, att, consent_id = _other_dossier(profile, data_key)
    kiosk = Store.open(profile, data_key)
    kiosk.actor = "kiosk"
    kiosk.restrict_to_kiosk()
    for name, call in _calls(other, att).items():
        with pytest.raises(AccessDeniedError):
            call(kiosk)
    secrets_of_other = [other, att, consent_id, OTHER_ID, "Hương"]
    results = {
        name: _refused_or_blind(name, call, kiosk, secrets_of_other)
        for name, call in _consent_calls(other, consent_id).items()
    }
    assert results["consents_for"] == [] and results["has_consent"] is False
    # Its own citizen's dossier and consents work, until the session ends.
    session = kiosk.begin_citizen_session()
    own = consent.record_consent(
        kiosk, purpose="chip_read", text_version="v1", method="touch", session_id=session
    )
    consent.require_consent_for_chip_read(kiosk, "kiosk", session)
    mine = kiosk.create_dossier("CT01", {"applicant": citizen(0)}, {})
    assert consent.link_consents(kiosk, session, id_number="001099012345", dossier_uuid=mine.uuid) == 1
    assert [r.id for r in consent.consents_for(kiosk, dossier_uuid=mine.uuid)] == [own.id]
    assert own.given_by == "kiosk"
    assert kiosk.get_dossier(mine.uuid).roles["applicant"].get("full_name") == "Nguyễn Văn An"
    kiosk.transition(mine.uuid, S.received)
    kiosk.log_event("print", dossier_uuid=mine.uuid, actor="kiosk")
    kiosk.end_citizen_session()
    with pytest.raises(AccessDeniedError, match="citizen it is serving"):
        kiosk.get_dossier(mine.uuid)
    with pytest.raises(AccessDeniedError, match="citizen it is serving"):
        consent.get_consent(kiosk, own.id)
    with pytest.raises(AccessDeniedError, match="internal"):
        kiosk.get_meta("log_key")
    kiosk.close()
    _assert_untouched(profile, data_key, other, consent_id)


def _assert_untouched(profile, data_key, other, consent_id):
    from kiosk.security import consent

    with Store.open(profile, data_key) as s:  # nothing was changed by the refused calls
        d = s.get_dossier(other)
        assert d.state is S.queued and d.fields == {"phone": "0912"} and d.portal_status is None
        assert s.count_dossiers(S.purged) == 0
        assert consent.get_consent(s, consent_id).active
        assert len(consent.consents_for(s, id_number=OTHER_ID)) == 1
        assert "canbo.khac" not in {e.actor for e in s.log_entries()}
        assert s.verify_log().ok


def test_community_account_reaches_only_its_own_through_any_public_api(profile, data_key):
    from kiosk.security import consent

    init_admin(profile)
    admin, _ = unlock_with_passphrase(profile, "admin", PASSPHRASE)
    with admin:
        add_officer(profile, admin, "toCongDong1", "community pass 1", "community")
        data_key = admin._key_for_wrapping()
    other, att, consent_id = _other_dossier(profile, data_key)
    store, _ = unlock_with_passphrase(profile, "toCongDong1", "community pass 1")
    with store:
        session = store.begin_citizen_session()
        given = consent.record_consent(
            store, purpose="chip_read", text_version="v1", method="verbal_witnessed", session_id=session
        )
        mine = store.create_dossier("CT01", {"applicant": citizen(0)}, {}).uuid
        consent.link_consents(store, session, id_number="001099012345", dossier_uuid=mine)
        store.transition(mine, S.received)
        store.transition(mine, S.queued)
        secrets_of_other = [other, att, consent_id, OTHER_ID, "Hương"]
        results = {}
        for name, call in {**_calls(other, att), **_consent_calls(other, consent_id)}.items():
            if name not in COMMUNITY_ALLOWED:
                results[name] = _refused_or_blind(name, call, store, secrets_of_other)
        assert [r.uuid for r in results["list_dossiers"]] == [mine]
        assert results["count_dossiers"] == 1
        assert results["purge_expired"] == []
        assert results["dossiers_of_subject"] == []
        assert results["log_entries"] and {e.dossier_uuid for e in results["log_entries"]} == {mine}
        assert [e.uuid for e in results["outbox_due"]] == [mine]
        assert results["outbox_stats"]["queued"] == 1
        assert results["digitisation_stats"] == {}  # the other's scanned paper is not counted
        assert results["consents_for"] == [] and results["has_consent"] is False
        assert results["subject_export"]["dossiers"] == []
        # Its own citizen is reachable.
        assert [r.id for r in consent.consents_for(store, id_number="001099012345")] == [given.id]
        assert consent.subject_export(store, "001099012345")["dossiers"][0]["uuid"] == mine
    _assert_untouched(profile, data_key, other, consent_id)


def test_the_actor_of_an_entry_is_the_logged_in_account(profile):
    from kiosk.security import consent

    init_admin(profile)
    store, _ = unlock_with_passphrase(profile, "admin", PASSPHRASE)
    with store:
        store.log_event("print", actor="admin")
        store.log_event("print")
        for forged in (
            lambda: store.log_event("print", actor="canbo1"),
            lambda: store.create_dossier("CT01", {}, {}, officer="canbo1"),
            lambda: consent.record_consent(
                store, purpose="contact", text_version="v", method="touch", session_id="s", given_by="canbo1"
            ),
        ):
            with pytest.raises(AccessDeniedError, match="logged in"):
                forged()
        assert [e.actor for e in store.log_entries()[:2]] == ["admin", "admin"]
        assert store.count_dossiers() == 0


def test_sync_role_sees_queue_but_no_contents(profile, data_key):
    other, att, _consent = _other_dossier(profile, data_key)
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
    cp = sync.log_checkpoint()
    sync.record_log_anchor(cp["entries"], cp["head"])  # what the worker keeps after a sync
    assert sync.log_anchor()["entries"] == cp["entries"]
    sync.close()


def test_community_account_sees_only_its_own(profile):

    init_admin(profile)
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
