"""File-system helpers that behave the same on Linux and Windows (counter PCs run both).

``fcntl`` and directory file descriptors exist only on POSIX: a module importing ``fcntl``
at the top does not even import on Windows, so locks go through ``filelock`` (fcntl on
POSIX, ``msvcrt.locking`` on Windows) and a directory fsync is skipped where the OS has no
such thing (NTFS makes the rename durable with the file's own flush).
"""

from __future__ import annotations

import os
from pathlib import Path

from filelock import FileLock, Timeout

__all__ = ["O_BINARY", "ProcessLock", "fsync_dir"]

# os.open() on Windows opens in text mode unless told otherwise: "\n" would become "\r\n"
# inside PDFs and keys. The flag exists only there.
O_BINARY: int = getattr(os, "O_BINARY", 0)


def fsync_dir(path: Path) -> None:
    """Make a rename inside ``path`` survive a power cut (POSIX); best effort elsewhere."""
    if os.name != "posix":
        return
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class ProcessLock:
    """An exclusive lock on a file, between processes (and between handles in one process)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # thread_local=False: a lock taken by one thread may be released by another (workers
        # stop from the UI thread); every ProcessLock object is its own lock holder.
        self._lock = FileLock(str(path), thread_local=False, is_singleton=False, preserve_lock_file=True)

    def try_acquire(self) -> bool:
        """Take the lock if nobody holds it; never waits."""
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            return False
        return True

    def acquire(self, timeout: float = -1) -> None:
        """Wait for the lock (forever by default)."""
        self._lock.acquire(timeout=timeout)

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release(force=True)

    def __enter__(self) -> ProcessLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
