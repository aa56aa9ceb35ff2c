"""Run store calls off the Qt main thread (Argon2 and SQLCipher work can take a while)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QThread, Signal

from kiosk.errors import KioskError
from ui.errors import error_text

_running: set[Task] = set()  # keeps each thread object alive until it has reported


class Task(QThread):
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self._fn = fn

    def run(self) -> None:
        try:
            result = self._fn()
        except KioskError as exc:
            self.failed.emit(error_text(exc))
        except Exception as exc:  # never let a worker die silently; no details (they may hold data)
            self.failed.emit(self.tr("Unexpected error (%1).").replace("%1", exc.__class__.__name__))
        else:
            self.succeeded.emit(result)


def run_task(fn: Callable[[], Any], on_done: Callable[[Any], None], on_failed: Callable[[str], None]) -> Task:
    """Start ``fn`` in its own thread; the callbacks run on the caller's (GUI) thread."""
    task = Task(fn)
    task.succeeded.connect(on_done)
    task.failed.connect(on_failed)
    _running.add(task)
    task.finished.connect(lambda: _running.discard(task))
    task.start()
    return task


def wait_all(ms: int = 5000) -> None:
    """Wait for every running task (tests, shutdown)."""
    for t in list(_running):
        t.wait(ms)
