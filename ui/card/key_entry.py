"""Key entry: QR scan (keyboard-wedge scanners type the QR text then Enter), ID, ID + dates, MRZ."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.card.keys import AccessKey
from kiosk.errors import KioskError
from ui.errors import error_text
from ui.theme import colour

MIN_TOUCH = 48


class KeyEntry(QWidget):
    key_ready = Signal(object)  # AccessKey

    def __init__(self, parent: QWidget | None = None, *, kiosk_mode: bool = False) -> None:
        super().__init__(parent)
        self.kiosk_mode = kiosk_mode
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("How to unlock the card"))

        # QR / ID quick entry: one field; a scanner types the QR text and presses Enter.
        quick = QWidget()
        ql = QVBoxLayout(quick)
        self.quick = QLineEdit(quick)
        self.quick.setPlaceholderText(self.tr("Scan the QR code on the card, or type the 12-digit ID number"))
        self.quick.setAccessibleName(self.tr("QR code or ID number"))
        self.quick.returnPressed.connect(self._submit_quick)
        ql.addWidget(self.quick)
        ql.addStretch(1)
        self.tabs.addTab(quick, self.tr("QR / ID"))

        # ID + dates (BAC on cards without PACE).
        dates = QWidget()
        fl = QFormLayout(dates)
        self.id_edit = QLineEdit(dates)
        self.id_edit.setAccessibleName(self.tr("ID number"))
        self.id_edit.setMaxLength(12)
        self.dob = QDateEdit(dates)
        self.dob.setDisplayFormat("dd/MM/yyyy")
        self.dob.setCalendarPopup(True)
        self.dob.setDate(QDate(1990, 1, 1))
        self.dob.setAccessibleName(self.tr("Date of birth"))
        self.expiry = QDateEdit(dates)
        self.expiry.setDisplayFormat("dd/MM/yyyy")
        self.expiry.setCalendarPopup(True)
        self.expiry.setDate(QDate.currentDate().addYears(5))
        self.expiry.setAccessibleName(self.tr("Expiry date"))
        self.no_expiry = QCheckBox(self.tr("No expiry (Không thời hạn)"), dates)
        self.no_expiry.setAccessibleName(self.tr("The card has no expiry date"))
        self.no_expiry.toggled.connect(lambda on: self.expiry.setEnabled(not on))
        fl.addRow(self.tr("ID number"), self.id_edit)
        fl.addRow(self.tr("Date of birth"), self.dob)
        fl.addRow(self.tr("Expiry date"), self.expiry)
        fl.addRow("", self.no_expiry)
        self.tabs.addTab(dates, self.tr("ID and dates"))

        # MRZ typed from the back of the card (OCR-style confusions are repaired).
        mrz = QWidget()
        ml = QVBoxLayout(mrz)
        self.mrz = QPlainTextEdit(mrz)
        self.mrz.setPlaceholderText(self.tr("The 3 lines at the bottom of the back of the card"))
        self.mrz.setAccessibleName(self.tr("Machine-readable zone"))
        self.mrz.setTabChangesFocus(True)
        ml.addWidget(self.mrz)
        self.tabs.addTab(mrz, self.tr("MRZ"))

        self.use = QPushButton(self.tr("Use this key"), self)
        self.use.setAccessibleName(self.tr("Use this key to read the card"))
        self.use.clicked.connect(self.submit)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setAccessibleName(self.tr("Key entry problem"))
        self.error.setStyleSheet(f"color: {colour('error')};")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        layout.addWidget(self.use)
        layout.addWidget(self.error)
        if kiosk_mode:
            for w in (self.quick, self.id_edit, self.dob, self.expiry, self.use, self.no_expiry):
                w.setMinimumHeight(MIN_TOUCH)

    def set_text(self, text: str) -> None:
        self.tabs.setCurrentIndex(0)
        self.quick.setText(text)

    def _submit_quick(self) -> None:
        self.submit()

    def current_key(self) -> AccessKey:
        idx = self.tabs.currentIndex()
        if idx == 0:
            return AccessKey.parse(self.quick.text())
        if idx == 1:
            expiry = None if self.no_expiry.isChecked() else self.expiry.date().toString("yyyy-MM-dd")
            return AccessKey.from_id_dob_expiry(
                self.id_edit.text(), self.dob.date().toString("yyyy-MM-dd"), expiry
            )
        return AccessKey.from_mrz(self.mrz.toPlainText())

    def submit(self) -> None:
        try:
            key = self.current_key()
        except KioskError as err:
            self.error.setText(error_text(err))
            return
        self.error.clear()
        self.key_ready.emit(key)

    def clear(self) -> None:
        self.quick.clear()
        self.id_edit.clear()
        self.mrz.clear()
        self.error.clear()
        self.no_expiry.setChecked(False)

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.tabs.currentIndex() == 1:
            self.submit()
            return
        super().keyPressEvent(event)
