"""State shared by every screen: the profile, the unlocked store, the mode, the language."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal

from kiosk.profile import Profile


class AppSignals(QObject):
    store_opened = Signal()
    store_locked = Signal()
    # The citizen's session ended (card removed, kiosk idle, "next citizen"): every screen
    # drops the personal data it shows.
    citizen_session_ended = Signal()
    dossier_saved = Signal(str)  # dossier uuid
    language_changed = Signal(str)


@dataclass
class AppContext:
    profile: Profile
    kiosk_mode: bool = False
    demo: Any = None  # sync.demo.DemoEnvironment in demo mode
    store: Any = None  # kiosk.dossier.store.Store once unlocked (thread-safe handle)
    sync: Any = None  # ui.sync.controller.SyncController once the store is open
    officer: Any = None  # the officer session once logged in
    language: str = "vi"
    signals: AppSignals = field(default_factory=AppSignals)

    def sync_store(self) -> Any:
        """A handle of its own for the sync worker, limited to what syncing needs."""
        if self.kiosk_mode and self.demo is None:
            # The kiosk role may not read the outbox; the sync service has its own wrap.
            from kiosk.security import keys

            return keys.unlock_with_machine_secret(self.profile, role="sync")
        if self.kiosk_mode and self.demo is not None:
            # The demo kiosk's own handle is kiosk-restricted (and reopen() keeps that); the
            # demo stands in for the machine secret with its officer.
            handle = self.demo.open_store()
        elif self.store is None:
            from kiosk.errors import KioskError

            raise KioskError("The store is locked: log in again.")
        else:
            handle = self.store.reopen()
        handle.restrict_to_sync()
        return handle

    def end_citizen_session(self) -> None:
        from kiosk.privacy import redactor

        redactor.clear()
        self.signals.citizen_session_ended.emit()
