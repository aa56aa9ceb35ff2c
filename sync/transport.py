"""HTTP transport to the intake server: signed requests, resumable chunked upload, commit.

Uses requests with explicit connect/read timeouts and TLS verification on (a custom CA
bundle can be pinned at enrolment). Bodies go as raw bytes (no base64), one upload chunk
at a time, so memory stays bounded by the chunk size whatever the file size.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from kiosk.errors import KioskError
from sync import protocol as P
from sync.device import DeviceState
from sync.envelope import (
    EnvelopeError,
    ManifestFile,
    SealedDossier,
    b64d,
    b64e,
    key_proof,
    raw_public,
    x25519_key_id,
)


class ServerUnreachableError(KioskError):
    """No answer from the server (network down, DNS, timeout, TLS failure)."""

    exit_code = 5


class SyncHttpError(KioskError):
    """The server answered with an error status."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str,
        *,
        retry_after: float | None = None,
        body: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.retry_after = retry_after
        self.body = body or {}

    @property
    def device_level(self) -> bool:
        return self.code in P.DEVICE_LEVEL_ERRORS

    @property
    def permanent(self) -> bool:
        """A 4xx that retrying cannot fix (and the content conflicts the server reports as 409)."""
        if self.code == P.E_CONTENT_CONFLICT:
            return True
        if self.code in (
            P.E_CHUNK_CHECKSUM,
            P.E_OFFSET,
            P.E_IN_PROGRESS,
            P.E_INCOMPLETE,
            P.E_CLOCK_SKEW,
            P.E_REPLAY,
        ):
            return False
        return 400 <= self.status < 500 and self.status not in (408, 409, 425, 429)


UNTRUSTED_KEY = (
    "The server offered a new key that the key pinned at enrolment does not vouch for; "
    "dossiers are still sealed to the pinned key."
)


class UntrustedKeyError(KioskError):
    """The server's answer about its current key did not carry a valid proof."""


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


class TokenBucket:
    """Bandwidth cap for metered links: ``take(n)`` sleeps so the rate stays under ``rate`` B/s."""

    def __init__(self, rate: float) -> None:
        self.rate = rate
        self._allowance = rate
        self._last = time.monotonic()
        self._lock = threading.Lock()

    def take(self, n: int) -> None:
        with self._lock:
            now = time.monotonic()
            self._allowance = min(self.rate, self._allowance + (now - self._last) * self.rate)
            self._last = now
            self._allowance -= n
            wait = -self._allowance / self.rate if self._allowance < 0 else 0.0
        if wait > 0:
            time.sleep(wait)


class _ThrottledBody:
    """A bytes body read in small slices through a token bucket (requests streams it)."""

    def __init__(self, data: bytes, bucket: TokenBucket, block: int = 16384) -> None:
        self._data = memoryview(data)
        self._pos = 0
        self._bucket = bucket
        self._block = block

    def __len__(self) -> int:
        return len(self._data) - self._pos

    def read(self, n: int = -1) -> bytes:
        n = self._block if n is None or n < 0 else min(n, self._block)
        out = bytes(self._data[self._pos : self._pos + n])
        self._pos += len(out)
        if out:
            self._bucket.take(len(out))
        return out

    def __iter__(self) -> Any:
        while block := self.read(self._block):
            yield block


@dataclass
class WireStats:
    body_bytes_sent: int = 0
    chunks_sent: int = 0


