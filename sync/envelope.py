"""Sealed envelopes: what a dossier looks like once it leaves the store for the server.

A dossier is sealed with a fresh random 256-bit content key. Each file is encrypted with
AES-256-GCM in fixed-size chunks so a 500 MB PDF streams through bounded memory; the nonce
carries the file index, the chunk index and a last-chunk flag, and the same values go into
the associated data, so chunks cannot be reordered, moved between files or truncated
without the server noticing. The content key is wrapped to the server's X25519 public key
(HPKE-style: ephemeral X25519 + HKDF-SHA256 + AES-GCM), and the key id names which server
key, so the server can rotate keys while old envelopes stay readable. The manifest lists
per-file sizes and SHA-256 (plaintext and sealed) and is signed with the device's Ed25519 key.

Sealed layout on disk (the outbox cache), one directory per dossier revision::

    manifest.json   canonical JSON (the exact bytes that are signed)
    manifest.sig    Ed25519 signature over MANIFEST_CONTEXT + manifest.json
    f0.bin ...      sealed files (f0 = the dossier record, then the attachments)
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import shutil
import struct
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from kiosk.errors import KioskError
from kiosk.fileutil import fsync_dir

SCHEMA_VERSION = 1
CHUNK_SIZE = 64 * 1024  # plaintext bytes per AEAD chunk: 16 bytes of tag per 64 KiB = 0.02 %
TAG_SIZE = 16
MANIFEST_CONTEXT = b"mck-manifest-v1\n"
WRAP_INFO = b"mck-wrap-v1"
CHUNK_AAD = b"mck-chunk-v1"
MAX_FILES = 1000
MAX_FILE_SIZE = 4 * 1024**3


class EnvelopeError(KioskError):
    """A sealed envelope is malformed, tampered with or cannot be opened."""


def b64e(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64d(text: str) -> bytes:
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError) as exc:
        raise EnvelopeError("A base64 field of the envelope is malformed.") from exc


def sealed_size_for(size: int, chunk_size: int = CHUNK_SIZE) -> int:
    """Sealed size of a plaintext of ``size`` bytes (an empty file is one empty chunk)."""
    chunks = max(1, -(-size // chunk_size))
    return size + chunks * TAG_SIZE


def _nonce(file_index: int, chunk_index: int, last: bool) -> bytes:
    # 4 bytes file index + 7 bytes chunk index + 1 byte last flag = 96-bit GCM nonce;
    # unique per content key because each (file, chunk) pair occurs once.
    return struct.pack(">I", file_index) + chunk_index.to_bytes(7, "big") + (b"\x01" if last else b"\x00")


def _aad(dossier_uuid: str, file_index: int, chunk_index: int, last: bool) -> bytes:
    return b"|".join(
        (
            CHUNK_AAD,
            dossier_uuid.encode("ascii"),
            str(file_index).encode(),
            str(chunk_index).encode(),
            b"1" if last else b"0",
        )
    )


@dataclass(frozen=True)
class FileDigest:
    size: int
    sha256: str
    sealed_size: int
    sealed_sha256: str


def _read_full(src: BinaryIO, n: int) -> bytes:
    parts: list[bytes] = []
    left = n
    while left > 0:
        block = src.read(left)
        if not block:
            break
        parts.append(block)
        left -= len(block)
    return b"".join(parts)


def seal_stream(  # noqa: PLR0917 - mirrors open_stream; the chunk size is rarely given
    content_key: bytes,
    dossier_uuid: str,
    file_index: int,
    src: BinaryIO,
    dst: BinaryIO,
    chunk_size: int = CHUNK_SIZE,
    *,
    verified_sha256: str | None = None,
) -> FileDigest:
    """Encrypt ``src`` into ``dst`` chunk by chunk; returns sizes and hashes of both sides.

    ``verified_sha256``: the plaintext hash when ``src`` itself checks it by the end of the
    stream (the store's decrypting reader does), saving one hashing pass.
    """
    aead = AESGCM(content_key)
    plain_hash = hashlib.sha256() if verified_sha256 is None else None
    sealed_hash = hashlib.sha256()
    size = sealed = 0
    index = 0
    block = _read_full(src, chunk_size)
    while True:
        # Read one chunk ahead so the last chunk is known when it is sealed.
        nxt = _read_full(src, chunk_size) if len(block) == chunk_size else b""
        last = not nxt
        out = aead.encrypt(
            _nonce(file_index, index, last), block, _aad(dossier_uuid, file_index, index, last)
        )
        if plain_hash is not None:
            plain_hash.update(block)
        sealed_hash.update(out)
        dst.write(out)
        size += len(block)
        sealed += len(out)
        index += 1
        if last:
            break
        block = nxt
    plain = plain_hash.hexdigest() if plain_hash is not None else str(verified_sha256)
    return FileDigest(size, plain, sealed, sealed_hash.hexdigest())


def open_stream(
    content_key: bytes,
    dossier_uuid: str,
    file_index: int,
    sealed: Iterator[bytes] | BinaryIO,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[bytes]:
    """Decrypt a sealed file chunk by chunk; raises :class:`EnvelopeError` on any tampering."""
    aead = AESGCM(content_key)
    reader = _ChunkReader(sealed)
    wire = chunk_size + TAG_SIZE
    index = 0
    block = reader.read(wire)
    while True:
        nxt = reader.read(wire) if len(block) == wire else b""
        last = not nxt
        if len(block) < TAG_SIZE:
            raise EnvelopeError("A sealed file is truncated.")
        try:
            plain = aead.decrypt(
                _nonce(file_index, index, last), block, _aad(dossier_uuid, file_index, index, last)
            )
        except InvalidTag as exc:
            raise EnvelopeError("A sealed file failed its integrity check (tampered or truncated).") from exc
        yield plain
        index += 1
        if last:
            return
        block = nxt


class _ChunkReader:
    """Exact-size reads over either a file object or an iterator of byte blocks."""

    def __init__(self, source: Iterator[bytes] | BinaryIO) -> None:
        self._file = source if hasattr(source, "read") else None
        self._iter = None if self._file is not None else iter(source)  # type: ignore[arg-type]
        self._cur = memoryview(b"")
        self._pos = 0

    def read(self, n: int) -> bytes:
        if self._file is not None:
            return _read_full(self._file, n)  # type: ignore[arg-type]
        assert self._iter is not None
        # Slices of a memoryview: no quadratic shifting of a buffer for large blocks.
        if self._pos + n <= len(self._cur):
            out = self._cur[self._pos : self._pos + n].tobytes()
            self._pos += n
            return out
        parts = [self._cur[self._pos :].tobytes()]
        have = len(parts[0])
        self._cur, self._pos = memoryview(b""), 0
        while have < n:
            try:
                block = memoryview(next(self._iter))
            except StopIteration:
                break
            take = min(n - have, len(block))
            parts.append(block[:take].tobytes())
            have += take
            if take < len(block):
                self._cur, self._pos = block, take
        return b"".join(parts)


# ---- key wrapping ---------------------------------------------------------------------------


def _wrap_kek(shared: bytes, eph_pub: bytes, server_pub: bytes, key_id: str, dossier_uuid: str) -> bytes:
    info = WRAP_INFO + b"|" + key_id.encode() + b"|" + dossier_uuid.encode()
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=eph_pub + server_pub, info=info).derive(shared)


def raw_public(key: X25519PublicKey | Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def wrap_key(content_key: bytes, server_public: bytes, key_id: str, dossier_uuid: str) -> tuple[bytes, bytes]:
    """Wrap ``content_key`` to the server key; returns (ephemeral public key, wrapped key)."""
    eph = X25519PrivateKey.generate()
    eph_pub = raw_public(eph.public_key())
    shared = eph.exchange(X25519PublicKey.from_public_bytes(server_public))
    kek = _wrap_kek(shared, eph_pub, server_public, key_id, dossier_uuid)
    # The KEK is used exactly once, so a fixed nonce is safe.
    return eph_pub, AESGCM(kek).encrypt(b"\x00" * 12, content_key, key_id.encode())


def unwrap_key(
    server_private: X25519PrivateKey, eph_pub: bytes, wrapped: bytes, key_id: str, dossier_uuid: str
) -> bytes:
    try:
        shared = server_private.exchange(X25519PublicKey.from_public_bytes(eph_pub))
        kek = _wrap_kek(shared, eph_pub, raw_public(server_private.public_key()), key_id, dossier_uuid)
        return AESGCM(kek).decrypt(b"\x00" * 12, wrapped, key_id.encode())
    except (InvalidTag, ValueError) as exc:
        raise EnvelopeError("The dossier key cannot be unwrapped with this server key.") from exc


# ---- server key rotation --------------------------------------------------------------------

KEY_PROOF_CONTEXT = b"mck-server-key-v1"


def key_proof(  # noqa: PLR0917 - every field is bound into the proof
    shared: bytes,
    challenge: bytes,
    pinned_public: bytes,
    device_id: str,
    pinned_key_id: str,
    current_key_id: str,
    current_public: bytes,
) -> bytes:
    """HMAC-SHA256 that vouches for the server's current key with the key the device pinned.

    ``shared`` is X25519(pinned server key, the device's fresh challenge key): only a holder of
    the pinned private key can compute it, and a fresh challenge per request means an old
    answer (an older key) cannot be replayed. Every field of the answer is bound in.
    """
    import hmac

    mac_key = HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=challenge + pinned_public,
        info=KEY_PROOF_CONTEXT + b"|" + device_id.encode() + b"|" + pinned_key_id.encode(),
    ).derive(shared)
    message = b"\n".join(
        (
            KEY_PROOF_CONTEXT,
            device_id.encode(),
            pinned_key_id.encode(),
            current_key_id.encode(),
            current_public,
            challenge,
        )
    )
    return hmac.new(mac_key, message, hashlib.sha256).digest()


def x25519_key_id(public: bytes) -> str:
    """The key id of an X25519 public key (as ``kiosk server`` names its keys)."""
    return "x25519-" + hashlib.sha256(public).hexdigest()[:16]


# ---- manifest -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ManifestFile:
    id: str
    role: str  # "dossier" (the record JSON) or "attachment"
    size: int
    sha256: str
    sealed_size: int
    sealed_sha256: str
    ref: str = ""  # the store's attachment id, so the server can match files to components


@dataclass(frozen=True)
class Manifest:
    dossier_uuid: str
    revision: int
    device_id: str
    key_id: str
    ephemeral_public: str
    wrapped_key: str
    created: str
    files: list[ManifestFile] = field(default_factory=list)
    chunk_size: int = CHUNK_SIZE
    schema: int = SCHEMA_VERSION

    def to_bytes(self) -> bytes:
        return json.dumps(asdict(self), sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> Manifest:
        try:
            raw = json.loads(data)
        except (ValueError, UnicodeDecodeError) as exc:
            raise EnvelopeError("The manifest is not valid JSON.") from exc
        return cls.from_dict(raw)

    @classmethod
    def from_dict(cls, raw: Any) -> Manifest:
        if not isinstance(raw, dict):
            raise EnvelopeError("The manifest is not a JSON object.")
        if raw.get("schema") != SCHEMA_VERSION:
            raise EnvelopeError(f"Manifest schema {raw.get('schema')!r} is not supported (expected 1).")
        try:
            files_raw = raw["files"]
            if not isinstance(files_raw, list) or not 1 <= len(files_raw) <= MAX_FILES:
                raise EnvelopeError("The manifest must list between 1 and 1000 files.")
            files = [
                ManifestFile(
                    id=_str(f["id"], 16),
                    role=_str(f["role"], 16),
                    size=_int(f["size"], MAX_FILE_SIZE),
                    sha256=_hex(f["sha256"]),
                    sealed_size=_int(f["sealed_size"], MAX_FILE_SIZE * 2),
                    sealed_sha256=_hex(f["sealed_sha256"]),
                    ref=_opt_str(f.get("ref", ""), 64),
                )
                for f in files_raw
            ]
            man = cls(
                dossier_uuid=_uuid(raw["dossier_uuid"]),
                revision=_int(raw["revision"], 2**31),
                device_id=_str(raw["device_id"], 64),
                key_id=_str(raw["key_id"], 64),
                ephemeral_public=_str(raw["ephemeral_public"], 64),
                wrapped_key=_str(raw["wrapped_key"], 128),
                created=_str(raw["created"], 40),
                files=files,
                chunk_size=_int(raw["chunk_size"], 2**24),
                schema=SCHEMA_VERSION,
            )
        except (KeyError, TypeError) as exc:
            raise EnvelopeError("The manifest lacks a required field or has a wrong type.") from exc
        if man.chunk_size < 1024:
            raise EnvelopeError("The manifest chunk size is too small.")
        ids = [f.id for f in man.files]
        if len(set(ids)) != len(ids) or ids != [f"f{i}" for i in range(len(ids))]:
            raise EnvelopeError("The manifest file ids must be f0, f1, ... in order.")
        for f in man.files:
            if f.sealed_size != sealed_size_for(f.size, man.chunk_size):
                raise EnvelopeError("A manifest file's sealed size does not match its plaintext size.")
        return man


def _str(v: Any, maxlen: int) -> str:
    if not isinstance(v, str) or not v or len(v) > maxlen:
        raise TypeError("bad string")
    return v


def _opt_str(v: Any, maxlen: int) -> str:
    if not isinstance(v, str) or len(v) > maxlen:
        raise TypeError("bad string")
    return v


def _int(v: Any, maximum: int) -> int:
    if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v <= maximum:
        raise TypeError("bad int")
    return v


def _hex(v: Any) -> str:
    if not isinstance(v, str) or len(v) != 64 or any(c not in "0123456789abcdef" for c in v):
        raise TypeError("bad hash")
    return v


def _uuid(v: Any) -> str:
    import uuid

    text = _str(v, 36)
    try:
        uuid.UUID(text)
    except ValueError as exc:
        raise TypeError("bad uuid") from exc
    if text != text.lower() or len(text) not in (32, 36):
        raise TypeError("bad uuid")
    return text


def sign_manifest(device_key: Ed25519PrivateKey, manifest_bytes: bytes) -> bytes:
    return device_key.sign(MANIFEST_CONTEXT + manifest_bytes)


def verify_manifest(device_public: bytes, manifest_bytes: bytes, signature: bytes) -> None:
    try:
        Ed25519PublicKey.from_public_bytes(device_public).verify(signature, MANIFEST_CONTEXT + manifest_bytes)
    except (InvalidSignature, ValueError) as exc:
        raise EnvelopeError("The manifest signature does not verify with the device's enrolled key.") from exc


# ---- sealing a dossier into the outbox ------------------------------------------------------


@dataclass(frozen=True)
class PlainFile:
    """One plaintext input: ``open`` returns a fresh stream (the store decrypts on the fly)."""

    role: str
    open: Callable[[], BinaryIO]
    ref: str = ""
    verified_sha256: str | None = None  # set when ``open()`` verifies this hash by end of stream


@dataclass(frozen=True)
class SealedDossier:
    directory: Path
    manifest: Manifest
    manifest_bytes: bytes
    signature: bytes

    @property
    def uuid(self) -> str:
        return self.manifest.dossier_uuid

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.manifest_bytes).hexdigest()

    def file_path(self, file_id: str) -> Path:
        return self.directory / f"{file_id}.bin"

    @classmethod
    def load(cls, directory: Path) -> SealedDossier:
        try:
            data = (directory / "manifest.json").read_bytes()
            sig = (directory / "manifest.sig").read_bytes()
        except OSError as exc:
            raise EnvelopeError("A sealed outbox entry is incomplete; it will be sealed again.") from exc
        return cls(directory, Manifest.from_bytes(data), data, sig)


def seal_dossier(
    *,
    dossier_uuid: str,
    revision: int,
    files: list[PlainFile],
    device_id: str,
    device_key: Ed25519PrivateKey,
    server_public: bytes,
    key_id: str,
    out_dir: Path,
    chunk_size: int = CHUNK_SIZE,
    now: datetime | None = None,
) -> SealedDossier:
    """Seal every file into ``out_dir`` (created atomically: a crash leaves no half entry)."""
    content_key = AESGCM.generate_key(bit_length=256)
    eph_pub, wrapped = wrap_key(content_key, server_public, key_id, dossier_uuid)
    out_dir.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = out_dir.parent / f".tmp-{out_dir.name}-{secrets.token_hex(4)}"
    tmp.mkdir(mode=0o700)
    try:
        entries: list[ManifestFile] = []
        for index, pf in enumerate(files):
            fid = f"f{index}"
            with pf.open() as src, open(tmp / f"{fid}.bin", "wb") as dst:
                d = seal_stream(
                    content_key, dossier_uuid, index, src, dst, chunk_size, verified_sha256=pf.verified_sha256
                )
                dst.flush()
                os.fsync(dst.fileno())
            entries.append(
                ManifestFile(fid, pf.role, d.size, d.sha256, d.sealed_size, d.sealed_sha256, pf.ref)
            )
        manifest = Manifest(
            dossier_uuid=dossier_uuid,
            revision=revision,
            device_id=device_id,
            key_id=key_id,
            ephemeral_public=b64e(eph_pub),
            wrapped_key=b64e(wrapped),
            created=(now or datetime.now(UTC)).isoformat(timespec="seconds"),
            files=entries,
            chunk_size=chunk_size,
        )
        data = manifest.to_bytes()
        sig = sign_manifest(device_key, data)
        (tmp / "manifest.json").write_bytes(data)
        (tmp / "manifest.sig").write_bytes(sig)
        if out_dir.exists():
            shutil.rmtree(out_dir)
        os.replace(tmp, out_dir)
        fsync_dir(out_dir.parent)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        del content_key
    return SealedDossier(out_dir, manifest, data, sig)
