from __future__ import annotations

import io

from kiosk.dossier.model import DossierState as S
from kiosk.dossier.store import Store
from tests.dossier.people import citizen
from tests.security.log_rewrite import rewrite_chain


def _workflow(store):
    d = store.create_dossier("CT01", {"applicant": citizen(0)}, {})
    store.get_dossier(d.uuid)
    att = store.add_attachment(d.uuid, "CCCD", io.BytesIO(b"x"), filename="x.jpg", mime="image/jpeg")
    store.open_attachment(att).read()
    store.transition(d.uuid, S.received)
    store.log_event("print", dossier_uuid=d.uuid, detail="receipt")
    store.transition(d.uuid, S.queued)
    store.export_for_sync(d.uuid)
    e = store.outbox_mark_attempt(d.uuid)
    store.outbox_mark_synced(d.uuid, "OFF-1", e.revision)
    store.export_dossier(d.uuid)
    store.purge_dossier(d.uuid)
    return d


def test_every_access_is_logged_with_actor(store):
    d = _workflow(store)
    entries = list(reversed(store.log_entries(dossier_uuid=d.uuid)))
    actions = [e.action for e in entries]
    for needed in ("create", "view", "attach", "open_attachment", "print", "export", "sync", "purge"):
        assert needed in actions, needed
    assert {e.actor for e in entries} == {"canbo1"}
    assert store.verify_log().ok


def test_log_holds_no_personal_data(store):
    _workflow(store)
    text = repr(store.log_entries())
    for needle in ("Nguyễn", "001099012345", "Hàng Bạc"):
        assert needle not in text


def _tamper(profile, key, sql, args=()):
    with Store.open(profile, key) as s:
        c = s._conn
        c.execute("DROP TRIGGER processing_log_no_update")
        c.execute("DROP TRIGGER processing_log_no_delete")
        c.execute(sql, args)


def test_app_cannot_edit_or_delete_entries(store):
    import pytest
    import sqlcipher3

    _workflow(store)
    with pytest.raises(sqlcipher3.IntegrityError, match="append-only"):
        store._conn.execute("UPDATE processing_log SET detail='x' WHERE seq=1")
    with pytest.raises(sqlcipher3.IntegrityError, match="append-only"):
        store._conn.execute("DELETE FROM processing_log WHERE seq=1")


def test_verifier_catches_an_edited_entry(profile, data_key):
    with Store.open(profile, data_key) as s:
        _workflow(s)
    _tamper(profile, data_key, "UPDATE processing_log SET actor='someone' WHERE seq=3")
    with Store.open(profile, data_key) as s:
        r = s.verify_log()
    assert not r.ok and r.problems == ["entry 3 was altered"]


def test_verifier_catches_a_deleted_entry(profile, data_key):
    with Store.open(profile, data_key) as s:
        _workflow(s)
    _tamper(profile, data_key, "DELETE FROM processing_log WHERE seq=4")
    with Store.open(profile, data_key) as s:
        r = s.verify_log()
    assert not r.ok
    assert (
        "entries 4-4 are missing" in r.problems and "entry 5 does not follow the previous entry" in r.problems
    )


def test_verifier_catches_a_cut_tail(profile, data_key):
    with Store.open(profile, data_key) as s:
        _workflow(s)
        n = s.verify_log().entries
    _tamper(profile, data_key, "DELETE FROM processing_log WHERE seq >= ?", (n - 2,))
    with Store.open(profile, data_key) as s:
        r = s.verify_log()
    assert not r.ok and any("ends at entry" in p for p in r.problems)


def test_verifier_catches_a_rehashed_forgery_without_the_key(profile, data_key):
    import hashlib

    with Store.open(profile, data_key) as s:
        _workflow(s)
    # An editor who recomputes a plain SHA-256 (not knowing the HMAC key) is still caught.
    fake = hashlib.sha256(b"forged").hexdigest()
    _tamper(profile, data_key, "UPDATE processing_log SET detail='x', hash=? WHERE seq=2", (fake,))
    with Store.open(profile, data_key) as s:
        r = s.verify_log()
    assert "entry 2 was altered" in r.problems and "entry 3 does not follow the previous entry" in r.problems


