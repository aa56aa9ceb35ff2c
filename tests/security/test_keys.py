from __future__ import annotations

import json
import time

import pytest

from kiosk.dossier.errors import CorruptStoreError
from kiosk.errors import KioskError
from kiosk.security import keys
from kiosk.security.keys import (
    LockedOutError,
    LoginError,
    NoKeyringError,
    add_officer,
    change_passphrase,
    init_profile,
    new_recovery_key,
    set_machine_secret,
    unlock_with_machine_secret,
    unlock_with_passphrase,
    unlock_with_recovery_key,
)
from kiosk.security.officers import Role
from tests.dossier.people import FAST_KDF, PASSPHRASE, citizen


def test_init_then_unlock_roundtrip(initialised):
    profile, recovery = initialised
    assert len(recovery) == 35 and recovery.count("-") == 5
    store, session = unlock_with_passphrase(profile, "admin", PASSPHRASE)
    with store:
        assert session.role is Role.admin and session.idle_lock_s == 300
        assert store.settings()["unit_name"] == "UBND phường Hoàn Kiếm"
        d = store.create_dossier("CT01", {"applicant": citizen(0)}, {})
        assert d.provisional_code.startswith("H29-")
    kf = json.loads(keys.keyfile_path(profile).read_text())
    rec = kf["officers"]["admin"]
    assert rec["kdf"]["alg"] == "argon2id" and rec["kdf"]["memory_cost"] == 8192 and rec["kdf"]["salt"]
    assert (keys.keyfile_path(profile).stat().st_mode & 0o777) == 0o600


def test_init_twice_is_refused(initialised):
    profile, _ = initialised
    with pytest.raises(KioskError, match="already set up"):
        init_profile(
            profile,
            unit_name="x",
            unit_code="X",
            admin_username="admin",
            admin_passphrase=PASSPHRASE,
            kdf=FAST_KDF,
        )


def test_init_validates_inputs(profile):
    with pytest.raises(KioskError, match="at least 8"):
        init_profile(profile, unit_name="x", unit_code="X", admin_username="admin", admin_passphrase="short")
    with pytest.raises(KioskError, match="user name"):
        init_profile(profile, unit_name="x", unit_code="X", admin_username="a b", admin_passphrase=PASSPHRASE)
    assert not keys.is_initialised(profile)


def test_not_initialised_is_clear(profile):
    with pytest.raises(KioskError, match="kiosk admin init"):
        unlock_with_passphrase(profile, "admin", PASSPHRASE)


def test_wrong_passphrase_and_unknown_user_same_message(initialised):
    profile, _ = initialised
    with pytest.raises(LoginError) as a:
        unlock_with_passphrase(profile, "admin", "not the passphrase")
    with pytest.raises(LoginError) as b:
        unlock_with_passphrase(profile, "nobody", "not the passphrase")
    assert str(a.value) == str(b.value) == keys.LOGIN_FAILED


def test_lockout_backs_off_and_success_resets(initialised):
    profile, _ = initialised
    for _ in range(4):
        with pytest.raises(LoginError):
            unlock_with_passphrase(profile, "admin", "wrong wrong")
    with pytest.raises(LockedOutError, match="try again in 30 seconds"):
        unlock_with_passphrase(profile, "admin", "wrong wrong")
    # Locked: even the right passphrase is refused until the wait is over.
    with pytest.raises(LockedOutError):
        unlock_with_passphrase(profile, "admin", PASSPHRASE)
    kf = keys.load_keyfile(profile)
    kf["officers"]["admin"]["locked_until"] = time.time() - 1  # the wait is over
    keys._save_keyfile(profile, kf)
    with pytest.raises(LockedOutError, match="try again in 60 seconds"):  # doubled
        unlock_with_passphrase(profile, "admin", "wrong wrong")
    kf = keys.load_keyfile(profile)
    kf["officers"]["admin"]["locked_until"] = time.time() - 1
    keys._save_keyfile(profile, kf)
    store, _ = unlock_with_passphrase(profile, "admin", PASSPHRASE)
    with store:
        assert any("after 6 failed attempts" in e.detail for e in store.log_entries())
    assert keys.load_keyfile(profile)["officers"]["admin"]["failed"] == 0


