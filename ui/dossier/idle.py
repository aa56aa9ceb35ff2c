"""Lock the officer session after inactivity (default 5 minutes, from the store settings)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.Wheel,
}


class IdleWatcher(QObject):
    """Watches input app-wide; ``locked`` fires once when the session idles out.

    ``session`` is an ``OfficerSession`` (locks) or a ``KioskSession`` (forgets the citizen).
    """

    locked = Signal()

    def __init__(self, session: Any, *, check_every_ms: int = 5000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(check_every_ms)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and not self.session.locked:
            self.session.touch()
        return False

    def check(self, now: float | None = None) -> None:
        was = self.session.locked
        if self.session.check_idle(now) and not was:
            self.locked.emit()  # officer: show the lock screen; kiosk: back to the welcome screen

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
