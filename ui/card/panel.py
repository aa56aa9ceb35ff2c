"""The reader panel: service/reader/card state, "place the card", key entry, per-file progress,
photo, verification badges and the citizen view. Card work runs in a QThread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QThread, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.card.keys import AccessKey
from kiosk.card.pcsc.monitor import MonitorState, ReaderState, ServiceState
from kiosk.card.reader import ReadEvent, ReadResult
from ui.card.badges import VerificationBadges
from ui.card.citizen_view import CitizenView
from ui.card.key_entry import MIN_TOUCH, KeyEntry
from ui.card.workers import MonitorBridge, ReadWorker, start_read
from ui.errors import error_text
from ui.theme import high_contrast

FILES = ("EF.COM", "DG1", "DG13", "DG2", "DG14", "DG15", "EF.SOD")


def state_text(summary: str) -> str:
    return {
        ServiceState.NO_SERVICE.value: QCoreApplication.translate(
            "CardReaderPanel",
            "The smart-card service is not running; plug in the reader or restart the computer.",
        ),
        ServiceState.NO_READER.value: QCoreApplication.translate(
            "CardReaderPanel", "No card reader found. Plug in the card reader."
        ),
        ReaderState.NO_CARD.value: QCoreApplication.translate(
            "CardReaderPanel", "Place the citizen's ID card on the reader."
        ),
        ReaderState.CARD_PRESENT.value: QCoreApplication.translate(
            "CardReaderPanel", "A card is on the reader."
        ),
        ReaderState.NOT_EMRTD.value: QCoreApplication.translate(
            "CardReaderPanel", "This card is not a chip ID card or passport. Place the citizen's ID card."
        ),
        ReaderState.EMRTD.value: QCoreApplication.translate(
            "CardReaderPanel", "ID card detected. Enter or scan the key to read it."
        ),
        ReaderState.READING.value: QCoreApplication.translate(
            "CardReaderPanel", "Reading the card… keep it still on the reader."
        ),
        ReaderState.READ_OK.value: QCoreApplication.translate(
            "CardReaderPanel", "Card read. You may remove the card."
        ),
        ReaderState.READ_FAILED.value: QCoreApplication.translate(
            "CardReaderPanel", "The card could not be read."
        ),
    }.get(summary, summary)


def card_error_text(kind: str, fallback: str) -> str:
    """The officer's sentence for a card error class; other errors go through the shared
    translation of the core's sentences (ui.errors)."""
    texts = {
        "AccessDeniedError": QCoreApplication.translate(
            "CardReaderPanel", "The card rejected the key. Check the ID number, QR code or MRZ and try again."
        ),
        "CardRemovedError": QCoreApplication.translate(
            "CardReaderPanel", "The card was moved during reading. Place it again and keep it still."
        ),
        "NoCardError": QCoreApplication.translate(
            "CardReaderPanel", "No card is on the reader. Place the ID card."
        ),
        "NoReaderError": QCoreApplication.translate(
            "CardReaderPanel", "No card reader found. Plug in the reader."
        ),
        "NoServiceError": QCoreApplication.translate(
            "CardReaderPanel",
            "The smart-card service is not running; plug in the reader or restart the computer.",
        ),
        "NotAnIdCardError": QCoreApplication.translate(
            "CardReaderPanel", "This card is not a chip ID card or passport."
        ),
        "KeyInputError": QCoreApplication.translate(
            "CardReaderPanel", "This card needs the MRZ, or the ID number with date of birth and expiry date."
        ),
    }
    if kind == "KeyInputError" and not fallback.startswith("This card needs the MRZ"):
        # Other key errors (a typed MRZ with a bad character, a short ID number) say exactly
        # what to correct; the generic sentence would hide it.
        return error_text(fallback)
    return texts.get(kind) or error_text(fallback)