def test_role_tampering_in_keyfile_breaks_the_wrap(initialised):
    profile, _ = initialised
    store, _ = unlock_with_passphrase(profile, "admin", PASSPHRASE)
    with store:
        add_officer(profile, store, "kiosk1", "kiosk pass 123", "kiosk", kdf=FAST_KDF)
    kf = keys.load_keyfile(profile)
    kf["officers"]["kiosk1"]["role"] = "admin"
    keys._save_keyfile(profile, kf)
    with pytest.raises(LoginError):
        unlock_with_passphrase(profile, "kiosk1", "kiosk pass 123")


def test_change_passphrase_rewraps_without_reencrypting(initialised):
    profile, _ = initialised
    before = profile.db_path.read_bytes()
    change_passphrase(profile, "admin", PASSPHRASE, "một mật khẩu mới")
    assert profile.db_path.read_bytes() == before
    with pytest.raises(LoginError):
        unlock_with_passphrase(profile, "admin", PASSPHRASE)
    store, _ = unlock_with_passphrase(profile, "admin", "một mật khẩu mới")
    store.close()


def test_recovery_key_unlocks_and_can_be_replaced(initialised):
    profile, recovery = initialised
    store = unlock_with_recovery_key(profile, recovery.lower().replace("-", " "))
    with store:
        assert store.role == "admin"
        add_officer(profile, store, "admin", "reset passphrase 1", "admin", replace=True)
        fresh = new_recovery_key(profile, store)
    with pytest.raises(LoginError, match="recovery key is not right"):
        unlock_with_recovery_key(profile, recovery)
    with pytest.raises(LoginError, match="30 letters"):
        unlock_with_recovery_key(profile, "ABC")
    unlock_with_recovery_key(profile, fresh).close()
    unlock_with_passphrase(profile, "admin", "reset passphrase 1")[0].close()


def test_machine_secret_via_os_keyring(profile, memory_keyring):
    init_profile(
        profile,
        unit_name="Kiosk",
        unit_code="H29",
        admin_username="admin",
        admin_passphrase=PASSPHRASE,
        kdf=FAST_KDF,
        kiosk=True,
    )
    assert len(memory_keyring.items) == 1
    with unlock_with_machine_secret(profile, role="kiosk") as store:
        assert store.kiosk_restricted and store.actor == "kiosk"
    with unlock_with_machine_secret(profile) as store:
        assert store.role == "sync" and store.outbox_stats()["queued"] == 0
    with pytest.raises(KioskError, match="'sync' or 'kiosk'"):
        unlock_with_machine_secret(profile, role="admin")
    # Losing the keyring entry gives a clear message, not a crash.
    memory_keyring.items.clear()
    with pytest.raises(NoKeyringError, match="missing from the OS keyring"):
        unlock_with_machine_secret(profile)
    store, _ = unlock_with_passphrase(profile, "admin", PASSPHRASE)
    with store:
        set_machine_secret(profile, store)
    unlock_with_machine_secret(profile).close()


def test_no_keyring_backend_fails_clearly(profile, no_keyring):
    with pytest.raises(NoKeyringError, match="No OS keyring is available"):
        init_profile(
            profile,
            unit_name="Kiosk",
            unit_code="H29",
            admin_username="admin",
            admin_passphrase=PASSPHRASE,
            kdf=FAST_KDF,
            kiosk=True,
        )


def test_machine_secret_absent_is_clear(initialised, no_keyring):
    profile, _ = initialised
    with pytest.raises(NoKeyringError, match="no kiosk machine secret"):
        unlock_with_machine_secret(profile)


def test_damaged_keyfile_and_mismatched_store(initialised, tmp_path):
    profile, _ = initialised
    path = keys.keyfile_path(profile)
    good = path.read_text()
    path.write_text("{not json")
    keys.backup_path(profile).write_text("")
    with pytest.raises(CorruptStoreError, match="damaged and so is its copy") as err:
        unlock_with_passphrase(profile, "admin", PASSPHRASE)
    assert "recovery key is kept inside them" in str(err.value)
    path.write_text(good)
    # A store file from elsewhere next to this key file: verified key, so "damaged", not "wrong".
    profile.db_path.write_bytes(b"\0" * 8192)
    for p in profile.root.glob("store.db-*"):
        p.unlink()
    with pytest.raises(CorruptStoreError, match="damaged"):
        unlock_with_passphrase(profile, "admin", PASSPHRASE)


