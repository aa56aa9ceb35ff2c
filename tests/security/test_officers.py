from __future__ import annotations

import json
import unicodedata

import pytest

from kiosk.dossier.errors import AccessDeniedError
from kiosk.errors import KioskError
from kiosk.privacy import redactor
from kiosk.security.keys import LoginError, add_officer, unlock_with_passphrase
from kiosk.security.officers import FULL_NAMES_META, LockedError, LockoutPolicy, Role, receipt_officer_name
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


def test_full_name_is_normalised_and_checked():
    from kiosk.security.officers import normalise_full_name

    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hường")
    assert normalise_full_name(f"  {decomposed}   ") == "Nguyễn Thị Hường"
    assert normalise_full_name("H'Hen  Niê") == "H'Hen Niê"
    assert normalise_full_name("") == "" and normalise_full_name("   ") == ""
    assert normalise_full_name("Đ" * 100) == "Đ" * 100
    for bad in ("Đ" * 101, "canbo.nguyen", "Nguyễn Văn 2", "Иван", "--", "阮文"):
        with pytest.raises(KioskError, match="A full name is 1-100 Latin letters"):
            normalise_full_name(bad)


def test_full_name_kept_in_the_store_not_in_keys_json(profile):
    from kiosk.security.keys import (
        change_full_name,
        init_profile,
        list_officers,
        remove_officer,
    )
    from tests.dossier.people import FAST_KDF

    init_profile(
        profile,
        unit_name="UBND phường Hoàn Kiếm",
        unit_code="H29",
        admin_username="admin",
        admin_passphrase=PASSPHRASE,
        admin_full_name="Trần Thị Quản",
        kdf=FAST_KDF,
    )
    store, session = unlock_with_passphrase(profile, "admin", PASSPHRASE)
    with store:
        assert (session.full_name, session.display_name) == ("Trần Thị Quản", "Trần Thị Quản")
        add_officer(
            profile, store, "canbo.nguyen", "officer pass 1", Role.officer, full_name="Nguyễn Văn Tiếp"
        )
        add_officer(profile, store, "canbo.le", "officer pass 2", Role.officer)
        names = {r["username"]: r["full_name"] for r in list_officers(profile, store)}
        assert names == {"admin": "Trần Thị Quản", "canbo.nguyen": "Nguyễn Văn Tiếp", "canbo.le": None}
        # A passphrase reset keeps the name unless a new one is given.
        add_officer(profile, store, "canbo.nguyen", "officer pass 3", Role.officer, replace=True)
        assert change_full_name(profile, store, "canbo.le", "Lê  Thị Hoa") == "Lê Thị Hoa"
    for keyfile in ("keys.json", "keys.json.bak"):
        text = (profile.root / keyfile).read_text(encoding="utf-8")
        assert "Nguyễn" not in text and "Trần" not in text and "Lê Thị" not in text
    s1, officer = unlock_with_passphrase(profile, "canbo.nguyen", "officer pass 3")
    s1.close()
    assert (officer.full_name, officer.display_name) == ("Nguyễn Văn Tiếp", "Nguyễn Văn Tiếp")
    s2, other = unlock_with_passphrase(profile, "canbo.le", "officer pass 2")
    s2.close()
    assert other.full_name == "Lê Thị Hoa"
    store, _ = unlock_with_passphrase(profile, "admin", PASSPHRASE)
    with store:
        remove_officer(profile, store, "canbo.nguyen")
        # The same user name given to someone else later does not inherit the old name.
        add_officer(profile, store, "canbo.nguyen", "officer pass 4", Role.officer)
        names = {r["username"]: r["full_name"] for r in list_officers(profile, store)}
        assert names["canbo.nguyen"] is None
        with pytest.raises(KioskError, match="No officer has that user name"):
            change_full_name(profile, store, "nobody", "Lê Văn A")


def test_a_profile_from_before_full_names_loads_and_falls_back_to_the_user_name(initialised):
    profile, _ = initialised
    officers = json.loads((profile.root / "keys.json").read_text(encoding="utf-8"))["officers"]
    assert "full_name" not in officers["admin"]  # the key file format is unchanged
    store, session = unlock_with_passphrase(profile, "admin", PASSPHRASE)
    with store:
        assert store.get_meta(FULL_NAMES_META) is None
        assert session.full_name == "" and session.display_name == "admin"
        assert receipt_officer_name(session) == "admin"
        from kiosk.security.keys import list_officers

        assert [(r["username"], r["full_name"]) for r in list_officers(profile, store)] == [("admin", None)]
        assert [r["full_name"] for r in list_officers(profile)] == [None]


def test_receipt_officer_name_is_empty_for_the_kiosk(initialised):
    profile, _ = initialised
    store, _ = unlock_with_passphrase(profile, "admin", PASSPHRASE)
    with store:
        add_officer(profile, store, "kiosk1", "kiosk pass 123", Role.kiosk, full_name="Máy Tự Phục Vụ")
    s, kiosk_session = unlock_with_passphrase(profile, "kiosk1", "kiosk pass 123")
    s.close()
    assert kiosk_session.full_name == "Máy Tự Phục Vụ"
    assert receipt_officer_name(kiosk_session) == ""
    assert receipt_officer_name(None) == ""
