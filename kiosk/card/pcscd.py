"""Make sure a PC/SC daemon is running (tests and demo mode; there is no systemd in containers).

A running pcscd is detected by its socket; otherwise ``pcscd --foreground`` is started as a
managed child process and stopped again by ``PcscdHandle.stop()``. pcsc-lite 1.9.9 as built by
Debian accepts local root/user clients without polkit rules in this setup, so no extra flag.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.card.errors import NoServiceError

log = logging.getLogger(__name__)

SOCKET_CANDIDATES = (Path("/run/pcscd/pcscd.comm"), Path("/var/run/pcscd/pcscd.comm"))


def socket_path() -> Path:
    env = os.environ.get("PCSCLITE_CSOCK_NAME")
    if env:
        return Path(env)
    for p in SOCKET_CANDIDATES:
        if p.exists():
            return p
    return SOCKET_CANDIDATES[0]


def pcscd_alive() -> bool:
    """Is a daemon listening on its socket (not just a stale file)?

    pcscd listens with a tiny backlog and accepts slowly while its clients are busy, so a
    connect can fail with EAGAIN although the daemon is healthy. Only "refused" (nobody
    listens: a file left by a crashed daemon) or a missing file means no daemon; treating a
    full backlog as "dead" once started a second pcscd that then fought the first over the
    vpcd port and the socket path.
    """
    path = socket_path()
    if not path.exists():
        return False
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.setblocking(False)
    try:
        s.connect(str(path))
        return True
    except (BlockingIOError, InterruptedError):
        return True  # EAGAIN/EINPROGRESS: a listener exists, its queue is just full
    except OSError as exc:
        return exc.errno in (errno.EAGAIN, errno.EWOULDBLOCK, errno.EINPROGRESS)
    finally:
        s.close()


@dataclass
class PcscdHandle:
    process: subprocess.Popen[bytes] | None = None  # None: a daemon we did not start
    started_here: bool = False
    _refs: int = field(default=0)

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def stop(self) -> None:
        """Stop the daemon if we started it (one handle per process; idempotent)."""
        global _handle
        with _lock:
            if self.process is not None and self.process.poll() is None:
                self.process.terminate()
                try:
                    self.process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait(timeout=5)
            self.process = None
            if _handle is self:
                _handle = None


_lock = threading.Lock()
_handle: PcscdHandle | None = None


def ensure_pcscd(timeout: float = 10.0) -> PcscdHandle:
    """Return a handle to a running pcscd, starting one if none is running. Idempotent."""
    global _handle
    with _lock:
        if (
            _handle is not None
            and (_handle.process is None or _handle.process.poll() is None)
            and pcscd_alive()
        ):
            return _handle
        if pcscd_alive():
            _handle = PcscdHandle()
            return _handle
        exe = shutil.which("pcscd") or ("/usr/sbin/pcscd" if Path("/usr/sbin/pcscd").exists() else None)
        if exe is None:
            raise NoServiceError(
                "The smart-card service (pcscd) is not installed; run installer/dev.sh setup."
            )
        stale = socket_path()
        if stale.exists():
            # Left behind by a daemon that died; pcscd refuses to start while it exists.
            with contextlib.suppress(OSError):
                stale.unlink()
        proc = subprocess.Popen(
            [exe, "--foreground", "--error"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if pcscd_alive():
                _handle = PcscdHandle(proc, True)
                log.info("started pcscd (pid %s)", proc.pid)
                return _handle
            if proc.poll() is not None:
                break
            time.sleep(0.05)
        if proc.poll() is None:
            proc.terminate()
        raise NoServiceError(
            "The smart-card service (pcscd) could not be started; check that it is installed."
        )
