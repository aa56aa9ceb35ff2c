"""The device identity kept in the profile: enrolment record and Ed25519 signing key.

``PROFILE/sync/device.json`` pins the server URL, the server's X25519 public key and key id,
the unit and the device id. ``PROFILE/sync/device.key`` holds the private key sealed with
AES-256-GCM under the store's ``device-signing-key`` subkey (HKDF of the data key) and bound
to the store's permanent id, so the key opens only together with its own unlocked store: a
copied profile without a passphrase, machine secret or recovery key cannot sign manifests.
A file from before (the raw 32-byte key) is sealed in place the first time it is loaded.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import os
import secrets
import tempfile
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kiosk.errors import KioskError
from kiosk.fileutil import fsync_dir
from kiosk.profile import Profile

log = logging.getLogger(__name__)


class NotEnrolledError(KioskError):
    exit_code = 3


class DeviceRevokedError(KioskError):
    exit_code = 4


class KeyStore(Protocol):
    """The part of ``kiosk.dossier.store.Store`` that seals the device key."""

    @property
    def store_uid(self) -> str: ...

    def subkey(self, purpose: str) -> bytes: ...


KEY_FILE = "device.key"
KEY_FORMAT = "mot-cua-kiosk device key"
KEY_VERSION = 1
KEY_PURPOSE = "device-signing-key"
LEGACY_KEY_SIZE = 32  # the raw private key that earlier versions wrote
_DAMAGED = "The device signing key file is damaged; enrol the device again."
_OTHER_STORE = "The device key does not belong to this store; enrol the device again."
# Worker threads load the key concurrently; one of them migrates a legacy file.
_migrate_lock = threading.Lock()


@dataclass
class DeviceState:
    device_id: str
    unit_code: str
    server_url: str
    key_id: str
    server_public_key: str  # raw X25519, base64
    enrolled_at: str
    ca_bundle: str | None = None
    revoked: str | None = None  # the server's sentence, once it has refused this device
    revoked_reason: str | None = None  # the reason the administrator gave at `kiosk server revoke`
    clock_offset: int = 0  # server time minus local time, learnt from responses


def sync_dir(profile: Profile) -> Path:
    path = profile.root / "sync"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def outbox_dir(profile: Profile) -> Path:
    path = profile.root / "outbox"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def load_device(profile: Profile) -> DeviceState | None:
    try:
        raw = json.loads((sync_dir(profile) / "device.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except ValueError as exc:
        raise NotEnrolledError("The device enrolment file is damaged; enrol the device again.") from exc
    known = {k: v for k, v in raw.items() if k in DeviceState.__dataclass_fields__}
    return DeviceState(**known)


def require_device(profile: Profile) -> DeviceState:
    dev = load_device(profile)
    if dev is None:
        raise NotEnrolledError(
            "This device is not enrolled; run `kiosk enrol URL CODE` with a code "
            "from the server administrator."
        )
    return dev


def save_device(profile: Profile, dev: DeviceState) -> None:
    path = sync_dir(profile) / "device.json"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(dev), indent=2, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


def _aad(store: KeyStore) -> bytes:
    return f"{KEY_FORMAT} v{KEY_VERSION}|{store.store_uid}".encode()


def _seal(key: Ed25519PrivateKey, store: KeyStore) -> bytes:
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(store.subkey(KEY_PURPOSE)).encrypt(nonce, key.private_bytes_raw(), _aad(store))
    envelope = {
        "format": KEY_FORMAT,
        "version": KEY_VERSION,
        "nonce": base64.b64encode(nonce).decode("ascii"),
        "sealed": base64.b64encode(sealed).decode("ascii"),
    }
    return json.dumps(envelope, sort_keys=True).encode("ascii")


def _unseal(data: bytes, store: KeyStore) -> Ed25519PrivateKey:
    try:
        envelope = json.loads(data.decode("ascii"))
        if not isinstance(envelope, dict) or envelope.get("format") != KEY_FORMAT:
            raise ValueError("not a device key envelope")
        version = envelope.get("version")
        nonce = base64.b64decode(envelope["nonce"], validate=True)
        sealed = base64.b64decode(envelope["sealed"], validate=True)
        if len(nonce) != 12 or len(sealed) != 32 + 16:
            raise ValueError("bad lengths")
    except (ValueError, KeyError, TypeError, binascii.Error) as exc:
        raise NotEnrolledError(_DAMAGED) from exc
    if version != KEY_VERSION:
        raise NotEnrolledError(
            "The device signing key was written by a newer version of the kiosk; update it or enrol again."
        )
    try:
        raw = AESGCM(store.subkey(KEY_PURPOSE)).decrypt(nonce, sealed, _aad(store))
    except InvalidTag as exc:
        # GCM cannot tell another store's key from a tampered file; either way the key is unusable.
        raise NotEnrolledError(_OTHER_STORE) from exc
    return Ed25519PrivateKey.from_private_bytes(raw)


def _write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` (mode 0600) so a crash leaves the old or the new file.

    The old file's contents are overwritten with zeros after the rename, through a handle
    opened before it: the legacy file held the plaintext key. Journalling, copy-on-write
    file systems and SSD wear levelling may still keep the old bytes in other blocks.
    """
    fd, tmp_name = tempfile.mkstemp(prefix=".device-key-", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        # mkstemp already creates the file 0600 on POSIX (and os.fchmod is POSIX-only here).
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            old = open(path, "r+b")  # noqa: SIM115 - kept open across the rename
        except OSError:  # none yet, or not writable: the zeroing is best effort
            old = None
        try:
            os.replace(tmp, path)
            if old is not None:
                size = os.fstat(old.fileno()).st_size
                old.write(b"\0" * size)
                old.flush()
                os.fsync(old.fileno())
        finally:
            if old is not None:
                old.close()
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)  # the rename itself survives a power cut


def load_key(profile: Profile, store: KeyStore) -> Ed25519PrivateKey:
    """The device signing key, unsealed with ``store`` (which must be unlocked and not the
    self-service kiosk role). A legacy plaintext key file is sealed on the way."""
    path = sync_dir(profile) / KEY_FILE
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise NotEnrolledError("The device signing key is missing; enrol the device again.") from exc
    if len(data) != LEGACY_KEY_SIZE:
        return _unseal(data, store)
    with _migrate_lock:
        data = path.read_bytes()  # another thread may have migrated it meanwhile
        if len(data) != LEGACY_KEY_SIZE:
            return _unseal(data, store)
        key = Ed25519PrivateKey.from_private_bytes(data)
        sealed = _seal(key, store)
        try:
            _write_atomic(path, sealed)
        except OSError as exc:
            # Sending must not stop over this; the next load tries again.
            log.warning("the legacy device key could not be sealed: %s", exc.__class__.__name__)
        return key


def save_key(profile: Profile, key: Ed25519PrivateKey, store: KeyStore) -> None:
    """Seal ``key`` under ``store``'s device-key subkey and write it (atomically, mode 0600)."""
    _write_atomic(sync_dir(profile) / KEY_FILE, _seal(key, store))
