"""Pages parked on disk, encrypted, while the officer assembles a component.

A long feeder batch at 300 dpi is gigabytes of pixels; keeping it all in memory is not an
option on a counter PC, and writing scans in plaintext is forbidden. The spool compresses
each page losslessly and encrypts it with AES-256-GCM under a key that exists only in this
process's memory, in ``profile.tmp_dir``; after a crash the leftover ``*.part`` files are
unreadable (the key died with the process).

The spool clears its own leftovers (the store's garbage collection removes only the
store's ``store-*.part`` files): each file name carries the owner's process id
(``scan-<pid>-<spool>-<page>.part``), and a new spool removes such files older than
24 hours whose process is gone. A file of a live spool is never removed: another live
process's, or one of this process's spools (known by name). Files named without a process
id (from versions before this scheme) are left alone, since their owner cannot be told.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import struct
import sys
import threading
import time
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kiosk.scan.errors import ScanError
from kiosk.scan.page import Page

_LEN = struct.Struct(">I")
LEFTOVER_AGE_S = 24 * 3600.0
_NAME = re.compile(r"scan-(\d+)-([0-9a-f]{12})-[0-9a-f]{16}\.(?:part|new)")
# The spools open in this process (by their name part): a file with this process's id is
# live only if its spool is here (a crashed earlier process may have had the same id).
_open_spools: set[str] = set()
_open_lock = threading.Lock()


def _process_alive(pid: int) -> bool:
    """True when a process with this id runs (or may run: when in doubt, it is alive)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return bool(kernel32.GetLastError() != 87)  # ERROR_INVALID_PARAMETER: no such process
        try:
            code = ctypes.c_ulong()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: it exists
        return True
    return True


def remove_leftovers(folder: Path, *, max_age_s: float = LEFTOVER_AGE_S, now: float | None = None) -> int:
    """Remove spool files older than ``max_age_s`` whose owner process is gone; returns how
    many. Never raises: a clean-up problem must not stop a scan."""
    now = time.time() if now is None else now
    alive: dict[int, bool] = {}
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    with _open_lock:
        mine = set(_open_spools)
    for entry in entries:
        m = _NAME.fullmatch(entry.name)
        if m is None:
            continue
        pid, spool = int(m.group(1)), m.group(2)
        if pid == os.getpid():
            if spool in mine:
                continue
        else:
            if pid not in alive:
                alive[pid] = _process_alive(pid)
            if alive[pid]:
                continue
        with contextlib.suppress(OSError):
            if now - entry.stat(follow_symlinks=False).st_mtime > max_age_s:
                os.unlink(entry.path)
                removed += 1
    return removed


class PageSpool(Sequence[Page]):
    """A list of pages stored encrypted in ``folder``; indexing decrypts one page."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._folder = folder
        self._aead = AESGCM(AESGCM.generate_key(bit_length=256))
        self._name = secrets.token_hex(6)
        self._prefix = f"scan-{os.getpid()}-{self._name}-"
        self._refs: list[str] = []
        with _open_lock:
            _open_spools.add(self._name)
        remove_leftovers(folder)

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
        with _open_lock:
            _open_spools.discard(self._name)

    def __enter__(self) -> PageSpool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
