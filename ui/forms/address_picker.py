"""Offline address picker: current province -> commune (search without diacritics) + street."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.forms.addresses import AdminUnits, Unit, admin_units, format_address

CODE_ROLE = Qt.ItemDataRole.UserRole


class AddressPicker(QWidget):
    """``address_changed(text)`` whenever the composed address changes; ``address()`` reads it."""

    address_changed = Signal(str)

    def __init__(
        self, units: AdminUnits | None = None, *, kiosk_mode: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.units = units or admin_units()
        self.province = QComboBox()
        self.province.setAccessibleName(self.tr("Province or city"))
        self.province.addItem(self.tr("All provinces"), "")
        for p in self.units.provinces():
            self.province.addItem(p.name, p.code)
        self.search = QLineEdit()
        self.search.setAccessibleName(self.tr("Search commune or ward"))
        self.search.setPlaceholderText(self.tr("Commune or ward (diacritics optional)…"))
        self.communes = QListWidget()
        self.communes.setAccessibleName(self.tr("Communes and wards"))
        self.street = QLineEdit()
        self.street.setAccessibleName(self.tr("House number, street, village"))
        form = QFormLayout()
        form.addRow(self.tr("Province/city"), self.province)
        form.addRow(self.tr("Commune/ward"), self.search)
        form.addRow("", self.communes)
        form.addRow(self.tr("House, street, village"), self.street)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        if kiosk_mode:
            for w in (self.province, self.search, self.street):
                w.setMinimumHeight(48)
        self.province.currentIndexChanged.connect(self.refresh)
        self.search.textChanged.connect(self.refresh)
        self.communes.currentItemChanged.connect(lambda *_: self._emit())
        self.street.textChanged.connect(lambda *_: self._emit())
        self.refresh()

    def refresh(self) -> None:
        code = self.province.currentData() or None
        query = self.search.text()
        items = (
            self.units.search(query, code, limit=200)
            if query.strip()
            else (self.units.communes(code) if code else [])
        )
        self.communes.clear()
        for c in items:
            p = self.units.province(c.province_code)
            it = QListWidgetItem(f"{c.name} — {p.name}")
            it.setData(CODE_ROLE, c.code)
            self.communes.addItem(it)
        if self.communes.count():
            self.communes.setCurrentRow(0)
        self._emit()

    def commune(self) -> Unit | None:
        item = self.communes.currentItem()
        return self.units.commune(str(item.data(CODE_ROLE))) if item is not None else None

    def address(self) -> str:
        c = self.commune()
        if c is None:
            return ""
        return format_address(self.street.text(), c, self.units.province(c.province_code))

    def _emit(self) -> None:
        self.address_changed.emit(self.address())


class AddressPickerDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, *, kiosk_mode: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Pick an address"))
        self.picker = AddressPicker(kiosk_mode=kiosk_mode)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        for b in buttons.buttons():
            b.setAccessibleName(b.text())
        lay = QVBoxLayout(self)
        lay.addWidget(self.picker)
        lay.addWidget(buttons)