def test_unknown_action_is_a_clear_error(store):
    import pytest

    from kiosk.dossier.errors import StoreError

    with pytest.raises(StoreError, match=r"not a processing-log action; use one of: .*print.*read"):
        store.log_event("chip_read")


def test_two_processes_writing_at_once_keep_one_chain(profile, data_key):
    """The log head is read and written inside the same IMMEDIATE transaction, so concurrent
    writers (the window and the sync service) never fork the chain."""
    import os

    Store.open(profile, data_key).close()
    pids = []
    for k in range(2):
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                s = Store.open(profile, data_key)
                s.actor = f"writer{k}"
                for _ in range(40):
                    s.create_dossier("CT01", {"applicant": citizen(k)}, {})
                    s.log_event("print", detail="receipt")
                s.close()
                code = 0
            finally:
                os._exit(code)
        pids.append(pid)
    for pid in pids:
        _, status = os.waitpid(pid, 0)
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    with Store.open(profile, data_key) as s:
        r = s.verify_log()
        assert r.ok, r.problems
        assert s.count_dossiers() == 80 and r.entries == 160


def test_head_is_the_newest_entry_hash_and_an_anchor_catches_a_rewrite_with_the_key(profile, data_key):
    """Whoever holds the data key can rewrite the whole chain consistently: the verifier
    alone says intact; only a head exported before (the anchor) reveals the rewrite."""

    with Store.open(profile, data_key) as s:
        _workflow(s)
        before = s.verify_log()
        newest = s._conn.execute("SELECT seq, hash FROM processing_log ORDER BY seq DESC LIMIT 1").fetchone()
        anchor = (before.entries, before.head)
        assert before.ok and newest == anchor
        assert s.verify_log(anchor).ok
        log_key = s._log_key
    with Store.open(profile, data_key) as s:
        assert s._log_key == log_key
        rewrite_chain(s, seq=2)
    with Store.open(profile, data_key) as s:
        forged = s.verify_log()
        caught = s.verify_log(anchor)
    assert forged.ok and forged.head != before.head
    assert not caught.ok
    assert caught.problems == [f"entry {anchor[0]} differs from the exported head: the log was rewritten"]


def test_an_anchor_beyond_the_log_catches_an_older_copy(profile, data_key):
    with Store.open(profile, data_key) as s:
        _workflow(s)
        r = s.verify_log()
        assert s.verify_log((r.entries + 5, r.head)).problems == [
            f"entry {r.entries + 5} of the exported head is no longer in the log"
        ]
        assert s.verify_log((1, "0" * 64)).problems == [
            "entry 1 differs from the exported head: the log was rewritten"
        ]


def test_the_checkpoint_the_server_accepted_is_checked_without_being_given(profile, data_key):
    """The sync worker keeps the checkpoint the intake server accepted in the store; a rewrite
    with the key before it is caught by a plain verify_log(), and a later refusal by the server
    marks it contradicted without replacing it."""
    with Store.open(profile, data_key) as s:
        _workflow(s)
        cp = s.log_checkpoint()
        assert set(cp) == {"entries", "head"} and cp["entries"] == s.verify_log().entries
        s.record_log_anchor(cp["entries"], cp["head"])
        s.log_event("admin", detail="later")
        later = s.log_checkpoint()
        assert later["entries"] == cp["entries"] + 1
        assert (later["since_entries"], later["since_hash"]) == (cp["entries"], cp["head"])
        assert s.verify_log().ok
        rewrite_chain(s, seq=2)
        r = s.verify_log()
        assert not r.ok
        assert r.problems == [
            f"entry {cp['entries']} differs from the server's checkpoint: the log was rewritten"
        ]
        assert s.log_checkpoint()["since_hash"] != cp["head"]
        s.record_log_anchor(later["entries"], "ab" * 32, contradicted="The log was rewritten.")
        kept = s.log_anchor()
        assert kept is not None
        assert (kept["state"], kept["entries"], kept["head"]) == ("contradicted", cp["entries"], cp["head"])
        assert kept["detail"] == "The log was rewritten." and kept["refused"]["entries"] == later["entries"]
        import pytest

        from kiosk.dossier.errors import AccessDeniedError

        with pytest.raises(AccessDeniedError):
            s.set_meta("log_anchor", "{}")  # only the worker's own record may move it
