"""Service picker: search the catalogue; linked bundles and the essential services come first."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from kiosk.forms.catalogue import Catalogue
from kiosk.forms.schema import BundleDef, FormDef

ITEM_ID_ROLE = Qt.ItemDataRole.UserRole


class ServicePicker(QWidget):
    """``chosen(item_id)`` is emitted when a form or bundle is picked (Enter, double click or tap)."""

    chosen = Signal(str)

    def __init__(
        self,
        catalogue: Catalogue,
        *,
        language: str = "vi",
        kiosk_mode: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.catalogue, self.language, self.kiosk_mode = catalogue, language, kiosk_mode
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search services (diacritics optional)…"))
        self.search.setAccessibleName(self.tr("Search services"))
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Services"))
        self.list.setWordWrap(True)
        self.hint = QLabel(self.tr("Linked bundles and the 25 essential services are listed first."))
        self.hint.setAccessibleName(self.tr("Hint"))
        self.hint.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(self.search)
        lay.addWidget(self.hint)
        lay.addWidget(self.list, 1)
        if kiosk_mode:
            for w in (self.search, self.list):
                w.setMinimumHeight(48)
            self.list.setStyleSheet("QListWidget::item { min-height: 56px; }")
        self.search.textChanged.connect(self.refresh)
        self.search.returnPressed.connect(self._choose_current)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._clicked)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for item in self.catalogue.search(self.search.text()):
            self.list.addItem(self._make_item(item))
        if self.list.count():
            self.list.setCurrentRow(0)

    def _make_item(self, item: FormDef | BundleDef) -> QListWidgetItem:
        en = self.language == "en"
        if isinstance(item, BundleDef):
            prefix = self.tr("Bundle")
            title = item.title.get(self.language)
        else:
            prefix = item.form_code or item.id
            service = item.service or item.title
            title = f"{service.get(self.language)}: {item.title.en if en else item.title.vi.capitalize()}"
        star = " ★" if item.essential else ""
        w = QListWidgetItem(f"[{prefix}] {title}{star}")
        w.setData(ITEM_ID_ROLE, item.id)
        w.setToolTip(item.legal_basis)
        return w

    def _activated(self, item: QListWidgetItem) -> None:
        self.chosen.emit(str(item.data(ITEM_ID_ROLE)))

    def _clicked(self, item: QListWidgetItem) -> None:
        if self.kiosk_mode:  # one tap on a touch screen
            self._activated(item)

    def _choose_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self._activated(item)
