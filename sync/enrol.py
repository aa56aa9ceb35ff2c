"""Device enrolment: a one-time code from the server administrator binds this device to a unit.

The device makes a fresh Ed25519 key, sends its public half with the code, and pins what
the server answers: its URL, its X25519 public key and key id, the unit code and the device id.
"""

from __future__ import annotations

import ipaddress
import logging
import platform
from datetime import UTC, datetime
from urllib.parse import urlsplit

import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.errors import KioskError
from kiosk.profile import Profile
from sync import protocol as P
from sync.device import KEY_PURPOSE, DeviceState, KeyStore, load_device, save_device, save_key
from sync.envelope import EnvelopeError, b64d, b64e, raw_public
from sync.transport import ServerUnreachableError

log = logging.getLogger(__name__)


class EnrolmentError(KioskError):
    pass


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback  # 127.0.0.0/8 and ::1
    except ValueError:
        return False


def check_server_url(url: str) -> None:
    """https:// anywhere; plain http:// only to this machine (a test or demo server), because
    the enrolment code and every later request would otherwise cross the network in clear."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError as exc:
        raise EnrolmentError(f"The server URL {url} is not valid; give it as https://HOST[:PORT].") from exc
    if parts.scheme not in ("https", "http") or not host:
        raise EnrolmentError(
            "The server URL must start with https:// (http:// only for a server on this machine)."
        )
    if parts.scheme == "http" and not _is_loopback(host):
        raise EnrolmentError(
            f"Plain http:// is allowed only for a server on this machine (127.0.0.1, ::1, localhost); "
            f"use https://{host} for this server."
        )


def speaks_no_tls(exc: BaseException) -> bool:
    """An https:// request answered in plain HTTP fails the TLS handshake this way."""
    text = str(exc).lower()
    return "wrong version number" in text or "record layer failure" in text or "http request" in text


def enrol(
    profile: Profile,
    url: str,
    code: str,
    *,
    store: KeyStore,
    label: str | None = None,
    ca_bundle: str | None = None,
    force: bool = False,
    timeout: tuple[float, float] = (5.0, 30.0),
) -> DeviceState:
    """Enrol this profile's device with the server at ``url`` using a one-time ``code``.

    ``store`` is the profile's unlocked store (not the self-service kiosk role): the new
    signing key is sealed under it.
    """
    current = load_device(profile)
    if current is not None and current.revoked is None and not force:
        raise EnrolmentError(
            f"This device is already enrolled as {current.device_id}; pass --force to enrol it again."
        )
    check_server_url(url)
    # Refused for the kiosk role or a locked store before the one-time code is spent.
    store.subkey(KEY_PURPOSE)
    key = Ed25519PrivateKey.generate()
    body = {
        "code": code.strip(),
        "public_key": b64e(raw_public(key.public_key())),
        "label": label or platform.node()[:200],
    }
    try:
        resp = requests.post(
            url.rstrip("/") + f"{P.API_PREFIX}/enrol", json=body, timeout=timeout, verify=ca_bundle or True
        )
    except requests.exceptions.SSLError as exc:
        if speaks_no_tls(exc):
            raise EnrolmentError(
                f"The server at {url} does not speak TLS (https); check the address and port."
            ) from exc
        raise EnrolmentError(
            "The server's TLS certificate is not trusted; pass the right CA bundle (--ca-bundle)."
        ) from exc
    except requests.exceptions.RequestException as exc:
        raise ServerUnreachableError(
            f"The server at {url} cannot be reached ({exc.__class__.__name__})."
        ) from exc
    if resp.status_code != 200:
        try:
            answer = resp.json()
        except ValueError:
            answer = None
        ours = isinstance(answer, dict) and isinstance(answer.get("error"), str)
        detail = answer.get("detail") if ours and isinstance(answer, dict) else None
        if not ours and resp.status_code in (404, 405):
            raise EnrolmentError(
                f"{url} is not an intake server (it has no enrolment endpoint); check the address."
            )
        raise EnrolmentError(
            str(detail)
            if isinstance(detail, str) and detail
            else f"The server refused the enrolment (HTTP {resp.status_code})."
        )
    try:
        data = resp.json()
        server_pub = b64d(data["server_public_key"])
        if len(server_pub) != 32:
            raise ValueError("bad key length")
        dev = DeviceState(
            device_id=str(data["device_id"]),
            unit_code=str(data["unit_code"]),
            server_url=url.rstrip("/"),
            key_id=str(data["key_id"]),
            server_public_key=b64e(server_pub),
            enrolled_at=datetime.now(UTC).isoformat(timespec="seconds"),
            ca_bundle=ca_bundle,
        )
    except (ValueError, KeyError, TypeError, EnvelopeError) as exc:
        raise EnrolmentError("The server's enrolment answer is malformed; check the URL.") from exc
    save_key(profile, key, store)
    save_device(profile, dev)
    log.info("device enrolled as %s for unit %s", dev.device_id, dev.unit_code)
    return dev