def test_only_admin_manages_officers(initialised):
    profile, _ = initialised
    store, _ = unlock_with_passphrase(profile, "admin", PASSPHRASE)
    with store:
        add_officer(profile, store, "canbo1", "officer pass 1", Role.officer)
        with pytest.raises(KioskError, match="exists already"):
            add_officer(profile, store, "canbo1", "officer pass 1", Role.officer)
        with pytest.raises(KioskError, match="role must be"):
            add_officer(profile, store, "x", "officer pass 1", "boss")
    store, session = unlock_with_passphrase(profile, "canbo1", "officer pass 1")
    with store:
        assert session.role is Role.officer
        with pytest.raises(KioskError, match="Only an administrator"):
            add_officer(profile, store, "canbo2", "officer pass 2", Role.admin)
    assert [o["username"] for o in keys.list_officers(profile)] == ["admin", "canbo1"]


def test_missing_or_emptied_store_is_not_silently_recreated(initialised):
    profile, _ = initialised
    profile.db_path.write_bytes(b"")
    with pytest.raises(CorruptStoreError, match="missing or empty"):
        unlock_with_passphrase(profile, "admin", PASSPHRASE)
    profile.db_path.unlink()
    with pytest.raises(CorruptStoreError, match="missing or empty"):
        unlock_with_passphrase(profile, "admin", PASSPHRASE)
    assert not profile.db_path.exists()


def test_keyfile_write_on_a_full_disk_is_clear(initialised):
    """A child with a tiny file-size limit (the kernel refuses like a full disk) cannot save
    the key file: a clear DiskFullError, and the old key file still works."""
    import os
    import resource
    import signal

    profile, _ = initialised
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (64, 64))
            try:
                change_passphrase(profile, "admin", PASSPHRASE, "a brand new passphrase")
            except keys.DiskFullError as exc:
                code = 0 if "disk is full" in str(exc) else 2
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    assert not keys.keyfile_path(profile).with_suffix(".tmp").exists()
    unlock_with_passphrase(profile, "admin", PASSPHRASE)[0].close()


def test_unwritable_profile_folder_is_clear(tmp_path):
    import os

    from kiosk.dossier.errors import StoreError
    from kiosk.dossier.store import Store
    from kiosk.profile import Profile

    profile = Profile(tmp_path / "does-not-exist")  # not created
    with pytest.raises(StoreError, match="cannot be opened"):
        Store.open(profile, os.urandom(32))


def _files(profile):
    return keys.keyfile_path(profile).read_bytes(), keys.backup_path(profile).read_bytes()


