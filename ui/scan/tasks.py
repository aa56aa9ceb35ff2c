"""Long work off the Qt main thread: a QThread running one callable, reporting by signals."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QThread, Signal

from kiosk.errors import KioskError
from ui.errors import error_text

log = logging.getLogger(__name__)


class Task(QThread):
    """Runs ``fn(task)``; ``fn`` may call ``task.report(...)`` and ``task.emit_item(obj)``."""

    progress = Signal(str, int, int)  # stage, done, total
    item = Signal(object)  # e.g. a page as it arrives from the scanner
    succeeded = Signal(object)
    failed = Signal(str)  # one clear sentence

    def __init__(self, fn: Callable[[Task], Any], parent: Any = None) -> None:
        super().__init__(parent)
        self._fn = fn

    def report(self, stage: str, done: int, total: int) -> None:
        self.progress.emit(stage, done, total)

    def emit_item(self, obj: object) -> None:
        self.item.emit(obj)

    def run(self) -> None:
        try:
            result = self._fn(self)
        except KioskError as err:
            self.failed.emit(error_text(err))
        except Exception as exc:  # never let a worker die silently; no personal data in the text
            log.exception("scan task failed")
            text = self.tr("Unexpected error (%1); see the log and try again.")
            self.failed.emit(text.replace("%1", exc.__class__.__name__))
        else:
            self.succeeded.emit(result)