class CardReaderPanel(QWidget):
    result_ready = Signal(object)  # ReadResult
    card_read = Signal(str, object)  # (role_key, Citizen) for the forms screen
    read_failed = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        trust_dir: Path | None = None,
        kiosk_mode: bool = False,
        reader: str | None = None,
        default_key_text: str | None = None,
        monitor: bool = True,
    ) -> None:
        super().__init__(parent)
        self.trust_dir = trust_dir
        self.reader = reader
        self.kiosk_mode = kiosk_mode
        self.role_key = ""
        self.key: AccessKey | None = None
        self.monitor_state: MonitorState | None = None
        self._thread: QThread | None = None
        self._worker: ReadWorker | None = None
        self._card_reader: str | None = None
        self.bridge = MonitorBridge(self) if monitor else None
        if self.bridge:
            self.bridge.state_changed.connect(self.on_monitor_state)

        self.state = QLabel(state_text(ServiceState.NO_SERVICE.value), self)
        self.state.setWordWrap(True)
        self.state.setAccessibleName(self.tr("Card reader state"))
        # Style sheets take px or pt, not %: the reader state is the line read from afar.
        self.state.setStyleSheet(f"font-size: {26 if high_contrast() else 18}px; font-weight: bold;")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Card reading message"))

        self.key_entry = KeyEntry(self, kiosk_mode=kiosk_mode)
        self.key_entry.key_ready.connect(self.set_key_and_read)
        self.key_entry.use.hide()  # the panel's own "Read the card" button submits the key
        if not kiosk_mode:  # touch-sized fields need the full height
            self.key_entry.tabs.setMaximumHeight(170)
        if default_key_text:
            self.key_entry.set_text(default_key_text)

        self.read_button = QPushButton(self.tr("Read the card"), self)
        self.read_button.setAccessibleName(self.tr("Read the card now"))
        self.read_button.clicked.connect(self.key_entry.submit)
        self.read_button.setMinimumHeight(MIN_TOUCH)

        progress = QWidget(self)
        # Shown only while a read runs (and after a failed one): once the card is read, the
        # space goes to the citizen's data, which is what the officer checks next.
        progress.setVisible(False)
        self.progress_box = progress
        grid = QGridLayout(progress)
        self.bars: dict[str, QProgressBar] = {}
        for i, name in enumerate(FILES):
            bar = QProgressBar(progress)
            bar.setRange(0, 1)
            bar.setValue(0)
            bar.setAccessibleName(self.tr("Progress of %1").replace("%1", name))
            grid.addWidget(QLabel(name, progress), i, 0)
            grid.addWidget(bar, i, 1)
            self.bars[name] = bar

        self.photo = QLabel(self)
        self.photo.setFixedSize(180, 240)
        self.photo.setStyleSheet(
            "border: 3px solid #FFFFFF; background: #000000;"
            if high_contrast()
            else "border: 1px solid #999; background: #eee;"
        )
        self.photo.setAccessibleName(self.tr("Photo from the chip (sensitive)"))
        self.badges = VerificationBadges(self)
        self.citizen_view = CitizenView(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.citizen_view)

        top = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.state)
        left.addWidget(self.message)
        left.addWidget(self.key_entry)
        left.addWidget(self.read_button)
        left.addWidget(progress)
        top.addLayout(left, 2)
        top.addWidget(self.photo)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.badges)
        layout.addWidget(scroll, 1)

    # -- life cycle ----------------------------------------------------------------------------
    def start(self) -> None:
        if self.bridge:
            self.bridge.start()

    def stop(self) -> None:
        if self.bridge:
            self.bridge.stop()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait(10000)

    def clear(self) -> None:
        """Drop every personal value shown (the citizen's session ended)."""
        self.key = None
        self.key_entry.clear()
        self.citizen_view.clear()
        self.badges.clear()
        self.photo.clear()
        self.message.clear()
        self.progress_box.setVisible(False)
        for bar in self.bars.values():
            bar.setRange(0, 1)
            bar.setValue(0)

    # -- API for other screens ---------------------------------------------------------------
    def read_for_role(self, role_key: str) -> None:
        """The forms screen asks for a card for one role (e.g. "mother")."""
        self.role_key = role_key
        self.message.setText(self.tr("Place the ID card of the person for this part of the form."))
        if self.key is not None and self._card_present():
            self.read_now()

    def set_key_and_read(self, key: AccessKey) -> None:
        self.key = key
        self.read_now()

    # -- monitor -------------------------------------------------------------------------------
    def _card_present(self) -> bool:
        st = self.monitor_state
        return st is None or st.first_with_card() is not None

    def on_monitor_state(self, st: MonitorState) -> None:
        prev = self.monitor_state
        self.monitor_state = st
        self.state.setText(state_text(st.summary))
        self.state.setAccessibleDescription(self.state.text())
        became_ready = st.summary == ReaderState.EMRTD.value and (prev is None or prev.summary != st.summary)
        if became_ready and self.key is not None and self._thread is None:
            self.read_now()

    # -- reading -------------------------------------------------------------------------------
    def read_if_ready(self) -> None:
        """Read now if a key is known and a card lies on a reader (e.g. consent just given)."""
        if self.key is not None and self._card_present():
            self.read_now()

    def read_now(self) -> None:
        # A disabled panel means the citizen has not consented yet: no chip access at all,
        # even when the monitor reports a card and a key is already known.
        if self._thread is not None or self.key is None or not self.isEnabled():
            return
        for bar in self.bars.values():
            bar.setRange(0, 1)
            bar.setValue(0)
        self.progress_box.setVisible(True)
        self.badges.clear()
        self.message.setText(self.tr("Reading the card… keep it still on the reader."))
        self.read_button.setEnabled(False)
        reader = self.reader or (self.monitor_state.first_with_card() if self.monitor_state else None)
        self._card_reader = reader
        if self.bridge and reader:
            self.bridge.mark(reader, ReaderState.READING)
        worker = ReadWorker(reader, self.key, self.trust_dir)
        worker.progress.connect(self.on_event)
        worker.finished.connect(self.on_finished)
        worker.failed.connect(self.on_failed)
        self._worker = worker
        self._thread = start_read(self, worker)
        self._thread.finished.connect(self._thread_done)

    def _thread_done(self) -> None:
        if self._thread is not None:
            self._thread.wait()  # "finished" is emitted just before the thread really ends
            self._thread.deleteLater()
        self._thread = None
        self._worker = None
        self.read_button.setEnabled(True)

    def on_event(self, e: ReadEvent) -> None:
        if e.kind == "progress" and e.file in self.bars:
            bar = self.bars[e.file]
            total = e.total or max(e.done, 1)
            bar.setRange(0, total)
            bar.setValue(e.done)
        elif e.kind == "data" and e.citizen is not None:
            # First data: the officer sees the identity before the photo arrives.
            self.citizen_view.show_citizen(e.citizen)
        elif e.kind == "photo" and e.photo_jpeg:
            pix = QPixmap()
            pix.loadFromData(e.photo_jpeg, "JPEG")
            self.photo.setPixmap(pix.scaled(self.photo.size()))
        elif e.kind == "verification" and e.verification is not None:
            self.badges.show(e.verification)

    def on_finished(self, result: ReadResult) -> None:
        self.progress_box.setVisible(False)
        self.citizen_view.show_citizen(result.citizen)
        self.badges.show(result.verification)
        self.message.setText(
            self.tr("Read with %1 in %2 ms.")
            .replace("%1", result.access_control)
            .replace("%2", f"{result.stats.ms_total:.0f}")
        )
        if self.bridge and self._card_reader:
            self.bridge.mark(self._card_reader, ReaderState.READ_OK)
        # The key belonged to this card: the next card placed must not be tried with it.
        self.key = None
        self.result_ready.emit(result)
        self.card_read.emit(self.role_key, result.citizen)

    def on_failed(self, kind: str, message: str) -> None:
        message = card_error_text(kind, message)
        self.message.setText(message)
        if self.bridge and self._card_reader:
            self.bridge.mark(self._card_reader, ReaderState.READ_FAILED)
        self.read_failed.emit(message)
