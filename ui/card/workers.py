"""Qt wrappers that keep card work off the GUI thread: the monitor bridge and the read worker."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from kiosk.card.keys import AccessKey
from kiosk.card.pcsc.monitor import CardMonitor, MonitorState, ReaderState
from kiosk.card.reader import ReadEvent, ReadResult, read_card
from kiosk.errors import KioskError


class MonitorBridge(QObject):
    """Runs :class:`CardMonitor` (its own Python thread) and re-emits states as a Qt signal.

    Signals cross threads as queued connections, so slots run on the GUI thread.
    """

    state_changed = Signal(object)  # MonitorState

    def __init__(self, parent: QObject | None = None, *, probe: bool = True) -> None:
        super().__init__(parent)
        self.monitor = CardMonitor(self._on_state, probe=probe)

    def _on_state(self, state: MonitorState) -> None:
        self.state_changed.emit(state)

    def start(self) -> None:
        self.monitor.start()

    def stop(self) -> None:
        self.monitor.stop()

    def mark(self, reader: str, state: ReaderState) -> None:
        self.monitor.mark(reader, state)


class ReadWorker(QObject):
    """One read; move to a QThread with :func:`start_read`."""

    progress = Signal(object)  # ReadEvent (``event`` would shadow QObject.event)
    finished = Signal(object)  # ReadResult
    failed = Signal(str, str)  # (error class name, one sentence for the officer)

    def __init__(self, reader: str | None, key: AccessKey, trust_dir: Path | None) -> None:
        super().__init__()
        self.reader, self.key, self.trust_dir = reader, key, trust_dir

    @Slot()
    def run(self) -> None:
        try:
            trust = self.trust_dir if self.trust_dir is not None and self.trust_dir.is_dir() else None
            result: ReadResult = read_card(self.reader, self.key, trust_dir=trust, on_event=self._emit)
        except KioskError as err:
            self.failed.emit(type(err).__name__, str(err))
            return
        except Exception:  # an unexpected bug must not leave the panel stuck in "reading"
            import logging

            logging.getLogger(__name__).exception("card read crashed")
            self.failed.emit(
                "InternalError",
                QCoreApplication.translate(
                    "ReadWorker", "The card could not be read because of an internal error; try again."
                ),
            )
            return
        self.finished.emit(result)

    def _emit(self, e: ReadEvent) -> None:
        self.progress.emit(e)


def start_read(parent: QObject, worker: ReadWorker) -> QThread:
    thread = QThread(parent)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.finished.connect(thread.quit)
    worker.failed.connect(thread.quit)
    thread.finished.connect(worker.deleteLater)
    thread.start()
    return thread
