"""Idle rules: lock the officer session after inactivity (default 5 minutes, from the store
settings); on a self-service kiosk, forget the citizen (default 120 s, from the profile
settings, with a countdown warning first)."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
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


class KioskIdleWatcher(QObject):
    """The self-service kiosk's idle rule: the citizen walked away, so the kiosk forgets them.

    After ``timeout_s`` without input, while ``busy()`` says a citizen's data is on screen,
    ``expired`` fires once; during the last ``warn_s`` seconds ``countdown(seconds_left)``
    fires every tick so a warning can ask the citizen to touch the screen, and any input
    then (``resumed``) starts the wait again. With nothing of a citizen on screen there is
    nothing to warn about or to forget.
    """

    countdown = Signal(int)
    resumed = Signal()
    expired = Signal()

    def __init__(
        self,
        busy: Callable[[], bool],
        *,
        timeout_s: float = 120.0,
        warn_s: float = 15.0,
        tick_ms: int = 250,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.busy, self.clock = busy, clock
        self.timeout_s = max(float(timeout_s), 1.0)
        self.warn_s = min(float(warn_s), self.timeout_s)
        self.last_activity = clock()
        self.warning = False
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(tick_ms)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self.touch()
        return False

    def touch(self) -> None:
        self.last_activity = self.clock()
        if self.warning:
            self.warning = False
            self.resumed.emit()

    def check(self) -> None:
        if not self.busy():
            self.last_activity = self.clock()
            if self.warning:
                self.warning = False
                self.resumed.emit()
            return
        left = self.timeout_s - (self.clock() - self.last_activity)
        if left <= 0:
            self.warning = False
            self.last_activity = self.clock()
            self.expired.emit()
        elif left <= self.warn_s:
            self.warning = True
            self.countdown.emit(math.ceil(left))

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
