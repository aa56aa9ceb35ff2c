"""Intake service: enrolment, request authentication, resumable upload, exactly-once commit.

Framework-free so the rules are testable and the HTTP layer (``app.py``) stays thin. All
methods are synchronous and safe to call from several threads and several replicas: shared
state lives in the database, and every state change is a compare-and-set in a transaction.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import secrets
import time
import uuid as uuidlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from sqlalchemy import Connection, Engine, delete, exc, insert, select, update

from kiosk.security.processing_log import GENESIS as GENESIS_HEAD
from sync import protocol as P
from sync.envelope import (
    EnvelopeError,
    Manifest,
    b64d,
    b64e,
    key_proof,
    open_stream,
    raw_public,
    unwrap_key,
    verify_manifest,
)
from sync.server import db
from sync.server.blobs import BlobStore, FileBlobStore, PartWriter
from sync.server.config import ServerData, hash_enrol_code, new_enrol_code
from sync.server.export import ExportAdapter, ExportRecord, make_adapter

log = logging.getLogger(__name__)
VN_TZ = timezone(timedelta(hours=7))  # Vietnam has no daylight saving time


@dataclass
class ApiError(Exception):
    status: int
    code: str
    detail: str
    extra: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)

    def body(self) -> dict[str, Any]:
        return {"error": self.code, "detail": self.detail, **self.extra}


@dataclass(frozen=True)
class Device:
    device_id: str
    unit_code: str
    public_key: bytes


def _now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class IntakeService:
    def __init__(
        self,
        data: ServerData,
        engine: Engine,
        blobs: BlobStore | None = None,
        exporter: ExportAdapter | None = None,
    ) -> None:
        self.data = data
        self.engine = engine
        self.blobs: BlobStore = blobs or FileBlobStore(data.dir / "blobs")
        self.exporter = exporter if exporter is not None else make_adapter(data.config.export, data.dir)

    # ---- admin ------------------------------------------------------------------------------

    def mint_enrol_code(self, unit_code: str | None = None, ttl_s: int | None = None) -> str:
        code = new_enrol_code()
        unit = unit_code or self.data.config.unit_code
        with self.engine.begin() as conn:
            conn.execute(
                insert(db.enrol_codes).values(
                    code_hash=hash_enrol_code(code),
                    unit_code=unit,
                    created_at=_now_iso(),
                    expires_at=int(time.time()) + (ttl_s or self.data.config.enrol_code_ttl_s),
                )
            )
            self._audit(conn, "enrol_code_minted", detail=f"unit={unit}")
        return code

    def revoke(self, device_id: str, reason: str = "revoked by the administrator") -> None:
        with self.engine.begin() as conn:
            res = conn.execute(
                update(db.devices)
                .where(db.devices.c.device_id == device_id)
                .values(revoked_at=_now_iso(), revoked_reason=reason[:300])
            )
            if res.rowcount != 1:
                raise ApiError(404, P.E_UNKNOWN_DEVICE, "No enrolled device has this id.")
            self._audit(conn, "device_revoked", device_id=device_id, detail=reason[:200])

    def set_portal_status(self, uuid: str, code: int) -> None:
        if code not in P.PORTAL_STATUSES:
            raise ApiError(400, "bad_status", "Portal status codes run from 1 to 10.")
        with self.engine.begin() as conn:
            res = conn.execute(
                update(db.dossiers)
                .where(
                    db.dossiers.c.uuid == uuid,
                    db.dossiers.c.state == "committed",
                )
                .values(portal_status=code, status_updated_at=_now_iso())
            )
            if res.rowcount != 1:
                raise ApiError(404, P.E_NOT_FOUND, "No committed dossier has this UUID.")
            self._audit(conn, "portal_status", dossier_uuid=uuid, detail=str(code))

    def list_dossiers(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(db.dossiers)
                .where(db.dossiers.c.state.in_(("committed", "amending")))
                .order_by(db.dossiers.c.committed_at, db.dossiers.c.uuid)
            ).all()
            pending = {r.uuid: r.revision for r in conn.execute(select(db.amendments))}
            for row in rows:
                frows = conn.execute(
                    select(db.files).where(db.files.c.dossier_uuid == row.uuid).order_by(db.files.c.file_id)
                ).all()
                out.append(
                    {
                        "uuid": row.uuid,
                        "official_code": row.official_code,
                        # "amending": a newer revision is on its way; everything else here is
                        # still the committed revision's.
                        "state": "amending" if row.uuid in pending else row.state,
                        "pending_revision": pending.get(row.uuid),
                        "device": row.device_id,
                        "unit_code": row.unit_code,
                        "revision": row.revision,
                        "received_at": row.committed_at,
                        "first_seen_at": row.received_at,
                        "portal_status": row.portal_status,
                        "files": [
                            {
                                "id": f.file_id,
                                "role": f.role,
                                "size": f.size,
                                "sealed_size": f.sealed_size,
                                "sealed_sha256": f.sealed_sha256,
                                "decrypted_sha256": f.decrypted_sha256,
                            }
                            for f in sorted(frows, key=lambda f: int(f.file_id[1:]))
                        ],
                    }
                )
        return out

    def collect_garbage(self, min_age_s: float = 3600.0) -> int:
        """Delete blob parts no database row refers to (a replica died between writing a part
        and recording it, or lost a race); only parts older than ``min_age_s``, so uploads in
        flight on other replicas are never touched. Returns how many were deleted."""
        candidates = list(self.blobs.list_parts(min_age_s))
        if not candidates:
            return 0
        with self.engine.connect() as conn:
            known = {r.blob for r in conn.execute(select(db.parts.c.blob))}
        orphans = [n for n in candidates if n not in known]
        self.blobs.delete_parts(orphans)
        if orphans:
            with self.engine.begin() as conn:
                self._audit(conn, "garbage_collected", detail=f"{len(orphans)} orphan part(s)")
        return len(orphans)

    def audit_trail(self, limit: int = 1000) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(db.audit).order_by(db.audit.c.id.desc()).limit(limit)).all()
        return [dict(r._mapping) for r in rows]

    # ---- enrolment --------------------------------------------------------------------------

    def enrol(self, code: str, public_key_b64: str, label: str) -> dict[str, Any]:
        try:
            pub = b64d(public_key_b64)
            Ed25519PublicKey.from_public_bytes(pub)
        except (EnvelopeError, ValueError) as err:
            raise ApiError(400, P.E_BAD_ENVELOPE, "The device public key is not a raw Ed25519 key.") from err
        device_id = "dev-" + hashlib.sha256(pub).hexdigest()[:20]
        with self.engine.begin() as conn:
            row = conn.execute(
                select(db.enrol_codes)
                .where(db.enrol_codes.c.code_hash == hash_enrol_code(code))
                .with_for_update()
            ).first()
            if row is None or row.used_at is not None or row.expires_at < time.time():
                self._audit(conn, "enrol_refused")
                raise ApiError(
                    403,
                    P.E_BAD_CODE,
                    "The enrolment code is unknown, expired or already used; ask for a new one.",
                )
            existing = conn.execute(select(db.devices).where(db.devices.c.device_id == device_id)).first()
            if existing is not None:
                raise ApiError(409, P.E_CONTENT_CONFLICT, "This device key is already enrolled.")
            conn.execute(
                update(db.enrol_codes)
                .where(db.enrol_codes.c.code_hash == row.code_hash)
                .values(used_at=_now_iso(), used_by=device_id)
            )
            conn.execute(
                insert(db.devices).values(
                    device_id=device_id,
                    public_key=b64e(pub),
                    unit_code=row.unit_code,
                    label=label[:200],
                    enrolled_at=_now_iso(),
                )
            )
            self._audit(conn, "device_enrolled", device_id=device_id, detail=f"unit={row.unit_code}")
        kid, spub = self.data.current_public()
        return {
            "device_id": device_id,
            "unit_code": row.unit_code,
            "key_id": kid,
            "server_public_key": b64e(spub),
            "server_time": int(time.time()),
        }

    def server_key(self) -> dict[str, Any]:
        kid, spub = self.data.current_public()
        return {"key_id": kid, "public_key": b64e(spub)}

    def vouched_server_key(self, device: Device, pinned_key_id: str, challenge_b64: str) -> dict[str, Any]:
        """The current server key for an enrolled device, with a proof made with the key the
        device pinned (see ``sync.envelope.key_proof``), so a device accepts a rotated key
        only from whoever holds the key it already trusts."""
        try:
            challenge = b64d(challenge_b64)
            X25519PublicKey.from_public_bytes(challenge)
        except (EnvelopeError, ValueError) as err:
            raise ApiError(
                400, P.E_BAD_ENVELOPE, "The key challenge is not a raw X25519 public key."
            ) from err
        pinned = self.data.private_key(pinned_key_id)
        if pinned is None:
            raise ApiError(400, P.E_UNKNOWN_KEY, "The server no longer holds the key this device pinned.")
        kid, spub = self.data.current_public()
        shared = pinned.exchange(X25519PublicKey.from_public_bytes(challenge))
        proof = key_proof(
            shared, challenge, raw_public(pinned.public_key()), device.device_id, pinned_key_id, kid, spub
        )
        return {
            "device_id": device.device_id,
            "unit_code": device.unit_code,
            "key_id": kid,
            "public_key": b64e(spub),
            "proof": b64e(proof),
        }

    # ---- processing-log checkpoints ----------------------------------------------------------

    def log_checkpoint(
        self,
        device: Device,
        entries: int,
        head: str,
        since_entries: int | None = None,
        since_hash: str | None = None,
    ) -> dict[str, Any]:
        """Store a device's processing-log checkpoint (append-only), unless it contradicts one
        stored before: fewer entries than already reported, the same count with another head,
        or (``since_*``: the device's own hash of entry N, N being the newest count stored
        here) a chain that no longer passes through the newest stored head. A contradiction
        is a 409 and an alert in the audit trail (committed although the request fails)."""
        if entries < 0 or not P.HEX64.match(head) or (entries == 0 and head != GENESIS_HEAD):
            raise ApiError(400, P.E_BAD_ENVELOPE, "A log checkpoint needs an entry count and a head hash.")
        if since_hash is not None and not P.HEX64.match(since_hash):
            raise ApiError(400, P.E_BAD_ENVELOPE, "A log checkpoint needs an entry count and a head hash.")
        t = db.log_checkpoints
        reason: str | None = None
        with self.engine.begin() as conn:
            # Serialises checkpoints of one device on PostgreSQL (SQLite: BEGIN IMMEDIATE).
            conn.execute(
                select(db.devices.c.device_id)
                .where(db.devices.c.device_id == device.device_id)
                .with_for_update()
            ).first()
            newest = conn.execute(
                select(t.c.entries, t.c.head)
                .where(t.c.device_id == device.device_id)
                .order_by(t.c.entries.desc(), t.c.id.desc())
                .limit(1)
            ).first()
            same = conn.execute(
                select(t.c.head).where(t.c.device_id == device.device_id, t.c.entries == entries).limit(1)
            ).first()
            if newest is not None and entries < newest.entries:
                reason = (
                    f"The processing log has {entries} entries but this device reported "
                    f"{newest.entries} before: entries were removed or an older copy was restored."
                )
            elif same is not None and same.head != head:
                reason = (
                    f"The processing log's entry {entries} differs from the one this device "
                    "reported before: the log was rewritten."
                )
            elif (
                newest is not None
                and since_entries == newest.entries
                and since_hash is not None
                and since_hash != newest.head
            ):
                reason = (
                    f"The processing log's entry {newest.entries} differs from the one this device "
                    "reported before: the log was rewritten."
                )
            if reason is None:
                received = _now_iso()
                conn.execute(
                    insert(t).values(
                        device_id=device.device_id, entries=entries, head=head, received_at=received
                    )
                )
                return {
                    "device_id": device.device_id,
                    "entries": entries,
                    "head": head,
                    "received_at": received,
                }
        with self.engine.begin() as conn:
            self._audit(
                conn,
                "log_contradiction",
                device.device_id,
                detail=f"ALERT entries={entries} head={head[:16]} stored={newest.entries if newest else 0}",
            )
        log.warning("device %s sent a contradicting processing-log checkpoint", device.device_id)
        raise ApiError(
            409,
            P.E_LOG_CONTRADICTION,
            reason,
            extra={
                "stored_entries": newest.entries if newest else 0,
                "stored_head": newest.head if newest else GENESIS_HEAD,
            },
        )

    def log_checkpoints(self, device_id: str | None = None, limit: int = 1000) -> list[dict[str, Any]]:
        """Stored checkpoints, newest first (``kiosk server log-checkpoints``)."""
        t = db.log_checkpoints
        query = select(t.c.device_id, t.c.entries, t.c.head, t.c.received_at).order_by(t.c.id.desc())
        if device_id:
            query = query.where(t.c.device_id == device_id)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query.limit(limit))]

    # ---- request authentication -------------------------------------------------------------

    def authenticate(self, method: str, path: str, headers: Mapping[str, str], body_sha256: str) -> Device:
        device_id = headers.get(P.H_DEVICE)
        ts, nonce, sig = headers.get(P.H_TIMESTAMP), headers.get(P.H_NONCE), headers.get(P.H_SIGNATURE)
        if not device_id or not ts or not nonce or not sig:
            raise ApiError(401, P.E_BAD_SIGNATURE, "The request is not signed by an enrolled device.")
        if headers.get(P.H_BODY_SHA256, "") != body_sha256:
            raise ApiError(400, P.E_BAD_SIGNATURE, "The body hash header does not match the body.")
        with self.engine.connect() as conn:
            row = conn.execute(select(db.devices).where(db.devices.c.device_id == device_id[:64])).first()
        if row is None:
            raise ApiError(401, P.E_UNKNOWN_DEVICE, "This device is not enrolled with the server.")
        if row.revoked_at is not None:
            # The administrator's reason goes to the device, which shows it to the officer.
            raise ApiError(
                403,
                P.E_REVOKED,
                "This device has been revoked; it must be enrolled again.",
                extra={"reason": row.revoked_reason},
            )
        pub = base64.b64decode(row.public_key)
        try:
            Ed25519PublicKey.from_public_bytes(pub).verify(
                base64.b64decode(sig, validate=True), P.signing_string(method, path, ts, nonce, body_sha256)
            )
        except (InvalidSignature, ValueError) as err:
            raise ApiError(401, P.E_BAD_SIGNATURE, "The request signature does not verify.") from err
        try:
            ts_i = int(ts)
        except ValueError as err:
            raise ApiError(401, P.E_CLOCK_SKEW, "The request timestamp is not a number.") from err
        now = int(time.time())
        window = self.data.config.replay_window_s
        if abs(now - ts_i) > window:
            raise ApiError(
                401,
                P.E_CLOCK_SKEW,
                "The device clock differs from the server's; retry with the server time.",
                extra={"server_time": now},
            )
        if not P.NONCE_RE.match(nonce):
            raise ApiError(401, P.E_REPLAY, "The request nonce is malformed.")
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(db.nonces).values(nonce=nonce, device_id=device_id, seen_at=now))
                if secrets.randbelow(256) == 0:
                    conn.execute(delete(db.nonces).where(db.nonces.c.seen_at < now - 2 * window))
        except exc.IntegrityError as err:
            raise ApiError(401, P.E_REPLAY, "This request was already received (replay refused).") from err
        return Device(device_id, row.unit_code, pub)

    # ---- manifest ---------------------------------------------------------------------------

    def submit(
        self, device: Device, idem_key: str | None, manifest_text: str, signature_b64: str
    ) -> tuple[int, dict[str, Any]]:
        manifest_bytes = manifest_text.encode("utf-8")
        try:
            verify_manifest(device.public_key, manifest_bytes, b64d(signature_b64))
            man = Manifest.from_bytes(manifest_bytes)
        except EnvelopeError as err:
            code = P.E_BAD_SIGNATURE if "signature" in str(err) else P.E_BAD_ENVELOPE
            raise ApiError(400 if code == P.E_BAD_ENVELOPE else 401, code, str(err)) from err
        if man.device_id != device.device_id:
            raise ApiError(400, P.E_BAD_ENVELOPE, "The manifest names another device.")
        if idem_key != man.dossier_uuid:
            raise ApiError(400, P.E_BAD_ENVELOPE, "The Idempotency-Key must be the dossier UUID.")
        key = self.data.private_key(man.key_id)
        if key is None:
            raise ApiError(400, P.E_UNKNOWN_KEY, "The envelope is sealed to a key this server does not hold.")
        try:
            unwrap_key(key, b64d(man.ephemeral_public), b64d(man.wrapped_key), man.key_id, man.dossier_uuid)
        except EnvelopeError as err:
            raise ApiError(400, P.E_BAD_ENVELOPE, str(err)) from err
        digest = hashlib.sha256(manifest_bytes).hexdigest()
        for attempt in range(3):
            try:
                return self._submit_txn(device, man, manifest_text, signature_b64, digest)
            except ApiError as err:
                if err.code == P.E_CONTENT_CONFLICT:
                    # Recorded in its own transaction: the refused one is rolled back.
                    with self.engine.begin() as conn:
                        self._audit(conn, "conflict_refused", device.device_id, man.dossier_uuid)
                raise
            except exc.IntegrityError:
                # Another replica inserted the same UUID first; read its row on the next pass.
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _submit_txn(
        self, device: Device, man: Manifest, text: str, sig: str, digest: str
    ) -> tuple[int, dict[str, Any]]:
        stale_blobs: list[str] = []
        with self.engine.begin() as conn:
            row = conn.execute(
                select(db.dossiers).where(db.dossiers.c.uuid == man.dossier_uuid).with_for_update()
            ).first()
            pend = self._pending(conn, man.dossier_uuid) if row is not None else None
            status = 200
            if row is None:
                self._insert_dossier(conn, device, man, text, sig, digest)
                self._audit(
                    conn, "manifest_received", device.device_id, man.dossier_uuid, f"revision={man.revision}"
                )
                status = 201
            elif row.manifest_sha256 != digest and (pend is None or pend.manifest_sha256 != digest):
                newest = pend.revision if pend is not None else row.revision
                if (
                    row.device_id != device.device_id
                    or man.revision < newest
                    or (row.state == "committed" and man.revision == row.revision)
                ):
                    raise ApiError(
                        409,
                        P.E_CONTENT_CONFLICT,
                        # Two whole sentences (not one with a tail): the kiosk translates sentences.
                        f"The server already holds different content for this dossier UUID "
                        f"(official code {row.official_code})."
                        if row.official_code
                        else "The server already holds different content for this dossier UUID.",
                        extra={"official_code": row.official_code},
                    )
                if row.state in ("committed", "amending"):
                    # A supplement: a newer revision of a committed dossier keeps its official
                    # code; it is stored beside the committed revision until it commits itself.
                    stale_blobs = self._amend(conn, man, text, sig, digest)
                    self._audit(
                        conn,
                        "manifest_amending",
                        device.device_id,
                        man.dossier_uuid,
                        f"revision={man.revision}",
                    )
                    status = 201
                else:
                    # A newer seal of an unfinished upload (the dossier was edited): start over.
                    stale_blobs = [
                        r.blob
                        for r in conn.execute(
                            select(db.parts.c.blob).where(db.parts.c.dossier_uuid == man.dossier_uuid)
                        )
                    ]
                    conn.execute(delete(db.parts).where(db.parts.c.dossier_uuid == man.dossier_uuid))
                    conn.execute(delete(db.files).where(db.files.c.dossier_uuid == man.dossier_uuid))
                    conn.execute(delete(db.dossiers).where(db.dossiers.c.uuid == man.dossier_uuid))
                    self._insert_dossier(conn, device, man, text, sig, digest)
                    self._audit(
                        conn,
                        "manifest_replaced",
                        device.device_id,
                        man.dossier_uuid,
                        f"revision={man.revision}",
                    )
                    status = 201
            result = self._state(conn, man.dossier_uuid, digest)
        self.blobs.delete_parts(stale_blobs)
        return status, result

    def _pending(self, conn: Connection, uuid: str) -> Any:
        return conn.execute(select(db.amendments).where(db.amendments.c.uuid == uuid)).first()

    def _drop_pending(self, conn: Connection, uuid: str, digest: str | None = None) -> list[str]:
        """Forget the pending revision of ``uuid`` (only if it is ``digest``, when given) and
        its parts; returns the blob names to delete once the transaction is in."""
        pend = self._pending(conn, uuid)
        if pend is None or (digest is not None and pend.manifest_sha256 != digest):
            return []
        mine = db.parts.c.dossier_uuid == uuid, db.parts.c.manifest_sha256 == pend.manifest_sha256
        blobs = [r.blob for r in conn.execute(select(db.parts.c.blob).where(*mine))]
        conn.execute(delete(db.parts).where(*mine))
        conn.execute(delete(db.amendment_files).where(db.amendment_files.c.dossier_uuid == uuid))
        conn.execute(delete(db.amendments).where(db.amendments.c.uuid == uuid))
        return blobs

    def _amend(self, conn: Connection, man: Manifest, text: str, sig: str, digest: str) -> list[str]:
        stale = self._drop_pending(conn, man.dossier_uuid)  # an earlier seal of the amendment
        conn.execute(
            insert(db.amendments).values(
                uuid=man.dossier_uuid,
                revision=man.revision,
                manifest=text,
                manifest_sha256=digest,
                signature=sig,
                key_id=man.key_id,
                received_at=_now_iso(),
            )
        )
        self._insert_files(conn, man, digest, db.amendment_files)
        return stale

    def _insert_dossier(  # noqa: PLR0917
        self, conn: Connection, device: Device, man: Manifest, text: str, sig: str, digest: str
    ) -> None:
        conn.execute(
            insert(db.dossiers).values(
                uuid=man.dossier_uuid,
                device_id=device.device_id,
                unit_code=device.unit_code,
                revision=man.revision,
                manifest=text,
                manifest_sha256=digest,
                signature=sig,
                key_id=man.key_id,
                state="receiving",
                received_at=_now_iso(),
            )
        )
        self._insert_files(conn, man, digest)

    def _insert_files(self, conn: Connection, man: Manifest, digest: str, table: Any = db.files) -> None:
        conn.execute(
            insert(table),
            [
                {
                    "dossier_uuid": man.dossier_uuid,
                    "file_id": f.id,
                    "manifest_sha256": digest,
                    "role": f.role,
                    "size": f.size,
                    "sha256": f.sha256,
                    "sealed_size": f.sealed_size,
                    "sealed_sha256": f.sealed_sha256,
                    "committed_offset": 0,
                }
                for f in man.files
            ],
        )

    def _state(self, conn: Connection, uuid: str, digest: str | None = None) -> dict[str, Any]:
        """The upload state of the seal ``digest``: the pending amendment's if that is the one
        (or if no digest is given and one is pending), else the dossier's own."""
        row = conn.execute(select(db.dossiers).where(db.dossiers.c.uuid == uuid)).one()
        pend = self._pending(conn, uuid)
        if pend is not None and (digest is None or pend.manifest_sha256 == digest):
            state, sha, table = "amending", pend.manifest_sha256, db.amendment_files
        else:
            state, sha, table = row.state, row.manifest_sha256, db.files
        frows = conn.execute(select(table).where(table.c.dossier_uuid == uuid)).all()
        return {
            "uuid": uuid,
            "state": state,
            "official_code": row.official_code,
            "manifest_sha256": sha,
            "received_at": row.committed_at,
            "files": sorted(
                ({"id": f.file_id, "offset": f.committed_offset, "length": f.sealed_size} for f in frows),
                key=lambda f: int(str(f["id"])[1:]),
            ),
        }

    def _owned(self, conn: Connection, device: Device, uuid: str) -> Any:
        row = conn.execute(select(db.dossiers).where(db.dossiers.c.uuid == uuid)).first()
        if row is None or row.device_id != device.device_id:
            raise ApiError(404, P.E_NOT_FOUND, "No dossier with this UUID was received from this device.")
        return row

    # ---- resumable upload -------------------------------------------------------------------

    def _upload_files(self, conn: Connection, uuid: str, digest: str | None) -> tuple[Any, bool]:
        """The file table the seal ``digest`` uploads into (the pending amendment's or the
        dossier's; with no digest, whichever is being received) and whether it still takes
        chunks (a committed revision does not)."""
        pend = self._pending(conn, uuid)
        if pend is not None and (digest is None or pend.manifest_sha256 == digest):
            return db.amendment_files, True
        row = conn.execute(select(db.dossiers.c.state).where(db.dossiers.c.uuid == uuid)).first()
        return db.files, row is not None and row.state != "committed"

    def file_offset(self, device: Device, uuid: str, file_id: str) -> dict[str, Any]:
        with self.engine.connect() as conn:
            self._owned(conn, device, uuid)
            table, _open = self._upload_files(conn, uuid, None)
            f = conn.execute(
                select(table).where(table.c.dossier_uuid == uuid, table.c.file_id == file_id)
            ).first()
        if f is None:
            raise ApiError(404, P.E_NOT_FOUND, "The dossier has no file with this id.")
        return {
            "id": file_id,
            "offset": f.committed_offset,
            "length": f.sealed_size,
            "manifest_sha256": f.manifest_sha256,
        }

    def chunk_begin(  # noqa: PLR0917 - called through run_in_threadpool
        self, device: Device, uuid: str, file_id: str, manifest_sha: str, offset: int, length: int
    ) -> PartWriter:
        if length <= 0 or length > P.MAX_CHUNK:
            raise ApiError(
                413 if length > 0 else 400,
                P.E_BAD_ENVELOPE,
                f"A chunk must hold between 1 byte and {P.MAX_CHUNK} bytes.",
            )
        with self.engine.connect() as conn:
            self._owned(conn, device, uuid)
            table, writable = self._upload_files(conn, uuid, manifest_sha)
            f = conn.execute(
                select(table).where(table.c.dossier_uuid == uuid, table.c.file_id == file_id)
            ).first()
        if f is None:
            raise ApiError(404, P.E_NOT_FOUND, "The dossier has no file with this id.")
        if f.manifest_sha256 != manifest_sha:
            raise ApiError(
                409,
                P.E_IN_PROGRESS,
                "The server holds another seal of this dossier; submit the manifest again.",
            )
        if not writable or f.committed_offset != offset:
            raise ApiError(
                409,
                P.E_OFFSET,
                "The upload offset does not match the server's.",
                extra={"offset": f.committed_offset},
                headers={P.H_OFFSET: str(f.committed_offset)},
            )
        if offset + length > f.sealed_size:
            raise ApiError(400, P.E_BAD_ENVELOPE, "The chunk runs past the end of the file.")
        return self.blobs.new_part(f"{uuid}/{manifest_sha[:16]}/{file_id}")

    def chunk_publish(  # noqa: PLR0917 - called through run_in_threadpool
        self, uuid: str, file_id: str, manifest_sha: str, offset: int, length: int, part: PartWriter
    ) -> dict[str, Any]:
        try:
            with self.engine.begin() as conn:
                table, writable = self._upload_files(conn, uuid, manifest_sha)
                res = (
                    None
                    if not writable
                    else conn.execute(
                        update(table)
                        .where(
                            table.c.dossier_uuid == uuid,
                            table.c.file_id == file_id,
                            table.c.manifest_sha256 == manifest_sha,
                            table.c.committed_offset == offset,
                        )
                        .values(committed_offset=offset + length)
                    )
                )
                if res is None or res.rowcount != 1:
                    raise ApiError(409, P.E_OFFSET, "Another upload of this chunk won; ask for the offset.")
                conn.execute(
                    insert(db.parts).values(
                        dossier_uuid=uuid,
                        file_id=file_id,
                        manifest_sha256=manifest_sha,
                        offset=offset,
                        length=length,
                        blob=part.name,
                    )
                )
        except BaseException:
            self.blobs.delete_parts([part.name])
            raise
        return {"id": file_id, "offset": offset + length}

    # ---- commit -----------------------------------------------------------------------------

    def commit(self, device: Device, uuid: str, manifest_sha: str) -> dict[str, Any]:
        with self.engine.connect() as conn:
            row = self._owned(conn, device, uuid)
            pend = self._pending(conn, uuid)
            amending = pend is not None and pend.manifest_sha256 == manifest_sha
            if not amending and row.manifest_sha256 != manifest_sha:
                if row.state == "committed" and pend is None:
                    raise ApiError(
                        409,
                        P.E_CONTENT_CONFLICT,
                        "The server already holds different content for this dossier UUID.",
                        extra={"official_code": row.official_code},
                    )
                raise ApiError(
                    409,
                    P.E_IN_PROGRESS,
                    "The server holds another seal of this dossier; submit the manifest again.",
                )
            if not amending and row.state == "committed":
                return self._result(row)
            table = db.amendment_files if amending else db.files
            frows = conn.execute(select(table).where(table.c.dossier_uuid == uuid)).all()
            prow = conn.execute(
                select(db.parts)
                .where(db.parts.c.dossier_uuid == uuid, db.parts.c.manifest_sha256 == manifest_sha)
                .order_by(db.parts.c.file_id, db.parts.c.offset)
            ).all()
        missing = [
            {"id": f.file_id, "offset": f.committed_offset, "length": f.sealed_size}
            for f in frows
            if f.committed_offset != f.sealed_size
        ]
        if missing:
            raise ApiError(
                409, P.E_INCOMPLETE, "Some files are not fully uploaded yet.", extra={"files": missing}
            )
        man = Manifest.from_bytes((pend.manifest if amending else row.manifest).encode("utf-8"))
        decrypted = self._verify_files(man, uuid, manifest_sha, frows, prow)
        now = _now_iso()
        stale: list[str] = []
        won: str | None = None
        with self.engine.begin() as conn:
            if amending:
                won = self._commit_amendment(conn, device, uuid, manifest_sha, decrypted, now, man)
            else:
                res = conn.execute(
                    update(db.dossiers)
                    .where(
                        db.dossiers.c.uuid == uuid,
                        db.dossiers.c.state.in_(("receiving", "amending")),
                        db.dossiers.c.manifest_sha256 == manifest_sha,
                    )
                    .values(state="committed", committed_at=now)
                )
                if res.rowcount == 1:
                    self._set_decrypted(conn, uuid, decrypted)
                    if row.official_code:  # an amendment received by an older version
                        won = row.official_code
                        self._audit(
                            conn, "amended", device.device_id, uuid, f"code={won} revision={man.revision}"
                        )
                    else:
                        won = self._issue_code(conn, row.unit_code)
                        conn.execute(
                            update(db.dossiers).where(db.dossiers.c.uuid == uuid).values(official_code=won)
                        )
                        self._audit(conn, "committed", device.device_id, uuid, f"code={won}")
            if won is not None:
                stale_rows = db.parts.c.dossier_uuid == uuid, db.parts.c.manifest_sha256 != manifest_sha
                stale = [r.blob for r in conn.execute(select(db.parts.c.blob).where(*stale_rows))]
                conn.execute(delete(db.parts).where(*stale_rows))
        self.blobs.delete_parts(stale)  # the previous revision's parts, once the new one is in
        with self.engine.connect() as conn:
            final = conn.execute(select(db.dossiers).where(db.dossiers.c.uuid == uuid)).one()
        if final.state != "committed" or final.manifest_sha256 != manifest_sha:
            raise ApiError(409, P.E_IN_PROGRESS, "The dossier changed while it was being committed; retry.")
        if won is not None:
            self._export(final, man, amended=bool(row.official_code))
        return self._result(final)

    def _commit_amendment(  # noqa: PLR0917
        self,
        conn: Connection,
        device: Device,
        uuid: str,
        digest: str,
        decrypted: dict[str, str],
        now: str,
        man: Manifest,
    ) -> str | None:
        """Swap the pending revision in for the committed one, in the caller's transaction;
        None if another request committed or replaced it meanwhile."""
        row = conn.execute(select(db.dossiers).where(db.dossiers.c.uuid == uuid).with_for_update()).one()
        pend = self._pending(conn, uuid)
        if pend is None or pend.manifest_sha256 != digest:
            return None
        frows = conn.execute(
            select(db.amendment_files).where(db.amendment_files.c.dossier_uuid == uuid)
        ).all()
        conn.execute(delete(db.files).where(db.files.c.dossier_uuid == uuid))
        conn.execute(
            insert(db.files),
            [{**dict(f._mapping), "decrypted_sha256": decrypted.get(f.file_id)} for f in frows],
        )
        conn.execute(delete(db.amendment_files).where(db.amendment_files.c.dossier_uuid == uuid))
        conn.execute(delete(db.amendments).where(db.amendments.c.uuid == uuid))
        conn.execute(
            update(db.dossiers)
            .where(db.dossiers.c.uuid == uuid)
            .values(
                state="committed",
                revision=pend.revision,
                manifest=pend.manifest,
                manifest_sha256=digest,
                signature=pend.signature,
                key_id=pend.key_id,
                committed_at=now,
            )
        )
        self._audit(
            conn, "amended", device.device_id, uuid, f"code={row.official_code} revision={man.revision}"
        )
        return str(row.official_code)

    def _set_decrypted(self, conn: Connection, uuid: str, decrypted: dict[str, str]) -> None:
        for fid, h in decrypted.items():
            conn.execute(
                update(db.files)
                .where(db.files.c.dossier_uuid == uuid, db.files.c.file_id == fid)
                .values(decrypted_sha256=h)
            )

    def _result(self, row: Any) -> dict[str, Any]:
        return {
            "uuid": row.uuid,
            "state": "committed",
            "official_code": row.official_code,
            "received_at": row.committed_at,
        }

    def _verify_files(
        self, man: Manifest, uuid: str, digest: str, frows: Sequence[Any], prow: Sequence[Any]
    ) -> dict[str, str]:
        key = self.data.private_key(man.key_id)
        if key is None:
            raise ApiError(400, P.E_UNKNOWN_KEY, "The envelope is sealed to a key this server does not hold.")
        content_key = unwrap_key(key, b64d(man.ephemeral_public), b64d(man.wrapped_key), man.key_id, uuid)
        out: dict[str, str] = {}
        for index, mf in enumerate(man.files):
            names = self._chain([p for p in prow if p.file_id == mf.id], mf.sealed_size)
            sealed_hash = hashlib.sha256()

            def tee(names: list[str] = names, h: Any = sealed_hash) -> Iterator[bytes]:
                for block in self.blobs.read_parts(names):
                    h.update(block)
                    yield block

            plain_hash = hashlib.sha256()
            size = 0
            try:
                for plain in open_stream(content_key, uuid, index, tee(), man.chunk_size):
                    plain_hash.update(plain)
                    size += len(plain)
            except EnvelopeError as err:
                self._reject(uuid, digest, str(err))
            if (
                sealed_hash.hexdigest() != mf.sealed_sha256
                or plain_hash.hexdigest() != mf.sha256
                or size != mf.size
            ):
                self._reject(uuid, digest, "A file does not match the SHA-256 in its signed manifest.")
            out[mf.id] = plain_hash.hexdigest()
        return out

    def _chain(self, parts: list[Any], length: int) -> list[str]:
        names, pos = [], 0
        for p in sorted(parts, key=lambda p: p.offset):
            if p.offset == pos:
                names.append(p.blob)
                pos += p.length
        if pos != length:
            raise ApiError(409, P.E_INCOMPLETE, "Some file parts are missing; upload again.")
        return names

    def _reject(self, uuid: str, digest: str, reason: str) -> None:
        """Tampered or corrupt content: keep nothing of this upload, so an honest retry starts
        clean (a rejected amendment is dropped; the committed revision stays as it was)."""
        with self.engine.begin() as conn:
            row = conn.execute(
                select(db.dossiers).where(db.dossiers.c.uuid == uuid).with_for_update()
            ).first()
            blobs: list[str] = []
            if row is not None:
                blobs = self._drop_pending(conn, uuid, digest)
            if row is not None and row.manifest_sha256 == digest and row.state in ("receiving", "amending"):
                mine = [db.parts.c.dossier_uuid == uuid]
                if row.state == "amending":
                    mine.append(db.parts.c.manifest_sha256 == digest)
                blobs += [r.blob for r in conn.execute(select(db.parts.c.blob).where(*mine))]
                conn.execute(delete(db.parts).where(*mine))
                if row.state == "receiving":
                    conn.execute(delete(db.files).where(db.files.c.dossier_uuid == uuid))
                    conn.execute(delete(db.dossiers).where(db.dossiers.c.uuid == uuid))
                else:
                    conn.execute(
                        update(db.files).where(db.files.c.dossier_uuid == uuid).values(committed_offset=0)
                    )
            self._audit(conn, "rejected", dossier_uuid=uuid, detail=reason[:200])
        self.blobs.delete_parts(blobs)
        raise ApiError(422, P.E_BAD_ENVELOPE, reason)

    def _issue_code(self, conn: Connection, unit_code: str) -> str:
        today = datetime.now(VN_TZ)
        name = f"{unit_code}:{today:%Y%m%d}"
        conn.execute(self._upsert(db.counters).values(name=name, value=0).on_conflict_do_nothing())
        seq = conn.execute(
            update(db.counters)
            .where(db.counters.c.name == name)
            .values(value=db.counters.c.value + 1)
            .returning(db.counters.c.value)
        ).scalar_one()
        return self.data.config.code_format.format(
            unit=unit_code, date=f"{today:%Y%m%d}", yymmdd=f"{today:%y%m%d}", seq=seq
        )

    def _export(self, row: Any, man: Manifest, *, amended: bool) -> bool:
        """Hand the committed revision ``row`` to the export adapter and record the outcome;
        True once it is exported (also when no adapter is configured: nothing to forward)."""
        if self.exporter is None:
            return True
        with self.engine.connect() as conn:
            prow = conn.execute(
                select(db.parts).where(
                    db.parts.c.dossier_uuid == row.uuid, db.parts.c.manifest_sha256 == row.manifest_sha256
                )
            ).all()
        sizes = {f.id: f.sealed_size for f in man.files}

        def open_sealed(fid: str) -> Iterator[bytes]:
            return self.blobs.read_parts(self._chain([p for p in prow if p.file_id == fid], sizes[fid]))

        record = ExportRecord(
            row.uuid,
            row.official_code,
            row.revision,
            amended,
            row.unit_code,
            row.device_id,
            row.committed_at,
            row.manifest.encode(),
            row.signature,
            [f.id for f in man.files],
            open_sealed,
        )
        error: str | None = None
        try:
            self.exporter.export(record)
            action, detail = "exported", self.exporter.name
        except Exception as err:  # the commit stands; export_due forwards it again later
            log.warning("export of a dossier failed: %s", err.__class__.__name__)
            error = err.__class__.__name__
            action, detail = "export_failed", f"{self.exporter.name}: {error}"
        with self.engine.begin() as conn:
            self._record_export(conn, row.uuid, row.revision, error)
            self._audit(conn, action, row.device_id, row.uuid, detail)
        return error is None

    def _record_export(self, conn: Connection, uuid: str, revision: int, error: str | None) -> None:
        values = {
            "state": "done" if error is None else "failed",
            "last_error": error,
            "updated_at": _now_iso(),
        }
        conn.execute(
            self._upsert(db.exports)
            .values(uuid=uuid, revision=revision, attempts=1, **values)
            .on_conflict_do_update(
                index_elements=[db.exports.c.uuid, db.exports.c.revision],
                set_={**values, "attempts": db.exports.c.attempts + 1},
            )
        )

    def _upsert(self, table: Any) -> Any:
        if self.engine.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            return pg_insert(table)
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(table)

    def export_due(self, uuids: Sequence[str] | None = None) -> dict[str, Any]:
        """Forward every committed revision not yet exported (failed, or never tried because
        the process stopped between commit and export), or only ``uuids`` (then even if done:
        adapters are idempotent). Returns counts and the UUIDs still failing."""
        if self.exporter is None:
            raise ApiError(
                400, "no_export", 'No export adapter is configured in server.json ("export": {"kind": ...}).'
            )
        with self.engine.connect() as conn:
            done = select(db.exports.c.uuid).where(
                db.exports.c.uuid == db.dossiers.c.uuid,
                db.exports.c.revision == db.dossiers.c.revision,
                db.exports.c.state == "done",
            )
            query = select(db.dossiers).where(db.dossiers.c.state == "committed")
            if uuids is not None:
                query = query.where(db.dossiers.c.uuid.in_(list(uuids)))
            else:
                query = query.where(~done.exists())
            rows = conn.execute(query.order_by(db.dossiers.c.committed_at)).all()
            # Revisions only grow, so once an amendment of a dossier was committed, its current
            # revision is an amendment (the adapter files it beside the first one).
            amended = {
                r.dossier_uuid
                for r in conn.execute(select(db.audit.c.dossier_uuid).where(db.audit.c.action == "amended"))
            }
        if uuids is not None and len(rows) != len(set(uuids)):
            raise ApiError(404, P.E_NOT_FOUND, "No committed dossier has this UUID.")
        exported, failed = 0, []
        for row in rows:
            man = Manifest.from_bytes(row.manifest.encode("utf-8"))
            if self._export(row, man, amended=row.uuid in amended):
                exported += 1
            else:
                failed.append(row.uuid)
        return {"exported": exported, "failed": failed}

    def open_plain(self, uuid: str, file_id: str) -> Iterator[bytes]:
        """Stream the decrypted bytes of one committed file (for forwarding and audits)."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(db.dossiers).where(db.dossiers.c.uuid == uuid, db.dossiers.c.state == "committed")
            ).one_or_none()
            if row is None:
                raise ApiError(404, P.E_NOT_FOUND, "No committed dossier has this UUID.")
            prow = conn.execute(
                select(db.parts).where(
                    db.parts.c.dossier_uuid == uuid, db.parts.c.manifest_sha256 == row.manifest_sha256
                )
            ).all()
        man = Manifest.from_bytes(row.manifest.encode("utf-8"))
        index = next((i for i, f in enumerate(man.files) if f.id == file_id), None)
        key = self.data.private_key(man.key_id)
        if index is None or key is None:
            raise ApiError(404, P.E_NOT_FOUND, "This dossier has no such file, or its key is gone.")
        mf = man.files[index]
        content_key = unwrap_key(key, b64d(man.ephemeral_public), b64d(man.wrapped_key), man.key_id, uuid)
        sealed = self.blobs.read_parts(self._chain([p for p in prow if p.file_id == file_id], mf.sealed_size))
        return open_stream(content_key, uuid, index, sealed, man.chunk_size)

    # ---- status -----------------------------------------------------------------------------

    def status(self, device: Device, uuid: str) -> dict[str, Any]:
        with self.engine.connect() as conn:
            row = self._owned(conn, device, uuid)
            pend = self._pending(conn, uuid)
        return {
            "uuid": uuid,
            "state": "amending" if pend is not None else row.state,
            "official_code": row.official_code,
            "portal_status": row.portal_status,
            "portal_status_text": P.PORTAL_STATUSES.get(row.portal_status or 0),
            "received_at": row.committed_at,
            "status_updated_at": row.status_updated_at,
        }

    def _audit(
        self,
        conn: Connection,
        action: str,
        device_id: str | None = None,
        dossier_uuid: str | None = None,
        detail: str = "",
    ) -> None:
        conn.execute(
            insert(db.audit).values(
                at=_now_iso(), action=action, device_id=device_id, dossier_uuid=dossier_uuid, detail=detail
            )
        )


def valid_uuid(text: str) -> str:
    try:
        uuidlib.UUID(text)
        if text != text.lower() or len(text) not in (32, 36):
            raise ValueError("not canonical")
        return text
    except ValueError as err:
        raise ApiError(
            404, P.E_NOT_FOUND, "No dossier with this UUID was received from this device."
        ) from err