def test_every_keyfile_change_is_copied_to_the_backup(initialised):
    profile, _ = initialised
    main, bak = _files(profile)
    assert main == bak and json.loads(main)["officers"]["admin"]["role"] == "admin"
    assert (keys.backup_path(profile).stat().st_mode & 0o777) == 0o600
    store, _ = unlock_with_passphrase(profile, "admin", PASSPHRASE)
    with store:
        add_officer(profile, store, "canbo1", "officer pass 1", Role.officer)
    main, bak = _files(profile)
    assert main == bak and "canbo1" in json.loads(bak)["officers"]
    with pytest.raises(LoginError):
        unlock_with_passphrase(profile, "canbo1", "wrong passphrase")
    main, bak = _files(profile)
    assert main == bak and json.loads(bak)["officers"]["canbo1"]["failed"] == 1
    assert not list(profile.root.glob("*.tmp"))


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty object", "missing"])
def test_damaged_or_missing_keyfile_is_rebuilt_from_the_backup(initialised, caplog, damage):
    profile, recovery = initialised
    path = keys.keyfile_path(profile)
    good = path.read_bytes()
    keys.take_notices()
    if damage == "garbage":
        path.write_bytes(b"\x00" * 100)
    elif damage == "truncated":
        path.write_bytes(good[: len(good) // 2])
    elif damage == "empty object":
        path.write_text('{"format": 1}')
    else:
        path.unlink()
    assert keys.is_initialised(profile)
    with caplog.at_level("WARNING", logger="kiosk.security.keys"):
        store, session = unlock_with_passphrase(profile, "admin", PASSPHRASE)
    store.close()
    assert session.role is Role.admin
    assert path.read_bytes() == good and (path.stat().st_mode & 0o777) == 0o600
    assert keys.take_notices() == [keys.REPAIRED_NOTICE]
    assert keys.take_notices() == []  # said once
    assert "rebuilt from keys.json.bak" in caplog.text
    kept = list(profile.root.glob("keys.json.damaged-*"))
    assert len(kept) == (0 if damage == "missing" else 1)
    # The recovery wrap came back with it: the province admin's key works again.
    unlock_with_recovery_key(profile, recovery).close()
    with pytest.raises(KioskError, match="already set up"):
        init_profile(
            profile, unit_name="x", unit_code="X", admin_username="admin", admin_passphrase=PASSPHRASE
        )


def test_keyfile_missing_and_backup_missing_is_not_set_up(profile):
    with pytest.raises(keys.NotInitialisedError, match="kiosk admin init"):
        keys.load_keyfile(profile)


def test_a_profile_without_a_backup_gets_one_on_load(initialised):
    profile, _ = initialised
    keys.backup_path(profile).unlink()
    kf = keys.load_keyfile(profile)
    assert json.loads(keys.backup_path(profile).read_text()) == kf
    assert (keys.backup_path(profile).stat().st_mode & 0o777) == 0o600


def test_a_newer_format_is_not_repaired_from_an_older_backup(initialised):
    profile, _ = initialised
    path = keys.keyfile_path(profile)
    newer = {**json.loads(path.read_text()), "format": 2}
    path.write_text(json.dumps(newer))
    with pytest.raises(CorruptStoreError, match="unknown format"):
        keys.load_keyfile(profile)
    assert json.loads(path.read_text())["format"] == 2
    assert keys.take_notices() == []


def test_a_backup_that_cannot_be_written_is_removed_not_left_stale(initialised, monkeypatch):
    profile, _ = initialised
    real = keys._write_atomic

    def no_backup(path, data):
        if path.name == keys.BACKUP_NAME:
            raise OSError(5, "Input/output error")
        real(path, data)

    monkeypatch.setattr(keys, "_write_atomic", no_backup)
    store, _ = unlock_with_passphrase(profile, "admin", PASSPHRASE)
    with store:
        add_officer(profile, store, "canbo1", "officer pass 1", Role.officer)
    assert "canbo1" in keys.load_keyfile(profile)["officers"]
    assert not keys.backup_path(profile).exists()
    monkeypatch.setattr(keys, "_write_atomic", real)
    keys.load_keyfile(profile)  # made again as soon as it can be
    assert "canbo1" in json.loads(keys.backup_path(profile).read_text())["officers"]


def test_keys_lock_is_private(initialised):
    profile, _ = initialised
    assert ((profile.root / "keys.lock").stat().st_mode & 0o777) == 0o600


def test_store_files_are_private(initialised):
    profile, _ = initialised
    store, _ = unlock_with_passphrase(profile, "admin", PASSPHRASE)
    with store:
        store.create_dossier("CT01", {"applicant": citizen(0)}, {})
        names = {"store.db", "store.db-wal", "store.db-shm", "keys.json", "keys.json.bak", "keys.lock"}
        modes = {p.name: p.stat().st_mode & 0o777 for p in profile.root.iterdir() if p.name in names}
        assert modes == dict.fromkeys(names, 0o600)


def test_an_older_world_readable_store_is_narrowed_on_open(initialised):
    import os

    profile, _ = initialised
    os.chmod(profile.db_path, 0o644)
    unlock_with_passphrase(profile, "admin", PASSPHRASE)[0].close()
    assert profile.db_path.stat().st_mode & 0o777 == 0o600


def test_a_failed_init_leaves_no_store_and_no_keyring_secret(profile, memory_keyring, monkeypatch):
    def full(*_a, **_k):
        raise keys.DiskFullError("The disk is full; free some space and try again (nothing was lost).")

    monkeypatch.setattr(keys, "_save_keyfile", full)
    with pytest.raises(keys.DiskFullError):
        init_profile(
            profile,
            unit_name="x",
            unit_code="X",
            admin_username="admin",
            admin_passphrase=PASSPHRASE,
            kdf=FAST_KDF,
            kiosk=True,
        )
    assert [p.name for p in profile.root.iterdir() if p.is_file() and p.name != "keys.lock"] == []
    assert memory_keyring.items == {}
