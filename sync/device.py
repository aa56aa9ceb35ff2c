"""The device identity kept in the profile: enrolment record and Ed25519 signing key.

``PROFILE/sync/device.json`` pins the server URL, the server's X25519 public key and key id,
the unit and the device id; ``PROFILE/sync/device.key`` holds the private key (mode 0600).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.errors import KioskError
from kiosk.profile import Profile


class NotEnrolledError(KioskError):
    exit_code = 3


class DeviceRevokedError(KioskError):
    exit_code = 4


@dataclass
class DeviceState:
    device_id: str
    unit_code: str
    server_url: str
    key_id: str
    server_public_key: str  # raw X25519, base64
    enrolled_at: str
    ca_bundle: str | None = None
    revoked: str | None = None  # the server's reason, once it has refused this device
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


def load_key(profile: Profile) -> Ed25519PrivateKey:
    try:
        raw = (sync_dir(profile) / "device.key").read_bytes()
    except FileNotFoundError as exc:
        raise NotEnrolledError("The device signing key is missing; enrol the device again.") from exc
    return Ed25519PrivateKey.from_private_bytes(raw)


def save_key(profile: Profile, key: Ed25519PrivateKey) -> None:
    path = sync_dir(profile) / "device.key"
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key.private_bytes_raw())
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
