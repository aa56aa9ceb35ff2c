"""Pages parked on disk, encrypted, while the officer assembles a component.

A long feeder batch at 300 dpi is gigabytes of pixels; keeping it all in memory is not an
option on a counter PC, and writing scans in plaintext is forbidden. The spool compresses
each page losslessly and encrypts it with AES-256-GCM under a key that exists only in this
process's memory, in ``profile.tmp_dir``; after a crash the leftover ``*.part`` files are
unreadable and the store's garbage collection removes them.
"""

from __future__ import annotations

import json
import os
import secrets
import struct
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kiosk.scan.errors import ScanError
from kiosk.scan.page import Page

_LEN = struct.Struct(">I")


class PageSpool(Sequence[Page]):
    """A list of pages stored encrypted in ``folder``; indexing decrypts one page."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._folder = folder
        self._aead = AESGCM(AESGCM.generate_key(bit_length=256))
        self._prefix = f"scan-{secrets.token_hex(6)}-"
        self._refs: list[str] = []

    # -- storage ---------------------------------------------------------------------
    def _path(self, ref: str) -> Path:
        return self._folder / f"{self._prefix}{ref}.part"

    def _store(self, page: Page) -> str:
        ref = secrets.token_hex(8)
        header = json.dumps(
            {
                "shape": list(page.pixels.shape),
                "dpi": page.dpi,
                "source": page.source,
                "notes": list(page.notes),
                "jpeg": len(page.jpeg or b""),
            }
        ).encode()
        plain = zlib.compress(_LEN.pack(len(header)) + header + page.pixels.tobytes() + (page.jpeg or b""), 1)
        nonce = os.urandom(12)
        sealed = nonce + self._aead.encrypt(nonce, plain, ref.encode())
        tmp = self._path(ref).with_suffix(".new")
        try:
            with open(tmp, "wb") as fh:
                fh.write(sealed)
            os.replace(tmp, self._path(ref))
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise ScanError("The scanned page could not be parked on disk; free some disk space.") from exc
        return ref

    def _load(self, ref: str) -> Page:
        try:
            sealed = self._path(ref).read_bytes()
            plain = zlib.decompress(self._aead.decrypt(sealed[:12], sealed[12:], ref.encode()))
        except Exception as exc:  # missing file, tampering, damage: one clear message
            raise ScanError("A parked page is damaged or missing; scan that page again.") from exc
        (hlen,) = _LEN.unpack_from(plain)
        header = json.loads(plain[4 : 4 + hlen])
        shape = tuple(header["shape"])
        size = int(np.prod(shape))
        pixels = np.frombuffer(plain, dtype=np.uint8, count=size, offset=4 + hlen).reshape(shape).copy()
        jpeg_len = int(header["jpeg"])
        jpeg = plain[4 + hlen + size : 4 + hlen + size + jpeg_len] if jpeg_len else None
        return Page(
            pixels=pixels,
            dpi=int(header["dpi"]),
            jpeg=jpeg,
            source=header["source"],
            notes=tuple(header["notes"]),
        )

    def _drop(self, ref: str) -> None:
        self._path(ref).unlink(missing_ok=True)

    # -- list operations -------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._refs)

    def __getitem__(self, index: int) -> Page:  # type: ignore[override]
        return self._load(self._refs[index])

    def __iter__(self) -> Iterator[Page]:
        for ref in list(self._refs):
            yield self._load(ref)

    def __setitem__(self, index: int, page: Page) -> None:
        old = self._refs[index]
        self._refs[index] = self._store(page)
        self._drop(old)

    def __delitem__(self, index: int) -> None:
        self._drop(self._refs.pop(index))

    def append(self, page: Page) -> None:
        self._refs.append(self._store(page))

    def reorder(self, order: Sequence[int]) -> None:
        """Keep the pages at ``order`` (indices into the current list), in that order; drop the rest."""
        new = [self._refs[i] for i in order]
        for ref in set(self._refs) - set(new):
            self._drop(ref)
        self._refs = new

    def clear(self) -> None:
        for ref in self._refs:
            self._drop(ref)
        self._refs = []

    def close(self) -> None:
        self.clear()

    def __enter__(self) -> PageSpool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
