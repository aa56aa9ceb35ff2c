"""The device signing key at rest: sealed under the store's subkey, bound to the store."""

from __future__ import annotations

import base64
import json
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sync_helpers import TEST_KEY, open_store, queue_dossier

from kiosk.dossier.errors import AccessDeniedError, StoreError
from kiosk.dossier.store import Store
from kiosk.profile import Profile
from sync.device import DeviceState, NotEnrolledError, load_key, save_device, save_key, sync_dir
from sync.enrol import enrol
from sync.worker import SyncWorker

MESSAGE = b"manifest bytes to sign"


def _key_file(profile: Profile) -> Path:
    return sync_dir(profile) / "device.key"


def _public_raw(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes_raw()


@pytest.fixture
def profile(tmp_path: Path) -> Profile:
    return Profile.open(tmp_path / "p")


def test_the_file_holds_no_raw_key_and_the_right_store_opens_it(profile: Profile) -> None:
    key = Ed25519PrivateKey.generate()
    with open_store(profile) as store:
        save_key(profile, key, store)
    data = _key_file(profile).read_bytes()
    assert key.private_bytes_raw() not in data
    assert base64.b64encode(key.private_bytes_raw()) not in data
    assert key.private_bytes_raw().hex().encode() not in data
    assert _public_raw(key) not in data
    envelope = json.loads(data)
    assert (envelope["format"], envelope["version"]) == ("mot-cua-kiosk device key", 1)
    assert stat.S_IMODE(_key_file(profile).stat().st_mode) == 0o600
    assert [p.name for p in sync_dir(profile).iterdir()] == ["device.key"]  # no temporary file left

    with open_store(profile) as store:
        loaded = load_key(profile, store)
    assert loaded.private_bytes_raw() == key.private_bytes_raw()
    key.public_key().verify(loaded.sign(MESSAGE), MESSAGE)  # raises if the key were different


def test_another_store_cannot_open_the_key(profile: Profile, tmp_path: Path) -> None:
    key = Ed25519PrivateKey.generate()
    with open_store(profile) as store:
        save_key(profile, key, store)
    # The same data key (tests share one) but another store: the store id in the AAD decides.
    other = Profile.open(tmp_path / "other")
    with open_store(other) as other_store, pytest.raises(NotEnrolledError) as err:
        load_key(profile, other_store)
    assert str(err.value) == "The device key does not belong to this store; enrol the device again."
    # A store under another data key: the subkey itself differs.
    third = Profile.open(tmp_path / "third")
    with Store.open(third, bytes(32)) as third_store, pytest.raises(NotEnrolledError, match="belong"):
        load_key(profile, third_store)


def test_a_legacy_plaintext_key_is_sealed_on_first_load(profile: Profile) -> None:
    key = Ed25519PrivateKey.generate()
    path = _key_file(profile)
    path.write_bytes(key.private_bytes_raw())
    path.chmod(0o600)
    with open_store(profile) as store:
        first = load_key(profile, store)
        data = path.read_bytes()
        again = load_key(profile, store)
    assert first.private_bytes_raw() == again.private_bytes_raw() == key.private_bytes_raw()
    assert key.private_bytes_raw() not in data and _public_raw(key) not in data
    assert json.loads(data)["version"] == 1
    assert path.read_bytes() == data  # the second load found it sealed and left it alone
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in sync_dir(profile).iterdir()] == ["device.key"]


def test_migration_overwrites_the_old_file_before_letting_it_go(profile: Profile) -> None:
    key = Ed25519PrivateKey.generate()
    path = _key_file(profile)
    path.write_bytes(key.private_bytes_raw())
    path.chmod(0o600)
    with open(path, "rb") as old:  # a reader still holding the legacy file sees it zeroed
        with open_store(profile) as store:
            load_key(profile, store)
        assert old.read() == bytes(32)


def test_the_kiosk_role_gets_no_subkey(profile: Profile) -> None:
    key = Ed25519PrivateKey.generate()
    with open_store(profile) as store:
        save_key(profile, key, store)
        officer_subkey = store.subkey("device-signing-key")
        kiosk = store.reopen()
        kiosk.restrict_to_kiosk()
        with pytest.raises(AccessDeniedError, match="self-service kiosk cannot"):
            kiosk.subkey("device-signing-key")
        with pytest.raises(AccessDeniedError):
            load_key(profile, kiosk)
        # A handle reopened from a kiosk handle keeps the restriction.
        kiosk_again = kiosk.reopen()
        with pytest.raises(AccessDeniedError):
            kiosk_again.subkey("device-signing-key")
        kiosk_again.close()
        kiosk.close()
        # The enrolment refuses a kiosk handle before it spends the one-time code.
        kiosk = store.reopen()
        kiosk.restrict_to_kiosk()
        with pytest.raises(AccessDeniedError):
            enrol(profile, "http://127.0.0.1:9", "unused-code", store=kiosk)
        kiosk.close()

        sync = store.reopen()
        sync.restrict_to_sync()
        community = store.reopen()
        community.restrict_to_owner("team1")
        assert sync.subkey("device-signing-key") == community.subkey("device-signing-key") == officer_subkey
        assert load_key(profile, sync).private_bytes_raw() == key.private_bytes_raw()
        sync.close()
        community.close()


