from __future__ import annotations

import pytest

from kiosk.dossier.errors import AccessDeniedError
from kiosk.privacy import redactor
from kiosk.security.keys import LoginError, add_officer, unlock_with_passphrase
from kiosk.security.officers import LockedError, LockoutPolicy, Role
from tests.dossier.people import PASSPHRASE, citizen


def test_backoff_policy_doubles_and_caps():
    p = LockoutPolicy(max_failures=3, base_s=10, max_s=60)
    assert [p.lockout_seconds(n) for n in range(1, 8)] == [0, 0, 10, 20, 40, 60, 60]


def test_idle_lock_clears_citizen_and_needs_passphrase(initialised):
    profile, _ = initialised
    store, session = unlock_with_passphrase(profile, "admin", PASSPHRASE)
    with store:
        assert session.idle_lock_s == 300
        store.begin_citizen_session()
        d = store.create_dossier("CT01", {"applicant": citizen(0)}, {})
        assert redactor.redact("Nguyễn Văn An") == "[redacted]"
        now = session.last_activity
        assert not session.check_idle(now + 299)
        assert session.check_idle(now + 301)
        assert store.citizen_session_id is None
        assert redactor.redact("Nguyễn Văn An") == "Nguyễn Văn An"  # forgotten with the session
        with pytest.raises(LockedError, match="locked"):
            session.require("view")
        with pytest.raises(LoginError):
            session.unlock("wrong passphrase")
        assert session.locked
        session.unlock(PASSPHRASE)
        session.require("view")
        store.get_dossier(d.uuid)


def test_permissions_by_role(initialised):
    profile, _ = initialised
    store, _ = unlock_with_passphrase(profile, "admin", PASSPHRASE)
    with store:
        add_officer(profile, store, "canbo1", "officer pass 1", Role.officer)
        add_officer(profile, store, "totruong", "supervisor pass 1", Role.supervisor)
        add_officer(profile, store, "kiosk", "kiosk pass 123", Role.kiosk)
    s1, officer = unlock_with_passphrase(profile, "canbo1", "officer pass 1")
    s1.close()
    officer.require("create")
    with pytest.raises(AccessDeniedError, match="'officer' is not allowed to purge"):
        officer.require("purge")
    s2, sup = unlock_with_passphrase(profile, "totruong", "supervisor pass 1")
    s2.close()
    sup.require("purge")
    with pytest.raises(AccessDeniedError):
        sup.require("manage_officers")
    s3, _kiosk = unlock_with_passphrase(profile, "kiosk", "kiosk pass 123")
    with s3:
        assert s3.kiosk_restricted
        with pytest.raises(AccessDeniedError):
            s3.list_dossiers()


def test_kiosk_session_forgets_the_citizen_when_idle(store):
    from kiosk.security.officers import KioskSession

    store.restrict_to_kiosk()
    ks = KioskSession(store, idle_s=120)
    ks.begin()
    d = store.create_dossier("CT01", {"applicant": citizen(0)}, {})
    store.get_dossier(d.uuid)
    t = ks.last_activity
    assert not ks.check_idle(t + 60)
    assert ks.check_idle(t + 121)
    assert store.citizen_session_id is None and redactor.redact("Nguyễn Văn An") == "Nguyễn Văn An"
    with pytest.raises(AccessDeniedError):
        store.get_dossier(d.uuid)
    assert not ks.check_idle(t + 500)  # nothing left to forget
