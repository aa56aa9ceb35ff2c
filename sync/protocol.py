"""Wire protocol constants shared by the client transport and the intake server.

Every device request is signed: the device's Ed25519 key signs the method, path, a
timestamp, a random nonce and the SHA-256 of the body. The server rejects stale timestamps
and nonces it has seen, so a captured request cannot be replayed.
"""

from __future__ import annotations

import re

from kiosk.dossier.model import PORTAL_STATUS

API_PREFIX = "/v1"
H_DEVICE = "X-Device-Id"
H_TIMESTAMP = "X-Timestamp"
H_NONCE = "X-Nonce"
H_BODY_SHA256 = "X-Body-SHA256"
H_SIGNATURE = "X-Signature"
H_IDEMPOTENCY = "Idempotency-Key"
H_OFFSET = "Upload-Offset"
H_LENGTH = "Upload-Length"
H_CHUNK_SHA256 = "Chunk-SHA256"
H_SERVER_TIME = "X-Server-Time"

REQUEST_CONTEXT = "mck-req-v1"
EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
MAX_CHUNK = 16 * 1024 * 1024
UPLOAD_CHUNK = 4 * 1024 * 1024

HEX64 = re.compile(r"^[0-9a-f]{64}$")
NONCE_RE = re.compile(r"^[0-9a-f]{32}$")

# Portal status codes (National Public Service Portal): 1 new ... 10 result returned; one
# table for the client store and the server.
PORTAL_STATUSES = PORTAL_STATUS

# Error codes in problem bodies ({"error": code, "detail": sentence}).
E_UNKNOWN_DEVICE = "unknown_device"
E_REVOKED = "device_revoked"
E_BAD_SIGNATURE = "bad_signature"
E_CLOCK_SKEW = "clock_skew"
E_REPLAY = "replayed_request"
E_CONTENT_CONFLICT = "content_conflict"
E_IN_PROGRESS = "in_progress"
E_OFFSET = "offset_mismatch"
E_CHUNK_CHECKSUM = "chunk_checksum"
E_INCOMPLETE = "incomplete"
E_BAD_ENVELOPE = "bad_envelope"
E_UNKNOWN_KEY = "unknown_key"
E_NOT_FOUND = "not_found"
E_BAD_CODE = "bad_enrolment_code"
E_LOG_CONTRADICTION = "log_contradiction"  # a processing-log checkpoint contradicts an earlier one

DEVICE_LEVEL_ERRORS = frozenset({E_UNKNOWN_DEVICE, E_REVOKED, E_BAD_SIGNATURE})


def signing_string(method: str, path: str, timestamp: str, nonce: str, body_sha256: str) -> bytes:
    return "\n".join((REQUEST_CONTEXT, method.upper(), path, timestamp, nonce, body_sha256)).encode()