def test_subkey_is_hkdf_of_the_data_key_per_purpose(profile: Profile) -> None:
    expected = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"mot-cua-kiosk subkey v1 device-signing-key"
    ).derive(TEST_KEY)
    store = open_store(profile)
    assert store.subkey("device-signing-key") == expected
    assert store.subkey("something-else") != expected
    assert len(store.store_uid) == 32
    uid = store.store_uid
    with pytest.raises(AccessDeniedError):
        store.set_meta("store_uid", "0" * 32)
    store.close()
    with pytest.raises(StoreError, match="locked"):
        store.subkey("device-signing-key")
    with open_store(profile) as again:
        assert again.store_uid == uid


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda data: data[: len(data) // 2], "damaged"),
        (lambda data: b"", "damaged"),
        (lambda data: b"\x01" * 31, "damaged"),
        (lambda data: b"{" + b"x" * 40, "damaged"),
        (lambda data: data.replace(b'"version": 1', b'"version": 2'), "newer version"),
        (lambda data: data.replace(b'"format": "mot-cua-kiosk', b'"format": "other'), "damaged"),
    ],
)
def test_a_damaged_key_file_gives_a_clear_error(profile: Profile, damage, message: str) -> None:  # type: ignore[no-untyped-def]
    with open_store(profile) as store:
        save_key(profile, Ed25519PrivateKey.generate(), store)
        path = _key_file(profile)
        path.write_bytes(damage(path.read_bytes()))
        with pytest.raises(NotEnrolledError, match=message) as err:
            load_key(profile, store)
    assert "enrol" in str(err.value)


def test_a_flipped_bit_in_the_sealed_key_is_refused(profile: Profile) -> None:
    with open_store(profile) as store:
        save_key(profile, Ed25519PrivateKey.generate(), store)
        path = _key_file(profile)
        envelope = json.loads(path.read_bytes())
        sealed = bytearray(base64.b64decode(envelope["sealed"]))
        sealed[5] ^= 0x01
        envelope["sealed"] = base64.b64encode(bytes(sealed)).decode()
        path.write_text(json.dumps(envelope))
        with pytest.raises(NotEnrolledError, match="enrol the device again"):
            load_key(profile, store)


def test_a_missing_key_file_says_enrol(profile: Profile) -> None:
    with open_store(profile) as store, pytest.raises(NotEnrolledError, match="missing"):
        load_key(profile, store)


def test_the_worker_reports_a_key_of_another_store_as_not_enrolled(profile: Profile, tmp_path: Path) -> None:
    other = Profile.open(tmp_path / "other")
    with open_store(other) as other_store:
        save_key(profile, Ed25519PrivateKey.generate(), other_store)  # e.g. a profile copied over
    save_device(
        profile,
        DeviceState(
            device_id="dev-test",
            unit_code="H01",
            server_url="http://127.0.0.1:9",
            key_id="k1",
            server_public_key=base64.b64encode(bytes(32)).decode(),
            enrolled_at="2024-01-01T00:00:00+00:00",
        ),
    )
    store = open_store(profile)
    uuid = queue_dossier(store, b"scan")
    result = SyncWorker(lambda: store, profile).run_until_empty(store=store)
    assert result.outcome == "not_enrolled" and result.exit_code == 3
    assert result.message == "The device key does not belong to this store; enrol the device again."
    assert store.outbox_entry(uuid).status == "queued"  # nothing lost
    store.close()


def test_a_failed_migration_still_gives_the_key_and_retries(
    profile: Profile, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    import sync.device as device

    key = Ed25519PrivateKey.generate()
    path = _key_file(profile)
    path.write_bytes(key.private_bytes_raw())

    def disk_full(*_a: object, **_k: object) -> tuple[int, str]:
        raise OSError(errno.ENOSPC, "No space left on device")

    with open_store(profile) as store:
        monkeypatch.setattr(device.tempfile, "mkstemp", disk_full)
        assert load_key(profile, store).private_bytes_raw() == key.private_bytes_raw()
        assert path.read_bytes() == key.private_bytes_raw()  # unchanged, not half-written
        monkeypatch.undo()
        assert load_key(profile, store).private_bytes_raw() == key.private_bytes_raw()
    assert key.private_bytes_raw() not in path.read_bytes()
