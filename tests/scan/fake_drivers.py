"""Misbehaving scanner drivers, run in the spawned driver process by the isolation tests."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from typing import Any


def child_scan(payload: dict[str, Any], send: Callable[..., None], cancelled: Callable[[], bool]) -> None:
    behaviour = payload["driver_options"].get("behaviour")
    send(("progress", 1, 0.0))
    if behaviour == "segfault":
        os.kill(os.getpid(), signal.SIGSEGV)
    if behaviour == "abort_after_page":
        send(("page", 1, 4, 2, "RGB", 200, bytes(24)))
        os._exit(3)
    if behaviour == "hang":
        time.sleep(3600)
    if behaviour == "raise":
        raise RuntimeError("driver bug with a secret path /home/someone")


def child_list(payload: dict[str, Any], send: Callable[..., None], cancelled: Callable[[], bool]) -> None:
    os.kill(os.getpid(), signal.SIGSEGV)
