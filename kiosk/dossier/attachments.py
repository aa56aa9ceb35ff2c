"""Encrypted attachment files: AES-256-GCM in fixed-size chunks, written atomically.

File layout: ``MAGIC (8) | chunk_size (4, big endian) | chunk...``; each chunk is
``ciphertext || tag`` of up to ``chunk_size`` plaintext bytes. The nonce is the chunk
index (11 bytes) plus a final-chunk flag byte, and the AAD binds the attachment id, so
reordered, truncated, extended or swapped files fail to decrypt. The key is per file and
lives in the (encrypted) database; the file name carries no personal data.
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import re
import secrets
import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kiosk.dossier.errors import AttachmentIntegrityError, DiskFullError, StoreError
from kiosk.fileutil import fsync_dir

MAGIC = b"MCKATT01"
CHUNK_SIZE = 1 << 20
TAG = 16
# The profile's tmp/ folder is shared (the scan page spool parks its pages there too): the
# store's garbage collection may only remove names it made itself.
TMP_PREFIX = "store-"
_LEGACY_TMP = re.compile(r"[0-9a-f]{32}\.part")  # written before TMP_PREFIX existed


def temp_path(tmp_dir: Path, attachment_id: str) -> Path:
    return tmp_dir / f"{TMP_PREFIX}{attachment_id}.part"


def is_store_temp(path: Path) -> bool:
    """Whether ``path`` (in the tmp folder) is a temp file of this store, never another
    component's (a scan spool's pages are ``scan-*.part``)."""
    name = path.name
    if name.startswith(TMP_PREFIX) and name.endswith(".part"):
        return True
    return _LEGACY_TMP.fullmatch(name) is not None


_HEADER = struct.Struct(">8sI")


@dataclass(frozen=True)
class WrittenFile:
    attachment_id: str
    path: Path
    key: bytes
    size: int
    sha256: str


def _nonce(index: int, final: bool) -> bytes:
    return index.to_bytes(11, "big") + (b"\x01" if final else b"\x00")


def _aad(attachment_id: str, chunk_size: int) -> bytes:
    # The header is authenticated too: a changed chunk size must not re-cut the chunks.
    return _HEADER.pack(MAGIC, chunk_size) + attachment_id.encode("ascii")


def attachment_path(attachments_dir: Path, attachment_id: str) -> Path:
    return attachments_dir / attachment_id[:2] / f"{attachment_id}.enc"


def disk_error(exc: OSError) -> StoreError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return DiskFullError("The disk is full; free some space and try again (nothing was lost).")
    return StoreError(f"An attachment file could not be written or read ({exc.strerror}).")


def write_encrypted(
    source: BinaryIO,
    attachments_dir: Path,
    tmp_dir: Path,
    *,
    attachment_id: str | None = None,
    chunk_size: int = CHUNK_SIZE,
    before_replace: Callable[[], None] | None = None,
) -> WrittenFile:
    """Stream ``source`` into a new encrypted file; only one chunk is ever in memory."""
    attachment_id = attachment_id or secrets.token_hex(16)
    key = AESGCM.generate_key(bit_length=256)
    aead = AESGCM(key)
    aad = _aad(attachment_id, chunk_size)
    digest = hashlib.sha256()
    size = 0
    final_path = attachment_path(attachments_dir, attachment_id)
    tmp_path = temp_path(tmp_dir, attachment_id)
    try:
        final_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with open(tmp_path, "wb") as out:
            out.write(_HEADER.pack(MAGIC, chunk_size))
            index = 0
            current = _read_full(source, chunk_size)
            while True:
                nxt = _read_full(source, chunk_size) if len(current) == chunk_size else b""
                final = not nxt
                digest.update(current)
                size += len(current)
                out.write(aead.encrypt(_nonce(index, final), current, aad))
                if final:
                    break
                current, index = nxt, index + 1
            out.flush()
            os.fsync(out.fileno())
        if before_replace:
            before_replace()
        os.replace(tmp_path, final_path)
        fsync_dir(final_path.parent)
    except OSError as exc:
        tmp_path.unlink(missing_ok=True)
        raise disk_error(exc) from exc
    return WrittenFile(attachment_id, final_path, key, size, digest.hexdigest())


def _read_full(source: BinaryIO, n: int) -> bytes:
    parts, got = [], 0
    while got < n:
        b = source.read(n - got)
        if not b:
            break
        parts.append(b)
        got += len(b)
    return b"".join(parts)


class DecryptingReader(io.RawIOBase):
    """Streams the plaintext; the SHA-256 and size are checked when the end is reached."""

    def __init__(self, path: Path, attachment_id: str, key: bytes, sha256: str, size: int) -> None:
        super().__init__()
        try:
            self._fh: BinaryIO = open(path, "rb")  # noqa: SIM115 - closed in close()
        except FileNotFoundError as exc:
            raise AttachmentIntegrityError(
                "An attachment file is missing; restore the profile from a backup or re-scan the paper."
            ) from exc
        header = self._fh.read(_HEADER.size)
        if len(header) != _HEADER.size or _HEADER.unpack(header)[0] != MAGIC:
            self._fh.close()
            raise AttachmentIntegrityError("An attachment file is damaged; re-scan the paper.")
        self._chunk = _HEADER.unpack(header)[1]
        if not 0 < self._chunk <= 64 * CHUNK_SIZE:
            self._fh.close()
            raise AttachmentIntegrityError("An attachment file is damaged; re-scan the paper.")
        self._aead = AESGCM(key)
        self._aad = _aad(attachment_id, self._chunk)
        self._expect_sha, self._expect_size = sha256, size
        self._digest = hashlib.sha256()
        self._index = 0
        self._buf = b""
        self._pending = self._fh.read(self._chunk + TAG)
        self._done = False
        self._size = 0

    def readable(self) -> bool:
        return True

    def _next_chunk(self) -> None:
        blob = self._pending
        self._pending = self._fh.read(self._chunk + TAG)
        final = not self._pending
        try:
            plain = self._aead.decrypt(_nonce(self._index, final), blob, self._aad)
        except InvalidTag as exc:
            raise AttachmentIntegrityError(
                "An attachment file is damaged or was tampered with; re-scan the paper."
            ) from exc
        self._index += 1
        self._digest.update(plain)
        self._size += len(plain)
        self._buf = plain
        if final:
            self._done = True
            if self._digest.hexdigest() != self._expect_sha or self._size != self._expect_size:
                raise AttachmentIntegrityError(
                    "An attachment does not match its recorded checksum; re-scan the paper."
                )

    def readinto(self, b: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._buf:
            if self._done:
                return 0
            self._next_chunk()
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n

    def close(self) -> None:
        if not self.closed:
            self._fh.close()
        super().close()


def open_decrypting(path: Path, attachment_id: str, key: bytes, sha256: str, size: int) -> BinaryIO:
    raw = DecryptingReader(path, attachment_id, key, sha256, size)
    return io.BufferedReader(raw, buffer_size=CHUNK_SIZE)  # type: ignore[return-value]