class Transport:
    def __init__(
        self,
        device: DeviceState,
        key: Ed25519PrivateKey,
        *,
        connect_timeout: float = 5.0,
        read_timeout: float = 60.0,
        chunk_size: int = P.UPLOAD_CHUNK,
        bandwidth: float | None = None,
        session: requests.Session | None = None,
        bucket: TokenBucket | None = None,
    ) -> None:
        self.device = device
        self.key = key
        self.base = device.server_url.rstrip("/")
        self.timeout = (connect_timeout, read_timeout)
        self.chunk_size = min(chunk_size, P.MAX_CHUNK)
        self.bucket = bucket or (TokenBucket(bandwidth) if bandwidth else None)
        self.session = session or requests.Session()
        self.verify: bool | str = device.ca_bundle or True
        self.stats = WireStats()

    def close(self) -> None:
        self.session.close()

    # ---- plumbing ---------------------------------------------------------------------------

    def _signed_headers(self, method: str, path: str, body_sha: str) -> dict[str, str]:
        ts = str(int(time.time()) + self.device.clock_offset)
        nonce = secrets.token_hex(16)
        sig = self.key.sign(P.signing_string(method, path, ts, nonce, body_sha))
        return {
            P.H_DEVICE: self.device.device_id,
            P.H_TIMESTAMP: ts,
            P.H_NONCE: nonce,
            P.H_BODY_SHA256: body_sha,
            P.H_SIGNATURE: b64e(sig),
        }

    def request(
        self,
        method: str,
        path: str,
        *,
        body: bytes = b"",
        body_sha: str | None = None,
        headers: dict[str, str] | None = None,
        signed: bool = True,
        content_type: str = "application/json",
    ) -> requests.Response:
        for attempt in (0, 1):
            hdrs = dict(headers or {})
            if body:
                hdrs["Content-Type"] = content_type
            if signed:
                hdrs.update(self._signed_headers(method, path, body_sha or hashlib.sha256(body).hexdigest()))
            data: Any = body
            if self.bucket is not None and body:
                data = _ThrottledBody(body, self.bucket)
            try:
                resp = self.session.request(
                    method,
                    self.base + path,
                    data=data,
                    headers=hdrs,
                    timeout=self.timeout,
                    verify=self.verify,
                )
            except requests.exceptions.SSLError as exc:
                text = str(exc).lower()
                if "wrong version number" in text or "record layer failure" in text:
                    raise ServerUnreachableError(
                        f"The server at {self.base} does not speak TLS (https); check the enrolled address."
                    ) from exc
                raise ServerUnreachableError(
                    "The server's TLS certificate is not trusted; check the CA bundle set at enrolment."
                ) from exc
            except requests.exceptions.RequestException as exc:
                raise ServerUnreachableError(
                    f"The server at {self.base} cannot be reached ({exc.__class__.__name__})."
                ) from exc
            self._learn_clock(resp)
            if resp.status_code < 400:
                return resp
            err = self._error(resp)
            if err.code == P.E_CLOCK_SKEW and attempt == 0:
                continue  # the clock offset was just corrected from the server's time header
            raise err
        raise AssertionError("unreachable")

    def _learn_clock(self, resp: requests.Response) -> None:
        value = resp.headers.get(P.H_SERVER_TIME)
        if value and value.isdigit():
            self.device.clock_offset = int(value) - int(time.time())

    def _error(self, resp: requests.Response) -> SyncHttpError:
        try:
            body = resp.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            body = {}
        code = str(body.get("error") or f"http_{resp.status_code}")
        detail = body.get("detail")
        if not isinstance(detail, str):
            detail = f"The server answered HTTP {resp.status_code}."
        return SyncHttpError(
            resp.status_code,
            code,
            detail,
            retry_after=parse_retry_after(resp.headers.get("Retry-After")),
            body=body,
        )

    # ---- API --------------------------------------------------------------------------------

    def health(self) -> dict[str, Any]:
        resp = self.request("GET", f"{P.API_PREFIX}/health", signed=False)
        return dict(resp.json())

    def vouched_server_key(self) -> tuple[str, bytes]:
        """The server's current key id and X25519 key, accepted only with a valid proof made
        with the key pinned at enrolment (``sync.envelope.key_proof``). A signed request, so a
        revoked or unknown device learns it here too (SyncHttpError)."""
        import json

        eph = X25519PrivateKey.generate()
        challenge = raw_public(eph.public_key())
        body = json.dumps({"pinned_key_id": self.device.key_id, "challenge": b64e(challenge)}).encode()
        data = self.request("POST", f"{P.API_PREFIX}/server-key", body=body).json()
        try:
            pinned = b64d(self.device.server_public_key)
            kid, pub, proof = str(data["key_id"]), b64d(data["public_key"]), b64d(data["proof"])
            expected = key_proof(
                eph.exchange(X25519PublicKey.from_public_bytes(pinned)),
                challenge,
                pinned,
                self.device.device_id,
                self.device.key_id,
                kid,
                pub,
            )
            X25519PublicKey.from_public_bytes(pub)
        except (KeyError, TypeError, ValueError, EnvelopeError) as exc:
            raise UntrustedKeyError(UNTRUSTED_KEY) from exc
        if not hmac.compare_digest(proof, expected) or kid != x25519_key_id(pub):
            raise UntrustedKeyError(UNTRUSTED_KEY)
        return kid, pub

    def log_checkpoint(self, checkpoint: dict[str, Any]) -> dict[str, Any]:
        """Send the processing-log checkpoint (``entries``, ``head``, optional ``since_*``);
        a contradiction with an earlier one is SyncHttpError ``log_contradiction`` (409)."""
        import json

        body = json.dumps(checkpoint).encode()
        return dict(self.request("POST", f"{P.API_PREFIX}/log-checkpoints", body=body).json())

    def submit(self, sealed: SealedDossier) -> dict[str, Any]:
        import json

        body = json.dumps(
            {"manifest": sealed.manifest_bytes.decode("ascii"), "signature": b64e(sealed.signature)}
        ).encode()
        resp = self.request(
            "POST", f"{P.API_PREFIX}/dossiers", body=body, headers={P.H_IDEMPOTENCY: sealed.uuid}
        )
        return dict(resp.json())

    def offset(self, sealed: SealedDossier, file_id: str) -> int:
        resp = self.request(
            "HEAD", f"{P.API_PREFIX}/dossiers/{sealed.uuid}/files/{file_id}", body_sha=P.EMPTY_SHA256
        )
        return int(resp.headers[P.H_OFFSET])

    def upload_file(
        self,
        sealed: SealedDossier,
        mf: ManifestFile,
        start: int,
        progress: Callable[[int], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> None:
        """Send ``mf`` from ``start`` to its end, one checksummed chunk per request."""
        path = f"{P.API_PREFIX}/dossiers/{sealed.uuid}/files/{mf.id}"
        pos = start
        resyncs = 0
        with open(sealed.file_path(mf.id), "rb") as fh:
            while pos < mf.sealed_size:
                if should_stop is not None and should_stop():
                    return
                fh.seek(pos)
                chunk = fh.read(min(self.chunk_size, mf.sealed_size - pos))
                sha = hashlib.sha256(chunk).hexdigest()
                try:
                    resp = self.request(
                        "PATCH",
                        path,
                        body=chunk,
                        body_sha=sha,
                        content_type="application/octet-stream",
                        headers={
                            P.H_OFFSET: str(pos),
                            P.H_CHUNK_SHA256: sha,
                            "X-Manifest-SHA256": sealed.digest,
                        },
                    )
                except SyncHttpError as err:
                    # A lost response after the server stored the chunk: continue from its offset.
                    if err.code == P.E_OFFSET and isinstance(err.body.get("offset"), int) and resyncs < 8:
                        resyncs += 1
                        pos = int(err.body["offset"])
                        continue
                    raise
                self.stats.body_bytes_sent += len(chunk)
                self.stats.chunks_sent += 1
                pos = int(resp.headers.get(P.H_OFFSET, pos + len(chunk)))
                if progress is not None:
                    progress(pos)

    def commit(self, sealed: SealedDossier) -> dict[str, Any]:
        import json

        body = json.dumps({"manifest_sha256": sealed.digest}).encode()
        resp = self.request("POST", f"{P.API_PREFIX}/dossiers/{sealed.uuid}/commit", body=body)
        return dict(resp.json())

    def status(self, uuid: str) -> dict[str, Any]:
        resp = self.request("GET", f"{P.API_PREFIX}/dossiers/{uuid}", body_sha=P.EMPTY_SHA256)
        return dict(resp.json())

    def send(
        self,
        sealed: SealedDossier,
        progress: Callable[[int, int], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
        before_commit: Callable[[], bool] | None = None,
    ) -> dict[str, Any] | None:
        """Submit, upload what the server lacks, commit. Returns the commit result, or None if
        stopped or if ``before_commit`` says the content changed meanwhile."""
        state = self.submit(sealed)
        if state.get("state") == "committed" and state.get("official_code"):
            return {
                "uuid": sealed.uuid,
                "official_code": state["official_code"],
                "received_at": state.get("received_at"),
            }
        offsets = {f["id"]: int(f["offset"]) for f in state.get("files", [])}
        total = sum(f.sealed_size for f in sealed.manifest.files)
        done_before = 0
        for mf in sealed.manifest.files:
            start = offsets.get(mf.id, 0)
            base = done_before

            def report(pos: int, base: int = base) -> None:
                if progress is not None:
                    progress(base + pos, total)

            if start < mf.sealed_size:
                self.upload_file(sealed, mf, start, report, should_stop)
                if should_stop is not None and should_stop():
                    return None
            done_before += mf.sealed_size
            if progress is not None:
                progress(done_before, total)
        if before_commit is not None and not before_commit():
            return None
        return self.commit(sealed)
