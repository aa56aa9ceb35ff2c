"""Runs the outbox worker in a QThread and turns its events into Qt signals.

The worker's callbacks fire on the worker thread; the signals below belong to a QObject
living on the GUI thread, so Qt delivers them queued to the GUI thread.
Qt's network information (when the platform has a backend) is only a hint: it wakes the
worker when the link comes back; reachability is always confirmed by a real request.

Profile settings (``PROFILE/settings.json``, read when the controller is made):

- ``sync_bandwidth_kbps``: cap the upload rate on metered links, in kilobits per second
  (absent, 0 or null: no cap);
- ``sync_stale_hours``: the queue is flagged as stale (a graded sync-latency indicator) when
  its oldest dossier has waited longer than this many hours (default 24).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from kiosk.errors import KioskError
from kiosk.profile import Profile
from sync.device import load_device
from sync.worker import SyncEvent, SyncWorker

log = logging.getLogger(__name__)

DEFAULT_STALE_HOURS = 24.0
SETTING_BANDWIDTH = "sync_bandwidth_kbps"
SETTING_STALE_HOURS = "sync_stale_hours"


@dataclass(frozen=True)
class DeviceProblem:
    """Why this device cannot send at all: ``kind`` is "revoked" (the server refused it; the
    administrator's ``reason`` when it gave one, else the server's sentence) or "not_enrolled"."""

    kind: str
    reason: str | None = None


def device_problem(profile: Profile) -> DeviceProblem | None:
    try:
        dev = load_device(profile)
    except KioskError:
        return DeviceProblem("not_enrolled")  # a damaged enrolment file: enrol again
    if dev is None:
        return DeviceProblem("not_enrolled")
    if dev.revoked:
        return DeviceProblem("revoked", dev.revoked_reason or dev.revoked)
    return None


def reachability_hint(reachability: Any) -> bool | None:
    """Qt's reachability as a hint for the worker: only Disconnected means "probe rarely";
    Local and Site (a commune intranet server needs no Internet) and Online mean "send";
    Unknown means "no hint"."""
    from PySide6.QtNetwork import QNetworkInformation

    r = QNetworkInformation.Reachability
    if reachability == r.Disconnected:
        return False
    if reachability == r.Unknown:
        return None
    return True


def _positive(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) and value > 0 else None


def sync_settings(profile: Profile) -> tuple[float | None, float]:
    """(bandwidth cap in bytes per second or None, stale threshold in hours) from the profile."""
    try:
        settings = profile.load_settings()
    except KioskError as exc:  # an unreadable settings file must not stop sending
        log.warning("sync settings not read: %s", exc.__class__.__name__)
        settings = {}
    kbps = _positive(settings.get(SETTING_BANDWIDTH))
    stale = _positive(settings.get(SETTING_STALE_HOURS)) or DEFAULT_STALE_HOURS
    return (kbps * 1000 / 8 if kbps else None), stale


class _WorkerThread(QThread):
    def __init__(self, worker: SyncWorker) -> None:
        super().__init__()
        self.worker = worker
        self.setObjectName("kiosk-sync")

    def run(self) -> None:
        self.worker.run_forever()


class SyncController(QObject):
    """Owns the background sender. ``sync_event`` carries :class:`sync.worker.SyncEvent` objects.

    ``stale_hours`` and the worker's bandwidth cap come from the profile settings (see the
    module docstring) unless given here.
    """

    sync_event = Signal(object)
    online_changed = Signal(bool)

    def __init__(
        self,
        store_factory: Callable[[], Any],
        profile: Profile,
        parent: QObject | None = None,
        **worker_options: Any,
    ) -> None:
        super().__init__(parent)
        bandwidth, self.stale_hours = sync_settings(profile)
        worker_options.setdefault("bandwidth", bandwidth)
        self.profile = profile
        self.worker = SyncWorker(store_factory, profile, on_event=self._from_worker, **worker_options)
        self._thread: _WorkerThread | None = None
        self.online: bool | None = None
        self._network: Any = None

    @property
    def device_problem(self) -> DeviceProblem | None:
        """Read from the enrolment record each time (a small file): it changes on the worker
        thread when the server refuses the device, and when `kiosk enrol` runs."""
        return device_problem(self.profile)

    def _from_worker(self, ev: SyncEvent) -> None:
        self.sync_event.emit(ev)
        if ev.kind in ("online", "offline"):
            online = ev.kind == "online"
            if online != self.online:
                self.online = online
                self.online_changed.emit(online)

    def start(self) -> None:
        if self._thread is not None and self._thread.isRunning():
            return
        self._watch_network()
        self._thread = _WorkerThread(self.worker)
        self._thread.start()

    def stop(self, timeout_ms: int = 15000) -> None:
        self.worker.stop(timeout=0)
        if self._thread is not None:
            self._thread.wait(timeout_ms)
            self._thread = None

    def sync_now(self) -> None:
        self.worker.wake()

    def _watch_network(self) -> None:
        try:
            from PySide6.QtNetwork import QNetworkInformation
        except ImportError:
            return
        if not QNetworkInformation.loadDefaultBackend():
            return  # no backend on this platform: the worker just probes on its own
        info = QNetworkInformation.instance()
        if info is None:
            return
        self._network = info

        def changed(reachability: Any) -> None:
            self.worker.set_online_hint(reachability_hint(reachability))

        info.reachabilityChanged.connect(changed)
        changed(info.reachability())
