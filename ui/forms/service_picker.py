"""Service picker: search the catalogue; linked bundles and the essential services come first."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from kiosk.forms.catalogue import Catalogue, essential_services
from kiosk.forms.schema import BundleDef, FormDef
from kiosk.privacy import fold

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
        self.services = essential_services()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search services (diacritics optional)…"))
        self.search.setAccessibleName(self.tr("Search services"))
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Services"))
        self.list.setWordWrap(True)
        self.hint = QLabel(
            self.tr("Choose your service. Services not listed here are handled at the counter.")
            if kiosk_mode
            else self.tr("Linked bundles and the 25 essential services are listed first.")
        )
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
        """Essential services in their official order, then other forms.

        Services without a form are shown greyed so the officer knows to use the paper form; a
        kiosk leaves them out, as a citizen cannot act on them (and a touch screen has no tooltip
        to say why a line does not respond).
        """
        self.list.clear()
        words = fold(self.search.text()).split()
        linked: set[str] = set()
        for svc in self.services:
            linked.update(svc.forms)
            hay = fold(" ".join([svc.vi, svc.en, *svc.forms]))
            if not all(w in hay for w in words) or (self.kiosk_mode and not svc.forms):
                continue
            title = svc.en if self.language == "en" else svc.vi
            item = QListWidgetItem(f"★ {svc.number}. {title}")
            if svc.forms:
                item.setData(ITEM_ID_ROLE, svc.forms[0])
                item.setToolTip(", ".join(svc.forms))
            else:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(self.tr("No form in the catalogue yet: use the paper form"))
            self.list.addItem(item)
        for cat_item in self.catalogue.search(self.search.text()):
            if cat_item.id not in linked:
                self.list.addItem(self._make_item(cat_item))
        for i in range(self.list.count()):
            if self.list.item(i).flags() & Qt.ItemFlag.ItemIsEnabled:
                self.list.setCurrentRow(i)
                break

    def _make_item(self, item: FormDef | BundleDef) -> QListWidgetItem:
        if isinstance(item, BundleDef):
            prefix, title = self.tr("Bundle"), item.title.get(self.language)
        else:
            prefix = item.form_code or item.id
            service = item.service or item.title
            title = service.get(self.language)
        w = QListWidgetItem(f"[{prefix}] {title}")
        w.setData(ITEM_ID_ROLE, item.id)
        w.setToolTip(item.legal_basis)
        return w

    def _activated(self, item: QListWidgetItem) -> None:
        if item.data(ITEM_ID_ROLE):
            self.chosen.emit(str(item.data(ITEM_ID_ROLE)))

    def _clicked(self, item: QListWidgetItem) -> None:
        if self.kiosk_mode:  # one tap on a touch screen
            self._activated(item)

    def _choose_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self._activated(item)
