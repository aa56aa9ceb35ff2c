"""Runs the outbox worker in a QThread and turns its events into Qt signals.

The worker's callbacks fire on the worker thread; the signals below belong to a QObject
living on the GUI thread, so Qt delivers them queued to the GUI thread.
Qt's network information (when the platform has a backend) is only a hint: it wakes the
worker when the link comes back; reachability is always confirmed by a real request.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from kiosk.profile import Profile
from sync.worker import SyncEvent, SyncWorker

log = logging.getLogger(__name__)


class _WorkerThread(QThread):
    def __init__(self, worker: SyncWorker) -> None:
        super().__init__()
        self.worker = worker
        self.setObjectName("kiosk-sync")

    def run(self) -> None:
        self.worker.run_forever()


class SyncController(QObject):
    """Owns the background sender. ``sync_event`` carries :class:`sync.worker.SyncEvent` objects."""

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
        self.worker = SyncWorker(store_factory, profile, on_event=self._from_worker, **worker_options)
        self._thread: _WorkerThread | None = None
        self.online: bool | None = None
        self._network: Any = None

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
            self.worker.set_online_hint(reachability == QNetworkInformation.Reachability.Online)

        info.reachabilityChanged.connect(changed)
        changed(info.reachability())
