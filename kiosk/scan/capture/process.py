"""Run a scanner driver in its own process so a crash or hang cannot take the app down.

The child is started with the ``spawn`` method (no inherited Qt or database state), loads the
driver, and talks to the parent through a pipe of small tuples. The parent treats:
- the child exiting without a final message as a crash (with its exit code / signal),
- silence longer than ``timeout_s`` as a hang (the child is killed),
- a cancel request as: ask politely, then terminate after a short grace period.
Page pixels cross the pipe in memory only; nothing touches the disk.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import multiprocessing as mp
import signal
import time
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from kiosk.scan.capture.base import CancelToken
from kiosk.scan.errors import DriverCrashedError, DriverTimeoutError, ScanCancelledError

log = logging.getLogger(__name__)

CANCEL_GRACE_S = 5.0
FINAL_GRACE_S = 2.0  # time for the driver to release the device after its last message
Message = tuple[Any, ...]


def _child_main(entry: str, payload: dict[str, Any], conn: Connection, cancel_event: Any) -> None:
    module_name, func_name = entry.split(":")
    try:
        func = getattr(importlib.import_module(module_name), func_name)
        func(payload, conn.send, cancel_event.is_set)
        conn.send(("exit",))
    except BaseException as exc:  # report, never let a driver exception print personal data
        log.debug("driver failed: %s", traceback.format_exc())
        # If the parent is gone there is nothing left to tell.
        with contextlib.suppress(Exception):
            conn.send(("fatal", exc.__class__.__name__))
    finally:
        conn.close()


def _signal_name(code: int | None) -> str:
    if code is None:
        return "unknown"
    if code < 0:
        try:
            return signal.Signals(-code).name
        except ValueError:
            return f"signal {-code}"
    return f"exit code {code}"


def run_driver(
    entry: str,
    payload: dict[str, Any],
    on_message: Callable[[Message], None],
    *,
    timeout_s: float,
    cancel: CancelToken | None = None,
    driver_name: str = "scanner driver",
    final: tuple[str, ...] = (),
) -> None:
    """Run ``entry`` ("module:function") in a spawned process, feeding its messages to ``on_message``.

    The function is called as ``function(payload, send, cancelled)``. Returns when the child
    sends its final message; raises :class:`DriverCrashedError`, :class:`DriverTimeoutError`
    or :class:`ScanCancelledError`. ``on_message`` may raise to stop early (the child is
    then terminated). Messages whose kind is in ``final`` end the run: a driver that hangs
    while closing the device after its last page must not hold the result back.
    """
    ctx = mp.get_context("spawn")
    parent_conn, child_conn = ctx.Pipe(duplex=False)
    cancel_event = ctx.Event()
    proc = ctx.Process(
        target=_child_main, args=(entry, payload, child_conn, cancel_event), daemon=True, name="scan-driver"
    )
    proc.start()
    child_conn.close()
    last_heard = time.monotonic()
    cancel_sent_at: float | None = None
    try:
        while True:
            if cancel is not None and cancel.cancelled and cancel_sent_at is None:
                cancel_event.set()
                cancel_sent_at = time.monotonic()
            if cancel_sent_at is not None and time.monotonic() - cancel_sent_at > CANCEL_GRACE_S:
                raise ScanCancelledError("The scan was cancelled; the scanner may need its papers removed.")
            if parent_conn.poll(0.1):
                try:
                    msg = parent_conn.recv()
                except EOFError:
                    msg = None
                if msg is None:
                    proc.join(2)
                    raise DriverCrashedError(
                        f"The {driver_name} stopped unexpectedly ({_signal_name(proc.exitcode)}); "
                        "restart the scanner and try again."
                    )
                last_heard = time.monotonic()
                if msg[0] == "exit":
                    return
                if msg[0] == "fatal":
                    raise DriverCrashedError(
                        f"The {driver_name} failed ({msg[1]}); restart the scanner and try again."
                    )
                on_message(msg)
                if msg[0] in final:
                    proc.join(FINAL_GRACE_S)
                    return
                continue
            if not proc.is_alive():
                # Drain anything sent just before dying.
                if parent_conn.poll(0):
                    continue
                raise DriverCrashedError(
                    f"The {driver_name} stopped unexpectedly ({_signal_name(proc.exitcode)}); "
                    "restart the scanner and try again."
                )
            if time.monotonic() - last_heard > timeout_s:
                raise DriverTimeoutError(
                    f"The {driver_name} did not respond for {timeout_s:g} seconds and was stopped; "
                    "check the scanner's cable and power, then try again."
                )
    finally:
        if proc.is_alive():
            proc.terminate()
            proc.join(2)
            if proc.is_alive():
                proc.kill()
                proc.join(2)
        parent_conn.close()
